namespace BuyingJourney.Persistence;

/// <summary>What a store did with one appended signal.</summary>
public enum AppendOutcome
{
    /// <summary>Stored with a new version.</summary>
    Appended = 0,

    /// <summary>The stream already held a signal with this id (or the batch held it earlier); nothing stored.</summary>
    Duplicate = 1,
}
