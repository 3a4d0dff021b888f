using System.Collections.Generic;
using System.Diagnostics;
using BuyingJourney.Journeys;
using BuyingJourney.Signals;

namespace BuyingJourney.Benchmarks;

// Quick mode, part: the library against the hand-written ceiling, on the full stream and on the stream without stakeholders.
public static partial class QuickRun
{
    /// <summary>
    /// Checks the ceiling against the library on every journey of <paramref name="journeys"/>, then times Replay and
    /// Apply of both, side by side, and adds their rows (named after <paramref name="stream"/>); without stakeholders
    /// also the bytes Apply allocates per signal.
    /// </summary>
    /// <returns>A checksum of the ceiling's results.</returns>
    private static long MeasureCeiling(GroupScoringBaseline ceiling, JourneyEngine engine, string[] ids, Signal[][] journeys, JourneyState[] states, Signal[][] applyJourneys, bool withStakeholders, List<Row> rows)
    {
        var stream = withStakeholders ? "with stakeholders" : "without stakeholders";
        var clock = Stopwatch.StartNew();
        for (var j = 0; j < journeys.Length; j++)
        {
            ceiling.Verify(ids[j], ceiling.Replay(journeys[j]), engine.Replay(ids[j], journeys[j]));
        }

        Log($"ceiling {stream}: phases, scores, loop-backs, status and its since, and the buying group (members, roles, presence, per-task scores) checked against Replay on all {journeys.Length:N0} journeys ({clock.Elapsed.TotalSeconds:F1} s)");
        rows.Add(new Row($"Ceiling, {stream} (hand-written, in place; the buying group included)", $"equal to Replay on {journeys.Length:N0} journeys", "(checked)", null));

        var signals = Workload.Count(journeys);
        var warmJourneys = journeys[..WarmUpJourneys];
        var warmIds = ids[..WarmUpJourneys];
        var library = Measure($"replay {stream}", () => Workload.Replay(engine, warmIds, warmJourneys, states), 2, 5, () => Workload.Replay(engine, ids, journeys, states));
        long checksum = 0;
        var kept = new GroupScoringBaseline.Journey[journeys.Length];
        var fold = Measure($"ceiling {stream}, replay", () => checksum += Workload.Ceiling(ceiling, warmJourneys, kept), 2, 5, () => checksum += Workload.Ceiling(ceiling, journeys, kept));
        var libraryRate = signals / library.Seconds;
        var ceilingRate = signals / fold.Seconds;
        rows.Add(new Row($"Replay {stream}: library", MRate(libraryRate), "(reference)", null));
        rows.Add(new Row("  ceiling", MRate(ceilingRate), "(reference)", null));
        rows.Add(new Row("  ceiling / library", Ratio(ceilingRate / libraryRate), "≤ 1.5×", ceilingRate / libraryRate <= 1.5));

        var applySignals = Workload.Count(applyJourneys);
        long applied = 0;
        var libraryApply = Measure($"apply {stream}", () => applied = Workload.Apply(engine, ids, applyJourneys), 1, 7, () => applied = Workload.Apply(engine, ids, applyJourneys));
        var ceilingApply = Measure($"ceiling {stream}, apply", () => checksum += Workload.CeilingApply(ceiling, applyJourneys), 1, 7, () => checksum += Workload.CeilingApply(ceiling, applyJourneys));
        var libraryApplyRate = applySignals / libraryApply.Seconds;
        var ceilingApplyRate = applySignals / ceilingApply.Seconds;
        rows.Add(new Row($"Apply {stream}: library", MRate(libraryApplyRate), "(reference)", null));
        if (!withStakeholders)
        {
            var bytes = libraryApply.AllocatedBytes / applySignals;
            rows.Add(new Row("  allocated per Apply without stakeholders", $"{bytes:N1} B/signal", "≤ 512 B/signal", bytes <= 512));
        }

        rows.Add(new Row("  ceiling, in place", MRate(ceilingApplyRate), "(reference)", null));
        rows.Add(new Row("  ceiling / library", Ratio(ceilingApplyRate / libraryApplyRate), "≤ 2.5×", ceilingApplyRate / libraryApplyRate <= 2.5));
        if (applied != applySignals)
        {
            Log($"warning: Apply {stream} applied {applied:N0} of {applySignals:N0} signals");
        }

        return checksum;
    }

    private static string MRate(double perSecond) => (perSecond / 1e6).ToString("F2", Invariant) + " M signals/s";

    private static string Ratio(double ratio) => ratio.ToString("F2", Invariant) + "×";
}
