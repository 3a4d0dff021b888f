using System;

namespace BuyingJourney.Group;

/// <summary>
/// One stakeholder's evidence for one task: their own score (decayed like the task's), the last signal of theirs
/// that gave the task evidence, and the last time they completed (approved) it.
/// </summary>
/// <remarks>Immutable and thread-safe. Equality is by value, scores bit for bit.</remarks>
public readonly struct StakeholderTaskEvidence : IEquatable<StakeholderTaskEvidence>
{
    internal StakeholderTaskEvidence(string taskId, int taskIndex, double score, long scoredAtTicks, long lastEvidenceTicks, string? lastEvidenceSignalId, long approvedTicks, string? approvedSignalId)
    {
        TaskId = taskId;
        TaskIndex = taskIndex;
        Score = score;
        ScoredAtTicks = scoredAtTicks;
        LastEvidenceTicks = lastEvidenceTicks;
        LastEvidenceSignalId = lastEvidenceSignalId;
        ApprovedTicks = approvedTicks;
        ApprovedSignalId = approvedSignalId;
    }

    /// <summary>The task.</summary>
    public string TaskId { get; }

    /// <summary>The stakeholder's score for the task as of <see cref="ScoredAt"/> (decay the way the task decays).</summary>
    public double Score { get; }

    /// <summary>When <see cref="Score"/> was last updated (UTC); null when never.</summary>
    public DateTimeOffset? ScoredAt => ScoredAtTicks == 0 ? null : new DateTimeOffset(ScoredAtTicks, TimeSpan.Zero);

    /// <summary>When the stakeholder last gave the task weight (UTC); null when never.</summary>
    public DateTimeOffset? LastEvidenceAt => LastEvidenceTicks == 0 ? null : new DateTimeOffset(LastEvidenceTicks, TimeSpan.Zero);

    /// <summary>Their last signal that gave the task weight; null when none.</summary>
    public string? LastEvidenceSignalId { get; }

    /// <summary>When the stakeholder last completed (approved) the task (UTC); null when never.</summary>
    public DateTimeOffset? ApprovedAt => ApprovedTicks == 0 ? null : new DateTimeOffset(ApprovedTicks, TimeSpan.Zero);

    /// <summary>Their signal that last completed the task; null when none.</summary>
    public string? ApprovedSignalId { get; }

    internal int TaskIndex { get; }

    internal long ScoredAtTicks { get; }

    internal long LastEvidenceTicks { get; }

    internal long ApprovedTicks { get; }

    /// <summary>Two equal entries agree on every field.</summary>
    public static bool operator ==(StakeholderTaskEvidence left, StakeholderTaskEvidence right) => left.Equals(right);

    /// <summary>Two entries that differ in any field.</summary>
    public static bool operator !=(StakeholderTaskEvidence left, StakeholderTaskEvidence right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(StakeholderTaskEvidence other)
        => string.Equals(TaskId, other.TaskId, StringComparison.Ordinal)
           && Score.Equals(other.Score)
           && ScoredAtTicks == other.ScoredAtTicks
           && LastEvidenceTicks == other.LastEvidenceTicks
           && string.Equals(LastEvidenceSignalId, other.LastEvidenceSignalId, StringComparison.Ordinal)
           && ApprovedTicks == other.ApprovedTicks
           && string.Equals(ApprovedSignalId, other.ApprovedSignalId, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is StakeholderTaskEvidence other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(TaskId, Score, ScoredAtTicks, LastEvidenceTicks, ApprovedTicks);

    /// <summary>"SupplierSelection: 0.8".</summary>
    public override string ToString() => FormattableString.Invariant($"{TaskId}: {Score:0.###}");
}
