using System;
using System.Collections.Immutable;
using BuyingJourney.Evidence;

namespace BuyingJourney.Rules.Json;

/// <summary>
/// A data rule loaded from a JSON rulebook: signals of one type that meet every condition (attributes compared
/// ordinally, optionally the stakeholder's role) carry fixed evidence. Nothing in it executes anything.
/// </summary>
internal sealed class JsonRule : EvidenceRule
{
    public JsonRule(string id, string signalType, ImmutableArray<AttributeCondition> conditions, string? stakeholderRole, ImmutableArray<EvidenceItem> items)
        : base(id, [signalType])
    {
        Conditions = conditions;
        StakeholderRole = stakeholderRole;
        Items = items;
    }

    public ImmutableArray<AttributeCondition> Conditions { get; }

    public string? StakeholderRole { get; }

    public ImmutableArray<EvidenceItem> Items { get; }

    internal override ImmutableArray<EvidenceItem> DeclaredEvidence => Items;

    internal override bool AlwaysGivesDeclaredEvidence => Conditions.IsEmpty && StakeholderRole is null;

    public override void Evaluate(RuleContext context, EvidenceCollector evidence)
    {
        var signal = context.Signal;
        if (StakeholderRole is not null && !string.Equals(signal.Stakeholder?.Role, StakeholderRole, StringComparison.Ordinal))
        {
            return;
        }

        foreach (var condition in Conditions)
        {
            if (!condition.Matches(signal))
            {
                return;
            }
        }

        foreach (var item in Items)
        {
            evidence.Add(item);
        }
    }
}
