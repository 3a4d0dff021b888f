using System;

namespace BuyingJourney.Phases;

/// <summary>
/// A phase change as the task step notes it: small and without text, so a fold step that is explained only when
/// someone reads the explanation does not format reasons it never shows (<see cref="ToTransition"/> makes the
/// public <see cref="TaskTransition"/>).
/// </summary>
internal readonly struct TransitionNote
{
    public TransitionNote(int task, TaskPhase from, TaskPhase to, long ticks, TaskTrigger trigger, bool backToEarlierStage, double score, JourneyStatus status)
    {
        Task = task;
        From = from;
        To = to;
        Ticks = ticks;
        Trigger = trigger;
        BackToEarlierStage = backToEarlierStage;
        Score = score;
        Status = status;
    }

    /// <summary>The task's model index.</summary>
    public int Task { get; }

    public TaskPhase From { get; }

    public TaskPhase To { get; }

    /// <summary>When the change happened (a decay: when the score crossed the threshold).</summary>
    public long Ticks { get; }

    /// <summary>The trigger whose row made the change.</summary>
    public TaskTrigger Trigger { get; }

    /// <summary>True when an ordered model's task became active while a later stage was active or completed.</summary>
    public bool BackToEarlierStage { get; }

    /// <summary>The score after the evidence (an evidence row's reason quotes it).</summary>
    public double Score { get; }

    /// <summary>The journey's status a reset is named after.</summary>
    public JourneyStatus Status { get; }

    /// <summary>The public transition: its cause, reason and loop-back flag from the row of the lifecycle.</summary>
    /// <param name="lifecycle">The model's task lifecycle.</param>
    /// <param name="taskIds">The model's task ids, in model order.</param>
    /// <param name="signalId">The signal of the step (decay names none).</param>
    public TaskTransition ToTransition(TaskLifecycleTable lifecycle, ReadOnlySpan<string> taskIds, string signalId)
    {
        var cause = TaskLifecycleTable.CauseOf(Trigger);
        var reason = lifecycle.Reason(From, Trigger, Score, Status);
        return new(
            taskIds[Task],
            From,
            To,
            new DateTimeOffset(Ticks, TimeSpan.Zero),
            cause,
            cause == TransitionCause.Decay ? null : signalId,
            BackToEarlierStage ? reason + "; a return to an earlier stage (loop-back)" : reason,
            lifecycle.IsLoopBack(From, Trigger));
    }
}
