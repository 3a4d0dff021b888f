using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Orleans;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace BuyingJourney.Benchmarks;

// Quick mode, part (--only-cluster): recording through the Orleans cluster (BuyingJourney.Orleans on TestingHost's
// in-process silos) against JourneyService on the same PostgreSQL store.
public static partial class QuickRun
{
    /// <summary>Journeys recorded in one timed run of the cluster rows.</summary>
    public const int ClusterJourneys = 400;

    /// <summary>Signals per journey in the cluster rows: two passes of 20, in calls of <see cref="ClusterBatch"/>.</summary>
    public const int ClusterSignalsPerJourney = 40;

    /// <summary>Signals per call in the cluster rows.</summary>
    public const int ClusterBatch = 5;

    /// <summary>Callers recording at once in the cluster rows, each taking the next journey.</summary>
    public const int ClusterCallers = 8;

    /// <summary>The journey service the benchmark's silos use (TestingHost builds the silos from configurator types).</summary>
    private static JourneyService? _siloService;

    private static async Task MeasureClusterAsync(JourneyEngine engine, List<Row> rows)
    {
        var clock = Stopwatch.StartNew();
        var server = await PostgreSqlServer.StartAsync().ConfigureAwait(false);
        await using (server.ConfigureAwait(false))
        {
            var (store, dataSource) = await StoreWorkload.CreatePostgreSqlStoreAsync(server).ConfigureAwait(false);
            Log($"PostgreSQL: {server.Description}, ready in {clock.Elapsed.TotalSeconds:F1} s");
            try
            {
                var service = new JourneyService(engine, store);
                _siloService = service;
                var journeys = SignalGenerator.Generate(ClusterJourneys, ClusterSignalsPerJourney);
                var tenants = 0;
                var direct = await MeasureRecordingAsync("JourneyService", (tenant, batch) => service.RecordAsync(tenant, batch), journeys, () => StoreWorkload.NewTenant("direct", ref tenants)).ConfigureAwait(false);
                rows.Add(direct.Row($"Record {ClusterJourneys} journeys × {ClusterSignalsPerJourney} (calls of {ClusterBatch}, {ClusterCallers} callers), JourneyService", null));
                rows.Add(direct.LatencyRow);
                await MeasureBusyAsync("PostgreSQL", "JourneyService (one process)", Writers(Enumerable.Repeat(service, BusyWriters)), "busy-direct", rows).ConfigureAwait(false);

                foreach (var silos in new[] { 1, 3 })
                {
                    var builder = new TestClusterBuilder((short)silos);
                    builder.Options.ConfigureFileLogging = false; // no logs/ folder of every silo's log in the working directory
                    builder.AddSiloBuilderConfigurator<BenchmarkSilo>();
                    builder.AddClientBuilderConfigurator<BenchmarkClient>();
                    var cluster = builder.Build();
                    await cluster.DeployAsync().ConfigureAwait(false);
                    try
                    {
                        var front = cluster.Client.ServiceProvider.GetRequiredService<IJourneyCluster>();
                        var label = silos == 1 ? "one silo" : $"{silos} silos";
                        var through = await MeasureRecordingAsync(label, (tenant, batch) => front.RecordAsync(tenant, batch), journeys, () => StoreWorkload.NewTenant("cluster" + silos, ref tenants)).ConfigureAwait(false);
                        rows.Add(through.Row($"  through IJourneyCluster, {label} (in process)", direct.Rate));
                        rows.Add(through.LatencyRow);
                        await MeasureBusyAsync(
                            "PostgreSQL",
                            $"IJourneyCluster, {label}",
                            [.. Enumerable.Repeat<Func<string, Signal[], Task<RecordResult>>>((tenant, batch) => front.RecordAsync(tenant, batch), BusyWriters)],
                            "busy-cluster" + silos,
                            rows).ConfigureAwait(false);
                    }
                    finally
                    {
                        await cluster.StopAllSilosAsync().ConfigureAwait(false);
                        await cluster.DisposeAsync().ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                _siloService = null;
                await StoreWorkload.DropPostgreSqlStoreAsync(store, dataSource).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// <see cref="ClusterCallers"/> callers record <paramref name="journeys"/> (each caller the next journey, its signals
    /// in calls of <see cref="ClusterBatch"/>, in order) for a new tenant per run: one warm-up run, three timed; the
    /// median run's signals per second and its calls' latencies.
    /// </summary>
    private static async Task<Recording> MeasureRecordingAsync(string label, Func<string, Signal[], Task<RecordResult>> record, Signal[][] journeys, Func<string> newTenant)
    {
        var runs = new List<(double Seconds, double[] Latencies)>();
        var signals = StoreWorkload.Count(journeys);
        for (var run = 0; run < 4; run++)
        {
            var tenant = newTenant();
            var next = -1;
            var latencies = new List<double>[ClusterCallers];
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, ClusterCallers).Select(caller => Task.Run(async () =>
            {
                var mine = latencies[caller] = [];
                for (var j = Interlocked.Increment(ref next); j < journeys.Length; j = Interlocked.Increment(ref next))
                {
                    for (var start = 0; start < journeys[j].Length; start += ClusterBatch)
                    {
                        var call = Stopwatch.GetTimestamp();
                        var result = await record(tenant, journeys[j][start..Math.Min(start + ClusterBatch, journeys[j].Length)]).ConfigureAwait(false);
                        mine.Add(Stopwatch.GetElapsedTime(call).TotalMilliseconds);
                        if (result.Signals.Any(o => o.Status == RecordStatus.Refused))
                        {
                            throw new InvalidOperationException($"{label}: a signal of {journeys[j][0].JourneyId} was refused.");
                        }
                    }
                }
            }))).ConfigureAwait(false);
            var seconds = clock.Elapsed.TotalSeconds;
            if (run > 0)
            {
                runs.Add((seconds, [.. latencies.SelectMany(l => l).Order()]));
            }
        }

        var median = runs.OrderBy(r => r.Seconds).ElementAt(runs.Count / 2);
        Log($"record, {label}: " + string.Join("; ", runs.Select(r => FormattableString.Invariant($"{signals / r.Seconds:N0} signals/s"))));
        return new Recording(signals / median.Seconds, median.Latencies[median.Latencies.Length / 2], median.Latencies[(int)(median.Latencies.Length * 0.99)]);
    }

    /// <summary>A recording row's figures.</summary>
    private sealed record Recording(double Rate, double MedianMilliseconds, double P99Milliseconds)
    {
        public Row Row(string name, double? against) => new(
            name,
            QuickRun.Rate(Rate) + (against is { } other ? FormattableString.Invariant($" ({Rate / other:F2}× JourneyService)") : ""),
            "(reference)",
            null);

        public Row LatencyRow => new("    latency per call: median, p99", FormattableString.Invariant($"{MedianMilliseconds:F2} ms, {P99Milliseconds:F2} ms"), "(none)", null);
    }

    private sealed class BenchmarkSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage("PubSubStore");
            siloBuilder.AddMemoryStreams("BuyingJourney");
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.Services.AddBuyingJourney().UseOrleans();
            siloBuilder.Services.AddTransient(_ => _siloService ?? throw new InvalidOperationException("no journey service for the silos."));
        }
    }

    private sealed class BenchmarkClient : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
        {
            clientBuilder.AddMemoryStreams("BuyingJourney");
            clientBuilder.Services.AddBuyingJourney().UseOrleans();
            clientBuilder.Services.AddTransient(_ => _siloService ?? throw new InvalidOperationException("no journey service for the client."));
        }
    }
}
