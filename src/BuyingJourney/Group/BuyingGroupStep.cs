using System;
using System.Collections.Immutable;
using BuyingJourney.Evidence;
using BuyingJourney.Phases;
using BuyingJourney.Signals;

namespace BuyingJourney.Group;

/// <summary>
/// The buying group step of the fold: the stakeholder a signal names joins, changes role or leaves, and gets the
/// signal's evidence on their own scores; a stall, win or loss drops every stakeholder's scores to zero, as the tasks'.
/// </summary>
internal static class BuyingGroupStep
{
    /// <summary>Applies the signal to <paramref name="group"/>; true when it names someone in a risk role who is in the group.</summary>
    /// <param name="group">The journey's buying group, changed in place.</param>
    /// <param name="signal">The signal (feedback signals name the seller's contact and change nothing here).</param>
    /// <param name="tally">The signal's evidence.</param>
    /// <param name="parameters">The model's task parameters.</param>
    /// <param name="definition">The roles and risk rules.</param>
    /// <param name="maxStakeholders">How many stakeholders the group keeps.</param>
    public static bool Apply(BuyingGroupWork group, Signal signal, in TaskTally tally, ReadOnlySpan<TaskParameters> parameters, BuyingGroupDefinition definition, int maxStakeholders)
    {
        var ticks = signal.OccurredAt.UtcTicks;
        var riskRoleInGroup = false;
        if (signal.Stakeholder is { } stakeholder && !SignalTypeKeys.IsFeedback(signal.TypeKey))
        {
            var person = group.Observe(
                stakeholder,
                replaceRoles: signal.TypeKey == SignalTypeKeys.StakeholderRoleChanged,
                leaves: signal.TypeKey == SignalTypeKeys.StakeholderLeft,
                ticks,
                signal.Id,
                tally,
                parameters,
                maxStakeholders);
            riskRoleInGroup = group.IsPresent(person) && group.HoldsAny(person, definition.RiskRoles);
        }

        if (tally.ResetsScores)
        {
            group.Reset(ticks);
        }

        return riskRoleInGroup;
    }
}
