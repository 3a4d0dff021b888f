using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using BuyingJourney.Evidence;
using BuyingJourney.Group;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;

namespace BuyingJourney.Assessment;

/// <summary>
/// Assesses a journey state as of a time: every task's phase with decay applied, its score and (from a trace) the
/// evidence behind it, the buying group and its coverage. The advice is made afterwards from these finished facts
/// (<c>Playbooks.AdvicePipeline</c>). Immutable and thread-safe.
/// </summary>
internal sealed class JourneyAssessor
{
    private readonly AssessmentPlan _plan;
    private readonly string _rulebookName;
    private readonly string _rulebookVersion;

    public JourneyAssessor(AssessmentPlan plan, string rulebookName, string rulebookVersion)
    {
        _plan = plan;
        _rulebookName = rulebookName;
        _rulebookVersion = rulebookVersion;
    }

    /// <summary>The assessed journey as of <paramref name="asOf"/>; <paramref name="evidence"/> (per task, in journey order) fills each task's evidence when given.</summary>
    public AssessedJourney Assess(JourneyState state, DateTimeOffset asOf, List<EvidenceRecord>[]? evidence)
    {
        if (state.LastSignalAt is { } last && asOf < last)
        {
            throw new ArgumentOutOfRangeException(
                nameof(asOf),
                asOf,
                $"asOf {asOf:O} is before journey \"{state.JourneyId}\"'s last signal at {last:O}; to look at the past, assess from the signals with Assess(journeyId, signals, asOf).");
        }

        var plan = _plan;
        var ticks = asOf.UtcTicks;
        var tasks = new TaskAssessment[plan.Tasks.Length];
        var active = 0u;
        for (var i = 0; i < tasks.Length; i++)
        {
            ref readonly var parameters = ref plan.Parameters[i];
            TaskLifecycle.TryFade(state.Tasks.ItemRef(i), parameters, ticks, out var now);
            var score = TaskLifecycle.DecayedScore(now, parameters, ticks);
            var contributions = evidence is null ? ImmutableArray<EvidenceContribution>.Empty : Contributions(evidence[i], parameters, ticks);
            var assessment = new TaskAssessment(plan.Tasks[i], now.Phase, score, now.SinceTicks, ticks, now.LoopBackCount, now.LastEvidenceSignalId, contributions, TaskLifecycle.FadesAtTicks(now, parameters));
            tasks[i] = assessment;
            if (assessment.IsActive)
            {
                active |= 1u << i;
            }
        }

        var taskAssessments = ImmutableCollectionsMarshal.AsImmutableArray(tasks);
        var (group, coverage) = BuyingGroupAssessor.Assess(state, plan, taskAssessments, ticks);
        return new AssessedJourney(state, asOf, taskAssessments, plan.TaskIds(active), _rulebookName, _rulebookVersion, evidence is not null, group, coverage, plan);
    }

    private static ImmutableArray<EvidenceContribution> Contributions(List<EvidenceRecord> records, in TaskParameters parameters, long ticks)
    {
        var list = new List<EvidenceContribution>(records.Count);
        foreach (var record in records)
        {
            var contribution = record.Kind == EvidenceKind.Weight
                ? parameters.Decay(record.Weight, record.OccurredAt.UtcTicks, ticks)
                : 0;
            list.Add(new EvidenceContribution(record, contribution));
        }

        // Largest first; completion (contribution 0) last; ties keep journey order, newest first.
        list.Reverse();
        var ordered = list.ToArray();
        var keys = new double[ordered.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = -ordered[i].Contribution;
        }

        MergeSortStable(keys, ordered);
        return [.. ordered];
    }

    private static void MergeSortStable(double[] keys, EvidenceContribution[] items)
    {
        // Insertion sort: lists are short (the evidence since the task was last reset) and this keeps ties in place.
        for (var i = 1; i < keys.Length; i++)
        {
            var key = keys[i];
            var item = items[i];
            var j = i - 1;
            while (j >= 0 && keys[j] > key)
            {
                keys[j + 1] = keys[j];
                items[j + 1] = items[j];
                j--;
            }

            keys[j + 1] = key;
            items[j + 1] = item;
        }
    }
}
