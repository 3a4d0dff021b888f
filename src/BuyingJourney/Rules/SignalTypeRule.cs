using System;
using BuyingJourney.Evidence;
using System.Collections.Immutable;

namespace BuyingJourney.Rules;

/// <summary>A data rule: every signal of one type carries the same, fixed evidence.</summary>
internal sealed class SignalTypeRule : EvidenceRule
{
    public SignalTypeRule(string id, string signalType, EvidenceItem[]? evidence)
        : base(id, [signalType])
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Length == 0)
        {
            throw new ArgumentException($"rule \"{id}\" needs at least one piece of evidence.", nameof(evidence));
        }

        foreach (var item in evidence)
        {
            if (item.Reason is null)
            {
                throw new ArgumentException($"rule \"{id}\": evidence must be made with one of Evidence's factories.", nameof(evidence));
            }
        }

        Items = [.. evidence];
    }

    public ImmutableArray<EvidenceItem> Items { get; }

    internal override ImmutableArray<EvidenceItem> DeclaredEvidence => Items;

    internal override bool AlwaysGivesDeclaredEvidence => true;

    public override void Evaluate(RuleContext context, EvidenceCollector evidence)
    {
        foreach (var item in Items)
        {
            evidence.Add(item);
        }
    }
}
