using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Evidence;
using BuyingJourney.Feed;
using BuyingJourney.Model;
using BuyingJourney.Persistence;
using BuyingJourney.Rules;
using BuyingJourney.Signals;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace BuyingJourney.Hosting.Tests;

public sealed class HostingTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IHost Host(Dictionary<string, string?> settings, Action<BuyingJourneyBuilder> configure, TimeProvider? clock = null, Action<JourneyEngineBuilder>? engine = null, IJourneyStore? store = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        var journeys = builder.Services.AddBuyingJourney((b, _) => engine?.Invoke(b)).BindConfiguration(builder.Configuration.GetSection("BuyingJourney"));
        if (store is null)
        {
            journeys.UseInMemory();
        }
        else
        {
            builder.Services.AddSingleton(store);
        }

        configure(journeys);
        builder.Services.AddHealthChecks().AddBuyingJourneyStore(tags: ["ready"]);
        return builder.Build();
    }

    [Theory]
    [InlineData("BuyingJourney:Scheduler:Lease", "soon", "BuyingJourney:Scheduler:Lease")]
    [InlineData("BuyingJourney:Scheduler:Lease", "00:00:00", "Lease")]
    [InlineData("BuyingJourney:Feed:PageSize", "0", "PageSize")]
    [InlineData("BuyingJourney:Service:QuietAfter:NoSuchTask", "3.00:00:00", "NoSuchTask")]
    [InlineData("BuyingJourney:Service:SnapshotEvry", "10", "BuyingJourney:Service:SnapshotEvry")]
    [InlineData("BuyingJourney:Rebuild:PageSize", "many", "BuyingJourney:Rebuild:PageSize")]
    public async Task BindConfiguration_ABadValue_FailsTheHostsStartNamingIt(string key, string value, string named)
    {
        using var host = Host(new() { [key] = value }, b => b.AddHostedScheduler().AddHostedRebuild());

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(Ct));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BindConfiguration_ValuesReachTheOptions()
    {
        var clock = new FakeTimeProvider(Day0);
        using var host = Host(new() { ["BuyingJourney:Service:MaxClockSkew"] = "00:00:00", ["BuyingJourney:Service:QuietAfter:Validation"] = "2.00:00:00" }, _ => { }, clock);
        await host.StartAsync(Ct);
        var service = host.Services.GetRequiredService<JourneyService>();

        var ahead = await service.RecordAsync("t", [new Signal("a", "j", Day0.AddMinutes(1), SignalTypes.TrialStarted)], Ct);
        await service.RecordAsync("t", [new Signal("b", "j", Day0, SignalTypes.TrialStarted)], Ct);
        clock.Advance(TimeSpan.FromDays(3));
        await service.RefreshAsync("t", "j", Ct);

        Assert.Equal(RecordStatus.Refused, Assert.Single(ahead.Signals).Status);
        Assert.Contains(await host.Services.GetRequiredService<JourneyFeed>().ReadAsync("t", cancellationToken: Ct), e => e.Event.Type == JourneyEventTypes.TaskQuiet && e.Event.TaskId == "Validation");
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task AddHostedScheduler_StoresADormancyWhenItFallsDue()
    {
        var clock = new FakeTimeProvider(Day0);
        using var host = Host(new() { ["BuyingJourney:Scheduler:PollInterval"] = "00:00:01" }, b => b.AddHostedScheduler(), clock);
        await host.StartAsync(Ct);
        var service = host.Services.GetRequiredService<JourneyService>();
        var recorded = await service.RecordAsync("t", [new Signal("a", "j", Day0, SignalTypes.SolutionResearched)], Ct);
        var fadesAt = host.Services.GetRequiredService<JourneyEngine>().Assess(recorded.Journeys["j"], Day0).Tasks.Where(t => t.FadesAt is not null).Min(t => t.FadesAt!.Value);

        clock.SetUtcNow(fadesAt.AddMinutes(1));
        var feed = host.Services.GetRequiredService<JourneyFeed>();
        StoredJourneyEvent? dormancy = null;
        for (var wait = 0; wait < 600 && dormancy is null; wait++)
        {
            clock.Advance(TimeSpan.FromSeconds(1)); // the scheduler's poll interval, on the fake clock
            await Task.Delay(50, Ct);
            dormancy = (await feed.ReadAsync("t", cancellationToken: Ct)).FirstOrDefault(e => e.Event.To == "Dormant" && e.Event.SignalId is null);
        }

        Assert.NotNull(dormancy);
        Assert.Equal(fadesAt, dormancy.Event.At);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task MigrateOnStartup_CreatesTheSqliteSchemaAtStart()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bj-hosting-{Guid.NewGuid():N}.db");
        try
        {
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.AddBuyingJourney().UseSqlite($"Data Source={path}").MigrateOnStartup();
            using var host = builder.Build();
            Assert.False(File.Exists(path));

            await host.StartAsync(Ct);

            using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('signals', 'events', 'feeds');";
            Assert.Equal(3L, command.ExecuteScalar());
            await host.StopAsync(Ct);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public async Task MigrateOnStartup_AFailedMigration_FailsTheStart()
    {
        using var host = Host([], b => b.MigrateOnStartup().AddHostedScheduler(), store: new FailingMigration());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Ct));

        Assert.Equal("the schema is locked", error.Message);
    }

    [Fact]
    public async Task AddBuyingJourneyStore_ReportsWhetherTheStoreAnswers()
    {
        using var healthy = Host([], _ => { });
        using var broken = Host([], _ => { }, store: new FailingMigration());

        var good = await healthy.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct);
        var bad = await broken.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains("ready"), Ct);

        Assert.Equal(HealthStatus.Healthy, good.Status);
        Assert.Equal(HealthStatus.Unhealthy, bad.Status);
        Assert.Contains("did not answer: the store is down", bad.Entries["buyingjourney-store"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddHostedRebuild_GoesOnWhereAnInterruptedRebuildStopped_ThenRebuildsOnRequest()
    {
        var store = new InMemoryJourneyStore();
        var clock = new FakeTimeProvider(Day0.AddDays(9));
        var before = new JourneyService(JourneyEngine.CreateDefault(clock), store, timeProvider: clock);
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            await before.RecordAsync("t", Story(id), Ct);
            await before.RecordAsync("u", Story(id), Ct);
        }

        // A rebuild killed after its first page: a and b are rebuilt under the new rulebook.
        var interrupted = new JourneyService(new JourneyEngineBuilder().UseTimeProvider(clock).UseRulebook(NewRulebook).Build(), store, timeProvider: clock);
        using var kill = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => interrupted.RebuildAllAsync("t", new Kill(kill), 2, kill.Token));

        using var host = Host(new() { ["BuyingJourney:Rebuild:Tenants:0"] = "t", ["BuyingJourney:Rebuild:PageSize"] = "2" }, b => b.AddHostedRebuild(), clock, e => e.UseRulebook(NewRulebook), store);
        await host.StartAsync(Ct);
        var rebuilds = host.Services.GetRequiredService<JourneyRebuilds>();
        var first = await CompletedAsync(rebuilds, "t");
        rebuilds.Request("u");
        var second = await CompletedAsync(rebuilds, "u");
        await host.StopAsync(Ct);

        Assert.Equal((2, 2), (first.Progress!.Rebuilt, first.Progress.AlreadyCurrent));
        Assert.Equal((4, 0), (second.Progress!.Rebuilt, second.Progress.AlreadyCurrent));
        Assert.Equal("1.1.0", (await store.LoadSnapshotAsync("u", "d", cancellationToken: Ct))!.RulebookVersion);
    }

    private static async Task<JourneyRebuildStatus> CompletedAsync(JourneyRebuilds rebuilds, string tenant)
    {
        var status = await rebuilds.WhenEndedAsync(tenant, Ct).WaitAsync(TimeSpan.FromMinutes(1), Ct);
        Assert.Equal(JourneyRebuildState.Completed, status.State);
        return status;
    }

    [Fact]
    public async Task WhenEndedAsync_WaitsForTheNextRebuildAskedFor_AndAnswersAtOnceOnceItEnded()
    {
        var store = new InMemoryJourneyStore();
        var clock = new FakeTimeProvider(Day0.AddDays(9));
        await new JourneyService(JourneyEngine.CreateDefault(clock), store, timeProvider: clock).RecordAsync("t", Story("a"), Ct);
        using var host = Host([], b => b.AddHostedRebuild(), clock, e => e.UseRulebook(NewRulebook), store);
        await host.StartAsync(Ct);
        var rebuilds = host.Services.GetRequiredService<JourneyRebuilds>();

        var waited = rebuilds.WhenEndedAsync("t", Ct);
        var statusWhileOnlyWaited = rebuilds.Status("t");
        Assert.False(waited.IsCompleted);
        rebuilds.Request("t");
        var ended = await waited.WaitAsync(TimeSpan.FromMinutes(1), Ct);
        var again = rebuilds.WhenEndedAsync("t", Ct);
        await host.StopAsync(Ct);

        Assert.Null(statusWhileOnlyWaited);
        Assert.Equal((JourneyRebuildState.Completed, 1), (ended.State, ended.Progress!.Rebuilt));
        Assert.True(again.IsCompletedSuccessfully);
        Assert.Same(ended, await again);
        Assert.Throws<ArgumentException>(() => { _ = rebuilds.WhenEndedAsync("", Ct); });
    }

    private static readonly Rulebook NewRulebook = new(
        "gartner-default",
        "1.1.0",
        Rulebooks.Gartner.Rules
            .Where(r => r.Id != "gartner:" + SignalTypes.ProblemMetricMissed)
            .Append(EvidenceRule.ForSignalType(
                "gartner:" + SignalTypes.ProblemMetricMissed,
                SignalTypes.ProblemMetricMissed,
                EvidenceItem.For(GartnerTasks.ProblemIdentification, EvidenceStrength.Normal, "a missed target"))));

    private static Signal[] Story(string journey) =>
    [
        new("s1", journey, Day0, SignalTypes.ProblemStated),
        new("s2", journey, Day0.AddDays(2), SignalTypes.ProblemDefined),
        new("s3", journey, Day0.AddDays(5), SignalTypes.SolutionResearched),
        new("s4", journey, Day0.AddDays(8), SignalTypes.ProblemMetricMissed),
    ];

    private sealed class Kill(CancellationTokenSource kill) : IProgress<JourneyRebuildProgress>
    {
        public void Report(JourneyRebuildProgress value) => kill.Cancel();
    }

    /// <summary>A store that is down: its migration and its reads throw.</summary>
    private sealed class FailingMigration : IJourneyStore, IJourneyStoreMigration
    {
        private readonly InMemoryJourneyStore _inner = new();

        public Task MigrateAsync(CancellationToken cancellationToken = default) => throw new InvalidOperationException("the schema is locked");

        public Task<AppendResult> AppendAsync(string tenant, string journeyId, long expectedVersion, IReadOnlyList<Signal> signals, JourneyChangesFactory? changes = null, CancellationToken cancellationToken = default)
            => _inner.AppendAsync(tenant, journeyId, expectedVersion, signals, changes, cancellationToken);

        public Task<IReadOnlyList<StoredSignal>> ReadAsync(string tenant, string journeyId, long afterVersion = 0, DateTimeOffset? occurredAtOrBefore = null, CancellationToken cancellationToken = default)
            => _inner.ReadAsync(tenant, journeyId, afterVersion, occurredAtOrBefore, cancellationToken);

        public Task<long> GetVersionAsync(string tenant, string journeyId, CancellationToken cancellationToken = default) => throw new IOException("the store is down");

        public Task SaveSnapshotAsync(string tenant, JourneySnapshot snapshot, CancellationToken cancellationToken = default) => _inner.SaveSnapshotAsync(tenant, snapshot, cancellationToken);

        public Task<JourneySnapshot?> LoadSnapshotAsync(string tenant, string journeyId, DateTimeOffset? lastSignalBefore = null, CancellationToken cancellationToken = default)
            => _inner.LoadSnapshotAsync(tenant, journeyId, lastSignalBefore, cancellationToken);

        public Task<IReadOnlyList<string>> ListJourneysAsync(string tenant, string? after = null, int limit = 1000, CancellationToken cancellationToken = default)
            => _inner.ListJourneysAsync(tenant, after, limit, cancellationToken);

        public Task<IReadOnlyList<StoredJourneyEvent>> ReadEventsAsync(string tenant, long afterPosition = 0, int limit = 1000, string? journeyId = null, CancellationToken cancellationToken = default)
            => _inner.ReadEventsAsync(tenant, afterPosition, limit, journeyId, cancellationToken);

        public Task<long> GetFeedCursorAsync(string tenant, string consumer, CancellationToken cancellationToken = default) => _inner.GetFeedCursorAsync(tenant, consumer, cancellationToken);

        public Task SaveFeedCursorAsync(string tenant, string consumer, long position, CancellationToken cancellationToken = default) => _inner.SaveFeedCursorAsync(tenant, consumer, position, cancellationToken);

        public Task<IReadOnlyList<DueJourney>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit = 100, CancellationToken cancellationToken = default) => _inner.ClaimDueAsync(now, lease, limit, cancellationToken);
    }
}
