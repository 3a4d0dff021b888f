using BuyingJourney.Evidence;

namespace BuyingJourney.Phases;

/// <summary>
/// The journey status step of the fold, after the task and buying group steps: task evidence reopens a stalled, won
/// or lost journey; someone in a risk role back in the group ends the risk; then the signal's journey effect applies
/// (at risk only from open or at risk; a stall, win or loss from any status).
/// </summary>
internal static class JourneyStatusStep
{
    /// <summary>The status after the signal; <paramref name="changed"/> is true when any of the three moves changed it (even back to where it was).</summary>
    /// <param name="status">The status before the signal.</param>
    /// <param name="tally">The signal's evidence.</param>
    /// <param name="riskRoleInGroup">True when the signal named someone in a risk role who is in the buying group.</param>
    /// <param name="changed">True when the status moved.</param>
    public static JourneyStatus Next(JourneyStatus status, in TaskTally tally, bool riskRoleInGroup, out bool changed)
    {
        changed = false;
        if (tally.HasTaskEvidence && status is JourneyStatus.Stalled or JourneyStatus.Won or JourneyStatus.Lost)
        {
            status = JourneyStatus.Open;
            changed = true;
        }

        if (riskRoleInGroup && status == JourneyStatus.AtRisk && tally.Effect != JourneyEffect.AtRisk)
        {
            status = JourneyStatus.Open;
            changed = true;
        }

        var effect = tally.Effect switch
        {
            JourneyEffect.AtRisk when status is JourneyStatus.Open or JourneyStatus.AtRisk => JourneyStatus.AtRisk,
            JourneyEffect.Stall => JourneyStatus.Stalled,
            JourneyEffect.Won => JourneyStatus.Won,
            JourneyEffect.Lost => JourneyStatus.Lost,
            _ => status,
        };
        changed |= effect != status;
        return effect;
    }

    /// <summary>The status a journey effect that resets scores leads to (the reason of the tasks' reset names it).</summary>
    public static JourneyStatus ResetStatus(JourneyEffect effect) => effect switch
    {
        JourneyEffect.Stall => JourneyStatus.Stalled,
        JourneyEffect.Won => JourneyStatus.Won,
        _ => JourneyStatus.Lost,
    };
}
