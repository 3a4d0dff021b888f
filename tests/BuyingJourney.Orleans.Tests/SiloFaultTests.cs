using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Feed;
using BuyingJourney.Signals;
using BuyingJourney.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace BuyingJourney.Orleans.Tests;

/// <summary>A silo killed in the middle of a load: its journeys' grains come back on the survivors, and nothing acknowledged is lost or doubled.</summary>
[Collection(SharedCluster.Name)]
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Test names read Member_Scenario_Expected.")]
public sealed class SiloFaultTests(ClusterFixture cluster) : IDisposable
{
    private const int Journeys = 300;
    private const int Clients = 8;
    private static readonly DateTimeOffset Day0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"buyingjourney-orleans-fault-{Guid.NewGuid():N}.db");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Each journey's calls: in order, a late one (it sorts before the one sent just before it) and a duplicate (an id
    /// sent before); the trial makes Validation active, so its quiet period falls due once the clock moves on.
    /// </summary>
    private static Signal[][] CallsOf(string journey) =>
    [
        [new($"{journey}-1", journey, Day0, SignalTypes.ProblemStated)],
        [new($"{journey}-2", journey, Day0.AddDays(1), SignalTypes.TrialStarted), new($"{journey}-3", journey, Day0.AddDays(2), SignalTypes.DemoRequested)],
        [new($"{journey}-4", journey, Day0.AddDays(1.5), SignalTypes.ProblemDefined)],
        [new($"{journey}-1", journey, Day0, SignalTypes.ProblemStated), new($"{journey}-5", journey, Day0.AddDays(2.5), SignalTypes.SolutionResearched)],
    ];

    [Fact]
    public async Task SiloKilledMidLoad_GrainsComeBackOnTheSurvivors_EveryAcknowledgedSignalStoredOnce_DueTransitionsOnce()
    {
        var clock = new FakeTimeProvider(Day0.AddDays(3));
        var options = new JourneyServiceOptions();
        options.QuietAfter["Validation"] = TimeSpan.FromDays(3);
        var store = new SqliteJourneyStore(new SqliteConnectionStringBuilder { DataSource = _file }.ToString());
        var service = new JourneyService(JourneyEngine.CreateDefault(clock), store, options, clock);
        ClusterFixture.Service = service;
        await cluster.DeactivateAllAsync();
        var front = cluster.Front(service);
        var acknowledged = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var sent = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var failures = 0;
        var calls = 0;
        var victim = cluster.Cluster.SecondarySilos[0];
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task ClientAsync(int client)
        {
            for (var j = client; j < Journeys; j += Clients)
            {
                foreach (var call in CallsOf($"j{j:000}"))
                {
                    foreach (var signal in call)
                    {
                        sent[signal.Id] = 0;
                    }

                    // A call that failed was not acknowledged; sending it again is safe (stored ids come back as duplicates).
                    for (var attempt = 0; ; attempt++)
                    {
                        try
                        {
                            var result = await front.RecordAsync("t1", call, Ct);
                            foreach (var outcome in result.Signals)
                            {
                                acknowledged[outcome.Signal.Id] = 0;
                            }

                            break;
                        }
                        catch (Exception e) when (attempt < 20 && e is not OperationCanceledException)
                        {
                            Interlocked.Increment(ref failures);
                            await Task.Delay(100, Ct);
                        }
                    }

                    if (Interlocked.Increment(ref calls) == Journeys)
                    {
                        // A quarter of the calls are in: the silo dies with the grains it holds.
                        await cluster.Cluster.KillSiloAsync(victim);
                        killed.TrySetResult();
                    }
                }
            }
        }

        try
        {
            await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(() => ClientAsync(c), Ct)));
            Assert.True(killed.Task.IsCompleted, "the silo was not killed during the load");

            var engine = JourneyEngine.CreateDefault();
            var mismatched = new List<string>();
            var wrongCounts = new List<string>();
            for (var j = 0; j < Journeys; j++)
            {
                var journey = $"j{j:000}";
                var stored = await store.ReadAsync("t1", journey, cancellationToken: Ct);
                if (stored.Count != 5 || stored.Select(s => s.Signal.Id).Distinct().Count() != 5)
                {
                    wrongCounts.Add($"{journey}: {string.Join(",", stored.Select(s => s.Signal.Id))}");
                }

                var assessed = await front.GetAsync("t1", journey, cancellationToken: Ct);
                if (!Equals(engine.Replay(journey, stored.Select(s => s.Signal)), assessed.State))
                {
                    mismatched.Add(journey);
                }
            }

            Assert.Equal(Journeys * 5, sent.Count);
            Assert.Equal(sent.Keys.Order(StringComparer.Ordinal), acknowledged.Keys.Order(StringComparer.Ordinal));
            Assert.Empty(wrongCounts);
            Assert.Empty(mismatched);

            // The quiet period of every journey's Validation falls due; the grains (each activated again above, the
            // killed silo's on the survivors) store it once.
            clock.SetUtcNow(Day0.AddDays(10));
            IReadOnlyList<StoredJourneyEvent> events = [];
            for (var wait = 0; wait < 300; wait++)
            {
                events = await AllEventsAsync(store);
                if (events.Select(e => e.Event).Where(e => e.Type == JourneyEventTypes.TaskQuiet).Select(e => e.JourneyId).Distinct().Count() == Journeys)
                {
                    break;
                }

                await Task.Delay(100, Ct);
            }

            await Task.Delay(1000, Ct); // several more ticks of every grain (200 ms apart here): none may store it again
            events = await AllEventsAsync(store);
            var quiet = events.Select(e => e.Event).Where(e => e.Type == JourneyEventTypes.TaskQuiet).GroupBy(e => (e.JourneyId, e.TaskId)).ToArray();
            Assert.Equal(Journeys, quiet.Length);
            Assert.All(quiet, g => Assert.Single(g));
        }
        finally
        {
            if (killed.Task.IsCompleted)
            {
                await cluster.Cluster.StartAdditionalSiloAsync();
            }
        }
    }

    private static async Task<IReadOnlyList<StoredJourneyEvent>> AllEventsAsync(SqliteJourneyStore store)
    {
        var all = new List<StoredJourneyEvent>();
        while (true)
        {
            var page = await store.ReadEventsAsync("t1", all.Count == 0 ? 0 : all[^1].Position, 10_000, cancellationToken: Ct);
            if (page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(_file + suffix);
        }
    }
}
