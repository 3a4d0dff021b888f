using System;
using System.Collections.Generic;
using BuyingJourney.Phases;
using Stateless;

namespace BuyingJourney.Tests.Phases;

/// <summary>One row of a test declaration: <see cref="To"/> null is an ignore, <see cref="To"/> equal to <see cref="Phase"/> a re-entry.</summary>
internal readonly record struct RowChange(TaskPhase Phase, TaskTrigger Trigger, TaskPhase? To, string? Label = null, bool LoopBack = false);

/// <summary>Stateless task lifecycle declarations for tests: the built-in rows, read back from its compiled table, with some rows changed or left out.</summary>
internal static class LifecycleDeclarations
{
    private static readonly Func<bool> Always = static () => true;

    /// <summary>A machine starting in <paramref name="start"/>, declared like the built-in lifecycle except for <paramref name="changes"/>; <paramref name="omit"/> leaves one row undeclared.</summary>
    public static StateMachine<TaskPhase, TaskTrigger> Machine(TaskPhase start, IReadOnlyList<RowChange> changes, (TaskPhase, TaskTrigger)? omit = null)
    {
        var machine = new StateMachine<TaskPhase, TaskTrigger>(start);
        Declare(machine, changes, omit);
        return machine;
    }

    /// <summary>Declares the rows on <paramref name="machine"/>.</summary>
    public static void Declare(StateMachine<TaskPhase, TaskTrigger> machine, IReadOnlyList<RowChange> changes, (TaskPhase, TaskTrigger)? omit = null)
    {
        foreach (var row in TaskLifecycleTable.BuiltIn.Rows)
        {
            var phase = (TaskPhase)row.From;
            var trigger = (TaskTrigger)row.Trigger;
            if (omit == (phase, trigger))
            {
                continue;
            }

            var change = new RowChange(phase, trigger, row.Kind == LifecycleRowKind.Ignore ? null : (TaskPhase)row.To, row.Label, row.IsLoopBack);
            foreach (var candidate in changes)
            {
                if (candidate.Phase == phase && candidate.Trigger == trigger)
                {
                    change = candidate;
                }
            }

            Declare(machine.Configure(phase), change);
        }
    }

    private static void Declare(StateMachine<TaskPhase, TaskTrigger>.StateConfiguration state, RowChange row)
    {
        var guards = new List<Tuple<Func<bool>, string>>();
        if (row.Label is { } label && label != row.Trigger.ToString())
        {
            guards.Add(Tuple.Create(Always, label));
        }

        if (row.LoopBack)
        {
            guards.Add(Tuple.Create(Always, TaskLifecycles.LoopBack));
        }

        if (row.To is not { } to)
        {
            state.IgnoreIf(row.Trigger, [.. guards]);
        }
        else if (to == row.Phase)
        {
            state.PermitReentryIf(row.Trigger, [.. guards]);
        }
        else
        {
            state.PermitIf(row.Trigger, to, [.. guards]);
        }
    }
}
