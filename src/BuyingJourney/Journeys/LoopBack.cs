using System;
using System.Collections.Immutable;
using System.Linq;

namespace BuyingJourney.Journeys;

/// <summary>
/// The customer returned to a completed task (Completed → Revisiting), or, in an ordered model
/// (<see cref="Model.BuyingModel.IsOrdered"/>), to an earlier stage: when, because of which signal,
/// and where the customer looped back from.
/// </summary>
/// <remarks>Immutable and thread-safe. Equality is by value.</remarks>
public sealed class LoopBack : IEquatable<LoopBack>
{
    internal LoopBack(string taskId, DateTimeOffset at, string signalId, ImmutableArray<string> loopedBackFrom)
    {
        TaskId = taskId;
        At = at;
        SignalId = signalId;
        LoopedBackFrom = loopedBackFrom;
    }

    /// <summary>The task the customer returned to.</summary>
    public string TaskId { get; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; }

    /// <summary>The signal that reopened the task.</summary>
    public string SignalId { get; }

    /// <summary>
    /// Where the customer looped back from, in model order. In an unordered model: the other tasks that were
    /// active just before. In an ordered model: the later stages that were active just before, or, when none
    /// was, the later stages that were completed. Empty when there were none.
    /// </summary>
    public ImmutableArray<string> LoopedBackFrom { get; }

    /// <inheritdoc />
    public bool Equals(LoopBack? other)
        => other is not null
           && string.Equals(TaskId, other.TaskId, StringComparison.Ordinal)
           && At == other.At
           && string.Equals(SignalId, other.SignalId, StringComparison.Ordinal)
           && LoopedBackFrom.SequenceEqual(other.LoopedBackFrom, StringComparer.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LoopBack);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(TaskId), At, StringComparer.Ordinal.GetHashCode(SignalId));

    /// <summary>"back to ProblemIdentification from SolutionExploration at ... (signal s-5)".</summary>
    public override string ToString()
        => $"back to {TaskId} from {(LoopedBackFrom.IsEmpty ? "no active task" : string.Join(", ", LoopedBackFrom))} at {At:O} (signal {SignalId})";
}
