using System;
using System.Linq;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stateless;
using Xunit;

namespace BuyingJourney.Tests.Phases;

/// <summary>
/// The compiled tables agree with the real Stateless machines they were compiled from: random trigger sequences, from
/// every start state, fired on the machine and looked up in the table, step by step. For the built-in task lifecycle,
/// the journey status lifecycle and a custom task lifecycle.
/// </summary>
public sealed class LifecyclePropertyTests
{
    /// <summary>Completion is final, Dormant needs reopen evidence, and a journey effect sends every task back to NotStarted.</summary>
    private static readonly RowChange[] Custom =
    [
        new(TaskPhase.Completed, TaskTrigger.ReachesReopen, null),
        new(TaskPhase.Dormant, TaskTrigger.ReachesActivation, null),
        new(TaskPhase.Active, TaskTrigger.JourneyEffect, TaskPhase.NotStarted, "reset"),
        new(TaskPhase.Dormant, TaskTrigger.JourneyEffect, TaskPhase.NotStarted, "reset"),
        new(TaskPhase.NotStarted, TaskTrigger.BelowActivation, TaskPhase.NotStarted, "noticed"),
    ];

    private static readonly TaskLifecycleTable CustomTable = new BuyingModel("custom", [new TaskDefinition("t", "T", "Q?")], taskLifecycle: LifecycleDeclarations.Machine(TaskPhase.NotStarted, Custom)).Lifecycle;

    [Property]
    public Property BuiltInTaskLifecycle_AnyTriggers_TableAgreesWithStatelessOnEveryStep()
        => Check(5, 6, (start, triggers) => AgreeOnTasks(TaskLifecycleTable.BuiltIn, BuiltInTaskLifecycle.Configure, start, triggers));

    [Property]
    public Property CustomTaskLifecycle_AnyTriggers_TableAgreesWithStatelessOnEveryStep()
        => Check(5, 6, (start, triggers) => AgreeOnTasks(CustomTable, machine => LifecycleDeclarations.Declare(machine, Custom), start, triggers));

    [Property]
    public Property JourneyStatusLifecycle_AnyTriggers_TableAgreesWithStatelessOnEveryStep()
        => Check(5, 6, static (start, triggers) =>
        {
            var status = (JourneyStatus)start;
            var machine = new StateMachine<JourneyStatus, JourneyStatusTrigger>(() => status, s => status = s);
            JourneyStatusLifecycle.Configure(machine);
            var expected = status;
            foreach (var trigger in triggers.Select(static t => (JourneyStatusTrigger)t))
            {
                var from = expected;
                expected = JourneyStatusLifecycle.Next(from, trigger);
                machine.Fire(trigger);
                Assert.True(machine.State == expected, $"from {from} on {trigger}: Stateless says {machine.State}, the table {expected}");
            }
        });

    [Fact]
    public void CustomTable_DiffersFromTheBuiltInWhereDeclared()
    {
        Assert.Equal(TaskPhase.Completed, CustomTable.Next(TaskPhase.Completed, TaskTrigger.ReachesReopen));
        Assert.Equal(TaskPhase.Dormant, CustomTable.Next(TaskPhase.Dormant, TaskTrigger.ReachesActivation));
        Assert.Equal(TaskPhase.NotStarted, CustomTable.Next(TaskPhase.Active, TaskTrigger.JourneyEffect));
        Assert.Equal(LifecycleRowKind.Reentry, CustomTable.Row(TaskPhase.NotStarted, TaskTrigger.BelowActivation).Kind);
    }

    /// <summary>Fires each trigger on a machine that starts in <paramref name="start"/>; after each, its state must be the table's.</summary>
    private static void AgreeOnTasks(TaskLifecycleTable table, Action<StateMachine<TaskPhase, TaskTrigger>> declare, int start, int[] triggers)
    {
        var phase = (TaskPhase)start;
        var machine = new StateMachine<TaskPhase, TaskTrigger>(() => phase, p => phase = p);
        declare(machine);
        var fired = false;
        machine.OnTransitioned(_ => fired = true);
        var expected = phase;
        foreach (var trigger in triggers.Select(static t => (TaskTrigger)t))
        {
            var from = expected;
            expected = table.Next(from, trigger);
            fired = false;
            machine.Fire(trigger);
            Assert.True(machine.State == expected, $"from {from} on {trigger}: Stateless says {machine.State}, the table {expected}");
            Assert.Equal(table.Row(from, trigger).Kind != LifecycleRowKind.Ignore, fired);
        }
    }

    private static Property Check(int states, int triggers, Action<int, int[]> law)
        => Prop.ForAll(LifecycleArbitraries.Starts(states), LifecycleArbitraries.Triggers(triggers), law);
}

/// <summary>Generators for lifecycle runs: a start state and a trigger sequence, as enum values.</summary>
internal static class LifecycleArbitraries
{
    /// <summary>Any of the <paramref name="states"/> states (0 to states - 1).</summary>
    public static Arbitrary<int> Starts(int states) => Arb.From(Gen.Choose(0, states - 1));

    /// <summary>Sequences of triggers (0 to triggers - 1), from empty up to FsCheck's size; the seed of a failure is printed, so it replays.</summary>
    public static Arbitrary<int[]> Triggers(int triggers) => Arb.From(Gen.ArrayOf(Gen.Choose(0, triggers - 1)));
}
