using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using Xunit;
using static BuyingJourney.Sqlite.Tests.Support.TestSignals;

namespace BuyingJourney.Sqlite.Tests;

// Files written by an earlier version of the store are upgraded in place on first use.
public sealed partial class SqliteJourneyStoreTests
{
    /// <summary>Schema 1 as BuyingJourney.Sqlite 0.1 created it (before the change feed), verbatim.</summary>
    private const string SchemaOneSql = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS streams (
            tenant      TEXT    NOT NULL,
            journey     TEXT    NOT NULL,
            journey_key BLOB    NOT NULL,
            version     INTEGER NOT NULL,
            PRIMARY KEY (tenant, journey),
            UNIQUE (tenant, journey_key)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS signals (
            tenant            TEXT    NOT NULL,
            journey           TEXT    NOT NULL,
            version           INTEGER NOT NULL,
            signal_id         TEXT    NOT NULL,
            occurred_at_ticks INTEGER NOT NULL,
            recorded_at_ticks INTEGER NOT NULL,
            payload           TEXT    NOT NULL,
            PRIMARY KEY (tenant, journey, version),
            UNIQUE (tenant, journey, signal_id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS snapshots (
            tenant            TEXT    NOT NULL,
            journey           TEXT    NOT NULL,
            version           INTEGER NOT NULL,
            last_signal_ticks INTEGER NOT NULL,
            payload           TEXT    NOT NULL,
            PRIMARY KEY (tenant, journey, version)
        ) WITHOUT ROWID;
        PRAGMA user_version = 1;
        """;

    /// <summary>A file of schema 1 holding journey "j" of <see cref="Tenant"/> with signals s1 and s2.</summary>
    private void CreateSchemaOneFile()
    {
        using var connection = _db.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = SchemaOneSql;
            create.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO streams (tenant, journey, journey_key, version) VALUES ($tenant, $journey, $key, 2);
            INSERT INTO signals (tenant, journey, version, signal_id, occurred_at_ticks, recorded_at_ticks, payload)
            VALUES ($tenant, $journey, 1, 's1', $occurred1, 0, $payload1), ($tenant, $journey, 2, 's2', $occurred2, 0, $payload2);
            """;
        insert.Parameters.AddWithValue("$tenant", Tenant);
        insert.Parameters.AddWithValue("$journey", JourneyId);
        insert.Parameters.AddWithValue("$key", Encoding.BigEndianUnicode.GetBytes(JourneyId));
        insert.Parameters.AddWithValue("$occurred1", Day(0).UtcTicks);
        insert.Parameters.AddWithValue("$occurred2", Day(1).UtcTicks);
        insert.Parameters.AddWithValue("$payload1", JourneyRecords.SerializeSignal(At(0, "s1")));
        insert.Parameters.AddWithValue("$payload2", JourneyRecords.SerializeSignal(At(1, "s2")));
        insert.ExecuteNonQuery();
    }

    [Fact]
    public async Task FirstUse_FileOfSchemaOne_IsUpgradedInPlaceKeepingItsJourneys()
    {
        CreateSchemaOneFile();

        var stored = await _store.ReadAsync(Tenant, JourneyId, cancellationToken: Ct);

        Assert.Equal(2L, _db.Scalar("PRAGMA user_version;"));
        Assert.Equal([At(0, "s1"), At(1, "s2")], stored.Select(s => s.Signal));
        Assert.Equal([JourneyId], await _store.ListJourneysAsync(Tenant, cancellationToken: Ct));
        Assert.Equal(3L, _db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('events', 'feeds', 'feed_cursors');"));
    }

    [Fact]
    public async Task FirstUse_FileOfSchemaOne_TakesTheChangeFeedAfterTheUpgrade()
    {
        CreateSchemaOneFile();
        var now = _clock.GetUtcNow();

        var result = await _store.AppendAsync(Tenant, JourneyId, 2, [At(2, "s3")], new ChangesFactory("view-1", now, StatusEvent("Stalled", signalId: "s3")).Create, Ct);
        await _store.SaveFeedCursorAsync(Tenant, "crm", 1, Ct);

        Assert.Equal(3, result.Version);
        var stored = Assert.Single(await _store.ReadEventsAsync(Tenant, cancellationToken: Ct));
        Assert.Equal((1L, "s3"), (stored.Position, stored.Event.SignalId));
        Assert.Equal(1, await _db.CreateStore().GetFeedCursorAsync(Tenant, "crm", Ct));
        Assert.Equal(JourneyId, Assert.Single(await _store.ClaimDueAsync(now, Lease, cancellationToken: Ct)).JourneyId);
    }

    [Fact]
    public async Task FirstUse_FileOfSchemaOneOpenedByManyStoresAtOnce_IsUpgradedOnce()
    {
        CreateSchemaOneFile();

        var versions = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => _db.CreateStore().GetVersionAsync(Tenant, JourneyId, Ct), Ct)));

        Assert.All(versions, v => Assert.Equal(2, v));
        Assert.Equal(2L, _db.Scalar("PRAGMA user_version;"));
        Assert.Equal(6L, _db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table';"));
        Assert.Empty(await _store.ReadEventsAsync(Tenant, cancellationToken: Ct));
        Assert.Empty(await _store.ClaimDueAsync(_clock.GetUtcNow().AddYears(10), Lease, cancellationToken: Ct));
    }
}
