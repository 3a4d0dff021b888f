using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using Xunit;

namespace BuyingJourney.PostgreSql.Tests;

public sealed partial class PostgreSqlJourneyStoreTests
{
    [Fact]
    public async Task MigrateAsync_Twice_IsIdempotentAndKeepsTheData()
    {
        var store = database.CreateStore();

        await store.MigrateAsync(Ct);
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0)], cancellationToken: Ct);
        await store.MigrateAsync(Ct);

        Assert.Equal(2L, await database.ScalarAsync<long>($"SELECT count(*) FROM {store.Schema}.schema_version"));
        Assert.Equal(PostgreSqlJourneyStore.SchemaVersion, await database.ScalarAsync<int>($"SELECT max(version) FROM {store.Schema}.schema_version"));
        Assert.Equal(["a"], (await store.ReadAsync("t1", "j", cancellationToken: Ct)).Select(s => s.Signal.Id));
        Assert.Equal(1, await store.GetVersionAsync("t1", "j", Ct));
    }

    [Fact]
    public async Task MigrateAsync_CreatesTheDocumentedTablesKeyedByTenantAndJourney()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);

        foreach (var (table, key) in new[] { ("streams", "tenant,journey"), ("signals", "tenant,journey,version"), ("snapshots", "tenant,journey,version"),
            ("feed_heads", "tenant"), ("events", "tenant,position"), ("journey_feeds", "tenant,journey"), ("feed_cursors", "tenant,consumer") })
        {
            var columns = await database.ScalarAsync<string>(
                """
                SELECT string_agg(a.attname, ',' ORDER BY k.ord)
                FROM pg_index i
                CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indisprimary AND i.indrelid = to_regclass($1)
                """,
                $"{store.Schema}.{table}");
            Assert.Equal(key, columns);
        }

        var payloadType = await database.ScalarAsync<string>(
            "SELECT data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'signals' AND column_name = 'payload'", store.Schema);
        Assert.Equal("text", payloadType);
    }

    [Fact]
    public async Task MigrateAsync_Concurrently_AllSucceedAndApplyOnce()
    {
        var schema = database.NewSchema();
        var stores = Enumerable.Range(0, 8).Select(_ => database.CreateStore(schema: schema)).ToArray();

        await Task.WhenAll(stores.Select(store => Task.Run(() => store.MigrateAsync(Ct), Ct)));

        Assert.Equal("1,2", await database.ScalarAsync<string>($"SELECT string_agg(version::text, ',' ORDER BY version) FROM {schema}.schema_version"));
        await stores[3].AppendAsync("t1", "j", 0, [S("j", "a", 0)], cancellationToken: Ct);
        Assert.Equal(1, await stores[5].GetVersionAsync("t1", "j", Ct));
    }

    [Fact]
    public async Task MigrateAsync_NewerSchemaInTheDatabase_ThrowsNamingTheVersions()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        await database.ExecuteAsync($"INSERT INTO {store.Schema}.schema_version (version, description) VALUES (99, 'future')");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => store.MigrateAsync(Ct));

        Assert.Contains("99", ex.Message, StringComparison.Ordinal);
        Assert.Contains(store.Schema, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateAsync_Cancelled_CreatesNothing()
    {
        var store = database.CreateStore();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.MigrateAsync(cancelled.Token));

        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname = $1", store.Schema));
    }

    [Fact]
    public async Task EveryCall_BeforeMigration_ThrowsSayingRunMigrateAsyncFirst()
    {
        var store = database.CreateStore();
        var snapshot = new JourneySnapshot(JourneyEngine.CreateDefault().Replay("j", [S("j", "a", 0)]), 1, "rb", "1");

        Func<Task>[] calls =
        [
            () => store.AppendAsync("t1", "j", 0, [S("j", "a", 0)], cancellationToken: Ct),
            () => store.AppendAsync("t1", "j", 0, [], cancellationToken: Ct),
            () => store.ReadAsync("t1", "j", cancellationToken: Ct),
            () => store.GetVersionAsync("t1", "j", Ct),
            () => store.SaveSnapshotAsync("t1", snapshot, Ct),
            () => store.LoadSnapshotAsync("t1", "j", cancellationToken: Ct),
            () => store.LoadSnapshotAsync("t1", "j", Day0, Ct),
            () => store.ListJourneysAsync("t1", cancellationToken: Ct),
            () => store.ListJourneysAsync("t1", "a", 10, Ct),
            () => store.AppendAsync("t1", "j", 0, [S("j", "a", 0)], Changes("j", [], "v", 1), Ct),
            () => store.AppendAsync("t1", "j", 0, [], Changes("j", [], "v", 1), Ct),
            () => store.ReadEventsAsync("t1", cancellationToken: Ct),
            () => store.ReadEventsAsync("t1", journeyId: "j", cancellationToken: Ct),
            () => store.GetFeedCursorAsync("t1", "crm", Ct),
            () => store.SaveFeedCursorAsync("t1", "crm", 0, Ct),
            () => store.ClaimDueAsync(Day0, TimeSpan.FromMinutes(1), cancellationToken: Ct),
        ];
        foreach (var call in calls)
        {
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(call);
            Assert.Contains("run MigrateAsync first", ex.Message, StringComparison.Ordinal);
            Assert.Contains(store.Schema, ex.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname = $1", store.Schema));
    }

    [Fact]
    public async Task MigrateAsync_DatabaseAtSchemaVersion1_UpgradesInPlaceKeepingItsData()
    {
        var store = database.CreateStore();
        await store.MigrateToAsync(1, Ct);
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0), S("j", "b", 1)], cancellationToken: Ct);
        var feedBefore = await Assert.ThrowsAsync<InvalidOperationException>(() => store.ReadEventsAsync("t1", cancellationToken: Ct));
        var appendBefore = await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync("t1", "j", 2, [S("j", "c", 2)], Changes("j", [], "v", 1), Ct));

        await store.MigrateAsync(Ct);
        var appended = await store.AppendAsync("t1", "j", 2, [S("j", "c", 2)], Changes("j", [], "v", 1), Ct);

        Assert.Contains("run MigrateAsync first", feedBefore.Message, StringComparison.Ordinal);
        Assert.Contains("run MigrateAsync first", appendBefore.Message, StringComparison.Ordinal);
        Assert.Equal(3, await store.GetVersionAsync("t1", "j", Ct));
        Assert.Equal(3, appended.Version);
        Assert.Equal(["a", "b", "c"], (await store.ReadAsync("t1", "j", cancellationToken: Ct)).Select(s => s.Signal.Id));
        Assert.Equal([(1L, "c")], (await store.ReadEventsAsync("t1", cancellationToken: Ct)).Select(e => (e.Position, e.Event.SignalId!)));
        Assert.Equal("1,2", await database.ScalarAsync<string>($"SELECT string_agg(version::text, ',' ORDER BY version) FROM {store.Schema}.schema_version"));
    }
}
