using System;
using System.Globalization;

namespace BuyingJourney.Phases;

/// <summary>
/// A phase change as the task step notes it: small and without text, so a fold step that is explained only when
/// someone reads the explanation does not format reasons it never shows (<see cref="ToTransition"/> makes the
/// public <see cref="TaskTransition"/>).
/// </summary>
internal readonly struct TransitionNote
{
    public TransitionNote(int task, TaskPhase from, TaskPhase to, long ticks, TransitionCause cause, TransitionReason reason, double score, JourneyStatus status)
    {
        Task = task;
        From = from;
        To = to;
        Ticks = ticks;
        Cause = cause;
        Reason = reason;
        Score = score;
        Status = status;
    }

    /// <summary>The task's model index.</summary>
    public int Task { get; }

    public TaskPhase From { get; }

    public TaskPhase To { get; }

    /// <summary>When the change happened (a decay: when the score crossed the threshold).</summary>
    public long Ticks { get; }

    public TransitionCause Cause { get; }

    public TransitionReason Reason { get; }

    /// <summary>The score after the evidence (for the reasons that quote it).</summary>
    public double Score { get; }

    /// <summary>The journey's status a reset is named after.</summary>
    public JourneyStatus Status { get; }

    /// <summary>The public transition, its reason in words.</summary>
    /// <param name="taskIds">The model's task ids, in model order.</param>
    /// <param name="signalId">The signal of the step (decay names none).</param>
    public TaskTransition ToTransition(ReadOnlySpan<string> taskIds, string signalId)
        => new(taskIds[Task], From, To, new DateTimeOffset(Ticks, TimeSpan.Zero), Cause, Cause == TransitionCause.Decay ? null : signalId, Text());

    private string Text()
    {
        var score = Score.ToString("0.###", CultureInfo.InvariantCulture);
        return Reason switch
        {
            TransitionReason.Decay => "the score decayed below the dormancy threshold",
            TransitionReason.Reopen => $"evidence after completion reached the reopen threshold (score {score})",
            TransitionReason.Resumption => $"evidence resumed the task (score {score})",
            TransitionReason.Activation => $"evidence reached the activation threshold (score {score})",
            TransitionReason.ActivationBackToEarlierStage => $"evidence reached the activation threshold (score {score}); a return to an earlier stage (loop-back)",
            TransitionReason.ResumptionBackToEarlierStage => $"evidence resumed the task (score {score}); a return to an earlier stage (loop-back)",
            TransitionReason.Completion => "completion evidence",
            _ => $"the journey is {Status}",
        };
    }
}

/// <summary>Why a task changed phase (the words are made when a <see cref="TransitionNote"/> is read).</summary>
internal enum TransitionReason : byte
{
    Decay,
    Activation,
    Resumption,
    Reopen,
    ActivationBackToEarlierStage,
    ResumptionBackToEarlierStage,
    Completion,
    Reset,
}
