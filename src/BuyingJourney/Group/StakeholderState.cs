using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;

namespace BuyingJourney.Group;

/// <summary>
/// One member of a journey's buying group as the fold knows them: their roles, when they joined (were first
/// seen), were last seen and left, and their own evidence per task.
/// </summary>
/// <remarks>Part of <c>JourneyState.BuyingGroup</c>. Immutable and thread-safe. Equality is by value.</remarks>
public sealed class StakeholderState : IEquatable<StakeholderState>
{
    // A member leaves with the signal that last named them, so the time they left is LastSeenTicks: one flag keeps it.
    private readonly bool _left;

    // leftTicks: 0 while present, else lastSeenTicks (a member leaves with the last signal that named them).
    internal StakeholderState(
        string id,
        ImmutableArray<string> roles,
        long joinedTicks,
        long lastSeenTicks,
        string lastSignalId,
        long leftTicks,
        int signalCount,
        ImmutableArray<StakeholderTaskEvidence> tasks)
    {
        Id = id;
        Roles = roles;
        JoinedTicks = joinedTicks;
        LastSeenTicks = lastSeenTicks;
        LastSignalId = lastSignalId;
        Debug.Assert(leftTicks == 0 || leftTicks == lastSeenTicks, "a member leaves with the last signal that named them");
        _left = leftTicks != 0;
        SignalCount = signalCount;
        Tasks = tasks;
    }

    /// <summary>The CRM's id of the person.</summary>
    public string Id { get; }

    /// <summary>The roles they hold, in the order first seen (empty when no signal carried one).</summary>
    public ImmutableArray<string> Roles { get; }

    /// <summary>When they joined: the time of the first signal that named them.</summary>
    public DateTimeOffset JoinedAt => new(JoinedTicks, TimeSpan.Zero);

    /// <summary>When a signal last named them.</summary>
    public DateTimeOffset LastSeenAt => new(LastSeenTicks, TimeSpan.Zero);

    /// <summary>The last signal that named them.</summary>
    public string LastSignalId { get; }

    /// <summary>When they left the buying group; null while they are in it (a later signal naming them brings them back).</summary>
    public DateTimeOffset? LeftAt => LeftTicks == 0 ? null : new DateTimeOffset(LeftTicks, TimeSpan.Zero);

    /// <summary>True while they are in the buying group.</summary>
    public bool IsPresent => LeftTicks == 0;

    /// <summary>How many signals named them.</summary>
    public int SignalCount { get; }

    /// <summary>Their evidence for the tasks they have shown any for, in model order.</summary>
    public ImmutableArray<StakeholderTaskEvidence> Tasks { get; }

    internal long JoinedTicks { get; }

    internal long LastSeenTicks { get; }

    internal long LeftTicks => _left ? LastSeenTicks : 0;

    /// <summary>True when they hold <paramref name="role"/>.</summary>
    /// <param name="role">A role id (compared ordinally).</param>
    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <inheritdoc />
    public bool Equals(StakeholderState? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return other is not null
               && string.Equals(Id, other.Id, StringComparison.Ordinal)
               && Roles.SequenceEqual(other.Roles, StringComparer.Ordinal)
               && JoinedTicks == other.JoinedTicks
               && LastSeenTicks == other.LastSeenTicks
               && string.Equals(LastSignalId, other.LastSignalId, StringComparison.Ordinal)
               && LeftTicks == other.LeftTicks
               && SignalCount == other.SignalCount
               && Tasks.SequenceEqual(other.Tasks);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as StakeholderState);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Id), LastSeenTicks, SignalCount);

    /// <summary>"cfo-1 (approver), 3 signals".</summary>
    public override string ToString() => $"{Id} ({(Roles.IsEmpty ? "no role" : string.Join(", ", Roles))}), {SignalCount} signals{(IsPresent ? string.Empty : ", left")}";
}
