using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using BuyingJourney.Advice;
using BuyingJourney.Assessment;

namespace BuyingJourney.Playbooks;

/// <summary>The advice pipeline of an engine: its playbooks, guardrails and ranker. Immutable and thread-safe.</summary>
internal sealed class AdvicePipeline
{
    private readonly IPlaybook _playbook;
    private readonly ImmutableArray<IPlaybook> _additionalPlaybooks;
    private readonly IActionRanker _ranker;
    private readonly int _maxNextBestActions;

    public AdvicePipeline(IPlaybook playbook, ImmutableArray<IPlaybook> additionalPlaybooks, IActionRanker ranker, int maxNextBestActions)
    {
        _playbook = playbook;
        _additionalPlaybooks = additionalPlaybooks;
        _ranker = ranker;
        _maxNextBestActions = maxNextBestActions;
    }

    /// <summary>
    /// The advice pipeline, from the finished assessment facts: the guardrails; every playbook's actions; those marked
    /// done since the evidence last changed are dropped; guardrails keep out the tactics they block; the rest ordered by
    /// priority; the ranker picks the next best actions, held to its contract. The assessment is then built once.
    /// </summary>
    public JourneyAssessment Advise(AssessedJourney journey)
    {
        var guardrails = Guardrails.For(journey);
        var context = new AdviceContext(journey, guardrails);
        var collector = ActionCollector.Pool.Rent();
        try
        {
            _playbook.Advise(context, collector);
            foreach (var playbook in _additionalPlaybooks)
            {
                playbook.Advise(context, collector);
            }

            var candidates = collector.Items;
            if (!journey.State.Feedback.IsEmpty)
            {
                RemoveWhere(candidates, journey, ImmutableArray<Guardrail>.Empty, done: true);
            }

            guardrails = Guardrails.WithBlocked(guardrails, candidates);
            if (!guardrails.IsEmpty)
            {
                RemoveWhere(candidates, journey, guardrails, done: false);
            }

            var advice = ImmutableCollectionsMarshal.AsImmutableArray(ByPriority(candidates));
            var ranked = Ranked(new AdviceContext(journey, guardrails), advice, guardrails);
            return new JourneyAssessment(journey, advice, guardrails, ranked);
        }
        finally
        {
            ActionCollector.Pool.Return(collector);
        }
    }

    /// <summary>
    /// The candidates highest priority first (High, Medium, Low), keeping their order within a priority; actions of
    /// any other priority value last, in their order. A stable counting sort.
    /// </summary>
    private static SellerAction[] ByPriority(List<SellerAction> candidates)
    {
        if (candidates.Count == 0)
        {
            return [];
        }

        var high = 0;
        var medium = 0;
        var low = 0;
        foreach (var action in candidates)
        {
            switch (action.Priority)
            {
                case ActionPriority.High: high++; break;
                case ActionPriority.Medium: medium++; break;
                case ActionPriority.Low: low++; break;
            }
        }

        // Next free place of each group: High from 0, Medium after High, Low after Medium, others after Low.
        var nextHigh = 0;
        var nextMedium = high;
        var nextLow = high + medium;
        var nextOther = high + medium + low;
        var ordered = new SellerAction[candidates.Count];
        foreach (var action in candidates)
        {
            ordered[action.Priority switch
            {
                ActionPriority.High => nextHigh++,
                ActionPriority.Medium => nextMedium++,
                ActionPriority.Low => nextLow++,
                _ => nextOther++,
            }] = action;
        }

        return ordered;
    }

    /// <summary>
    /// The ranker's picks, held to its contract: only candidates (the same instances), each once, each citing a signal,
    /// none that a guardrail blocks, at most the maximum; anything else is left out. The same check for every ranker,
    /// the built-in one included: a few reference comparisons per pick.
    /// </summary>
    private ImmutableArray<SellerAction> Ranked(AdviceContext context, ImmutableArray<SellerAction> advice, ImmutableArray<Guardrail> guardrails)
    {
        var max = _maxNextBestActions;
        var collector = ActionCollector.Pool.Rent();
        try
        {
            _ranker.Rank(context, advice, max, collector);
            var picks = collector.Items;
            var kept = 0;
            for (var i = 0; i < picks.Count && kept < max; i++)
            {
                var action = picks[i];
                if (!action.EvidenceSignalIds.IsEmpty && IndexOf(advice, action) >= 0 && !Blocked(guardrails, action) && !Among(picks, kept, action))
                {
                    picks[kept++] = action;
                }
            }

            if (kept == 0)
            {
                return ImmutableArray<SellerAction>.Empty;
            }

            var result = new SellerAction[kept];
            picks.CopyTo(0, result, 0, kept);
            return ImmutableCollectionsMarshal.AsImmutableArray(result);
        }
        finally
        {
            ActionCollector.Pool.Return(collector);
        }
    }

    /// <summary>The index of this very instance among the candidates; -1 when it is not one.</summary>
    private static int IndexOf(ImmutableArray<SellerAction> candidates, SellerAction action)
    {
        for (var i = 0; i < candidates.Length; i++)
        {
            if (ReferenceEquals(candidates[i], action))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>True when this very instance is among the first <paramref name="count"/> of <paramref name="list"/>.</summary>
    private static bool Among(List<SellerAction> list, int count, SellerAction action)
    {
        for (var i = 0; i < count; i++)
        {
            if (ReferenceEquals(list[i], action))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Removes, in place and in order, the candidates marked done (<paramref name="done"/>) or blocked by a guardrail.</summary>
    private static void RemoveWhere(List<SellerAction> candidates, AssessedJourney journey, ImmutableArray<Guardrail> guardrails, bool done)
    {
        var kept = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var action = candidates[i];
            var remove = done ? journey.CurrentFeedback(action.Code, action.TaskId, action.TargetStakeholderId)?.Kind == FeedbackKind.Done : Blocked(guardrails, action);
            if (!remove)
            {
                candidates[kept++] = action;
            }
        }

        candidates.RemoveRange(kept, candidates.Count - kept);
    }

    private static bool Blocked(ImmutableArray<Guardrail> guardrails, SellerAction action)
    {
        foreach (var guardrail in guardrails)
        {
            if (guardrail.Tactic == action.Tactic)
            {
                return true;
            }
        }

        return false;
    }
}
