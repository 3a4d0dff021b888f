using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Feed;
using BuyingJourney.Phases;
using BuyingJourney.Signals;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Xunit;

namespace BuyingJourney.PostgreSql.Tests;

// The change feed under concurrency and time: claims of due journeys, positions committed in order, the scheduler end to end.
public sealed partial class PostgreSqlJourneyStoreTests
{
    [Fact]
    public async Task ClaimDueAsync_ClaimsDueJourneysOfAllTenantsEarliestFirstUntilTheLeaseEndsOrAnAppendReleasesThem()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        await store.AppendAsync("t1", "late", 0, [S("late", "a", 0)], Changes("late", [], "v", 0, dueAt: Day0.AddDays(3)), Ct);
        await store.AppendAsync("t2", "early", 0, [S("early", "a", 0)], Changes("early", [], "v", 0, dueAt: Day0.AddDays(1).AddTicks(1)), Ct);
        await store.AppendAsync("t1", "never", 0, [S("never", "a", 0)], Changes("never", [], "v", 0), Ct);
        await store.AppendAsync("t1", "plain", 0, [S("plain", "a", 0)], cancellationToken: Ct);
        var lease = TimeSpan.FromMinutes(5);

        var beforeTheTick = await store.ClaimDueAsync(Day0.AddDays(1), lease, cancellationToken: Ct);
        var first = await store.ClaimDueAsync(Day0.AddDays(4), lease, 1, Ct);
        var second = await store.ClaimDueAsync(Day0.AddDays(4), lease, cancellationToken: Ct);
        var whileLeased = await store.ClaimDueAsync(Day0.AddDays(4) + lease - TimeSpan.FromTicks(1), lease, cancellationToken: Ct);
        var expired = await store.ClaimDueAsync(Day0.AddDays(4) + lease, lease, cancellationToken: Ct);
        await store.AppendAsync("t1", "late", 1, [], Changes("late", [], "v", 0, dueAt: Day0.AddDays(3)), Ct);
        var released = await store.ClaimDueAsync(Day0.AddDays(4) + lease, lease, cancellationToken: Ct);
        await store.AppendAsync("t1", "late", 1, [S("late", "b", 1)], cancellationToken: Ct);
        var untouchedByPlainAppends = await store.ClaimDueAsync(Day0.AddDays(4) + lease, lease, cancellationToken: Ct);

        Assert.Empty(beforeTheTick);
        Assert.Equal(("t2", "early", Day0.AddDays(1).AddTicks(1)), (Assert.Single(first).Tenant, first[0].JourneyId, first[0].DueAt));
        Assert.Equal(("t1", "late", Day0.AddDays(3)), (Assert.Single(second).Tenant, second[0].JourneyId, second[0].DueAt));
        Assert.Empty(whileLeased);
        Assert.Equal(["early", "late"], expired.Select(d => d.JourneyId));
        Assert.Equal(["late"], released.Select(d => d.JourneyId));
        Assert.Empty(untouchedByPlainAppends);
    }

    [Fact]
    public async Task ClaimDueAsync_TwoStoresOnTwoDataSourcesClaimingAtOnce_NeverGetTheSameJourney()
    {
        var schema = database.NewSchema();
        await using var otherSource = NpgsqlDataSource.Create(database.ConnectionString);
        var one = database.CreateStore(schema: schema);
        await using var two = new PostgreSqlJourneyStore(otherSource, schema);
        await one.MigrateAsync(Ct);
        const int Journeys = 300;
        for (var i = 0; i < Journeys; i++)
        {
            var journey = "j" + i;
            await one.AppendAsync("t" + (i % 3), journey, 0, [S(journey, "a", 0)], Changes(journey, [], "v", 0, dueAt: Day0.AddMinutes(i % 17)), Ct);
        }

        var claims = new ConcurrentBag<(int Store, string Key)>();
        var empty = new bool[2];
        using var round = new Barrier(2);

        // Both claim at the same moment, round after round, until neither finds anything (both connections opened first).
        await two.ClaimDueAsync(Day0.AddYears(-1), TimeSpan.FromHours(1), cancellationToken: Ct);
        async Task ClaimAllAsync(PostgreSqlJourneyStore store, int index)
        {
            while (true)
            {
                round.SignalAndWait(Ct);
                if (empty[0] && empty[1])
                {
                    return;
                }

                round.SignalAndWait(Ct);
                var due = await store.ClaimDueAsync(Day0.AddHours(1), TimeSpan.FromHours(1), 7, Ct);
                empty[index] = due.Count == 0;
                foreach (var journey in due)
                {
                    claims.Add((index, journey.Tenant + "/" + journey.JourneyId));
                }
            }
        }

        await Task.WhenAll(Task.Run(() => ClaimAllAsync(one, 0), Ct), Task.Run(() => ClaimAllAsync(two, 1), Ct));

        Assert.Equal(Journeys, claims.Select(c => c.Key).Distinct().Count());
        Assert.Equal(Journeys, claims.Count);
        Assert.Contains(claims, c => c.Store == 0);
        Assert.Contains(claims, c => c.Store == 1);
    }

    [Fact]
    public async Task AppendAsync_ConcurrentJourneysOfOneTenant_ReadersNeverSkipAPositionThatCommitsLater()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        const int Writers = 6;
        const int Rounds = 40;
        using var done = new CancellationTokenSource();
        var gaps = new ConcurrentBag<string>();
        var seen = new List<long>();

        async Task WriteAsync(int writer)
        {
            var journey = "j" + writer;
            for (var round = 0; round < Rounds; round++)
            {
                // One to three events each: positions are taken in blocks, committed in whatever order the server makes.
                var signals = Enumerable.Range(0, 1 + ((writer + round) % 3)).Select(k => S(journey, $"r{round}-{k}", round)).ToArray();
                await store.AppendAsync("t1", journey, await store.GetVersionAsync("t1", journey, Ct), signals, Changes(journey, [], "v", 1), Ct);
            }
        }

        async Task ReadAsync()
        {
            long last = 0;
            while (true)
            {
                var finished = done.IsCancellationRequested;
                var page = await store.ReadEventsAsync("t1", last, 50, cancellationToken: Ct);
                foreach (var stored in page)
                {
                    if (stored.Position != last + 1)
                    {
                        gaps.Add($"after {last} the reader saw {stored.Position}");
                    }

                    last = stored.Position;
                    seen.Add(stored.Position);
                }

                if (finished && page.Count == 0)
                {
                    return;
                }
            }
        }

        var reader = Task.Run(ReadAsync, Ct);
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(w), Ct)));
        await done.CancelAsync();
        await reader;

        var total = await database.ScalarAsync<long>($"SELECT count(*) FROM {store.Schema}.events");
        Assert.Empty(gaps);
        Assert.Equal(Enumerable.Range(1, (int)total).Select(p => (long)p), seen);
        Assert.Equal(Enumerable.Range(0, Writers).Sum(w => Enumerable.Range(0, Rounds).Sum(r => 1 + ((w + r) % 3))), total);
    }

    [Fact]
    public async Task JourneyScheduler_TwoSchedulersOnTwoStoresRacePastAFadeTime_StoreEachDormancyExactlyOnce()
    {
        var clock = new FakeTimeProvider(Day0);
        var schema = database.NewSchema();
        await using var otherSource = NpgsqlDataSource.Create(database.ConnectionString);
        var one = database.CreateStore(clock, schema);
        await using var two = new PostgreSqlJourneyStore(otherSource, schema, clock);
        await one.MigrateAsync(Ct);
        var engine = JourneyEngine.CreateDefault(clock);
        var services = new[] { new JourneyService(engine, one, timeProvider: clock), new JourneyService(engine, two, timeProvider: clock) };
        const int Journeys = 12;
        var journeys = Enumerable.Range(0, Journeys).Select(i => "acme-" + i).ToArray();
        foreach (var journey in journeys)
        {
            await services[0].RecordAsync("t1", [new Signal(journey + "-1", journey, Day0.AddHours(-2), SignalTypes.ProblemStated), new Signal(journey + "-2", journey, Day0.AddHours(-1), SignalTypes.ProblemStated)], Ct);
        }

        var assessment = await services[0].GetAsync("t1", journeys[0], cancellationToken: Ct);
        var task = assessment.Tasks.First(t => t.Phase == TaskPhase.Active && t.FadesAt is not null);
        var before = await one.ReadEventsAsync("t1", limit: 10_000, cancellationToken: Ct);
        clock.SetUtcNow(task.FadesAt!.Value.AddMinutes(1));

        var schedulers = services.Select((service, i) => new JourneyScheduler(service, i == 0 ? one : two, new JourneySchedulerOptions { BatchSize = 2 }, clock)).ToArray();
        var fired = await Task.WhenAll(schedulers.Select(s => Task.Run(() => s.RunDueAsync(Ct), Ct)));
        var again = await Task.WhenAll(schedulers.Select(s => Task.Run(() => s.RunDueAsync(Ct), Ct)));

        var after = (await one.ReadEventsAsync("t1", before.Count == 0 ? 0 : before[^1].Position, 10_000, cancellationToken: Ct)).ToArray();
        Assert.Equal(fired.Sum(), after.Length);
        Assert.Equal(0, again.Sum());
        foreach (var journey in journeys)
        {
            var dormant = after.Where(e => e.Event.JourneyId == journey && e.Event.Type == JourneyEventTypes.TaskPhaseChanged && e.Event.To == nameof(TaskPhase.Dormant)).ToArray();
            Assert.Equal(task.TaskId, Assert.Single(dormant).Event.TaskId);
            Assert.Null(dormant[0].Event.SignalId);
        }

        Assert.DoesNotContain(before, e => e.Event.To == nameof(TaskPhase.Dormant));
        Assert.Equal(Enumerable.Range(1, before.Count + after.Length).Select(p => (long)p), before.Concat(after).Select(e => e.Position));
    }
}
