namespace BuyingJourney.Evidence;

/// <summary>A change to the whole journey that a signal can carry.</summary>
public enum JourneyEffect
{
    /// <summary>No journey-wide change.</summary>
    None = 0,

    /// <summary>The purchase is on hold (budget frozen, project postponed): every task's score drops to zero and no task stays active.</summary>
    Stall = 1,

    /// <summary>The customer bought (order or contract signed).</summary>
    Won = 2,

    /// <summary>The customer chose a competitor or decided to do without.</summary>
    Lost = 3,

    /// <summary>The journey is at risk (a decision maker left): status <c>JourneyStatus.AtRisk</c>; scores and phases stay.</summary>
    AtRisk = 4,
}
