using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using BuyingJourney.Evidence;
using BuyingJourney.Group;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Signals;

namespace BuyingJourney.Rules;

public static partial class Rulebooks
{
    /// <summary>The name of the rulebook <see cref="BuyingGroup"/> makes.</summary>
    internal const string BuyingGroupName = "buying-group";

    /// <summary>The id of the rule that reopens consensus when someone joins after it was reached.</summary>
    internal const string NewcomerRuleId = EvidenceRule.ReservedIdPrefix + "newcomer-after-consensus";

    /// <summary>The id of the rule that puts the journey at risk when someone in a risk role leaves.</summary>
    internal const string RiskRoleLeftRuleId = EvidenceRule.ReservedIdPrefix + "risk-role-left";

    /// <summary>
    /// The engine's own rulebook, "buying-group" version "1.0.0", which the engine runs after every rulebook's own
    /// rules to follow the buying group (ids start "buying-group:"): a stakeholder first seen after consensus was
    /// reached reopens consensus (<see cref="NewcomerRuleId"/>); someone in a risk role leaving puts the journey at
    /// risk and starts a new round of consensus (<see cref="RiskRoleLeftRuleId"/>). Its rules read the journey only
    /// through <see cref="RuleContext"/>'s public members, like any other rule.
    /// </summary>
    /// <param name="group">The buying group's definition: its consensus task, its risk roles and their names.</param>
    /// <param name="model">The model: the newcomer rule is left out when it has no task <see cref="BuyingGroupDefinition.ConsensusTaskId"/>.</param>
    /// <returns>The rulebook: the newcomer rule when the model has the consensus task, then the risk rule when there are risk roles.</returns>
    internal static Rulebook BuyingGroup(BuyingGroupDefinition group, BuyingModel model)
    {
        var rules = new List<EvidenceRule>(2);
        var consensusIndex = group.ConsensusTaskId is { } id ? model.IndexOf(id) : -1;
        var consensus = consensusIndex >= 0 ? model.Tasks[consensusIndex].Id : null; // the model's own string, which it finds by reference
        var settings = consensus is null ? null : model.SettingsAt(consensusIndex);
        if (consensus is not null)
        {
            rules.Add(new NewcomerRule(consensus, consensusIndex, settings!));
        }

        if (!group.RiskRoles.IsEmpty)
        {
            rules.Add(new RiskRoleLeftRule(group, consensus, settings?.ReopenThreshold ?? 0));
        }

        return new Rulebook(BuyingGroupName, "1.0.0", rules);
    }

    private static string Describe(Stakeholder stakeholder)
        => stakeholder.Role is { } role ? $"{stakeholder.Id} ({role})" : stakeholder.Id;

    /// <summary>Tops this signal's consensus weight up to the reopen threshold, so a newcomer always reopens it.</summary>
    private sealed class NewcomerRule(string consensusTaskId, int consensusIndex, TaskSettings settings) : EvidenceRule(NewcomerRuleId)
    {
        internal override bool RequiresStakeholder => true;

        public override void Evaluate(RuleContext context, EvidenceCollector evidence)
        {
            // Runs on every signal: the cheap checks first, the stakeholder lookup last.
            if (context.Signal.Stakeholder is not { } stakeholder
                || context.PhaseOf(consensusTaskId) != TaskPhase.Completed
                || context.Signal.Type is SignalTypes.ActionAccepted or SignalTypes.ActionRejected or SignalTypes.ActionDone
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

    private sealed class RiskRoleLeftRule(BuyingGroupDefinition group, string? consensusTaskId, double weight) : EvidenceRule(RiskRoleLeftRuleId, [SignalTypes.StakeholderLeft])
    {
        internal override bool RequiresStakeholder => true;

        public override void Evaluate(RuleContext context, EvidenceCollector evidence)
        {
            if (context.Signal.Stakeholder is not { } stakeholder)
            {
                return;
            }

            // Someone who already left cannot leave again; someone never seen before can.
            var known = !context.IsNewStakeholder;
            if (known && !context.IsInGroup(stakeholder.Id))
            {
                return;
            }

            string? riskRole = null;
            var roles = ImmutableArray<string>.Empty;
            var rolesRead = false;
            foreach (var role in group.RiskRoles)
            {
                if (string.Equals(stakeholder.Role, role, StringComparison.Ordinal))
                {
                    riskRole = role;
                    break;
                }

                if (known && !rolesRead)
                {
                    roles = context.RolesOf(stakeholder.Id);
                    rolesRead = true;
                }

                if (roles.Contains(role))
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
