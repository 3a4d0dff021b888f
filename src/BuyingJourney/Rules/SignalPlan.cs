using System.Collections.Generic;
using System.Collections.Immutable;
using BuyingJourney.Evidence;
using BuyingJourney.Model;
using BuyingJourney.Phases;

namespace BuyingJourney.Rules;

/// <summary>
/// What the fold does with a signal type, worked out once per type: its rules in order, and the evidence of the
/// leading data rules (evidence fixed by the signal type alone: <c>EvidenceRule.ForSignalType</c>, JSON rules without
/// conditions) already tallied. Every fold step, traced or not, starts from that tally and runs only the rules after
/// them; a trace cites the data rules' evidence from <see cref="DataItems"/>.
/// </summary>
/// <remarks>
/// The tally is made by <see cref="EvidenceTally"/>, the code that tallies every other piece, in rule order from
/// zero, so a later rule reading the weight given so far sees the same totals as if the data rules had run.
/// Immutable after construction; thread-safe.
/// </remarks>
internal sealed class SignalPlan
{
    private SignalPlan(EvidenceRule[] rules, int dataRuleCount, ImmutableArray<EvidenceItem> dataItems, ImmutableArray<int> dataItemRules, EvidenceTally tally)
    {
        Rules = rules;
        DataRuleCount = dataRuleCount;
        DataItems = dataItems;
        DataItemRules = dataItemRules;
        Tally = tally;
    }

    /// <summary>Every rule for the type, in rulebook order (the buying-group rules last).</summary>
    public EvidenceRule[] Rules { get; }

    /// <summary>How many leading rules are data rules whose evidence is tallied here; the rest run for each signal.</summary>
    public int DataRuleCount { get; }

    /// <summary>The data rules' evidence, in rule order.</summary>
    public ImmutableArray<EvidenceItem> DataItems { get; }

    /// <summary>The index in <see cref="Rules"/> of the rule that gave each of <see cref="DataItems"/>.</summary>
    public ImmutableArray<int> DataItemRules { get; }

    /// <summary>The data rules' evidence tallied (read-only once made).</summary>
    public EvidenceTally Tally { get; }

    /// <summary>The model's tasks and parameters the plan was made for.</summary>
    public TaskParameterTable Table => Tally.Table;

    /// <summary>The plan for <paramref name="rules"/>: data rules are tallied up to the first rule that must run.</summary>
    public static SignalPlan For(EvidenceRule[] rules, TaskParameterTable table)
    {
        var tally = new EvidenceTally();
        tally.Start(table);
        var items = new List<EvidenceItem>();
        var itemRules = new List<int>();
        var dataRules = 0;
        foreach (var rule in rules)
        {
            var fixedItems = rule.DeclaredEvidence;
            if (!rule.AlwaysGivesDeclaredEvidence || items.Count + fixedItems.Length > EvidenceCollector.MaxPerSignal || !AllTaken(fixedItems, rule.Id, tally))
            {
                break; // this rule and every one after it run for each signal (and report their own problems)
            }

            foreach (var item in fixedItems)
            {
                tally.Add(item, rule.Id);
                items.Add(item);
                itemRules.Add(dataRules);
            }

            dataRules++;
        }

        return new SignalPlan(rules, dataRules, [.. items], [.. itemRules], tally);
    }

    /// <summary>True when the tally would take every item (so the plan never holds a problem).</summary>
    private static bool AllTaken(ImmutableArray<EvidenceItem> items, string ruleId, EvidenceTally tally)
    {
        foreach (var item in items)
        {
            if (!tally.TryValue(item, ruleId, out _, out _, out _))
            {
                return false;
            }
        }

        return true;
    }
}
