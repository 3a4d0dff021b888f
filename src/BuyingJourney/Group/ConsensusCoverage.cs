using System;
using System.Collections.Immutable;

namespace BuyingJourney.Group;

/// <summary>
/// How well the buying group covers what the deal needs, as of an assessment: every role's engagement, the expected
/// roles that are missing or gone, the roles that went quiet, the sign-off roles not engaged, how many stakeholders are
/// engaged, and the tasks where stakeholders disagree.
/// </summary>
/// <remarks>
/// <para>The rules: a role is engaged when someone holding it is in the group and was seen within
/// <see cref="BuyingGroupDefinition.QuietAfter"/>; quiet when its holders are in the group but none was seen that
/// recently; left when all its holders left; missing when nobody ever held it. A role is expected when its
/// <see cref="RoleDefinition.IsExpected"/> is set and, if it names tasks, one of them has started. An expected role
/// that is missing or left is in <see cref="MissingRoles"/>. A disagreement is a present stakeholder giving a task
/// evidence after another present stakeholder last completed it.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class ConsensusCoverage
{
    internal ConsensusCoverage(
        ImmutableArray<RoleCoverage> roles,
        int engagedStakeholders,
        ImmutableArray<string> missingRoles,
        ImmutableArray<string> quietRoles,
        ImmutableArray<string> missingSignOffRoles,
        ImmutableArray<Disagreement> disagreements,
        string? consensusTaskId)
    {
        ConsensusTaskId = consensusTaskId;
        Roles = roles;
        EngagedStakeholders = engagedStakeholders;
        MissingRoles = missingRoles;
        QuietRoles = quietRoles;
        MissingSignOffRoles = missingSignOffRoles;
        Disagreements = disagreements;
    }

    /// <summary>The model's task that is the group's agreement (<see cref="BuyingGroupDefinition.ConsensusTaskId"/>), or null when the model has none.</summary>
    public string? ConsensusTaskId { get; }

    /// <summary>Every defined role, in definition order.</summary>
    public ImmutableArray<RoleCoverage> Roles { get; }

    /// <summary>How many stakeholders are engaged.</summary>
    public int EngagedStakeholders { get; }

    /// <summary>Expected roles that nobody holds, or whose holders all left.</summary>
    public ImmutableArray<string> MissingRoles { get; }

    /// <summary>Roles whose holders are in the group but have gone quiet.</summary>
    public ImmutableArray<string> QuietRoles { get; }

    /// <summary>Sign-off roles (<see cref="BuyingGroupDefinition.SignOffRoles"/>) with nobody engaged; while any, pushing for signature is guardrailed.</summary>
    public ImmutableArray<string> MissingSignOffRoles { get; }

    /// <summary>Tasks where stakeholders disagree.</summary>
    public ImmutableArray<Disagreement> Disagreements { get; }

    /// <summary>The coverage of the role with this id.</summary>
    /// <param name="roleId">The role's id in the buying group definition.</param>
    /// <exception cref="ArgumentException">The definition has no such role.</exception>
    public RoleCoverage Role(string roleId)
    {
        ArgumentNullException.ThrowIfNull(roleId);
        foreach (var role in Roles)
        {
            if (string.Equals(role.Role.Id, roleId, StringComparison.Ordinal))
            {
                return role;
            }
        }

        throw new ArgumentException($"the buying group definition has no role \"{roleId}\".", nameof(roleId));
    }

    /// <summary>"3 engaged; missing purchaser; quiet none; 0 disagreements".</summary>
    public override string ToString()
        => $"{EngagedStakeholders} engaged; missing {(MissingRoles.IsEmpty ? "none" : string.Join(", ", MissingRoles))}; quiet {(QuietRoles.IsEmpty ? "none" : string.Join(", ", QuietRoles))}; {Disagreements.Length} disagreements";
}
