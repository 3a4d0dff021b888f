namespace BuyingJourney.Phases;

/// <summary>
/// What happened to one task, as the evidence step has already classified it: the input of the task lifecycle.
/// A lifecycle (see <c>BuyingModel</c>'s <c>taskLifecycle</c>) says, for every <see cref="TaskPhase"/> and every
/// trigger, the next phase. Each trigger has a fixed <see cref="TransitionCause"/>, named on each value.
/// </summary>
/// <remarks>
/// Weight evidence is classified by the task's score after the weight is added, into three disjoint bands. The
/// thresholds are validated as <c>DormancyThreshold</c> &lt; <c>ActivationThreshold</c> ≤ <c>ReopenThreshold</c>,
/// so the bands are exact: below activation, from activation up to (not including) reopen, and from reopen on.
/// When activation equals reopen the middle band is empty. A score that reaches reopen has reached activation too,
/// so a lifecycle gives <see cref="ReachesReopen"/> every move it gives <see cref="ReachesActivation"/> that should
/// also happen on stronger evidence.
/// </remarks>
public enum TaskTrigger : byte
{
    /// <summary>Weight evidence left the score below the activation threshold. Cause <see cref="TransitionCause.Evidence"/>.</summary>
    BelowActivation = 0,

    /// <summary>Weight evidence brought the score to at least the activation threshold, but below the reopen threshold. Cause <see cref="TransitionCause.Evidence"/>.</summary>
    ReachesActivation = 1,

    /// <summary>Weight evidence brought the score to at least the reopen threshold (and so the activation threshold). Cause <see cref="TransitionCause.Evidence"/>.</summary>
    ReachesReopen = 2,

    /// <summary>Completion evidence; the score drops to zero. Cause <see cref="TransitionCause.Completion"/>.</summary>
    Completion = 3,

    /// <summary>The decayed score fell below the dormancy threshold (fired only in <see cref="TaskPhase.Active"/> and <see cref="TaskPhase.Revisiting"/>, at the crossing tick). Cause <see cref="TransitionCause.Decay"/>.</summary>
    Fade = 4,

    /// <summary>The journey stalled, was won or was lost: the score drops to zero. Cause <see cref="TransitionCause.JourneyEffect"/>.</summary>
    JourneyEffect = 5,
}
