using System;
using System.Globalization;
using BuyingJourney.Journeys;
using Stateless;
using Stateless.Reflection;

namespace BuyingJourney.Phases;

/// <summary>
/// A task lifecycle compiled from its Stateless declaration (<see cref="StateMachine{TState, TTrigger}.GetInfo"/>):
/// the next phase for every phase and <see cref="TaskTrigger"/>, and per row its cause, loop-back flag and label.
/// Built once per model; every lookup is an array read.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed class TaskLifecycleTable
{
    // Static readonly, so the JIT folds them into the lookups like constants.
    private static readonly int Phases = Enum.GetValues<TaskPhase>().Length;
    private static readonly int Triggers = Enum.GetValues<TaskTrigger>().Length;

    private readonly LifecycleTable _table;

    // The hot-path copies of the table: the next phase and the loop-back flag of each cell (phase × triggers + trigger).
    private readonly byte[] _next;
    private readonly bool[] _loopBack;

    private TaskLifecycleTable(LifecycleTable table)
    {
        _table = table;
        _next = table.NextStates;
        _loopBack = new bool[_next.Length];
        foreach (var row in table.Rows)
        {
            _loopBack[(row.From * Triggers) + row.Trigger] = row.IsLoopBack;
        }
    }

    /// <summary>The built-in models' lifecycle (<see cref="BuiltInTaskLifecycle"/>).</summary>
    public static TaskLifecycleTable BuiltIn { get; } = Compile(BuiltInTaskLifecycle.Create(), "the built-in task lifecycle", "machine");

    /// <summary>What the table was compiled from, for Stateless's graph exports.</summary>
    public StateMachineInfo Info => _table.Info;

    /// <summary>The next phase: one array read.</summary>
    public TaskPhase Next(TaskPhase phase, TaskTrigger trigger) => (TaskPhase)_next[((int)phase * Triggers) + (int)trigger];

    /// <summary>The row of one phase and trigger.</summary>
    public ref readonly LifecycleRow Row(TaskPhase phase, TaskTrigger trigger) => ref _table.Row((int)phase, (int)trigger);

    /// <summary>Every row, phase by phase, trigger by trigger.</summary>
    public ReadOnlySpan<LifecycleRow> Rows => _table.Rows;

    /// <summary>True when the row of <paramref name="phase"/> and <paramref name="trigger"/> is a loop-back.</summary>
    public bool IsLoopBack(TaskPhase phase, TaskTrigger trigger) => _loopBack[((int)phase * Triggers) + (int)trigger];

    /// <summary>The cause every row of <paramref name="trigger"/> has (the convention documented on <see cref="TaskTrigger"/>).</summary>
    public static TransitionCause CauseOf(TaskTrigger trigger) => trigger switch
    {
        TaskTrigger.Completion => TransitionCause.Completion,
        TaskTrigger.Fade => TransitionCause.Decay,
        TaskTrigger.JourneyEffect => TransitionCause.JourneyEffect,
        _ => TransitionCause.Evidence,
    };

    /// <summary>The weight trigger for a score after weight was added: exact, since activation ≤ reopen (validated settings).</summary>
    public static TaskTrigger Classify(double score, in TaskParameters parameters)
        => score >= parameters.Reopen ? TaskTrigger.ReachesReopen
            : score >= parameters.Activation ? TaskTrigger.ReachesActivation
            : TaskTrigger.BelowActivation;

    /// <summary>
    /// The reason of the phase change of <paramref name="from"/> on <paramref name="trigger"/>: the row's label, plus
    /// the score after the evidence for an evidence row, or the journey's new status for a journey-effect row.
    /// </summary>
    public string Reason(TaskPhase from, TaskTrigger trigger, double score, JourneyStatus status)
    {
        var label = Row(from, trigger).Label;
        return CauseOf(trigger) switch
        {
            TransitionCause.Evidence => $"{label} (score {score.ToString("0.###", CultureInfo.InvariantCulture)})",
            TransitionCause.JourneyEffect => $"{label} (the journey is {status})",
            _ => label,
        };
    }

    /// <summary>
    /// Compiles and validates a declaration: besides the rules of <see cref="LifecycleTable.Compile"/>, Active and
    /// Revisiting (the phases the customer works on, which alone have a fade tick) leave for another phase on
    /// <see cref="TaskTrigger.Fade"/>, the other phases ignore it, and <see cref="TaskTrigger.JourneyEffect"/> leaves
    /// no task in Active or Revisiting.
    /// </summary>
    /// <exception cref="ArgumentException">The declaration breaks a rule; the message, prefixed with <paramref name="what"/>, names it.</exception>
    public static TaskLifecycleTable Compile(StateMachine<TaskPhase, TaskTrigger> machine, string what, string paramName)
    {
        var table = new TaskLifecycleTable(LifecycleTable.Compile<TaskPhase, TaskTrigger>(machine.GetInfo(), TaskPhase.NotStarted, what, paramName));
        for (var phase = TaskPhase.NotStarted; (int)phase < Phases; phase++)
        {
            var fade = table.Row(phase, TaskTrigger.Fade);
            if (TaskLifecycle.IsActive(phase) && (fade.Kind != LifecycleRowKind.Transition || TaskLifecycle.IsActive((TaskPhase)fade.To)))
            {
                throw new ArgumentException($"{what}: {phase} must leave for a phase the customer is not working on when its score fades ({nameof(TaskTrigger.Fade)}); it {Describe(fade)}.", paramName);
            }

            if (!TaskLifecycle.IsActive(phase) && fade.Kind != LifecycleRowKind.Ignore)
            {
                throw new ArgumentException($"{what}: {phase} has no fade tick, so it must ignore {nameof(TaskTrigger.Fade)}; it {Describe(fade)}.", paramName);
            }

            var reset = table.Row(phase, TaskTrigger.JourneyEffect);
            if (TaskLifecycle.IsActive((TaskPhase)reset.To))
            {
                throw new ArgumentException($"{what}: a stall, win or loss leaves no task active, but {phase} {Describe(reset)} on {nameof(TaskTrigger.JourneyEffect)}.", paramName);
            }
        }

        return table;
    }

    private static string Describe(in LifecycleRow row) => row.Kind switch
    {
        LifecycleRowKind.Ignore => "ignores it",
        LifecycleRowKind.Reentry => "re-enters itself",
        _ => $"goes to {(TaskPhase)row.To}",
    };
}
