using System;

namespace BuyingJourney.Evidence;

/// <summary>
/// Evidence as the engine recorded it: which signal, which rule, which task, and the weight it was worth
/// when it arrived (strengths resolved through the task's settings).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record EvidenceRecord
{
    internal EvidenceRecord(string signalId, string signalType, DateTimeOffset occurredAt, string ruleId, EvidenceKind kind, string? taskId, double weight, JourneyEffect effect, string reason)
    {
        SignalId = signalId;
        SignalType = signalType;
        OccurredAt = occurredAt;
        RuleId = ruleId;
        Kind = kind;
        TaskId = taskId;
        Weight = weight;
        Effect = effect;
        Reason = reason;
    }

    /// <summary>The signal the evidence came from.</summary>
    public string SignalId { get; }

    /// <summary>That signal's type.</summary>
    public string SignalType { get; }

    /// <summary>When that signal occurred.</summary>
    public DateTimeOffset OccurredAt { get; }

    /// <summary>The rule that drew the evidence.</summary>
    public string RuleId { get; }

    /// <summary>What the evidence does.</summary>
    public EvidenceKind Kind { get; }

    /// <summary>The task; null for a journey effect.</summary>
    public string? TaskId { get; }

    /// <summary>The weight when it arrived (0 unless <see cref="Kind"/> is <see cref="EvidenceKind.Weight"/>).</summary>
    public double Weight { get; }

    /// <summary>The journey effect, or <see cref="JourneyEffect.None"/>.</summary>
    public JourneyEffect Effect { get; }

    /// <summary>The rule's reason.</summary>
    public string Reason { get; }
}
