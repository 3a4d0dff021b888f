namespace BuyingJourney.Phases;

/// <summary>The state of the whole journey.</summary>
public enum JourneyStatus : byte
{
    /// <summary>The customer is buying (or has not started yet).</summary>
    Open = 0,

    /// <summary>The purchase is on hold (budget frozen, project postponed). The next signal that carries task evidence reopens it.</summary>
    Stalled = 1,

    /// <summary>
    /// The customer bought. Only evidence that actually starts, reopens or completes a task (a new problem statement, a
    /// new RFP) starts a new round (status Open); a weaker touch (a newsletter read, a general inquiry) is applied but the
    /// journey stays won (<c>JourneyAssessment.StatusNote</c> says so).
    /// </summary>
    Won = 2,

    /// <summary>
    /// The customer chose someone else or decided to do without. As for <see cref="Won"/>, only evidence that actually
    /// starts, reopens or completes a task reopens it; a weaker touch is applied and the journey stays lost.
    /// </summary>
    Lost = 3,

    /// <summary>
    /// The customer is still buying, but someone in a risk role (by default the decision maker) left the buying group:
    /// a new round starts. Scores stay; the status returns to <see cref="Open"/> when a signal names someone in a risk role
    /// who is in the group. See <c>BuyingGroupDefinition.RiskRoles</c>.
    /// </summary>
    AtRisk = 4,
}
