using System;
using Stateless;

namespace BuyingJourney.Phases;

/// <summary>
/// The task lifecycle of the built-in models, declared once: the table the fold reads, the reasons its transitions
/// give and the diagrams all come from this declaration (see <see cref="TaskLifecycleTable"/>).
/// </summary>
internal static class BuiltInTaskLifecycle
{
    public const string Activation = "evidence reached the activation threshold";
    public const string Resumption = "evidence resumed the task";
    public const string Reopen = "evidence after completion reached the reopen threshold";
    public const string Completion = "completion evidence";
    public const string Decay = "the score decayed below the dormancy threshold";
    public const string Reset = "a stall, win or loss dropped the score to zero";

    private static readonly Func<bool> Always = static () => true;

    /// <summary>A new machine in <see cref="TaskPhase.NotStarted"/>, configured with the built-in lifecycle.</summary>
    public static StateMachine<TaskPhase, TaskTrigger> Create()
    {
        var machine = new StateMachine<TaskPhase, TaskTrigger>(TaskPhase.NotStarted);
        Configure(machine);
        return machine;
    }

    /// <summary>Declares the built-in lifecycle on <paramref name="machine"/> (whatever state it is in).</summary>
    public static void Configure(StateMachine<TaskPhase, TaskTrigger> machine)
    {
        machine.Configure(TaskPhase.NotStarted)
            .Ignore(TaskTrigger.BelowActivation)
            .PermitIf(TaskTrigger.ReachesActivation, TaskPhase.Active, Always, Activation)
            .PermitIf(TaskTrigger.ReachesReopen, TaskPhase.Active, Always, Activation)
            .PermitIf(TaskTrigger.Completion, TaskPhase.Completed, Always, Completion)
            .Ignore(TaskTrigger.Fade)
            .Ignore(TaskTrigger.JourneyEffect);

        machine.Configure(TaskPhase.Active)
            .Ignore(TaskTrigger.BelowActivation)
            .Ignore(TaskTrigger.ReachesActivation)
            .Ignore(TaskTrigger.ReachesReopen)
            .PermitIf(TaskTrigger.Completion, TaskPhase.Completed, Always, Completion)
            .PermitIf(TaskTrigger.Fade, TaskPhase.Dormant, Always, Decay)
            .PermitIf(TaskTrigger.JourneyEffect, TaskPhase.Dormant, Always, Reset);

        machine.Configure(TaskPhase.Dormant)
            .Ignore(TaskTrigger.BelowActivation)
            .PermitIf(TaskTrigger.ReachesActivation, TaskPhase.Active, Always, Resumption)
            .PermitIf(TaskTrigger.ReachesReopen, TaskPhase.Active, Always, Resumption)
            .PermitIf(TaskTrigger.Completion, TaskPhase.Completed, Always, Completion)
            .Ignore(TaskTrigger.Fade)
            .Ignore(TaskTrigger.JourneyEffect);

        machine.Configure(TaskPhase.Completed)
            .Ignore(TaskTrigger.BelowActivation)
            .Ignore(TaskTrigger.ReachesActivation)
            .PermitIf(TaskTrigger.ReachesReopen, TaskPhase.Revisiting, Tuple.Create(Always, Reopen), Tuple.Create(Always, TaskLifecycles.LoopBack))
            .PermitReentryIf(TaskTrigger.Completion, Always, Completion)
            .Ignore(TaskTrigger.Fade)
            .Ignore(TaskTrigger.JourneyEffect);

        machine.Configure(TaskPhase.Revisiting)
            .Ignore(TaskTrigger.BelowActivation)
            .Ignore(TaskTrigger.ReachesActivation)
            .Ignore(TaskTrigger.ReachesReopen)
            .PermitIf(TaskTrigger.Completion, TaskPhase.Completed, Always, Completion)
            .PermitIf(TaskTrigger.Fade, TaskPhase.Completed, Always, Decay)
            .PermitIf(TaskTrigger.JourneyEffect, TaskPhase.Completed, Always, Reset);
    }
}
