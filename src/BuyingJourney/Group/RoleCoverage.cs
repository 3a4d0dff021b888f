using System.Collections.Immutable;

namespace BuyingJourney.Group;

/// <summary>One role of the buying group as of an assessment: who holds it, how engaged they are, and whether the deal expects it now.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class RoleCoverage
{
    internal RoleCoverage(RoleDefinition role, EngagementStatus status, bool isExpected, ImmutableArray<string> stakeholderIds)
    {
        Role = role;
        Status = status;
        IsExpected = isExpected;
        StakeholderIds = stakeholderIds;
    }

    /// <summary>The role.</summary>
    public RoleDefinition Role { get; }

    /// <summary>
    /// The best engagement among those who hold it: <see cref="EngagementStatus.Engaged"/> if anyone is,
    /// else <see cref="EngagementStatus.Quiet"/>, else <see cref="EngagementStatus.Left"/>, else <see cref="EngagementStatus.Missing"/>.
    /// </summary>
    public EngagementStatus Status { get; }

    /// <summary>Whether the deal expects the role now (see <see cref="RoleDefinition.ExpectedOnceTasks"/>).</summary>
    public bool IsExpected { get; }

    /// <summary>The stakeholders who hold it (present or not), in the order they joined.</summary>
    public ImmutableArray<string> StakeholderIds { get; }

    /// <summary>"purchaser: Missing (expected)".</summary>
    public override string ToString() => $"{Role.Id}: {Status}{(IsExpected ? " (expected)" : string.Empty)}";
}
