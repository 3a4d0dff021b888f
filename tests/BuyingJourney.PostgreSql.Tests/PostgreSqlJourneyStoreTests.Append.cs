using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Xunit;
using Microsoft.Extensions.Time.Testing;

namespace BuyingJourney.PostgreSql.Tests;

public sealed partial class PostgreSqlJourneyStoreTests
{
    [Fact]
    public async Task AppendAsync_NewJourney_WritesOneRowPerSignalAndTheStreamVersion()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 4, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1234));
        var store = await database.CreateMigratedStoreAsync(clock, Ct);
        var late = new Signal("b", "j", new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(2)), SignalTypes.SolutionResearched);

        var result = await store.AppendAsync("t1", "j", 0, [S("j", "a", 3), late], cancellationToken: Ct);

        Assert.Equal(2, result.Version);
        Assert.Equal([AppendOutcome.Appended, AppendOutcome.Appended], result.Outcomes);
        Assert.Equal(2L, await database.ScalarAsync<long>($"SELECT version FROM {store.Schema}.streams WHERE tenant = 't1' AND journey = 'j'"));
        Assert.Equal("a,b", await database.ScalarAsync<string>($"SELECT string_agg(signal_id, ',' ORDER BY version) FROM {store.Schema}.signals WHERE tenant = 't1' AND journey = 'j'"));
        Assert.Equal(late.OccurredAt.UtcTicks, await database.ScalarAsync<long>($"SELECT occurred_at_ticks FROM {store.Schema}.signals WHERE version = 2"));
        var read = await store.ReadAsync("t1", "j", cancellationToken: Ct);
        Assert.Equal([S("j", "a", 3), late], read.Select(s => s.Signal));

        // timestamptz keeps microseconds: the 4 ticks (400 ns) below a microsecond are dropped.
        Assert.All(read, s => Assert.Equal(clock.GetUtcNow().AddTicks(-4), s.RecordedAt));
    }

    [Fact]
    public async Task AppendAsync_LaterBatch_RecordsItsOwnTimeAndContinuesTheVersions()
    {
        var clock = new FakeTimeProvider(Day0);
        var store = await database.CreateMigratedStoreAsync(clock, Ct);
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0)], cancellationToken: Ct);
        clock.SetUtcNow(Day0.AddHours(5));

        var result = await store.AppendAsync("t1", "j", 1, [S("j", "b", 1), S("j", "c", 2)], cancellationToken: Ct);

        Assert.Equal(3, result.Version);
        var read = await store.ReadAsync("t1", "j", cancellationToken: Ct);
        Assert.Equal([1L, 2L, 3L], read.Select(s => s.Version));
        Assert.Equal([Day0, Day0.AddHours(5), Day0.AddHours(5)], read.Select(s => s.RecordedAt));
    }

    [Fact]
    public async Task AppendAsync_ExpectedVersionOfAMissingStream_ConflictsAndLeavesNoStreamRow()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);

        var conflict = await Assert.ThrowsAsync<JourneyVersionConflictException>(() => store.AppendAsync("t1", "j", 3, [S("j", "a", 0)], cancellationToken: Ct));

        Assert.Equal((3L, 0L), (conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM {store.Schema}.streams"));
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM {store.Schema}.signals"));
    }

    [Fact]
    public async Task AppendAsync_Conflict_StoresNothingOfTheBatch()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0), S("j", "b", 1)], cancellationToken: Ct);

        var conflict = await Assert.ThrowsAsync<JourneyVersionConflictException>(() => store.AppendAsync("t1", "j", 1, [S("j", "c", 2), S("j", "d", 3)], cancellationToken: Ct));

        Assert.Equal(("j", 1L, 2L), (conflict.JourneyId, conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.Equal(2L, await database.ScalarAsync<long>($"SELECT count(*) FROM {store.Schema}.signals"));
        Assert.Equal(2, await store.GetVersionAsync("t1", "j", Ct));
    }

    [Fact]
    public async Task AppendAsync_DuplicatesInTheStoreAndInTheBatch_FirstCopyWinsAndVersionsStayDense()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0), S("j", "b", 1)], cancellationToken: Ct);

        var result = await store.AppendAsync(
            "t1", "j", 2, [S("j", "c", 2), S("j", "a", 9, SignalTypes.DealLost), S("j", "c", 7, SignalTypes.DealWon), S("j", "d", 3), S("j", "b", 1)], cancellationToken: Ct);

        Assert.Equal(
            [AppendOutcome.Appended, AppendOutcome.Duplicate, AppendOutcome.Duplicate, AppendOutcome.Appended, AppendOutcome.Duplicate],
            result.Outcomes);
        Assert.Equal(4, result.Version);
        var read = await store.ReadAsync("t1", "j", cancellationToken: Ct);
        Assert.Equal(["a", "b", "c", "d"], read.Select(s => s.Signal.Id));
        Assert.Equal([1L, 2L, 3L, 4L], read.Select(s => s.Version));
        Assert.Equal(SignalTypes.ProblemStated, read[2].Signal.Type);
        Assert.Equal(SignalTypes.ProblemStated, read[0].Signal.Type);
    }

    [Fact]
    public async Task AppendAsync_ExpectedVersionZeroOfAStoredStream_ConflictsAndChangesNothing()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0)], cancellationToken: Ct);

        var conflict = await Assert.ThrowsAsync<JourneyVersionConflictException>(() => store.AppendAsync("t1", "j", 0, [S("j", "b", 1), S("j", "a", 0)], cancellationToken: Ct));

        Assert.Equal((0L, 1L), (conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.Equal(["a"], (await store.ReadAsync("t1", "j", cancellationToken: Ct)).Select(s => s.Signal.Id));
        Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT count(*) FROM {store.Schema}.streams"));
    }

    [Fact]
    public async Task AppendAsync_RowsWrittenAroundTheStore_RollTheWholeBatchBackWithAConflict()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0)], cancellationToken: Ct);

        // Rows no append made: a signal at a version the stream has not reached, and one in a stream that has no row.
        await database.ExecuteAsync(
            $"INSERT INTO {store.Schema}.signals SELECT tenant, journey, 3, 'x', occurred_at_ticks, recorded_at, payload FROM {store.Schema}.signals WHERE version = 1");
        await database.ExecuteAsync(
            $"INSERT INTO {store.Schema}.signals SELECT tenant, 'k', 1, signal_id, occurred_at_ticks, recorded_at, replace(payload, '\"j\"', '\"k\"') FROM {store.Schema}.signals WHERE version = 1");

        var stored = await Assert.ThrowsAsync<JourneyVersionConflictException>(() => store.AppendAsync("t1", "j", 1, [S("j", "b", 1), S("j", "c", 2)], cancellationToken: Ct));
        var fresh = await Assert.ThrowsAsync<JourneyVersionConflictException>(() => store.AppendAsync("t1", "k", 0, [S("k", "a", 0)], cancellationToken: Ct));

        Assert.Contains("nothing was stored", stored.Message, StringComparison.Ordinal);
        Assert.Contains("\"k\"", fresh.Message, StringComparison.Ordinal);
        Assert.Equal(1, await store.GetVersionAsync("t1", "j", Ct));
        Assert.Equal(0, await store.GetVersionAsync("t1", "k", Ct));
        Assert.Equal(3L, await database.ScalarAsync<long>($"SELECT count(*) FROM {store.Schema}.signals"));
        Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT count(*) FROM {store.Schema}.streams"));
    }

    [Fact]
    public async Task AppendAsync_OnAMultiplexingDataSource_AppendsAndConflictsAsOnAnyOther()
    {
        var schema = database.NewSchema();
        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Multiplexing = true }.ConnectionString;
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
        await using var store = new PostgreSqlJourneyStore(dataSource, schema);
        await store.MigrateAsync(Ct);

        var first = await store.AppendAsync("t1", "j", 0, [S("j", "a", 0), S("j", "b", 1)], cancellationToken: Ct);
        var second = await store.AppendAsync("t1", "j", 2, [S("j", "b", 1), S("j", "c", 2)], cancellationToken: Ct);
        await Assert.ThrowsAsync<JourneyVersionConflictException>(() => store.AppendAsync("t1", "j", 2, [S("j", "d", 3)], cancellationToken: Ct));

        Assert.Equal((2L, 3L), (first.Version, second.Version));
        Assert.Equal([AppendOutcome.Duplicate, AppendOutcome.Appended], second.Outcomes);
        Assert.Equal(["a", "b", "c"], Assert.Single(await store.ReadJourneysAsync("t1", cancellationToken: Ct)).Signals.Select(s => s.Signal.Id));

        // With changes, the append's explicit transaction binds one connection of the multiplexing pool.
        var changed = await store.AppendAsync("t1", "j", 3, [S("j", "d", 3)], Changes("j", [], "v", 1, dueAt: Day0), Ct);
        await Assert.ThrowsAsync<JourneyVersionConflictException>(() => store.AppendAsync("t1", "j", 3, [S("j", "e", 4)], Changes("j", [], "v", 1), Ct));
        Assert.Equal(4, changed.Version);
        Assert.Equal([(1L, "d")], (await store.ReadEventsAsync("t1", cancellationToken: Ct)).Select(e => (e.Position, e.Event.SignalId!)));
        Assert.Equal(["j"], (await store.ClaimDueAsync(Day0, TimeSpan.FromMinutes(1), cancellationToken: Ct)).Select(d => d.JourneyId));
    }

    [Fact]
    public async Task AppendAsync_EmptyBatch_ChecksTheVersionAndCreatesNoStream()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);

        var empty = await store.AppendAsync("t1", "j", 0, [], cancellationToken: Ct);
        await Assert.ThrowsAsync<JourneyVersionConflictException>(() => store.AppendAsync("t1", "j", 1, [], cancellationToken: Ct));

        Assert.Equal(0, empty.Version);
        Assert.Empty(empty.Outcomes);
        Assert.Empty(await store.ListJourneysAsync("t1", cancellationToken: Ct));
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM {store.Schema}.streams"));
    }

    [Fact]
    public async Task ReadAsync_UpToATimeWithAnOffset_ComparesInstants()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        var at0830Utc = new Signal("early", "j", new DateTimeOffset(2026, 3, 2, 10, 30, 0, TimeSpan.FromHours(2)), SignalTypes.ProblemStated);
        var at0930Utc = new Signal("late", "j", new DateTimeOffset(2026, 3, 2, 4, 30, 0, TimeSpan.FromHours(-5)), SignalTypes.ProblemStated);
        await store.AppendAsync("t1", "j", 0, [at0930Utc, at0830Utc], cancellationToken: Ct);

        var upTo0900 = await store.ReadAsync("t1", "j", occurredAtOrBefore: new DateTimeOffset(2026, 3, 2, 18, 0, 0, TimeSpan.FromHours(9)), cancellationToken: Ct);
        var upTo0930Exactly = await store.ReadAsync("t1", "j", occurredAtOrBefore: at0930Utc.OccurredAt.ToUniversalTime(), cancellationToken: Ct);

        Assert.Equal(["early"], upTo0900.Select(s => s.Signal.Id));
        Assert.Equal(["late", "early"], upTo0930Exactly.Select(s => s.Signal.Id));
        Assert.Equal(TimeSpan.FromHours(2), upTo0900[0].Signal.OccurredAt.Offset);
    }

    [Fact]
    public async Task ReadAsync_AfterTheLastVersion_IsEmpty()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0), S("j", "b", 1)], cancellationToken: Ct);

        Assert.Empty(await store.ReadAsync("t1", "j", afterVersion: 2, cancellationToken: Ct));
        Assert.Equal(["b"], (await store.ReadAsync("t1", "j", afterVersion: 1, cancellationToken: Ct)).Select(s => s.Signal.Id));
    }

    [Fact]
    public async Task SaveSnapshotAsync_SameVersion_ReplacesTheRow()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        Signal[] signals = [S("j", "a", 0), S("j", "b", 1)];
        await store.AppendAsync("t1", "j", 0, signals, cancellationToken: Ct);
        var state = JourneyEngine.CreateDefault().Replay("j", signals);

        await store.SaveSnapshotAsync("t1", new JourneySnapshot(state, 2, "rb", "1"), Ct);
        await store.SaveSnapshotAsync("t1", new JourneySnapshot(state, 2, "rb", "2"), Ct);

        Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT count(*) FROM {store.Schema}.snapshots"));
        Assert.Equal(signals[1].OccurredAt.UtcTicks, await database.ScalarAsync<long>($"SELECT last_signal_ticks FROM {store.Schema}.snapshots"));
        var loaded = await store.LoadSnapshotAsync("t1", "j", cancellationToken: Ct);
        Assert.NotNull(loaded);
        Assert.Equal("2", loaded.RulebookVersion);
        Assert.Equal(state, loaded.State);
    }

    [Fact]
    public async Task LoadSnapshotAsync_LastSignalExactlyAtTheBound_IsNotBefore()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        Signal[] signals = [S("j", "a", 0), S("j", "b", 1)];
        await store.AppendAsync("t1", "j", 0, signals, cancellationToken: Ct);
        var engine = JourneyEngine.CreateDefault();
        await store.SaveSnapshotAsync("t1", new JourneySnapshot(engine.Replay("j", signals[..1]), 1, "rb", "1"), Ct);
        await store.SaveSnapshotAsync("t1", new JourneySnapshot(engine.Replay("j", signals), 2, "rb", "1"), Ct);

        Assert.Equal(1, (await store.LoadSnapshotAsync("t1", "j", Day0.AddDays(1), Ct))?.Version);
        Assert.Equal(2, (await store.LoadSnapshotAsync("t1", "j", Day0.AddDays(1).AddTicks(1), Ct))?.Version);
    }

    [Fact]
    public async Task SaveSnapshotAsync_StreamOnlyInAnotherTenant_IsRejected()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        await store.AppendAsync("tenant-a", "j", 0, [S("j", "a", 0)], cancellationToken: Ct);
        var snapshot = new JourneySnapshot(JourneyEngine.CreateDefault().Replay("j", [S("j", "a", 0)]), 1, "rb", "1");

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => store.SaveSnapshotAsync("tenant-b", snapshot, Ct));

        Assert.Equal("snapshot", ex.ParamName);
        Assert.Contains("version 0", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM {store.Schema}.snapshots"));
    }

    [Fact]
    public async Task ListJourneysAsync_PagesInDotNetOrdinalOrder_EvenWhereCodePointOrderDiffers()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);

        // U+FFFD sorts after a surrogate pair in UTF-16 (ordinal) but before it by code point (UTF-8, COLLATE "C").
        string[] ids = ["b", "a", "B", "é", "z", "\uFFFD", "\U0001F600", "a b", "A", "ß", "Z9", "中"];
        foreach (var id in ids)
        {
            await store.AppendAsync("t1", id, 0, [S(id, "s", 0)], cancellationToken: Ct);
        }

        var pages = new System.Collections.Generic.List<string>();
        string? after = null;
        while (true)
        {
            var page = await store.ListJourneysAsync("t1", after, 5, Ct);
            pages.AddRange(page);
            if (page.Count < 5)
            {
                break;
            }

            after = page[^1];
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), pages);
        Assert.Equal(ids.Length, (await store.ListJourneysAsync("t1", null, 10_000, Ct)).Count);
        Assert.Equal(["ß", "é", "中", "\U0001F600", "\uFFFD"], await store.ListJourneysAsync("t1", "z", 10, Ct));
    }

    [Fact]
    public async Task ListJourneysAsync_AfterAnIdThatIsNotStored_StartsAfterWhereItWouldSort()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        foreach (var id in new[] { "a", "c", "e" })
        {
            await store.AppendAsync("t1", id, 0, [S(id, "s", 0)], cancellationToken: Ct);
        }

        Assert.Equal(["c", "e"], await store.ListJourneysAsync("t1", "b", 10, Ct));
        Assert.Empty(await store.ListJourneysAsync("t1", "e", 10, Ct));
    }

    [Fact]
    public async Task Tenants_SameJourneyInTwoTenants_HaveIndependentVersionsAndRows()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        await store.AppendAsync("tenant-a", "j", 0, [S("j", "a1", 0), S("j", "a2", 1)], cancellationToken: Ct);
        await store.AppendAsync("tenant-b", "j", 0, [S("j", "a1", 5)], cancellationToken: Ct);

        await Assert.ThrowsAsync<JourneyVersionConflictException>(() => store.AppendAsync("tenant-b", "j", 2, [S("j", "b2", 6)], cancellationToken: Ct));

        Assert.Equal(2, await store.GetVersionAsync("tenant-a", "j", Ct));
        Assert.Equal(1, await store.GetVersionAsync("tenant-b", "j", Ct));
        Assert.Equal(Day0.AddDays(5), Assert.Single(await store.ReadAsync("tenant-b", "j", cancellationToken: Ct)).Signal.OccurredAt);
        Assert.Equal(2L, await database.ScalarAsync<long>($"SELECT count(*) FROM {store.Schema}.streams"));
    }

    [Fact]
    public async Task AppendAsync_BatchOverThePayloadLimit_ThrowsArgumentExceptionBeforeSendingAnything()
    {
        // Worst-case signals (every attribute filled with a character the JSON escapes to six bytes), about 209 KB each:
        // just over MaxAppendPayloadBytes, far under PostgreSQL's 1 GiB message limit, so without the check it is stored.
        var attributes = new Dictionary<string, string>();
        for (var a = 0; a < Signal.MaxAttributes; a++)
        {
            attributes[new string('<', Signal.MaxAttributeKeyLength - 2) + a.ToString("D2", CultureInfo.InvariantCulture)] = new string('<', Signal.MaxAttributeValueLength);
        }

        var one = JourneyRecords.SerializeSignal(new Signal("s0", "j", Day0, SignalTypes.ProblemStated, null, null, attributes));
        var count = (int)(PostgreSqlJourneyStore.MaxAppendPayloadBytes / Encoding.UTF8.GetByteCount(one)) + 2;
        var signals = Enumerable.Range(0, count)
            .Select(i => new Signal("s" + i.ToString(CultureInfo.InvariantCulture), "j", Day0, SignalTypes.ProblemStated, null, null, attributes))
            .ToArray();
        var migrated = await database.CreateMigratedStoreAsync(cancellationToken: Ct);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => migrated.AppendAsync("t1", "j", 0, signals, cancellationToken: Ct));
        var unsent = await Assert.ThrowsAsync<ArgumentException>(() => database.CreateStore().AppendAsync("t1", "j", 0, signals, cancellationToken: Ct));

        Assert.Equal("signals", ex.ParamName);
        Assert.Contains(count.ToString("N0", CultureInfo.InvariantCulture) + " signals", ex.Message, StringComparison.Ordinal);
        Assert.Contains(PostgreSqlJourneyStore.MaxAppendPayloadBytes.ToString("N0", CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Contains("\"j\"", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM {migrated.Schema}.streams"));
        Assert.Equal(ex.Message, unsent.Message);
        Assert.Equal(0, await migrated.GetVersionAsync("t1", "j", Ct));
    }
}
