using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Feed;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using BuyingJourney.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace BuyingJourney.Orleans.Tests;

/// <summary>The cluster's own behaviour: one writer per journey, a writer outside the cluster, the tenant streams, due transitions.</summary>
[Collection(SharedCluster.Name)]
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Test names read Member_Scenario_Expected.")]
public sealed class JourneyClusterTests(ClusterFixture cluster) : IDisposable
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"buyingjourney-orleans-{Guid.NewGuid():N}.db");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Signal S(string journey, string id, double day, string type = SignalTypes.ProblemStated) => new(id, journey, Day0.AddDays(day), type);

    private SqliteJourneyStore Store() => new(new SqliteConnectionStringBuilder { DataSource = _file }.ToString());

    private async Task<(JourneyCluster Front, JourneyService Service, IJourneyStore Store)> StartAsync(FakeTimeProvider clock, JourneyServiceOptions? options = null)
    {
        var store = Store();
        var service = new JourneyService(JourneyEngine.CreateDefault(clock), store, options, clock);
        ClusterFixture.Service = service;
        await cluster.DeactivateAllAsync();
        return (cluster.Front(service), service, store);
    }

    /// <summary>The busy account: 200 simultaneous records to one journey through the cluster all succeed, each stored once, with no conflict retry (the grain is the one writer).</summary>
    [Fact]
    public async Task RecordAsync_200SimultaneousToOneJourney_AllAppliedNoConflictRetries()
    {
        var (front, _, store) = await StartAsync(new FakeTimeProvider(Day0.AddDays(100)));

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => front.RecordAsync("t1", [S("busy", $"s{i:000}", i / 10.0, i % 2 == 0 ? SignalTypes.ProblemStated : SignalTypes.DemoRequested)], Ct))));

        Assert.All(results, r => Assert.Contains(r.Signals.Single().Status, new[] { RecordStatus.Applied, RecordStatus.LateRebuilt }));
        Assert.Equal(0, results.Sum(r => r.ConflictRetries));
        var stored = await store.ReadAsync("t1", "busy", cancellationToken: Ct);
        Assert.Equal(200, stored.Select(s => s.Signal.Id).Distinct().Count());
        Assert.Equal(200, stored.Count);
        var replay = JourneyEngine.CreateDefault().Replay("busy", stored.Select(s => s.Signal));
        Assert.Equal(replay, (await front.GetAsync("t1", "busy", cancellationToken: Ct)).State);
    }

    /// <summary>A writer outside the cluster appends to a journey the grain holds: the grain's next append is caught by the version check and retried from the stream, nothing is overwritten.</summary>
    [Fact]
    public async Task RecordAsync_WriterOutsideTheCluster_DetectedAndNothingOverwritten()
    {
        var clock = new FakeTimeProvider(Day0.AddDays(100));
        var (front, _, store) = await StartAsync(clock);
        await front.RecordAsync("t1", [S("j", "a", 0)], Ct);
        var outside = new JourneyService(JourneyEngine.CreateDefault(clock), Store(), timeProvider: clock);
        await outside.RecordAsync("t1", [S("j", "outside", 1, SignalTypes.ProblemDefined)], Ct);

        var result = await front.RecordAsync("t1", [S("j", "b", 2, SignalTypes.SolutionResearched)], Ct);

        Assert.Equal(RecordStatus.Applied, result.Signals.Single().Status);
        Assert.True(result.ConflictRetries >= 1);
        var stored = await store.ReadAsync("t1", "j", cancellationToken: Ct);
        Assert.Equal(["a", "outside", "b"], stored.Select(s => s.Signal.Id));
        Assert.Equal(JourneyEngine.CreateDefault().Replay("j", stored.Select(s => s.Signal)), result.Journeys["j"]);
    }

    /// <summary>A tenant's subscriber gets the events its journeys' records stored, as the store's feed holds them; another tenant's subscriber gets none of them.</summary>
    [Fact]
    public async Task SubscribeAsync_Tenant_GetsItsJourneysEventsOnly()
    {
        var (front, _, store) = await StartAsync(new FakeTimeProvider(Day0.AddDays(100)));
        var seen = new ConcurrentQueue<JourneyEvent>();
        var other = new ConcurrentQueue<JourneyEvent>();
        await using var subscription = await front.SubscribeAsync("t1", e => { seen.Enqueue(e); return Task.CompletedTask; }, Ct);
        await using var otherSubscription = await front.SubscribeAsync("t2", e => { other.Enqueue(e); return Task.CompletedTask; }, Ct);

        var result = await front.RecordAsync("t1", [S("j", "a", 0), S("k", "b", 1, SignalTypes.DemoRequested)], Ct);

        Assert.NotEmpty(result.Events);
        var stored = (await store.ReadEventsAsync("t1", cancellationToken: Ct)).Select(e => e.Event).ToArray();
        for (var i = 0; i < 100 && seen.Count < stored.Length; i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.Equal(stored.OrderBy(e => e.JourneyId, StringComparer.Ordinal).ThenBy(e => e.Type, StringComparer.Ordinal).ThenBy(e => e.TaskId, StringComparer.Ordinal),
            seen.OrderBy(e => e.JourneyId, StringComparer.Ordinal).ThenBy(e => e.Type, StringComparer.Ordinal).ThenBy(e => e.TaskId, StringComparer.Ordinal));
        Assert.Equal(result.Events.Length, stored.Length);
        Assert.Empty(other);
    }

    /// <summary>A task's quiet period ends: the grain fires it at its tick (its clock's), stored once; a second firing stores nothing.</summary>
    [Fact]
    public async Task DueTransition_QuietPeriodEnds_FiredByTheGrainOnce()
    {
        var clock = new FakeTimeProvider(Day0);
        var options = new JourneyServiceOptions();
        options.QuietAfter["Validation"] = TimeSpan.FromDays(3);
        var (front, _, store) = await StartAsync(clock, options);
        await front.RecordAsync("t1", [S("j", "a", 0, SignalTypes.TrialStarted)], Ct);

        clock.SetUtcNow(Day0.AddDays(3).AddMinutes(1));
        var quiet = Array.Empty<StoredJourneyEvent>();
        for (var i = 0; i < 100 && quiet.Length == 0; i++)
        {
            await Task.Delay(50, Ct);
            quiet = [.. (await store.ReadEventsAsync("t1", cancellationToken: Ct)).Where(e => e.Event.Type == JourneyEventTypes.TaskQuiet)];
        }

        var again = await front.Grain("t1", "j").RefreshAsync();
        await Task.Delay(500, Ct); // several more wakes of the grain (every 200 ms in these tests)

        Assert.Equal(("Validation", Day0.AddDays(3)), (Assert.Single(quiet).Event.TaskId!, quiet[0].Event.At));
        Assert.Empty(again.Events);
        Assert.Single(await store.ReadEventsAsync("t1", cancellationToken: Ct), e => e.Event.Type == JourneyEventTypes.TaskQuiet);
    }

    /// <summary>Bad input to the cluster's client is refused with the argument named, and nothing is stored.</summary>
    [Fact]
    public async Task ClientCalls_BadInput_ArgumentExceptionNothingStored()
    {
        var (front, _, store) = await StartAsync(new FakeTimeProvider(Day0.AddDays(100)));

        Assert.Equal("tenant", (await Assert.ThrowsAnyAsync<ArgumentException>(() => front.RecordAsync("", [S("j", "a", 0)], Ct))).ParamName);
        Assert.Equal("signals", (await Assert.ThrowsAnyAsync<ArgumentException>(() => front.RecordAsync("t1", [S("j", "a", 0), null!], Ct))).ParamName);
        Assert.Equal("journeyId", (await Assert.ThrowsAnyAsync<ArgumentException>(() => front.GetAsync("t1", "", cancellationToken: Ct))).ParamName);
        Assert.Equal("onEvent", (await Assert.ThrowsAnyAsync<ArgumentException>(() => front.SubscribeAsync("t1", null!, Ct))).ParamName);
        Assert.Equal(0, await store.GetVersionAsync("t1", "j", Ct));
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
