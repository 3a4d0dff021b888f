using System;
using BuyingJourney.Evidence;

namespace BuyingJourney.Assessment;

/// <summary>
/// How much one piece of evidence contributes to a task's score at the time of an assessment: its weight
/// when it arrived, decayed to the assessment time.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record EvidenceContribution
{
    internal EvidenceContribution(EvidenceRecord evidence, double contribution)
    {
        Evidence = evidence;
        Contribution = contribution;
    }

    /// <summary>The evidence as recorded: signal, rule, kind, weight and reason.</summary>
    public EvidenceRecord Evidence { get; }

    /// <summary>The weight decayed to the assessment time; 0 for completion evidence.</summary>
    public double Contribution { get; }

    /// <summary>The signal the evidence came from.</summary>
    public string SignalId => Evidence.SignalId;

    /// <summary>The rule that drew it.</summary>
    public string RuleId => Evidence.RuleId;

    /// <summary>"+0.42 reference.requested (s-9, rule gartner:reference.requested): the customer asked for a reference".</summary>
    public override string ToString()
        => Evidence.Kind == EvidenceKind.Completion
            ? $"completed by {Evidence.SignalType} ({Evidence.SignalId}, rule {Evidence.RuleId}): {Evidence.Reason}"
            : FormattableString.Invariant($"+{Contribution:0.00} {Evidence.SignalType} ({Evidence.SignalId}, rule {Evidence.RuleId}): {Evidence.Reason}");
}
