using System;

namespace BuyingJourney.Phases;

/// <summary>One task changing phase, with its cause.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record TaskTransition
{
    /// <summary>A transition made by a lifecycle row; <paramref name="isLoopBack"/> is the row's flag (<see cref="TaskLifecycleTable.IsLoopBack"/>).</summary>
    internal TaskTransition(string taskId, TaskPhase from, TaskPhase to, DateTimeOffset at, TransitionCause cause, string? signalId, string reason, bool isLoopBack)
    {
        IsLoopBack = isLoopBack;
        TaskId = taskId;
        From = from;
        To = to;
        At = at;
        Cause = cause;
        SignalId = signalId;
        Reason = reason;
    }

    /// <summary>The task.</summary>
    public string TaskId { get; }

    /// <summary>The phase before.</summary>
    public TaskPhase From { get; }

    /// <summary>The phase after.</summary>
    public TaskPhase To { get; }

    /// <summary>When it happened. For decay, the moment the score crossed the dormancy threshold.</summary>
    public DateTimeOffset At { get; }

    /// <summary>Why it happened.</summary>
    public TransitionCause Cause { get; }

    /// <summary>The signal that caused it; null for decay.</summary>
    public string? SignalId { get; }

    /// <summary>A readable reason.</summary>
    public string Reason { get; }

    /// <summary>
    /// True when the lifecycle row that made this transition is marked a loop-back (<see cref="TaskLifecycles.LoopBack"/>):
    /// in the built-in lifecycle, Completed → Revisiting, the customer reopened a completed task. In an ordered model a
    /// return to an earlier stage (a task becoming active while a later one was active or completed) is a loop-back too;
    /// every loop-back, of either kind, is listed in <c>ApplyResult.LoopBacks</c> and <c>TraceStep.LoopBacks</c>.
    /// </summary>
    public bool IsLoopBack { get; }

    /// <summary>True for Dormant → Active: the customer picked the task up again (not a loop-back).</summary>
    public bool IsResumption => From == TaskPhase.Dormant && To == TaskPhase.Active;

    /// <summary>"SolutionExploration Active → Dormant (Decay)".</summary>
    public override string ToString() => $"{TaskId} {From} → {To} ({Cause})";
}
