using System.Collections.Generic;
using System.Diagnostics;
using BuyingJourney.Journeys;
using BuyingJourney.Signals;

namespace BuyingJourney.Benchmarks;

// Quick mode, part: the library against the hand-written group ceiling, on the full stream (stakeholders included).
public static partial class QuickRun
{
    /// <summary>
    /// Checks the group ceiling against the library on every journey of the full stream, then times Replay and Apply
    /// of both, side by side, and adds their rows.
    /// </summary>
    /// <returns>A checksum of the ceiling's results.</returns>
    private static long MeasureGroupScoring(JourneyEngine engine, string[] ids, Signal[][] journeys, JourneyState[] states, Signal[][] applyJourneys, List<Row> rows)
    {
        var clock = Stopwatch.StartNew();
        var ceiling = new GroupScoringBaseline(engine);
        for (var j = 0; j < journeys.Length; j++)
        {
            ceiling.Verify(ids[j], ceiling.Replay(journeys[j]), engine.Replay(ids[j], journeys[j]));
        }

        Log($"group ceiling: phases, scores, loop-backs, status and its since, and the buying group (members, roles, presence, per-task scores) checked against Replay on all {journeys.Length:N0} journeys with stakeholders ({clock.Elapsed.TotalSeconds:F1} s)");
        rows.Add(new Row("Group ceiling (hand-written, in place; with the buying group)", $"equal to Replay on {journeys.Length:N0} journeys", "(checked)", null));

        var signals = Workload.Count(journeys);
        var warmJourneys = journeys[..WarmUpJourneys];
        var warmIds = ids[..WarmUpJourneys];
        var library = Measure("replay with stakeholders", () => Workload.Replay(engine, warmIds, warmJourneys, states), 2, 3, () => Workload.Replay(engine, ids, journeys, states));
        long checksum = 0;
        var group = Measure("group ceiling, replay", () => checksum += Workload.GroupScoring(ceiling, warmJourneys), 2, 5, () => checksum += Workload.GroupScoring(ceiling, journeys));
        var libraryRate = signals / library.Seconds;
        var ceilingRate = signals / group.Seconds;
        rows.Add(new Row("Replay with stakeholders: library", MRate(libraryRate), "(reference)", null));
        rows.Add(new Row("  group ceiling", MRate(ceilingRate), "(reference)", null));
        rows.Add(new Row("  ceiling / library", Ratio(ceilingRate / libraryRate), "≤ 1.5×", ceilingRate / libraryRate <= 1.5));

        var applySignals = Workload.Count(applyJourneys);
        long applied = 0;
        var libraryApply = Measure("apply with stakeholders", () => applied = Workload.Apply(engine, ids, applyJourneys), 1, 3, () => applied = Workload.Apply(engine, ids, applyJourneys));
        var ceilingApply = Measure("group ceiling, apply", () => checksum += Workload.GroupScoringApply(ceiling, applyJourneys), 1, 3, () => checksum += Workload.GroupScoringApply(ceiling, applyJourneys));
        var libraryApplyRate = applySignals / libraryApply.Seconds;
        var ceilingApplyRate = applySignals / ceilingApply.Seconds;
        rows.Add(new Row("Apply with stakeholders: library", MRate(libraryApplyRate), "(reference)", null));
        rows.Add(new Row("  group ceiling, in place", MRate(ceilingApplyRate), "(reference)", null));
        rows.Add(new Row("  ceiling / library", Ratio(ceilingApplyRate / libraryApplyRate), "≤ 2.5×", ceilingApplyRate / libraryApplyRate <= 2.5));
        if (applied != applySignals)
        {
            Log($"warning: Apply with stakeholders applied {applied:N0} of {applySignals:N0} signals");
        }

        return checksum;
    }
}
