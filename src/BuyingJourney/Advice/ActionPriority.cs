namespace BuyingJourney.Advice;

/// <summary>How urgently the seller should act.</summary>
public enum ActionPriority
{
    /// <summary>Worth doing when there is time (re-engaging a dormant task).</summary>
    Low = 0,

    /// <summary>The normal next step for an active task.</summary>
    Medium = 1,

    /// <summary>Act now: the customer looped back, or the journey stalled.</summary>
    High = 2,
}
