using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using BuyingJourney.Assessment;

namespace BuyingJourney.Advice;

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
    /// The advice pipeline: every playbook's actions; those marked done since the evidence last changed are dropped;
    /// guardrails keep out the tactics they block; the rest ordered by priority; the ranker picks the next best actions.
    /// </summary>
    public JourneyAssessment Advise(JourneyAssessment result)
    {
        var candidates = CandidateBuffer.Rent();
        try
        {
            AddActions(candidates, _playbook, result);
            foreach (var playbook in _additionalPlaybooks)
            {
                AddActions(candidates, playbook, result);
            }

            if (!result.State.Feedback.IsEmpty)
            {
                RemoveWhere(candidates, result, ImmutableArray<Guardrail>.Empty, done: true);
            }

            var guardrails = Guardrails.WithBlocked(result.Guardrails, candidates);
            if (!guardrails.IsEmpty)
            {
                RemoveWhere(candidates, result, guardrails, done: false);
            }

            var advice = ImmutableCollectionsMarshal.AsImmutableArray(ByPriority(candidates));
            var ranked = _ranker is DefaultActionRanker
                ? DefaultActionRanker.Top(result, advice, _maxNextBestActions)
                : Ranked(result, advice, guardrails);
            return result.WithAdvice(advice, guardrails, ranked);
        }
        finally
        {
            CandidateBuffer.Return(candidates);
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
    /// A ranker of the caller's, held to its contract: only candidates, each once, each citing a signal, none that a
    /// guardrail blocks, at most the maximum. (The built-in ranker keeps to it by construction.)
    /// </summary>
    private ImmutableArray<SellerAction> Ranked(JourneyAssessment result, ImmutableArray<SellerAction> advice, ImmutableArray<Guardrail> guardrails)
    {
        var max = _maxNextBestActions;
        var ranked = ImmutableArray.CreateBuilder<SellerAction>(max);
        foreach (var action in _ranker.Rank(result, advice, max) ?? [])
        {
            if (ranked.Count == max)
            {
                break;
            }

            if (action is not null && !action.EvidenceSignalIds.IsEmpty && advice.Contains(action) && !ranked.Contains(action) && !Blocked(guardrails, action))
            {
                ranked.Add(action);
            }
        }

        return ranked.ToImmutable();
    }

    /// <summary>Removes, in place and in order, the candidates marked done (<paramref name="done"/>) or blocked by a guardrail.</summary>
    private static void RemoveWhere(List<SellerAction> candidates, JourneyAssessment result, ImmutableArray<Guardrail> guardrails, bool done)
    {
        var kept = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var action = candidates[i];
            var remove = done ? result.CurrentFeedback(action)?.Kind == FeedbackKind.Done : Blocked(guardrails, action);
            if (!remove)
            {
                candidates[kept++] = action;
            }
        }

        candidates.RemoveRange(kept, candidates.Count - kept);
    }

    private static void AddActions(List<SellerAction> candidates, IPlaybook playbook, JourneyAssessment assessment)
    {
        if (playbook is DefaultPlaybook)
        {
            DefaultPlaybook.AddTo(candidates, assessment);
            return;
        }

        foreach (var action in playbook.Advise(assessment) ?? [])
        {
            if (action is not null)
            {
                candidates.Add(action);
            }
        }
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

    /// <summary>A per-thread list for the advice candidates of one assessment, reused from one assessment to the next.</summary>
    private static class CandidateBuffer
    {
        [ThreadStatic]
        private static List<SellerAction>? t_list;

        public static List<SellerAction> Rent()
        {
            var list = t_list ?? new List<SellerAction>(32);
            t_list = null;
            return list;
        }

        public static void Return(List<SellerAction> list)
        {
            if (list.Capacity > 1024)
            {
                return; // an unusually long list of candidates: let it go
            }

            list.Clear();
            t_list = list;
        }
    }
}
