using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using BuyingJourney.Internal;
using BuyingJourney.Model;
using BuyingJourney.Signals;

namespace BuyingJourney.Group;

/// <summary>
/// What the engine knows about buying groups, as data: the roles, which of them a deal expects, whose sign-off a
/// signature needs, whose departure puts the journey at risk, which task is the group's agreement, and when an
/// engaged stakeholder counts as gone quiet. Set it with <c>JourneyEngineOptions.BuyingGroup</c>.
/// </summary>
/// <remarks>
/// <para>Roles are an open vocabulary: a signal may carry any role; roles not defined here are kept on the
/// stakeholder but play no part in coverage. A person may hold several roles: each signal adds the role it carries;
/// a <see cref="SignalTypes.StakeholderRoleChanged"/> signal replaces them.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class BuyingGroupDefinition
{
    /// <summary>The most roles a definition may hold.</summary>
    public const int MaxRoles = 32;

    /// <summary>Creates a definition.</summary>
    /// <param name="roles">The roles, in the order coverage reports them; ids unique.</param>
    /// <param name="signOffRoles">Roles that must be engaged before the seller pushes for signature (a guardrail); each must be in <paramref name="roles"/>.</param>
    /// <param name="riskRoles">Roles whose holder leaving puts the journey at risk and starts a new round; each must be in <paramref name="roles"/>.</param>
    /// <param name="consensusTaskId">The task that is the group's agreement: a stakeholder first seen after it completed reopens it. Null, or a task the model lacks, turns this off.</param>
    /// <param name="quietAfter">How long after their last signal a stakeholder counts as quiet; between one hour and ten years.</param>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentException">No roles, too many, a repeated id, a sign-off or risk role that is not defined, or <paramref name="quietAfter"/> out of range.</exception>
    public BuyingGroupDefinition(
        IEnumerable<RoleDefinition> roles,
        IEnumerable<string> signOffRoles,
        IEnumerable<string> riskRoles,
        string? consensusTaskId,
        TimeSpan quietAfter)
    {
        Guard.NotNull(roles);
        Guard.NotNull(signOffRoles);
        Guard.NotNull(riskRoles);
        var list = ImmutableArray.CreateBuilder<RoleDefinition>();
        foreach (var role in roles)
        {
            if (role is null)
            {
                throw new ArgumentException($"roles[{list.Count}] is null.", nameof(roles));
            }

            foreach (var other in list)
            {
                if (string.Equals(other.Id, role.Id, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"role \"{role.Id}\" is defined twice.", nameof(roles));
                }
            }

            list.Add(role);
        }

        if (list.Count == 0 || list.Count > MaxRoles)
        {
            throw new ArgumentException($"a buying group definition needs between 1 and {MaxRoles} roles; it has {list.Count}.", nameof(roles));
        }

        Roles = list.ToImmutable();
        SignOffRoles = Known(signOffRoles, nameof(signOffRoles));
        RiskRoles = Known(riskRoles, nameof(riskRoles));
        ConsensusTaskId = Guard.OptionalText(consensusTaskId, nameof(consensusTaskId), TaskDefinition.MaxIdLength);
        if (quietAfter < TimeSpan.FromHours(1) || quietAfter > TimeSpan.FromDays(3650))
        {
            throw new ArgumentException($"quietAfter is {quietAfter}; it must be between 01:00:00 and 3650 days.", nameof(quietAfter));
        }

        QuietAfter = quietAfter;
    }

    /// <summary>
    /// The default, after <c>domain.md</c> §4: the seven roles of <see cref="StakeholderRoles"/>. Expected: a decision
    /// maker and an influencer from the start; a user once the requirements (or the need) are being worked on; a
    /// purchaser once suppliers or options are compared; an approver (finance, legal) once the deal is being
    /// validated or decided. Sign-off roles: decision maker, purchaser and approver (seed 004: the surprises come from
    /// legal, accounting and other approvers, so the signature waits for them too). Risk role: decision maker. Consensus task:
    /// Gartner's consensus creation. Quiet after 30 days.
    /// </summary>
    public static BuyingGroupDefinition Default { get; } = new(
        [
            new(StakeholderRoles.DecisionMaker, "Decision maker", expected: true),
            new(StakeholderRoles.Influencer, "Influencer", expected: true),
            new(StakeholderRoles.User, "User", expected: true, expectedOnceTasks:
                [GartnerTasks.RequirementsBuilding, Rackham3Phases.OptionEvaluation, Rackham5Phases.EvaluationOfOptions, PractitionerStages.MarketMonitoring, BuyGridPhases.CharacteristicsDetermination]),
            new(StakeholderRoles.Purchaser, "Purchaser", expected: true, expectedOnceTasks:
                [GartnerTasks.SupplierSelection, Rackham3Phases.OptionEvaluation, Rackham5Phases.EvaluationOfOptions, PractitionerStages.MarketMonitoring, BuyGridPhases.SupplierSearch]),
            new(StakeholderRoles.Approver, "Approver (finance, legal)", expected: true, expectedOnceTasks:
                [GartnerTasks.Validation, Rackham3Phases.PurchaseDecision, Rackham5Phases.ResolutionOfConcerns, PractitionerStages.ChoosingTheMoment, BuyGridPhases.OrderRoutineSelection]),
            new(StakeholderRoles.Gatekeeper, "Gatekeeper"),
            new(StakeholderRoles.Initiator, "Initiator"),
        ],
        [StakeholderRoles.DecisionMaker, StakeholderRoles.Purchaser, StakeholderRoles.Approver],
        [StakeholderRoles.DecisionMaker],
        GartnerTasks.ConsensusCreation,
        TimeSpan.FromDays(30));

    /// <summary>The roles, in the order coverage reports them.</summary>
    public ImmutableArray<RoleDefinition> Roles { get; }

    /// <summary>Roles that must be engaged before the seller pushes for signature.</summary>
    public ImmutableArray<string> SignOffRoles { get; }

    /// <summary>Roles whose holder leaving puts the journey at risk and starts a new round.</summary>
    public ImmutableArray<string> RiskRoles { get; }

    /// <summary>The task that is the group's agreement, or null.</summary>
    public string? ConsensusTaskId { get; }

    /// <summary>How long after their last signal a stakeholder counts as quiet.</summary>
    public TimeSpan QuietAfter { get; }

    /// <summary>The role with this id, or null.</summary>
    /// <param name="id">The role's id (compared ordinally).</param>
    public RoleDefinition? Role(string id)
    {
        foreach (var role in Roles)
        {
            if (string.Equals(role.Id, id, StringComparison.Ordinal))
            {
                return role;
            }
        }

        return null;
    }

    private ImmutableArray<string> Known(IEnumerable<string> ids, string parameter)
    {
        var result = ImmutableArray.CreateBuilder<string>();
        foreach (var id in ids)
        {
            if (id is null || Role(id) is null)
            {
                throw new ArgumentException($"{parameter} names role \"{id}\", which is not among the defined roles.", parameter);
            }

            if (!result.Contains(id))
            {
                result.Add(id);
            }
        }

        return result.ToImmutable();
    }
}
