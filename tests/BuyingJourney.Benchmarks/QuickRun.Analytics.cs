using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Analytics;
using BuyingJourney.PostgreSql;
using BuyingJourney.Signals;
using BuyingJourney.Stages;
using Npgsql;

namespace BuyingJourney.Benchmarks;

// Quick mode, part: the portfolio analytics rows (--only-analytics).
public static partial class QuickRun
{
    /// <summary>Journeys the PostgreSQL analytics rows store and analyse by default (then extrapolated to <see cref="AnalyticsTargetJourneys"/>); <c>--stored N</c> takes up to all 100,000 of the stream.</summary>
    public const int AnalyticsStoreJourneys = 10_000;

    /// <summary>The target portfolio: 1,000,000 stored journeys of 100 signals in at most 10 minutes.</summary>
    public const int AnalyticsTargetJourneys = 1_000_000;

    /// <summary>
    /// The portfolio analytics rows: <see cref="PortfolioAnalyzer.Analyze"/> of the 100,000 × 100 stream in memory (target
    /// under 5 s), and, unless <paramref name="skipStores"/>, the analysis of <paramref name="stored"/> stored journeys from PostgreSQL, read in
    /// pages with <c>ReadJourneysAsync</c> and with <see cref="PortfolioAnalyzer.AnalyzeStoreAsync"/> (a read per journey),
    /// extrapolated linearly to 1,000,000 journeys (target at most 600 s).
    /// </summary>
    /// <param name="skipStores">Leave out the PostgreSQL rows.</param>
    /// <param name="stored">How many of the stream's journeys the PostgreSQL rows store (1 to 100,000).</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAnalyticsAsync(bool skipStores, int stored = AnalyticsStoreJourneys)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stored, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stored, Journeys);
        var total = Stopwatch.StartNew();
        Console.WriteLine("BuyingJourney portfolio analytics benchmarks (Stopwatch harness, medians of timed runs after warm-up)");
        if (File.Exists("/proc/loadavg"))
        {
            Console.WriteLine("Load average at start (other processes compete for the cores): " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]));
        }

        var rows = new List<Row>();
        var engine = JourneyEngine.CreateDefault();
        var analyzer = new PortfolioAnalyzer(engine, StageMappings.SellerStages, new PortfolioOptions { MaxDegreeOfParallelism = Environment.ProcessorCount });
        Log($"MaxDegreeOfParallelism {Environment.ProcessorCount}");
        var clock = Stopwatch.StartNew();
        var journeys = SignalGenerator.Generate(Journeys, SignalsPerJourney);
        var asOf = journeys.Max(j => j[^1].OccurredAt).AddDays(1);
        Log($"generated {Journeys:N0} journeys × {SignalsPerJourney} signals in {clock.Elapsed.TotalSeconds:F1} s; analysed as of {asOf:yyyy-MM-dd}");

        PortfolioAnalysis? analysis = null;
        var warm = journeys[..WarmUpJourneys];
        var run = Measure("portfolio analysis in memory", () => analyzer.Analyze(warm, asOf), 2, 3, () => analysis = analyzer.Analyze(journeys, asOf));
        rows.Add(new Row($"Portfolio analysis in memory ({Journeys:N0} × {SignalsPerJourney})", string.Create(Invariant, $"{run.Seconds:F2} s ({Journeys / run.Seconds:N0} journeys/s)"), "< 5 s", run.Seconds < 5));
        Log($"analysis: {analysis}; {analysis!.Forecast}");
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var retained = analyzer.Analyze(warm, asOf);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(retained);
        rows.Add(new Row("  the analysis itself (retained)", string.Create(Invariant, $"{(after - before) / 1024.0:N0} KiB"), "(none)", null));

        if (!skipStores)
        {
            await MeasureAnalyticsStoreAsync(analyzer, journeys[..stored], asOf, rows).ConfigureAwait(false);
        }

        if (File.Exists("/proc/loadavg"))
        {
            Console.WriteLine("Load average at end: " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]));
        }

        Console.WriteLine();
        Print(rows);
        Console.WriteLine();
        Console.WriteLine(string.Create(Invariant, $"Analytics quick mode took {total.Elapsed.TotalSeconds:F0} s."));
        return 0;
    }

    private static async Task MeasureAnalyticsStoreAsync(PortfolioAnalyzer analyzer, Signal[][] journeys, DateTimeOffset asOf, List<Row> rows)
    {
        PostgreSqlServer? server = null;
        NpgsqlDataSource? dataSource = null;
        try
        {
            try
            {
                server = await PostgreSqlServer.StartAsync().ConfigureAwait(false);
                (var created, dataSource) = await StoreWorkload.CreatePostgreSqlStoreAsync(server).ConfigureAwait(false);
                await RunAsync(created).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is InvalidOperationException or PlatformNotSupportedException or NpgsqlException or TimeoutException or System.ComponentModel.Win32Exception)
            {
                Console.WriteLine($"PostgreSQL analytics rows skipped: {exception.GetType().Name}: {exception.Message.Split('\n')[0]}");
                rows.Add(new Row("Portfolio analysis from PostgreSQL", "skipped (no server)", "≤ 600 s for 1,000,000 × 100", null));
            }
        }
        finally
        {
            if (dataSource is not null)
            {
                await dataSource.DisposeAsync().ConfigureAwait(false);
            }

            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }

        async Task RunAsync(PostgreSqlJourneyStore store)
        {
            var clock = Stopwatch.StartNew();
            await StoreWorkload.AppendAsync(store, "analytics", journeys).ConfigureAwait(false);
            Log($"stored {journeys.Length:N0} journeys × {SignalsPerJourney} signals in PostgreSQL in {clock.Elapsed.TotalSeconds:F1} s");
            var scale = (double)AnalyticsTargetJourneys / journeys.Length;
            var paged = await MeasureAsync("portfolio analysis, PostgreSQL pages (ReadJourneysAsync)", 1, 3, async _ => (await analyzer.AnalyzeAsync(Pages(store, "analytics"), asOf).ConfigureAwait(false)).Journeys).ConfigureAwait(false);
            rows.Add(new Row($"Portfolio analysis from PostgreSQL pages ({journeys.Length:N0} × {SignalsPerJourney})", string.Create(Invariant, $"{paged.Seconds:F2} s ({journeys.Length / paged.Seconds:N0} journeys/s)"), "(measured)", null));
            rows.Add(new Row($"  extrapolated to {AnalyticsTargetJourneys:N0} × {SignalsPerJourney}", string.Create(Invariant, $"{paged.Seconds * scale:N0} s"), "≤ 600 s", paged.Seconds * scale <= 600));
            var perJourney = await MeasureAsync("portfolio analysis, AnalyzeStoreAsync (a read per journey)", 0, 1, async _ => (await analyzer.AnalyzeStoreAsync(store, "analytics", asOf).ConfigureAwait(false)).Journeys).ConfigureAwait(false);
            rows.Add(new Row($"Portfolio analysis, AnalyzeStoreAsync ({journeys.Length:N0} × {SignalsPerJourney})", string.Create(Invariant, $"{perJourney.Seconds:F2} s ({journeys.Length / perJourney.Seconds:N0} journeys/s)"), "(measured)", null));
            rows.Add(new Row($"  extrapolated to {AnalyticsTargetJourneys:N0} × {SignalsPerJourney}", string.Create(Invariant, $"{perJourney.Seconds * scale:N0} s"), "≤ 600 s", perJourney.Seconds * scale <= 600));
        }
    }

    /// <summary>Every journey of a tenant, a page of 1,000 at a time, as the analyzer's stream of journeys.</summary>
    private static async IAsyncEnumerable<IEnumerable<Signal>> Pages(PostgreSqlJourneyStore store, string tenant, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? after = null;
        while (true)
        {
            var page = await store.ReadJourneysAsync(tenant, after, 1000, cancellationToken).ConfigureAwait(false);
            foreach (var journey in page)
            {
                yield return journey.Signals.Select(s => s.Signal);
            }

            if (page.Count < 1000)
            {
                yield break;
            }

            after = page[^1].JourneyId;
        }
    }
}
