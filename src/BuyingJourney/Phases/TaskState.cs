using System;

namespace BuyingJourney.Phases;

/// <summary>
/// One task's state inside a journey, kept small: the phase and since when, the score as of its last
/// update, the loop-back count and the last signal that gave evidence. Decay is applied when the journey
/// is assessed, so <see cref="Score"/> is the score as of <see cref="ScoredAt"/>, not now.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly struct TaskState : IEquatable<TaskState>
{
    internal TaskState(TaskPhase phase, long sinceTicks, double score, long scoredAtTicks, int loopBackCount, string? lastEvidenceSignalId)
    {
        Phase = phase;
        SinceTicks = sinceTicks;
        Score = score;
        ScoredAtTicks = scoredAtTicks;
        LoopBackCount = loopBackCount;
        LastEvidenceSignalId = lastEvidenceSignalId;
    }

    /// <summary>The phase as of the journey's last signal.</summary>
    public TaskPhase Phase { get; }

    /// <summary>The score as of <see cref="ScoredAt"/>; never negative.</summary>
    public double Score { get; }

    /// <summary>How many loop-backs returned to this task: reopened after completion, or, in an ordered model (<c>BuyingModel.IsOrdered</c>), also taken up again while a later stage was active or completed.</summary>
    public int LoopBackCount { get; }

    /// <summary>The last signal that gave this task evidence, or null.</summary>
    public string? LastEvidenceSignalId { get; }

    /// <summary>Since when the task is in <see cref="Phase"/> (UTC); null when it never left <see cref="TaskPhase.NotStarted"/>.</summary>
    public DateTimeOffset? Since => SinceTicks == 0 ? null : new DateTimeOffset(SinceTicks, TimeSpan.Zero);

    /// <summary>When <see cref="Score"/> was last updated (UTC); null when never.</summary>
    public DateTimeOffset? ScoredAt => ScoredAtTicks == 0 ? null : new DateTimeOffset(ScoredAtTicks, TimeSpan.Zero);

    internal long SinceTicks { get; }

    internal long ScoredAtTicks { get; }

    /// <summary>Two equal states agree on every field, scores bit for bit.</summary>
    /// <param name="left">The first state.</param>
    /// <param name="right">The second state.</param>
    public static bool operator ==(TaskState left, TaskState right) => left.Equals(right);

    /// <summary>Two states that differ in any field.</summary>
    /// <param name="left">The first state.</param>
    /// <param name="right">The second state.</param>
    public static bool operator !=(TaskState left, TaskState right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(TaskState other)
        => Phase == other.Phase
           && SinceTicks == other.SinceTicks
           && Score.Equals(other.Score)
           && ScoredAtTicks == other.ScoredAtTicks
           && LoopBackCount == other.LoopBackCount
           && string.Equals(LastEvidenceSignalId, other.LastEvidenceSignalId, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TaskState other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Phase, SinceTicks, Score, ScoredAtTicks, LoopBackCount);

    /// <summary>"Active (score 0.6, 0 loop-backs)".</summary>
    public override string ToString() => FormattableString.Invariant($"{Phase} (score {Score:0.###}, {LoopBackCount} loop-backs)");
}
