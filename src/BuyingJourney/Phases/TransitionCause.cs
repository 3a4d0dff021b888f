namespace BuyingJourney.Phases;

/// <summary>Why a task changed phase.</summary>
public enum TransitionCause
{
    /// <summary>Weight evidence reached a threshold (activation, resumption, or a loop-back).</summary>
    Evidence = 0,

    /// <summary>Completion evidence.</summary>
    Completion = 1,

    /// <summary>The decayed score fell below the dormancy threshold (an active task went dormant, or a revisit fizzled).</summary>
    Decay = 2,

    /// <summary>A journey-wide effect (stall, won, lost) dropped every score to zero.</summary>
    JourneyEffect = 3,
}
