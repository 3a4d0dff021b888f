namespace BuyingJourney.Journeys;

/// <summary>What the engine did with one signal.</summary>
public enum SignalOutcome
{
    /// <summary>The signal was folded into the journey.</summary>
    Applied = 0,

    /// <summary>A signal with this id was already applied; nothing changed.</summary>
    Duplicate = 1,

    /// <summary>
    /// The signal sorts before the journey's last applied signal: it arrived late (or repeats an earlier
    /// signal). Nothing changed; rebuild the journey with <c>JourneyEngine.Replay</c> over all its signals.
    /// </summary>
    Late = 2,

    /// <summary>A rule threw, or produced evidence the engine cannot use (NaN or non-positive weight, unknown task); nothing changed. The reason names the rule.</summary>
    RuleFailed = 3,
}
