using BuyingJourney.Evidence;

namespace BuyingJourney.Phases;

/// <summary>
/// The journey status step of the fold, after the task and buying group steps: it classifies what the signal did to
/// the journey as a whole into <see cref="JourneyStatusTrigger"/>s and fires them, in order, on the compiled
/// <see cref="JourneyStatusLifecycle"/>: task evidence (reopening, or a weaker touch), someone in a risk role back in
/// the group, the journey effect.
/// </summary>
/// <remarks>
/// Task evidence is reopening when the signal completes a task or its weight moved a task's phase (the task step's
/// <see cref="TaskStepResult.WeightMoved"/>: started, resumed or reopened it), so a closed journey never has an active task.
/// Anything weaker is a touch: applied (its weight counts, and touches add up), but a won or lost journey stays closed.
/// </remarks>
internal static class JourneyStatusStep
{
    /// <summary>The status after the signal; <paramref name="changed"/> is true when any row changed it (even back to where it was).</summary>
    /// <param name="status">The status before the signal.</param>
    /// <param name="tally">The signal's evidence.</param>
    /// <param name="weightMoved">The tasks whose phase the signal's weight changed (<see cref="TaskStepResult.WeightMoved"/>).</param>
    /// <param name="riskRoleInGroup">True when the signal named someone in a risk role who is in the buying group.</param>
    /// <param name="changed">True when the status moved.</param>
    public static JourneyStatus Next(JourneyStatus status, in TaskTally tally, uint weightMoved, bool riskRoleInGroup, out bool changed)
    {
        changed = false;
        if (tally.HasTaskEvidence)
        {
            var evidence = (tally.Completed | weightMoved) != 0 ? JourneyStatusTrigger.ReopeningEvidence : JourneyStatusTrigger.TaskEvidence;
            changed |= JourneyStatusLifecycle.TryNext(status, evidence, out status);
        }

        // An at-risk signal that names someone in a risk role keeps the journey at risk (its own effect wins).
        if (riskRoleInGroup && tally.Effect != JourneyEffect.AtRisk)
        {
            changed |= JourneyStatusLifecycle.TryNext(status, JourneyStatusTrigger.RiskRoleReturned, out status);
        }

        if (JourneyStatusLifecycle.EffectTrigger(tally.Effect, out var trigger))
        {
            changed |= JourneyStatusLifecycle.TryNext(status, trigger, out status);
        }

        return status;
    }

    /// <summary>The status a journey effect that resets scores leads to from <paramref name="status"/> (the tasks' reset reason names it).</summary>
    /// <param name="status">The status before the effect.</param>
    /// <param name="effect">A stall, win or loss.</param>
    public static JourneyStatus ResetStatus(JourneyStatus status, JourneyEffect effect)
    {
        JourneyStatusLifecycle.EffectTrigger(effect, out var trigger);
        return JourneyStatusLifecycle.Next(status, trigger);
    }
}
