using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Feed;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Sqlite.Tests.Support.TestSignals;

namespace BuyingJourney.Sqlite.Tests;

// The change feed: events stored with their signals, positions per tenant, consumers' cursors.
public sealed partial class SqliteJourneyStoreTests
{
    private static JourneyEvent StatusEvent(string to, string journeyId = JourneyId, string? signalId = null)
        => new(journeyId, JourneyEventTypes.StatusChanged, Day(1), signalId, null, "Open", to);

    [Fact]
    public async Task AppendAsync_WithChanges_StoresEventsViewAndDueTimeWithTheSignals()
    {
        var factory = new ChangesFactory("view-1", Day(30), StatusEvent("Stalled", signalId: "s1"), StatusEvent("AtRisk"));

        var result = await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1"), At(1, "s2")], factory.Create, Ct);

        Assert.Equal(2, result.Version);
        var call = Assert.Single(factory.Calls);
        Assert.Equal(["s1", "s2"], call.Appended);
        Assert.Null(call.View);
        var events = await _store.ReadEventsAsync(Tenant, cancellationToken: Ct);
        Assert.Equal([1L, 2L], events.Select(e => e.Position));
        Assert.Equal(factory.Events, events.Select(e => e.Event));
        Assert.All(events, e => Assert.Equal(_clock.GetUtcNow(), e.RecordedAt));
        Assert.Equal("view-1", _db.Scalar("SELECT view FROM feeds WHERE tenant = 'tenant-a' AND journey = 'j';"));
        Assert.Equal(Day(30).UtcTicks, _db.Scalar("SELECT due_at_ticks FROM feeds WHERE tenant = 'tenant-a' AND journey = 'j';"));
    }

    [Fact]
    public async Task AppendAsync_WithChanges_GivesTheFactoryOnlyTheSignalsItStoresAndTheStoredView()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1")], new ChangesFactory("view-1", null).Create, Ct);
        var second = new ChangesFactory("view-2", null);

        var result = await _store.AppendAsync(Tenant, JourneyId, 1, [At(1, "s1"), At(2, "s2"), At(3, "s2")], second.Create, Ct);

        Assert.Equal([AppendOutcome.Duplicate, AppendOutcome.Appended, AppendOutcome.Duplicate], result.Outcomes);
        var call = Assert.Single(second.Calls);
        Assert.Equal(["s2"], call.Appended);
        Assert.Equal("view-1", call.View);
        Assert.Equal("view-2", _db.Scalar("SELECT view FROM feeds;"));
        Assert.Equal(DBNull.Value, _db.Scalar("SELECT due_at_ticks FROM feeds;"));
    }

    [Fact]
    public async Task AppendAsync_FactoryThrows_StoresNeitherSignalsNorEventsAndPropagates()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1")], new ChangesFactory("view-1", Day(9), StatusEvent("Stalled")).Create, Ct);
        var boom = new InvalidOperationException("the fold failed");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => _store.AppendAsync(Tenant, JourneyId, 1, [At(1, "s2")], (_, _) => throw boom, Ct));

        Assert.Same(boom, thrown);
        Assert.Equal(1, await _store.GetVersionAsync(Tenant, JourneyId, Ct));
        Assert.Equal(["s1"], (await _store.ReadAsync(Tenant, JourneyId, cancellationToken: Ct)).Select(s => s.Signal.Id));
        Assert.Single(await _store.ReadEventsAsync(Tenant, cancellationToken: Ct));
        Assert.Equal("view-1", _db.Scalar("SELECT view FROM feeds;"));
        Assert.Equal(Day(9).UtcTicks, _db.Scalar("SELECT due_at_ticks FROM feeds;"));
    }

    [Fact]
    public async Task AppendAsync_FactoryReturnsAnotherJourneysEvent_ThrowsAndStoresNothing()
    {
        var factory = new ChangesFactory("view-1", null, StatusEvent("Stalled"), StatusEvent("Stalled", journeyId: "other"));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1")], factory.Create, Ct));

        Assert.Contains("\"other\"", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, await _store.GetVersionAsync(Tenant, JourneyId, Ct));
        Assert.Empty(await _store.ReadEventsAsync(Tenant, cancellationToken: Ct));
        Assert.Equal(0L, _db.Scalar("SELECT COUNT(*) FROM feeds;"));
    }

    [Fact]
    public async Task AppendAsync_ZeroSignalsWithChanges_StoresTheEventsAndStillChecksTheVersion()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1")], cancellationToken: Ct);
        var stale = new ChangesFactory("stale", null, StatusEvent("Lost"));
        var fresh = new ChangesFactory("view-1", Day(4), StatusEvent("Stalled"));

        await Assert.ThrowsAsync<JourneyVersionConflictException>(() => _store.AppendAsync(Tenant, JourneyId, 0, [], stale.Create, Ct));
        var result = await _store.AppendAsync(Tenant, JourneyId, 1, [], fresh.Create, Ct);

        Assert.Empty(stale.Calls);
        Assert.Empty(Assert.Single(fresh.Calls).Appended);
        Assert.Equal(1, result.Version);
        Assert.Empty(result.Outcomes);
        Assert.Equal(fresh.Events, (await _store.ReadEventsAsync(Tenant, cancellationToken: Ct)).Select(e => e.Event));
        Assert.Equal("view-1", _db.Scalar("SELECT view FROM feeds;"));
    }

    [Fact]
    public async Task AppendAsync_NullChanges_LeavesTheJourneysFeedRowAndClaimAlone()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1")], new ChangesFactory("view-1", _clock.GetUtcNow()).Create, Ct);
        Assert.Single(await _store.ClaimDueAsync(_clock.GetUtcNow(), TimeSpan.FromMinutes(5), cancellationToken: Ct));

        await _store.AppendAsync(Tenant, JourneyId, 1, [At(1, "s2")], cancellationToken: Ct);

        Assert.Empty(await _store.ClaimDueAsync(_clock.GetUtcNow(), TimeSpan.FromMinutes(5), cancellationToken: Ct));
        Assert.Equal("view-1", _db.Scalar("SELECT view FROM feeds;"));
        Assert.Empty(await _store.ReadEventsAsync(Tenant, cancellationToken: Ct));
    }

    [Fact]
    public async Task ReadEventsAsync_Positions_AreOneTwoThreePerTenantAndEachTenantReadsOnlyItsOwn()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1")], new ChangesFactory("v", null, StatusEvent("Stalled"), StatusEvent("AtRisk")).Create, Ct);
        await _store.AppendAsync("tenant-b", JourneyId, 0, [At(0, "s1")], new ChangesFactory("v", null, StatusEvent("Won")).Create, Ct);
        await _store.AppendAsync(Tenant, "k", 0, [At(0, "s1", journeyId: "k")], new ChangesFactory("v", null, StatusEvent("Lost", journeyId: "k")).Create, Ct);

        var a = await _store.ReadEventsAsync(Tenant, cancellationToken: Ct);
        var b = await _store.ReadEventsAsync("tenant-b", cancellationToken: Ct);

        Assert.Equal([1L, 2L, 3L], a.Select(e => e.Position));
        Assert.Equal(["Stalled", "AtRisk", "Lost"], a.Select(e => e.Event.To));
        Assert.Equal([1L], b.Select(e => e.Position));
        Assert.Equal("Won", b[0].Event.To);
        Assert.Empty(await _store.ReadEventsAsync("tenant-c", cancellationToken: Ct));
    }

    [Fact]
    public async Task ReadEventsAsync_AfterLimitAndJourney_PageTheFeedInPositionOrder()
    {
        for (var i = 0; i < 5; i++)
        {
            var journey = i % 2 == 0 ? JourneyId : "k";
            await _store.AppendAsync(Tenant, journey, await _store.GetVersionAsync(Tenant, journey, Ct), [At(i, $"s{i}", journeyId: journey)], new ChangesFactory("v", null, StatusEvent($"S{i}", journeyId: journey)).Create, Ct);
        }

        Assert.Equal([3L, 4L], (await _store.ReadEventsAsync(Tenant, afterPosition: 2, limit: 2, cancellationToken: Ct)).Select(e => e.Position));
        Assert.Equal([3L, 5L], (await _store.ReadEventsAsync(Tenant, afterPosition: 1, journeyId: JourneyId, cancellationToken: Ct)).Select(e => e.Position));
        Assert.Equal(["S1", "S3"], (await _store.ReadEventsAsync(Tenant, journeyId: "k", cancellationToken: Ct)).Select(e => e.Event.To));
        Assert.Empty(await _store.ReadEventsAsync(Tenant, afterPosition: 5, cancellationToken: Ct));
    }

    [Fact]
    public async Task ReadEventsAsync_DamagedPayload_ThrowsJourneyRecordExceptionNamingThePosition()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1")], new ChangesFactory("v", null, StatusEvent("Stalled"), StatusEvent("AtRisk")).Create, Ct);
        _db.Scalar("UPDATE events SET payload = '{\"type\": \"journey-event.v1\", ' WHERE position = 2;");

        var ex = await Assert.ThrowsAsync<JourneyRecordException>(() => _store.ReadEventsAsync(Tenant, cancellationToken: Ct));

        Assert.Equal(JourneyId, ex.JourneyId);
        Assert.Equal("event position 2", ex.Record);
        Assert.Single(await _store.ReadEventsAsync(Tenant, limit: 1, cancellationToken: Ct));
    }

    [Fact]
    public async Task ReadEventsAsync_EventStoredUnderAnotherJourney_ThrowsJourneyRecordException()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1")], new ChangesFactory("v", null, StatusEvent("Stalled")).Create, Ct);
        _db.Scalar("UPDATE events SET journey = 'k';");

        var ex = await Assert.ThrowsAsync<JourneyRecordException>(() => _store.ReadEventsAsync(Tenant, cancellationToken: Ct));

        Assert.Equal("k", ex.JourneyId);
        Assert.Equal("event position 1", ex.Record);
    }

    [Fact]
    public async Task FeedCursor_NeverMovesBack_AndIsKeptPerTenantAndConsumer()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1")], new ChangesFactory("v", null, StatusEvent("Stalled"), StatusEvent("AtRisk"), StatusEvent("Lost")).Create, Ct);
        await _store.AppendAsync("tenant-b", JourneyId, 0, [At(0, "s1")], new ChangesFactory("v", null, StatusEvent("Won"), StatusEvent("Lost")).Create, Ct);

        Assert.Equal(0, await _store.GetFeedCursorAsync(Tenant, "crm", Ct));
        await _store.SaveFeedCursorAsync(Tenant, "crm", 2, Ct);
        await _store.SaveFeedCursorAsync(Tenant, "crm", 1, Ct);
        await _store.SaveFeedCursorAsync(Tenant, "crm", 0, Ct);
        await _store.SaveFeedCursorAsync(Tenant, "mail", 3, Ct);
        await _store.SaveFeedCursorAsync("tenant-b", "crm", 1, Ct);

        Assert.Equal(2, await _store.GetFeedCursorAsync(Tenant, "crm", Ct));
        Assert.Equal(3, await _store.GetFeedCursorAsync(Tenant, "mail", Ct));
        Assert.Equal(1, await _store.GetFeedCursorAsync("tenant-b", "crm", Ct));
        Assert.Equal(0, await _store.GetFeedCursorAsync("tenant-c", "crm", Ct));
        Assert.Equal(2, await _db.CreateStore().GetFeedCursorAsync(Tenant, "crm", Ct));
    }

    [Fact]
    public async Task SaveFeedCursorAsync_BeyondTheTenantsLastEvent_ThrowsAndStoresNothing()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1")], new ChangesFactory("v", null, StatusEvent("Stalled"), StatusEvent("AtRisk"), StatusEvent("Lost")).Create, Ct);
        await _store.AppendAsync("tenant-b", JourneyId, 0, [At(0, "s1")], new ChangesFactory("v", null, StatusEvent("Won")).Create, Ct);
        await _store.SaveFeedCursorAsync("tenant-b", "crm", 1, Ct);

        var beyond = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.SaveFeedCursorAsync("tenant-b", "crm", 3, Ct));
        var empty = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.SaveFeedCursorAsync("tenant-c", "crm", 1, Ct));

        Assert.Equal("position", beyond.ParamName);
        Assert.Contains("position 1", beyond.Message, StringComparison.Ordinal);
        Assert.Equal("position", empty.ParamName);
        Assert.Equal(1, await _store.GetFeedCursorAsync("tenant-b", "crm", Ct));
        Assert.Equal(0, await _store.GetFeedCursorAsync("tenant-c", "crm", Ct));
        Assert.Equal(1L, _db.Scalar("SELECT COUNT(*) FROM feed_cursors;"));
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task FeedCalls_BadConsumerOrJourneyFilter_ThrowArgumentExceptionNamingIt(string id)
    {
        await _store.GetVersionAsync(Tenant, JourneyId, Ct);
        Assert.Equal("consumer", (await Assert.ThrowsAsync<ArgumentException>(() => _store.GetFeedCursorAsync(Tenant, id, Ct))).ParamName);
        Assert.Equal("consumer", (await Assert.ThrowsAsync<ArgumentException>(() => _store.SaveFeedCursorAsync(Tenant, id, 0, Ct))).ParamName);
        Assert.Equal("journeyId", (await Assert.ThrowsAsync<ArgumentException>(() => _store.ReadEventsAsync(Tenant, journeyId: id, cancellationToken: Ct))).ParamName);
        Assert.Equal("journeyId", (await Assert.ThrowsAsync<ArgumentException>(() => _store.ReadEventsAsync(Tenant, journeyId: UnpairedSurrogateIds[0], cancellationToken: Ct))).ParamName);
        Assert.Equal(0L, _db.Scalar("SELECT COUNT(*) FROM feed_cursors;"));
    }

    [Fact]
    public async Task FeedCalls_NumbersOutOfRange_ThrowArgumentOutOfRangeExceptionNamingThem()
    {
        var now = _clock.GetUtcNow();
        Assert.Equal("afterPosition", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.ReadEventsAsync(Tenant, -1, cancellationToken: Ct))).ParamName);
        Assert.Equal("limit", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.ReadEventsAsync(Tenant, limit: 0, cancellationToken: Ct))).ParamName);
        Assert.Equal("limit", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.ReadEventsAsync(Tenant, limit: 10_001, cancellationToken: Ct))).ParamName);
        Assert.Equal("position", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.SaveFeedCursorAsync(Tenant, "crm", -1, Ct))).ParamName);
        Assert.Equal("lease", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.ClaimDueAsync(now, TimeSpan.FromMilliseconds(999), cancellationToken: Ct))).ParamName);
        Assert.Equal("lease", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.ClaimDueAsync(now, TimeSpan.FromDays(1).Add(TimeSpan.FromTicks(1)), cancellationToken: Ct))).ParamName);
        Assert.Equal("limit", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.ClaimDueAsync(now, TimeSpan.FromMinutes(1), 0, Ct))).ParamName);
        Assert.Equal("limit", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.ClaimDueAsync(now, TimeSpan.FromMinutes(1), 10_001, Ct))).ParamName);
    }

    /// <summary>A changes factory that returns fixed changes and records what the store called it with.</summary>
    private sealed class ChangesFactory(string view, DateTimeOffset? dueAt, params JourneyEvent[] events)
    {
        public JourneyEvent[] Events { get; } = events;

        public List<(string[] Appended, string? View)> Calls { get; } = [];

        public JourneyChanges Create(IReadOnlyList<Signal> appended, string? storedView)
        {
            Calls.Add((appended.Select(s => s.Id).ToArray(), storedView));
            return new JourneyChanges(Events, view, dueAt);
        }
    }
}
