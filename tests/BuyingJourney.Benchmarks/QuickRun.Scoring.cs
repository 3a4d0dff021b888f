using System;
using System.Diagnostics;
using System.Collections.Generic;
using BuyingJourney.Journeys;
using BuyingJourney.Signals;

namespace BuyingJourney.Benchmarks;

// Quick mode, part: the library against the hand-written scoring ceiling, on the stream without stakeholders.
public static partial class QuickRun
{
    /// <summary>
    /// Removes the stakeholders from <paramref name="journeys"/> in place, checks the scoring ceiling against the library
    /// on every journey, then times Replay and Apply of both and adds their rows.
    /// </summary>
    /// <returns>A checksum of the ceiling's results.</returns>
    private static long MeasureScoring(JourneyEngine engine, string[] ids, Signal[][] journeys, JourneyState[] states, Signal[][] applyJourneys, double replayRate, double applyRate, List<Row> rows)
    {
        var clock = Stopwatch.StartNew();
        Workload.RemoveStakeholders(journeys);
        var scoring = new ScoringBaseline(engine);
        for (var j = 0; j < journeys.Length; j++)
        {
            ScoringBaseline.Verify(ids[j], scoring.Replay(journeys[j]), engine.Replay(ids[j], journeys[j]));
        }

        Log($"scoring ceiling: stakeholders removed and the ceiling's phases, scores, loop-backs and status checked against Replay on all {journeys.Length:N0} journeys ({clock.Elapsed.TotalSeconds:F1} s)");
        rows.Add(new Row("Scoring ceiling (hand-written, in place; no buying group)", $"equal to Replay on {journeys.Length:N0} journeys", "(checked)", null));

        var signals = Workload.Count(journeys);
        var warmJourneys = journeys[..WarmUpJourneys];
        var warmIds = ids[..WarmUpJourneys];
        var library = Measure("replay without stakeholders", () => Workload.Replay(engine, warmIds, warmJourneys, states), 2, 3, () => Workload.Replay(engine, ids, journeys, states));
        long checksum = 0;
        var ceiling = Measure("scoring ceiling, replay", () => checksum += Workload.Scoring(scoring, warmJourneys), 2, 5, () => checksum += Workload.Scoring(scoring, journeys));
        var libraryRate = signals / library.Seconds;
        var ceilingRate = signals / ceiling.Seconds;
        rows.Add(new Row("Replay without stakeholders: library", MRate(libraryRate), "(reference)", null));
        rows.Add(new Row("  scoring ceiling", MRate(ceilingRate), "(reference)", null));
        rows.Add(new Row("  ceiling / library", Ratio(ceilingRate / libraryRate), "≤ 1.5×", ceilingRate / libraryRate <= 1.5));
        rows.Add(new Row("  with stakeholders (the Replay row) against the ceiling", Ratio(ceilingRate / replayRate), "(buying group not in the ceiling)", null));

        var applySignals = Workload.Count(applyJourneys);
        long applied = 0;
        var libraryApply = Measure("apply without stakeholders", () => applied = Workload.Apply(engine, ids, applyJourneys), 1, 3, () => applied = Workload.Apply(engine, ids, applyJourneys));
        var ceilingApply = Measure("scoring ceiling, apply", () => checksum += Workload.ScoringApply(scoring, applyJourneys), 1, 3, () => checksum += Workload.ScoringApply(scoring, applyJourneys));
        var libraryApplyRate = applySignals / libraryApply.Seconds;
        var ceilingApplyRate = applySignals / ceilingApply.Seconds;
        var bytes = libraryApply.AllocatedBytes / applySignals;
        rows.Add(new Row("Apply without stakeholders: library", MRate(libraryApplyRate), "(reference)", null));
        rows.Add(new Row("  allocated per Apply without stakeholders", $"{bytes:N1} B/signal", "≤ 512 B/signal", bytes <= 512));
        rows.Add(new Row("  scoring ceiling, in place", MRate(ceilingApplyRate), "(reference)", null));
        rows.Add(new Row("  ceiling / library", Ratio(ceilingApplyRate / libraryApplyRate), "≤ 2.5×", ceilingApplyRate / libraryApplyRate <= 2.5));
        rows.Add(new Row("  with stakeholders (the Apply row) against the ceiling", Ratio(ceilingApplyRate / applyRate), "(buying group not in the ceiling)", null));
        if (applied != applySignals)
        {
            Log($"warning: Apply without stakeholders applied {applied:N0} of {applySignals:N0} signals");
        }

        return checksum;
    }

    private static string MRate(double perSecond) => (perSecond / 1e6).ToString("F2", Invariant) + " M signals/s";

    private static string Ratio(double ratio) => ratio.ToString("F2", Invariant) + "×";
}
