namespace BuyingJourney.Persistence;

/// <summary>What <c>JourneyService.RecordAsync</c> did with one signal.</summary>
public enum RecordStatus
{
    /// <summary>Stored and folded into the journey in order.</summary>
    Applied = 0,

    /// <summary>A signal with this id was already stored (or came earlier in the same call); nothing changed.</summary>
    Duplicate = 1,

    /// <summary>Stored although it sorts before the journey's last signal; the journey was rebuilt so it equals the replay of all stored signals.</summary>
    LateRebuilt = 2,

    /// <summary>Stored, but a rule failed on it, so it adds no evidence until the rulebook is fixed and the journey replayed. The reason names the rule.</summary>
    RuleFailed = 3,

    /// <summary>Not stored: the signal is bad input (for instance, too far in the future). The reason says why.</summary>
    Refused = 4,
}
