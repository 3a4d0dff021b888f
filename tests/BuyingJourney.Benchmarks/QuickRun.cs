using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using BuyingJourney.Journeys;
using BuyingJourney.PostgreSql;
using BuyingJourney.Signals;
using Npgsql;

namespace BuyingJourney.Benchmarks;

/// <summary>
/// Quick mode (<c>--quick</c>): the headline figures in one table from a plain <see cref="Stopwatch"/> harness (not
/// BenchmarkDotNet): each figure is measured after warm-up runs as the median of several timed runs.
/// </summary>
public static partial class QuickRun
{
    /// <summary>Journeys in the replay stream.</summary>
    public const int Journeys = 100_000;

    /// <summary>Signals per journey in the replay stream.</summary>
    public const int SignalsPerJourney = 100;

    /// <summary>Journeys kept in memory for the state-size row.</summary>
    public const int StateJourneys = 1_000_000;

    /// <summary>Signals per journey for the state-size row.</summary>
    public const int StateSignalsPerJourney = 10;

    /// <summary>Journeys (of <see cref="SignalsPerJourney"/> signals) in one timed Apply run.</summary>
    public const int ApplyJourneys = 5_000;

    /// <summary>Journeys (of <see cref="SignalsPerJourney"/> signals) appended to a store in one timed run.</summary>
    public const int StoreJourneys = 300;

    /// <summary>Writers recording one journey at once in the busy-journey rows.</summary>
    public const int BusyWriters = 16;

    /// <summary>Signals of the journey the busy-journey writers record in one timed run.</summary>
    public const int BusyJourneySignals = 2_000;

    /// <summary>Timed runs of each busy-journey row (after one warm-up run).</summary>
    public const int BusyRuns = 3;

    /// <summary>Journeys replayed in each warm-up run of the replay rows (before the timed runs of the full stream).</summary>
    public const int WarmUpJourneys = 10_000;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Runs quick mode and prints the table.</summary>
    /// <param name="skipStores">Leave out the SQLite and PostgreSQL rows.</param>
    /// <param name="onlyStores">Measure only the SQLite and PostgreSQL rows (on the same journeys as a full run).</param>
    /// <param name="onlyCluster">Measure only the cluster rows (recording through BuyingJourney.Orleans against JourneyService, on PostgreSQL).</param>
    /// <returns>The process exit code (0, or 2 when flags that exclude each other are given).</returns>
    public static async Task<int> RunAsync(bool skipStores, bool onlyStores = false, bool onlyCluster = false)
    {
        if ((skipStores ? 1 : 0) + (onlyStores ? 1 : 0) + (onlyCluster ? 1 : 0) > 1)
        {
            Console.Error.WriteLine("--skip-stores, --only-stores and --only-cluster exclude each other.");
            return 2;
        }

        var total = Stopwatch.StartNew();
        Console.WriteLine("BuyingJourney quick benchmarks (Stopwatch harness, medians of timed runs after warm-up)");
        Console.WriteLine(string.Create(
            Invariant,
            $"Machine: {Environment.ProcessorCount} logical processors, {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}, {RuntimeInformation.FrameworkDescription}, {GcMode()}"));

        if (File.Exists("/proc/loadavg"))
        {
            Console.WriteLine("Load average at start (other processes compete for the cores): " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]));
        }

        var rows = new List<Row>();
        var engine = JourneyEngine.CreateDefault();
        if (onlyCluster)
        {
            await MeasureClusterAsync(engine, rows).ConfigureAwait(false);
            Console.WriteLine();
            Print(rows);
            Console.WriteLine();
            Console.WriteLine(string.Create(Invariant, $"Quick mode (cluster only) took {total.Elapsed.TotalSeconds:F0} s."));
            return 0;
        }

        if (onlyStores)
        {
            // The same journeys a full run stores: the first StoreJourneys of the stream, and its last 50 to warm up.
            // They are replayed first, as often as it takes a full run's replay rows to bring Replay to its final tier
            // (the store rows of a full run come after 100,000 journeys were replayed several times).
            var stored = SignalGenerator.Generate(StoreJourneys, SignalsPerJourney);
            var warmUp = Stopwatch.StartNew();
            for (var round = 0; round < 100; round++)
            {
                foreach (var journey in stored)
                {
                    engine.Replay(journey[0].JourneyId, journey);
                }
            }

            Log($"replayed the store journeys 100 times to warm Replay up ({warmUp.Elapsed.TotalSeconds:F1} s)");
            await MeasureStoresAsync(
                engine,
                stored,
                SignalGenerator.Generate(50, SignalsPerJourney, firstIndex: Journeys - 50),
                rows).ConfigureAwait(false);
            Console.WriteLine();
            Print(rows);
            Console.WriteLine();
            Console.WriteLine(string.Create(Invariant, $"Quick mode (stores only) took {total.Elapsed.TotalSeconds:F0} s."));
            return 0;
        }

        var clock = Stopwatch.StartNew();
        var journeys = SignalGenerator.Generate(Journeys, SignalsPerJourney);
        var ids = Workload.JourneyIds(journeys);
        var signals = (long)Journeys * SignalsPerJourney;
        Log($"generated {Journeys:N0} journeys × {SignalsPerJourney} signals ({Describe(journeys)}) in {clock.Elapsed.TotalSeconds:F1} s");

        // The store rows use the stream's first journeys as generated (the scoring rows remove their stakeholders).
        var storeCopy = SignalGenerator.Generate(StoreJourneys, SignalsPerJourney);

        // Replay, one core. Warmed up on the whole stream twice: the first two runs that keep 100,000 states take their
        // memory fresh from the system (the states array still holds the run before's until it is overwritten); from
        // the third on, a run reuses the memory of the run two before, as every later replay row does.
        var states = new JourneyState[Journeys];
        var warmJourneys = journeys[..WarmUpJourneys];
        var warmIds = ids[..WarmUpJourneys];
        var replay = Measure("replay, one core", () => Workload.Replay(engine, ids, journeys, states), 2, 5, () => Workload.Replay(engine, ids, journeys, states));
        var replayRate = signals / replay.Seconds;
        rows.Add(new Row($"Replay, one core ({Journeys:N0} × {SignalsPerJourney})", Rate(replayRate), "≥ 20,000,000 signals/s", replayRate >= 20_000_000));
        rows.Add(new Row("  allocated during replay", $"{replay.AllocatedBytes / (double)signals:N1} B/signal", "(none)", null));

        // The lifecycle-only ceiling on the same stream.
        var baseline = new LifecycleBaseline(engine);
        long checksum = 0;
        var ceiling = Measure("lifecycle baseline", () => checksum += Workload.Baseline(baseline, warmJourneys), 2, 5, () => checksum += Workload.Baseline(baseline, journeys));
        var ceilingRate = signals / ceiling.Seconds;
        rows.Add(new Row("Baseline lifecycle-only (ceiling)", Rate(ceilingRate), "(reference)", null));
        rows.Add(new Row("  replay / baseline", string.Create(Invariant, $"{replayRate / ceilingRate:P1} ({ceilingRate / replayRate:F1}× slower)"), "(none)", null));

        // Parallel replay.
        var parallel = Measure("replay, all cores", () => Workload.ParallelReplay(engine, warmIds, warmJourneys, states), 2, 3, () => Workload.ParallelReplay(engine, ids, journeys, states));
        var parallelRate = signals / parallel.Seconds;
        var speedUp = parallelRate / replayRate;
        rows.Add(new Row($"Parallel replay ({Environment.ProcessorCount} threads)", Rate(parallelRate), "(none)", null));
        rows.Add(new Row("  speed-up over one core", string.Create(Invariant, $"{speedUp:F2}×"), "≥ 1.8×", speedUp >= 1.8));

        // Incremental Apply.
        var applyJourneys = journeys[..ApplyJourneys];
        var applySignals = (long)ApplyJourneys * SignalsPerJourney;
        long applied = 0;
        var apply = Measure("apply", () => applied = Workload.Apply(engine, ids, applyJourneys), 1, 7, () => applied = Workload.Apply(engine, ids, applyJourneys));
        var applyRate = applySignals / apply.Seconds;
        rows.Add(new Row($"Apply, one by one ({ApplyJourneys:N0} × {SignalsPerJourney})", Rate(applyRate), "≥ 5,000,000 signals/s", applyRate >= 5_000_000));
        rows.Add(new Row("  allocated per Apply", $"{apply.AllocatedBytes / (double)applySignals:N1} B/signal", "(none)", null));
        if (applied != applySignals)
        {
            Log($"warning: Apply applied {applied:N0} of {applySignals:N0} signals");
        }

        // Assess with advice, after 100 signals.
        const int AssessStates = 10_000;
        const int AssessRounds = 5;
        var asOf = new DateTimeOffset[AssessStates];
        for (var i = 0; i < AssessStates; i++)
        {
            asOf[i] = journeys[i][^1].OccurredAt.AddDays(1);
        }

        var advice = 0L;
        void AssessAll()
        {
            for (var round = 0; round < AssessRounds; round++)
            {
                for (var i = 0; i < AssessStates; i++)
                {
                    advice += engine.Assess(states[i], asOf[i]).Advice.Length;
                }
            }
        }

        var assess = Measure("assess", AssessAll, 1, 3, AssessAll);
        var assessMicroseconds = assess.Seconds * 1e6 / (AssessStates * AssessRounds);
        rows.Add(new Row("Assess with advice (after 100 signals)", $"{assessMicroseconds:N2} µs/call", "< 2 µs", assessMicroseconds < 2));
        rows.Add(new Row("  allocated per Assess", $"{assess.AllocatedBytes / (double)(AssessStates * AssessRounds):N0} B/call", "(none)", null));

        // The hand-written ceiling (the buying group included), on the full stream, then on the same stream with the
        // stakeholders removed; from there on the stream's signals name no stakeholder.
        var handWritten = new GroupScoringBaseline(engine);
        checksum += MeasureCeiling(handWritten, engine, ids, journeys, states, applyJourneys, withStakeholders: true, rows);
        Workload.RemoveStakeholders(journeys);
        checksum += MeasureCeiling(handWritten, engine, ids, journeys, states, applyJourneys, withStakeholders: false, rows);

        // The stores use a few hundred journeys; the rest of the stream goes before the state-size row.
        var storeJourneys = storeCopy;
        var warmStoreJourneys = SignalGenerator.Generate(50, SignalsPerJourney, firstIndex: Journeys - 50);
        journeys = [];
        ids = [];
        states = [];
        warmJourneys = [];
        warmIds = [];
        applyJourneys = [];

        // Memory held by a journey state, with a million of them in memory.
        var stateBytes = MeasureStateBytes(engine, withStakeholders: true);
        rows.Add(new Row($"Journey state with its buying group ({StateJourneys:N0} in memory, {StateSignalsPerJourney} signals each)", $"{stateBytes:N0} B/journey", "≤ 1,024 B/journey", stateBytes <= 1024));
        var coreBytes = MeasureStateBytes(engine, withStakeholders: false);
        rows.Add(new Row("  the same signals without stakeholders (no buying group)", $"{coreBytes:N0} B/journey", "≤ 512 B/journey", coreBytes <= 512));

        if (skipStores)
        {
            Log("store rows skipped (--skip-stores)");
        }
        else
        {
            await MeasureStoresAsync(engine, storeJourneys, warmStoreJourneys, rows).ConfigureAwait(false);
        }

        Console.WriteLine();
        Print(rows);
        Console.WriteLine();
        Console.WriteLine(string.Create(Invariant, $"Quick mode took {total.Elapsed.TotalSeconds:F0} s. (checksums: {checksum}, {advice})"));
        return 0;
    }

    /// <param name="engine">The engine.</param>
    /// <param name="withStakeholders">False: the same signals with no stakeholder named, so no buying group (the journey's core state).</param>
    private static double MeasureStateBytes(JourneyEngine engine, bool withStakeholders)
    {
        var clock = Stopwatch.StartNew();
        var kept = new JourneyState[StateJourneys];
        var before = GC.GetTotalMemory(forceFullCollection: true);

        // Each journey is generated and replayed at once, so its signals die young and only the states stay.
        Parallel.For(0, StateJourneys, i =>
        {
            var signals = SignalGenerator.Journey(i, StateSignalsPerJourney, SignalGenerator.DefaultSeed + 1);
            if (!withStakeholders)
            {
                Workload.RemoveStakeholders([signals]);
            }

            kept[i] = engine.Replay(signals[0].JourneyId, signals);
        });

        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(kept);
        var perJourney = (after - before) / (double)StateJourneys;
        Log($"state size{(withStakeholders ? "" : " without stakeholders")}: {StateJourneys:N0} journeys × {StateSignalsPerJourney} signals (seed {SignalGenerator.DefaultSeed + 1}), heap +{(after - before) / 1048576.0:N0} MiB "
            + $"(states and their journey id strings; the reference array was allocated before), {clock.Elapsed.TotalSeconds:F1} s");
        return perJourney;
    }

    /// <summary>The collector the process runs: server or workstation, and for server whether DATAS (dynamic adaptation to application sizes) is on, as the GC itself reports it.</summary>
    private static string GcMode()
    {
        if (!GCSettings.IsServerGC)
        {
            return "workstation GC";
        }

        return GC.GetConfigurationVariables().TryGetValue("GCDynamicAdaptationMode", out var mode) && Convert.ToInt64(mode, Invariant) != 0
            ? "server GC with DATAS"
            : "server GC without DATAS";
    }
}
