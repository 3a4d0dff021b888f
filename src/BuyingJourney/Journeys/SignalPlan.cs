using System;
using BuyingJourney.Evidence;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Rules;

namespace BuyingJourney.Journeys;

/// <summary>
/// What the fold does with a signal type, worked out once per type: its rules in order, and the evidence of the
/// leading data rules (evidence fixed by the signal type alone: <c>EvidenceRule.ForSignalType</c>, JSON rules without
/// conditions) already valued and summed per task. Replay adds those sums instead of running those rules; only the
/// rules after them run. Tracing runs every rule, so its explanations cite each piece of evidence.
/// </summary>
/// <remarks>
/// The sums are made in rule order from zero, exactly as the fold sums the evidence items one by one, and every rule
/// that could see them (a later rule reading <c>EvidenceCollector.WeightFor</c>) sees the same totals, so a planned
/// signal folds to the same state, bit for bit, as one whose rules all run.
/// </remarks>
internal sealed class SignalPlan
{
    private SignalPlan(EvidenceRule[] rules, int staticRuleCount, int staticItemCount, double[] weights, uint weighted, uint completed, JourneyEffect effect)
    {
        Rules = rules;
        var stakeholderOnly = true;
        for (var i = staticRuleCount; i < rules.Length; i++)
        {
            stakeholderOnly &= rules[i].RequiresStakeholder;
        }

        RestRequireStakeholder = stakeholderOnly;
        StaticRuleCount = staticRuleCount;
        StaticItemCount = staticItemCount;
        Weights = weights;
        Weighted = weighted;
        Completed = completed;
        Effect = effect;
    }

    /// <summary>Every rule for the type, in rulebook order (the engine's own last).</summary>
    public EvidenceRule[] Rules { get; }

    /// <summary>How many leading rules are data rules whose evidence is summed here; the rest must run.</summary>
    public int StaticRuleCount { get; }

    /// <summary>How many pieces of evidence the leading data rules give.</summary>
    public int StaticItemCount { get; }

    /// <summary>True when every rule after the data rules adds nothing to a signal that names no stakeholder.</summary>
    public bool RestRequireStakeholder { get; }

    /// <summary>Their weight per task, in model order.</summary>
    public double[] Weights { get; }

    /// <summary>The tasks they give weight to.</summary>
    public uint Weighted { get; }

    /// <summary>The tasks they complete.</summary>
    public uint Completed { get; }

    /// <summary>The last journey effect among them, or <see cref="JourneyEffect.None"/>.</summary>
    public JourneyEffect Effect { get; }

    /// <summary>The plan for <paramref name="rules"/>: data rules are summed up to the first rule that must run.</summary>
    public static SignalPlan For(EvidenceRule[] rules, BuyingModel model, ReadOnlySpan<TaskParameters> parameters)
    {
        var weights = new double[model.Tasks.Length];
        uint weighted = 0;
        uint completed = 0;
        var effect = JourneyEffect.None;
        var staticRules = 0;
        var staticItems = 0;
        foreach (var rule in rules)
        {
            if (!TryFixedEvidence(rule, out var items) || staticItems + items.Length > EvidenceCollector.MaxPerSignal || !AllValid(items, model, parameters))
            {
                break; // this rule and every one after it run as usual (and report their own failures)
            }

            foreach (var item in items)
            {
                if (item.Kind == EvidenceKind.JourneyEffect)
                {
                    effect = item.Effect;
                    continue;
                }

                var task = model.IndexOf(item.TaskId!);
                if (item.Kind == EvidenceKind.Completion)
                {
                    completed |= 1u << task;
                    continue;
                }

                weights[task] += parameters[task].WeightOf(item);
                weighted |= 1u << task;
            }

            staticRules++;
            staticItems += items.Length;
        }

        return new SignalPlan(rules, staticRules, staticItems, weights, weighted, completed, effect);
    }

    /// <summary>The evidence a rule gives for every signal of its type, whatever the signal and the journey; false when it depends on them.</summary>
    private static bool TryFixedEvidence(EvidenceRule rule, out System.Collections.Immutable.ImmutableArray<EvidenceItem> items)
    {
        switch (rule)
        {
            case SignalTypeRule data:
                items = data.Items;
                return true;
            case Rules.Json.JsonRule { Conditions.IsEmpty: true, StakeholderRole: null } data:
                items = data.Items;
                return true;
            default:
                items = default;
                return false;
        }
    }

    /// <summary>True when the fold would accept every item (a known task; a finite weight above 0 and at most the maximum).</summary>
    private static bool AllValid(System.Collections.Immutable.ImmutableArray<EvidenceItem> items, BuyingModel model, ReadOnlySpan<TaskParameters> parameters)
    {
        foreach (var item in items)
        {
            if (item.Kind == EvidenceKind.JourneyEffect)
            {
                continue;
            }

            var task = item.TaskId is null ? -1 : model.IndexOf(item.TaskId);
            if (task < 0)
            {
                return false;
            }

            if (item.Kind == EvidenceKind.Weight)
            {
                var weight = parameters[task].WeightOf(item);
                if (!TaskSettings.InRange(weight))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
