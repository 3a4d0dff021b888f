using System;
using System.Collections.Generic;
using BuyingJourney.Evidence;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Rules;
using BuyingJourney.Signals;

namespace BuyingJourney.Group;

/// <summary>
/// The rules the engine adds after every rulebook's own to follow the buying group (ids start "buying-group:"):
/// a stakeholder first seen after consensus was reached reopens consensus; someone in a risk role leaving puts the
/// journey at risk and starts a new round of consensus. Driven by the engine's <see cref="BuyingGroupDefinition"/>.
/// </summary>
internal static class BuyingGroupRules
{
    public const string NewcomerRuleId = EvidenceRule.ReservedIdPrefix + "newcomer-after-consensus";
    public const string RiskRoleLeftRuleId = EvidenceRule.ReservedIdPrefix + "risk-role-left";

    public static IReadOnlyList<EvidenceRule> For(BuyingGroupDefinition group, BuyingModel model)
    {
        var rules = new List<EvidenceRule>();
        var consensus = group.ConsensusTaskId is { } id && model.IndexOf(id) >= 0 ? id : null;
        var settings = consensus is null ? null : model.SettingsAt(model.IndexOf(consensus));
        var reopen = settings?.ReopenThreshold ?? 0;
        if (consensus is not null)
        {
            rules.Add(new NewcomerRule(consensus, model.IndexOf(consensus), settings!));
        }

        if (!group.RiskRoles.IsEmpty)
        {
            rules.Add(new RiskRoleLeftRule(group, consensus, reopen));
        }

        return rules;
    }

    private static string Describe(Stakeholder stakeholder)
        => stakeholder.Role is { } role ? $"{stakeholder.Id} ({role})" : stakeholder.Id;

    /// <summary>Tops this signal's consensus weight up to the reopen threshold, so a newcomer always reopens it.</summary>
    private sealed class NewcomerRule(string consensusTaskId, int consensusIndex, TaskSettings settings) : EvidenceRule(NewcomerRuleId)
    {
        private readonly TaskParameters _parameters = new(settings);

        internal override bool RequiresStakeholder => true;

        public override void Evaluate(RuleContext context, EvidenceCollector evidence)
        {
            // Runs on every signal: the cheap checks first, the stakeholder lookup last.
            if (context.Signal.Stakeholder is not { } stakeholder
                || TaskLifecycle.PhaseAt(context.Journey.Tasks[consensusIndex], context.Signal.OccurredAt.UtcTicks) != TaskPhase.Completed
                || SignalTypeKeys.IsFeedback(context.Signal.TypeKey)
                || !context.IsNewStakeholder)
            {
                return;
            }

            var missing = settings.ReopenThreshold - evidence.WeightFor(consensusIndex);
            if (missing > 0)
            {
                evidence.Add(consensusTaskId, missing, $"{Describe(stakeholder)} joined the buying group after consensus was reached: consensus must be built again");
            }
        }
    }

    private sealed class RiskRoleLeftRule(BuyingGroupDefinition group, string? consensusTaskId, double weight) : EvidenceRule(RiskRoleLeftRuleId, [Signals.SignalTypes.StakeholderLeft])
    {
        internal override bool RequiresStakeholder => true;

        public override void Evaluate(RuleContext context, EvidenceCollector evidence)
        {
            if (context.Signal.Stakeholder is not { } stakeholder)
            {
                return;
            }

            // Someone who already left cannot leave again; someone never seen before can.
            var person = context.Journey.Group.IndexOf(stakeholder.Id);
            if (person >= 0 && !context.Journey.Group.IsPresent(person))
            {
                return;
            }

            string? riskRole = null;
            foreach (var role in group.RiskRoles)
            {
                if (string.Equals(stakeholder.Role, role, StringComparison.Ordinal) || (person >= 0 && context.Journey.Group.HasRole(person, role)))
                {
                    riskRole = role;
                    break;
                }
            }

            if (riskRole is null)
            {
                return;
            }

            var name = group.Role(riskRole)?.DisplayName.ToLowerInvariant() ?? riskRole;
            evidence.Journey(JourneyEffect.AtRisk, $"{stakeholder.Id}, the {name}, left the buying group: the journey is at risk and a new round starts");
            if (consensusTaskId is not null)
            {
                evidence.Add(consensusTaskId, weight, $"{stakeholder.Id}, the {name}, left: consensus must be built again with whoever replaces them");
            }
        }
    }
}
