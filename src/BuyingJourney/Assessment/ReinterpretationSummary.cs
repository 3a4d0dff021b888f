using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using BuyingJourney.Internal;
using BuyingJourney.Phases;

namespace BuyingJourney.Assessment;

/// <summary>
/// Many journeys' <see cref="JourneyDiff"/>s summed: how many journeys changed, how often each task moved from one
/// phase to another, and how many loop-backs appeared or vanished. What a sales-operations analyst reads before
/// switching to a new rulebook version.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ReinterpretationSummary
{
    private ReinterpretationSummary(int journeys, int changed, int statusChanges, int appeared, int vanished, ImmutableDictionary<(string TaskId, TaskPhase Before, TaskPhase After), int> phaseChanges)
    {
        JourneyCount = journeys;
        ChangedJourneyCount = changed;
        StatusChanges = statusChanges;
        LoopBacksAppeared = appeared;
        LoopBacksVanished = vanished;
        PhaseChanges = phaseChanges;
    }

    /// <summary>How many journeys were compared.</summary>
    public int JourneyCount { get; }

    /// <summary>How many of them changed in any way.</summary>
    public int ChangedJourneyCount { get; }

    /// <summary>How many journeys changed status.</summary>
    public int StatusChanges { get; }

    /// <summary>Loop-backs that appeared, over all journeys.</summary>
    public int LoopBacksAppeared { get; }

    /// <summary>Loop-backs that vanished, over all journeys.</summary>
    public int LoopBacksVanished { get; }

    /// <summary>How many journeys saw each (task, phase before, phase after) change.</summary>
    public ImmutableDictionary<(string TaskId, TaskPhase Before, TaskPhase After), int> PhaseChanges { get; }

    /// <summary>Sums journey diffs.</summary>
    /// <param name="diffs">One diff per journey.</param>
    /// <exception cref="System.ArgumentNullException">A null sequence.</exception>
    public static ReinterpretationSummary Of(IEnumerable<JourneyDiff> diffs)
    {
        Guard.NotNull(diffs);
        int journeys = 0, changed = 0, status = 0, appeared = 0, vanished = 0;
        var phases = new Dictionary<(string, TaskPhase, TaskPhase), int>();
        foreach (var diff in diffs)
        {
            journeys++;
            changed += diff.HasChanges ? 1 : 0;
            status += diff.StatusChanged ? 1 : 0;
            appeared += diff.LoopBacksAppeared.Length;
            vanished += diff.LoopBacksVanished.Length;
            foreach (var task in diff.Tasks.Where(t => t.Before != t.After))
            {
                var key = (task.TaskId, task.Before, task.After);
                phases[key] = phases.GetValueOrDefault(key) + 1;
            }
        }

        return new ReinterpretationSummary(journeys, changed, status, appeared, vanished, phases.ToImmutableDictionary());
    }

    /// <summary>"120 journeys, 14 changed, 3 loop-backs appeared, 1 vanished".</summary>
    public override string ToString()
        => $"{JourneyCount} journeys, {ChangedJourneyCount} changed, {LoopBacksAppeared} loop-backs appeared, {LoopBacksVanished} vanished";
}
