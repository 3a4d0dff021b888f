using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Feed;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace BuyingJourney.PostgreSql.Tests;

// The change feed: events stored with the signals in the append's transaction, positions per tenant, cursors.
public sealed partial class PostgreSqlJourneyStoreTests
{
    [Fact]
    public async Task AppendAsync_WithChanges_StoresEventsAndViewWithTheSignalsAndHandsTheViewBack()
    {
        var clock = new FakeTimeProvider(Day0.AddTicks(1234));
        var store = await database.CreateMigratedStoreAsync(clock, Ct);
        var calls = new List<(string[] Appended, string? View)>();

        var first = await store.AppendAsync("t1", "j", 0, [S("j", "a", 0), S("j", "b", 1), S("j", "a", 2)], Changes("j", calls, "view-1", 2), Ct);
        var second = await store.AppendAsync("t1", "j", 2, [S("j", "b", 1), S("j", "c", 3)], Changes("j", calls, "view-2", 1), Ct);

        Assert.Equal((2L, 3L), (first.Version, second.Version));
        Assert.Equal([AppendOutcome.Duplicate, AppendOutcome.Appended], second.Outcomes);
        Assert.Equal(["a,b|", "c|view-1"], calls.Select(c => string.Join(',', c.Appended) + "|" + c.View));
        var events = await store.ReadEventsAsync("t1", cancellationToken: Ct);
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Position));
        Assert.Equal(["a", "b", "c"], events.Select(e => e.Event.SignalId));
        Assert.All(events, e => Assert.Equal(new DateTimeOffset(Day0.UtcTicks + 1230, TimeSpan.Zero), e.RecordedAt));
        Assert.Equal(Event("j", "c"), events[2].Event);
        Assert.Equal("view-2", await database.ScalarAsync<string>($"SELECT view FROM {store.Schema}.journey_feeds"));
        Assert.Equal(["a", "b", "c"], (await store.ReadAsync("t1", "j", cancellationToken: Ct)).Select(s => s.Signal.Id));
    }

    [Fact]
    public async Task AppendAsync_FactoryThrows_StoresNeitherSignalsNorEvents()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0)], Changes("j", [], "view-1", 1, dueAt: Day0.AddDays(5)), Ct);
        await store.ClaimDueAsync(Day0.AddDays(6), TimeSpan.FromMinutes(1), cancellationToken: Ct);

        var thrown = await Assert.ThrowsAsync<FormatException>(() =>
            store.AppendAsync("t1", "j", 1, [S("j", "b", 1), S("j", "c", 2)], (_, _) => throw new FormatException("the fold failed"), Ct));
        var otherJourneys = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.AppendAsync("t1", "j", 1, [S("j", "b", 1)], (_, _) => new JourneyChanges([Event("k", null)], "view-x", null), Ct));
        var newStream = await Assert.ThrowsAsync<FormatException>(() =>
            store.AppendAsync("t1", "n", 0, [S("n", "a", 0)], (_, _) => throw new FormatException("the fold failed"), Ct));

        Assert.Equal("the fold failed", thrown.Message);
        Assert.Contains("\"k\"", otherJourneys.Message, StringComparison.Ordinal);
        Assert.Equal("the fold failed", newStream.Message);
        Assert.Equal(1, await store.GetVersionAsync("t1", "j", Ct));
        Assert.Equal(["a"], (await store.ReadAsync("t1", "j", cancellationToken: Ct)).Select(s => s.Signal.Id));
        Assert.Equal([1L], (await store.ReadEventsAsync("t1", cancellationToken: Ct)).Select(e => e.Position));
        Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT last_position FROM {store.Schema}.feed_heads WHERE tenant = 't1'"));
        Assert.Equal("view-1", await database.ScalarAsync<string>($"SELECT view FROM {store.Schema}.journey_feeds WHERE journey = 'j'"));
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM {store.Schema}.streams WHERE journey = 'n'"));

        // The claim taken before the failures still holds: nothing released it.
        Assert.Empty(await store.ClaimDueAsync(Day0.AddDays(6), TimeSpan.FromMinutes(1), cancellationToken: Ct));
    }

    [Fact]
    public async Task AppendAsync_EventsInsertFails_CommitIsNotRunAndTheConnectionIsReusable()
    {
        // COMMIT travels in the events' batch: a statement before it that fails must leave nothing stored, and the
        // aborted transaction must not stay on the pooled connection.
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0)], Changes("j", [], "view-1", 1), Ct);
        await database.ExecuteAsync($$"""
            CREATE FUNCTION {{store.Schema}}.refuse_event() RETURNS trigger LANGUAGE plpgsql AS
            $f$ BEGIN IF NEW.journey = 'bad' THEN RAISE EXCEPTION 'event refused by the test'; END IF; RETURN NEW; END $f$;
            CREATE TRIGGER refuse_event BEFORE INSERT ON {{store.Schema}}.events FOR EACH ROW EXECUTE FUNCTION {{store.Schema}}.refuse_event();
            """);

        var failed = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            store.AppendAsync("t1", "bad", 0, [S("bad", "x", 1), S("bad", "y", 2)], Changes("bad", [], "view-bad", 1), Ct));
        for (var i = 0; i < 3; i++)
        {
            // Every pooled connection the failure could have touched serves the next appends.
            await store.AppendAsync("t1", "j", 1 + i, [S("j", "n" + i, 3 + i)], Changes("j", [], "view-" + (2 + i), 1), Ct);
        }

        Assert.Contains("event refused by the test", failed.MessageText, StringComparison.Ordinal);
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM {store.Schema}.streams WHERE journey = 'bad'"));
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM {store.Schema}.journey_feeds WHERE journey = 'bad'"));
        Assert.Empty(await store.ReadAsync("t1", "bad", cancellationToken: Ct));
        Assert.Equal(["a", "n0", "n1", "n2"], (await store.ReadAsync("t1", "j", cancellationToken: Ct)).Select(s => s.Signal.Id));
        Assert.Equal([1L, 2L, 3L, 4L], (await store.ReadEventsAsync("t1", cancellationToken: Ct)).Select(e => e.Position));
        Assert.Equal(4L, await database.ScalarAsync<long>($"SELECT last_position FROM {store.Schema}.feed_heads WHERE tenant = 't1'"));
        Assert.Equal("view-4", await database.ScalarAsync<string>($"SELECT view FROM {store.Schema}.journey_feeds WHERE journey = 'j'"));
    }

    [Fact]
    public async Task AppendAsync_ZeroSignalsWithChanges_ChecksTheVersionAndStoresTheEvents()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0), S("j", "b", 1)], Changes("j", [], "view-1", 1), Ct);
        var calls = new List<(string[] Appended, string? View)>();

        var conflict = await Assert.ThrowsAsync<JourneyVersionConflictException>(() => store.AppendAsync("t1", "j", 1, [], Changes("j", calls, "view-x", 1), Ct));
        var unknown = await Assert.ThrowsAsync<JourneyVersionConflictException>(() => store.AppendAsync("t1", "none", 3, [], Changes("none", calls, "view-x", 1), Ct));
        var result = await store.AppendAsync("t1", "j", 2, [], (appended, view) =>
        {
            calls.Add(([.. appended.Select(s => s.Id)], view));
            return new JourneyChanges([new JourneyEvent("j", JourneyEventTypes.TaskPhaseChanged, Day0.AddDays(9), null, "t", "Active", "Dormant")], "view-2", null);
        }, Ct);

        Assert.Equal((2L, 2L), (conflict.ActualVersion, result.Version));
        Assert.Equal(0L, unknown.ActualVersion);
        Assert.Empty(result.Outcomes);
        Assert.Equal(["|view-1"], calls.Select(c => string.Join(',', c.Appended) + "|" + c.View));
        var events = await store.ReadEventsAsync("t1", afterPosition: 2, cancellationToken: Ct);
        Assert.Equal((3L, "Dormant", (string?)null), (Assert.Single(events).Position, events[0].Event.To, events[0].Event.SignalId));
        Assert.Equal(2, await store.GetVersionAsync("t1", "j", Ct));
    }

    [Fact]
    public async Task ReadEventsAsync_PositionsArePerTenantAndTenantsNeverSeeEachOthersEvents()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0), S("j", "b", 1)], Changes("j", [], "v", 1), Ct);
        await store.AppendAsync("t2", "j", 0, [S("j", "x", 0)], Changes("j", [], "v", 1), Ct);
        await store.AppendAsync("t1", "k", 0, [S("k", "c", 0)], Changes("k", [], "v", 1), Ct);
        await store.AppendAsync("t1", "j", 2, [S("j", "d", 2)], Changes("j", [], "v", 1), Ct);

        var t1 = await store.ReadEventsAsync("t1", cancellationToken: Ct);
        var t2 = await store.ReadEventsAsync("t2", cancellationToken: Ct);

        Assert.Equal([(1L, "a"), (2L, "b"), (3L, "c"), (4L, "d")], t1.Select(e => (e.Position, e.Event.SignalId!)));
        Assert.Equal([(1L, "x")], t2.Select(e => (e.Position, e.Event.SignalId!)));
        Assert.Equal([2L, 4L], (await store.ReadEventsAsync("t1", 1, 10, "j", Ct)).Select(e => e.Position));
        Assert.Equal([3L], (await store.ReadEventsAsync("t1", journeyId: "k", cancellationToken: Ct)).Select(e => e.Position));
        Assert.Equal([2L, 3L], (await store.ReadEventsAsync("t1", 1, 2, cancellationToken: Ct)).Select(e => e.Position));
        Assert.Empty(await store.ReadEventsAsync("t2", journeyId: "k", cancellationToken: Ct));
        Assert.Empty(await store.ReadEventsAsync("t3", cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("position", () => store.SaveFeedCursorAsync("t2", "crm", 2, Ct));
    }

    [Fact]
    public async Task SaveFeedCursorAsync_NeverMovesBackAndRefusesPositionsBeyondTheLastEvent()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        await store.SaveFeedCursorAsync("t1", "crm", 0, Ct);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("position", () => store.SaveFeedCursorAsync("t1", "crm", 1, Ct));
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0), S("j", "b", 1), S("j", "c", 2)], Changes("j", [], "v", 1), Ct);

        await store.SaveFeedCursorAsync("t1", "crm", 2, Ct);
        await store.SaveFeedCursorAsync("t1", "crm", 1, Ct);
        var beyond = await Assert.ThrowsAsync<ArgumentOutOfRangeException>("position", () => store.SaveFeedCursorAsync("t1", "crm", 4, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("position", () => store.SaveFeedCursorAsync("t1", "other", 4, Ct));
        await store.SaveFeedCursorAsync("t1", "other", 3, Ct);

        Assert.Contains("position 3", beyond.Message, StringComparison.Ordinal);
        Assert.Equal(2, await store.GetFeedCursorAsync("t1", "crm", Ct));
        Assert.Equal(3, await store.GetFeedCursorAsync("t1", "other", Ct));
        Assert.Equal(0, await store.GetFeedCursorAsync("t2", "crm", Ct));
        Assert.Equal(0, await store.GetFeedCursorAsync("t1", "nobody", Ct));
        Assert.Equal(2L, await database.ScalarAsync<long>($"SELECT count(*) FROM {store.Schema}.feed_cursors WHERE tenant = 't1' AND position > 0"));
    }

    [Fact]
    public async Task ReadEventsAsync_DamagedPayload_ThrowsRecordExceptionNamingJourneyAndPosition()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        await store.AppendAsync("t1", "acme", 0, [S("acme", "a", 0), S("acme", "b", 1)], Changes("acme", [], "v", 1), Ct);
        await database.ExecuteAsync($"UPDATE {store.Schema}.events SET payload = '{{\"type\": \"journey-event.v1\", ' WHERE position = 2");

        var ex = await Assert.ThrowsAsync<JourneyRecordException>(() => store.ReadEventsAsync("t1", cancellationToken: Ct));

        Assert.Equal(("acme", "event position 2"), (ex.JourneyId, ex.Record));
        Assert.Equal([1L], (await store.ReadEventsAsync("t1", limit: 1, cancellationToken: Ct)).Select(e => e.Position));
    }

    [Fact]
    public async Task FeedCalls_BadArguments_ThrowNamingTheParameterAndStoreNothing()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("afterPosition", () => store.ReadEventsAsync("t1", -1, cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("limit", () => store.ReadEventsAsync("t1", limit: 0, cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("limit", () => store.ReadEventsAsync("t1", limit: 10_001, cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>("journeyId", () => store.ReadEventsAsync("t1", journeyId: " ", cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>("tenant", () => store.ReadEventsAsync("", cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>("consumer", () => store.GetFeedCursorAsync("t1", "", Ct));
        await Assert.ThrowsAsync<ArgumentException>("consumer", () => store.SaveFeedCursorAsync("t1", "\ud800", 0, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("position", () => store.SaveFeedCursorAsync("t1", "crm", -1, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("lease", () => store.ClaimDueAsync(Day0, TimeSpan.FromMilliseconds(999), cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("lease", () => store.ClaimDueAsync(Day0, TimeSpan.FromDays(1.5), cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("limit", () => store.ClaimDueAsync(Day0, TimeSpan.FromMinutes(1), 0, Ct));

        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM {store.Schema}.feed_cursors"));
    }

    /// <summary>A factory that records what it was given and returns one event per appended signal (at least <paramref name="minEvents"/>).</summary>
    private static JourneyChangesFactory Changes(string journeyId, List<(string[] Appended, string? View)> calls, string view, int minEvents, DateTimeOffset? dueAt = null)
        => (appended, stored) =>
        {
            calls.Add(([.. appended.Select(s => s.Id)], stored));
            var events = appended.Select(s => Event(journeyId, s.Id)).ToList();
            while (events.Count < minEvents)
            {
                events.Add(Event(journeyId, null));
            }

            return new JourneyChanges(events, view, dueAt);
        };

    private static JourneyEvent Event(string journeyId, string? signalId)
        => new(journeyId, JourneyEventTypes.StatusChanged, Day0.AddTicks(7), signalId, null, "Open", "Stalled");
}
