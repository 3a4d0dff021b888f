namespace BuyingJourney.Journeys;

/// <summary>The state of the whole journey.</summary>
public enum JourneyStatus : byte
{
    /// <summary>The customer is buying (or has not started yet).</summary>
    Open = 0,

    /// <summary>The purchase is on hold (budget frozen, project postponed). The next signal that carries task evidence reopens it.</summary>
    Stalled = 1,

    /// <summary>The customer bought. The next signal that carries task evidence starts a new round (status Open).</summary>
    Won = 2,

    /// <summary>The customer chose someone else or decided to do without. The next signal that carries task evidence reopens it.</summary>
    Lost = 3,
}
