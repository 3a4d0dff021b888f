using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using BuyingJourney.PostgreSql;
using BuyingJourney.Signals;
using BuyingJourney.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BuyingJourney.Benchmarks;

/// <summary>The store loops every harness times: batched appends and the rebuild of every journey from a store.</summary>
public static class StoreWorkload
{
    /// <summary>Appends each journey's signals as one batch (one <see cref="IJourneyStore.AppendAsync"/> call per journey), one call after another.</summary>
    /// <param name="store">The store.</param>
    /// <param name="tenant">The tenant; its journeys must not be stored yet.</param>
    /// <param name="journeys">The journeys.</param>
    /// <returns>How many signals were stored.</returns>
    public static async Task<long> AppendAsync(IJourneyStore store, string tenant, Signal[][] journeys)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(journeys);
        long stored = 0;
        foreach (var journey in journeys)
        {
            var result = await store.AppendAsync(tenant, journey[0].JourneyId, 0, journey).ConfigureAwait(false);
            stored += result.Version;
        }

        return stored;
    }

    /// <summary>Lists every journey of a tenant, reads each one's signals back and folds them with <see cref="JourneyEngine.Replay"/>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="tenant">The tenant.</param>
    /// <param name="engine">The engine.</param>
    /// <returns>How many signals were read and replayed.</returns>
    public static async Task<long> RebuildAsync(IJourneyStore store, string tenant, JourneyEngine engine)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(engine);
        long signals = 0;
        string? after = null;
        while (true)
        {
            var page = await store.ListJourneysAsync(tenant, after, 1000).ConfigureAwait(false);
            foreach (var journeyId in page)
            {
                var stored = await store.ReadAsync(tenant, journeyId).ConfigureAwait(false);
                var batch = new Signal[stored.Count];
                for (var i = 0; i < batch.Length; i++)
                {
                    batch[i] = stored[i].Signal;
                }

                var state = engine.Replay(journeyId, batch);
                signals += state.SignalCount;
            }

            if (page.Count < 1000)
            {
                return signals;
            }

            after = page[^1];
        }
    }

    /// <summary>
    /// Rebuilds every journey of a tenant from PostgreSQL: reads them a page of 1,000 journeys at a time with
    /// <see cref="PostgreSqlJourneyStore.ReadJourneysAsync"/> (one query per page) and folds each with
    /// <see cref="JourneyEngine.Replay"/>.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="tenant">The tenant.</param>
    /// <param name="engine">The engine.</param>
    /// <returns>How many signals were read and replayed.</returns>
    public static async Task<long> RebuildAsync(PostgreSqlJourneyStore store, string tenant, JourneyEngine engine)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(engine);
        long signals = 0;
        await foreach (var journey in JourneysAsync(store, tenant).ConfigureAwait(false))
        {
            var stored = journey.Signals;
            var batch = new Signal[stored.Count];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = stored[i].Signal;
            }

            var state = engine.Replay(journey.JourneyId, batch);
            signals += state.SignalCount;
        }

        return signals;
    }

    /// <summary>Reads every journey of a tenant from PostgreSQL, without folding them: the read alone.</summary>
    /// <param name="store">The store.</param>
    /// <param name="tenant">The tenant.</param>
    /// <returns>How many signals were read.</returns>
    public static async Task<long> ReadJourneysAsync(PostgreSqlJourneyStore store, string tenant)
    {
        ArgumentNullException.ThrowIfNull(store);
        long signals = 0;
        await foreach (var journey in JourneysAsync(store, tenant).ConfigureAwait(false))
        {
            signals += journey.Signals.Count;
        }

        return signals;
    }

    /// <summary>
    /// Analyses the store's tables and then turns autovacuum off for them, so that the statistics stay as they are now:
    /// a tenant written afterwards is one the planner has never seen (as on a busy server between two ANALYZE runs).
    /// </summary>
    /// <param name="store">The store (its schema).</param>
    /// <param name="dataSource">Its data source.</param>
    /// <returns>A task.</returns>
    public static async Task FreezeStatisticsAsync(PostgreSqlJourneyStore store, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(dataSource);
        var s = "\"" + store.Schema + "\"";
        await using var command = dataSource.CreateCommand(
            $"ANALYZE {s}.streams; ANALYZE {s}.signals; ALTER TABLE {s}.streams SET (autovacuum_enabled = false); ALTER TABLE {s}.signals SET (autovacuum_enabled = false);");
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Busy account: <paramref name="writers"/>.Length writers record one journey's signal stream at once, each
    /// calling its record function (<see cref="JourneyService.RecordAsync"/>, or a cluster's) with the next 1 to 10
    /// signals of the stream (its own seeded sizes) until the stream is handed out. A call that still conflicts after
    /// the service's retries counts as failed and its signals are not stored.
    /// </summary>
    /// <param name="writers">One record function per writer: (tenant, batch) to the call's result.</param>
    /// <param name="tenant">The tenant.</param>
    /// <param name="stream">The journey's signals, in the order they are handed out.</param>
    /// <returns>What the writers did.</returns>
    public static async Task<BusyJourneyResult> RecordBusyJourneyAsync(Func<string, Signal[], Task<RecordResult>>[] writers, string tenant, Signal[] stream)
    {
        ArgumentNullException.ThrowIfNull(writers);
        ArgumentNullException.ThrowIfNull(stream);
        var next = 0;
        var calls = 0;
        var failed = 0;
        var retries = 0;
        var stored = 0L;
        await Task.WhenAll(writers.Select((record, writer) => Task.Run(async () =>
        {
            var random = new Random(writer);
            while (true)
            {
                var size = random.Next(1, 11);
                var end = Interlocked.Add(ref next, size);
                var start = end - size;
                if (start >= stream.Length)
                {
                    return;
                }

                var batch = stream[start..Math.Min(end, stream.Length)];
                Interlocked.Increment(ref calls);
                try
                {
                    var result = await record(tenant, batch).ConfigureAwait(false);
                    Interlocked.Add(ref retries, result.ConflictRetries);
                    Interlocked.Add(ref stored, result.Signals.Count(o => o.Status is RecordStatus.Applied or RecordStatus.LateRebuilt));
                }
                catch (JourneyVersionConflictException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }))).ConfigureAwait(false);
        return new BusyJourneyResult(stored, calls, failed, retries);
    }

    /// <summary>Every journey of a tenant, read with <see cref="PostgreSqlJourneyStore.ReadJourneysAsync"/> a page of 1,000 at a time.</summary>
    private static async IAsyncEnumerable<StoredJourney> JourneysAsync(PostgreSqlJourneyStore store, string tenant)
    {
        string? after = null;
        while (true)
        {
            var page = await store.ReadJourneysAsync(tenant, after, 1000).ConfigureAwait(false);
            foreach (var journey in page)
            {
                yield return journey;
            }

            if (page.Count < 1000)
            {
                yield break;
            }

            after = page[^1].JourneyId;
        }
    }

    /// <summary>A SQLite store on a new temporary file.</summary>
    /// <returns>The store and the file (to delete with <see cref="DeleteSqliteFile"/>).</returns>
    public static (SqliteJourneyStore Store, string File) CreateSqliteStore()
    {
        var file = Path.Combine(Path.GetTempPath(), "buyingjourney-bench-" + Guid.NewGuid().ToString("N")[..12] + ".db");
        return (new SqliteJourneyStore("Data Source=" + file), file);
    }

    /// <summary>Deletes a temporary SQLite file and its WAL files.</summary>
    /// <param name="file">The file.</param>
    public static void DeleteSqliteFile(string file)
    {
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(path);
        }
    }

    /// <summary>A migrated PostgreSQL store in a schema of its own on <paramref name="server"/>.</summary>
    /// <param name="server">The server.</param>
    /// <returns>The store, its data source (owned by the caller) and the schema.</returns>
    public static async Task<(PostgreSqlJourneyStore Store, NpgsqlDataSource DataSource)> CreatePostgreSqlStoreAsync(PostgreSqlServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync().ConfigureAwait(false));
        var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
        var store = new PostgreSqlJourneyStore(dataSource, schema);
        await store.MigrateAsync().ConfigureAwait(false);
        return (store, dataSource);
    }

    /// <summary>
    /// Migrated PostgreSQL stores in one new schema on <paramref name="server"/>, each with a data source (a connection
    /// pool) of its own, as stores in different processes have.
    /// </summary>
    /// <param name="server">The server.</param>
    /// <param name="count">How many stores.</param>
    /// <returns>The stores and their data sources (owned by the caller; drop with <see cref="DropPostgreSqlStoreAsync"/> and dispose the rest).</returns>
    public static async Task<(PostgreSqlJourneyStore[] Stores, NpgsqlDataSource[] DataSources)> CreatePostgreSqlStoresAsync(PostgreSqlServer server, int count)
    {
        ArgumentNullException.ThrowIfNull(server);
        var connectionString = await server.CreateDatabaseAsync().ConfigureAwait(false);
        var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
        var dataSources = new NpgsqlDataSource[count];
        var stores = new PostgreSqlJourneyStore[count];
        for (var i = 0; i < count; i++)
        {
            dataSources[i] = NpgsqlDataSource.Create(connectionString);
            stores[i] = new PostgreSqlJourneyStore(dataSources[i], schema);
        }

        await stores[0].MigrateAsync().ConfigureAwait(false);
        return (stores, dataSources);
    }

    /// <summary>Drops a benchmark schema (on an external server, where the database is not thrown away) and disposes the data source.</summary>
    /// <param name="store">The store.</param>
    /// <param name="dataSource">Its data source.</param>
    /// <returns>A task.</returns>
    public static async Task DropPostgreSqlStoreAsync(PostgreSqlJourneyStore store, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(dataSource);
        await using (var command = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{store.Schema}\" CASCADE"))
        {
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await store.DisposeAsync().ConfigureAwait(false);
        await dataSource.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>A tenant name no earlier call in this process returned.</summary>
    /// <param name="prefix">The name's start.</param>
    /// <param name="counter">The counter to advance.</param>
    /// <returns>The tenant.</returns>
    public static string NewTenant(string prefix, ref int counter)
        => prefix + (++counter).ToString(CultureInfo.InvariantCulture);

    /// <summary>The journeys' signal count.</summary>
    /// <param name="journeys">The journeys.</param>
    /// <returns>The total.</returns>
    public static long Count(IReadOnlyList<Signal[]> journeys)
    {
        ArgumentNullException.ThrowIfNull(journeys);
        long total = 0;
        foreach (var journey in journeys)
        {
            total += journey.Length;
        }

        return total;
    }
}

/// <summary>What the writers of <see cref="StoreWorkload.RecordBusyJourneyAsync"/> did.</summary>
/// <param name="Stored">Signals stored (applied or late and rebuilt).</param>
/// <param name="Calls">Record calls.</param>
/// <param name="Failed">Calls that failed with <see cref="JourneyVersionConflictException"/> after the service's retries.</param>
/// <param name="ConflictRetries">The <see cref="RecordResult.ConflictRetries"/> of the calls that succeeded.</param>
public readonly record struct BusyJourneyResult(long Stored, int Calls, int Failed, int ConflictRetries);
