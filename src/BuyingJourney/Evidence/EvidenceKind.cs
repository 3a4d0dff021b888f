namespace BuyingJourney.Evidence;

/// <summary>What a piece of evidence does.</summary>
public enum EvidenceKind
{
    /// <summary>Adds weight to a task's score.</summary>
    Weight = 0,

    /// <summary>Completes a task (and resets its score to zero).</summary>
    Completion = 1,

    /// <summary>Changes the whole journey (stall, won, lost).</summary>
    JourneyEffect = 2,
}
