using System;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using Microsoft.Data.Sqlite;
using Xunit;
using static BuyingJourney.Sqlite.Tests.Support.TestSignals;

namespace BuyingJourney.Sqlite.Tests;

public sealed partial class SqliteJourneyStoreTests
{
    [Fact]
    public async Task FirstUse_SwitchesTheFileToWalMode()
    {
        await _store.GetVersionAsync(Tenant, JourneyId, Ct);

        Assert.Equal("wal", _db.Scalar("PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task FirstUse_CreatesTheVersionedSchema()
    {
        await _store.GetVersionAsync(Tenant, JourneyId, Ct);

        Assert.Equal((long)SqliteJourneyStore.SchemaVersion, _db.Scalar("PRAGMA user_version;"));
        Assert.Equal(6L, _db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('streams', 'signals', 'snapshots', 'events', 'feeds', 'feed_cursors');"));
        Assert.Equal(2L, _db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN ('events_by_journey', 'feeds_due');"));
    }

    [Fact]
    public async Task SchemaCreation_TwoStoresOnOneFile_IsIdempotentAndSharesData()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1")], cancellationToken: Ct);
        var second = _db.CreateStore();

        await second.AppendAsync(Tenant, JourneyId, 1, [At(1, "s2")], cancellationToken: Ct);
        var third = _db.CreateStore();

        Assert.Equal(["s1", "s2"], (await third.ReadAsync(Tenant, JourneyId, cancellationToken: Ct)).Select(s => s.Signal.Id).ToArray());
        Assert.Equal(2, await _store.GetVersionAsync(Tenant, JourneyId, Ct));
        Assert.Equal(2L, _db.Scalar("PRAGMA user_version;"));
        Assert.Equal(6L, _db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table';"));
    }

    [Fact]
    public async Task FirstUse_FileWithANewerSchema_ThrowsInvalidOperationException()
    {
        _db.Scalar("PRAGMA user_version = 99;");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => _store.GetVersionAsync(Tenant, JourneyId, Ct));

        Assert.Contains("schema 99", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_MalformedSignalPayload_ThrowsJourneyRecordExceptionNamingJourneyAndVersion()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1"), At(1, "s2")], cancellationToken: Ct);
        using (var connection = _db.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE signals SET payload = $payload WHERE tenant = $tenant AND journey = $journey AND version = 2;";
            command.Parameters.AddWithValue("$payload", "{\"type\": \"signal.v2\", \"schema\": 2, \"id\": ");
            command.Parameters.AddWithValue("$tenant", Tenant);
            command.Parameters.AddWithValue("$journey", JourneyId);
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var ex = await Assert.ThrowsAsync<JourneyRecordException>(() => _store.ReadAsync(Tenant, JourneyId, cancellationToken: Ct));

        Assert.Equal(JourneyId, ex.JourneyId);
        Assert.Equal("signal version 2", ex.Record);
        Assert.Contains("signal version 2", ex.Message, StringComparison.Ordinal);
        Assert.Single(await _store.ReadAsync(Tenant, JourneyId, occurredAtOrBefore: Day(0), cancellationToken: Ct));
    }

    [Fact]
    public async Task ReadAsync_MalformedRowInsertedDirectly_ThrowsJourneyRecordException()
    {
        await _store.GetVersionAsync(Tenant, JourneyId, Ct);
        using (var connection = _db.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT INTO signals (tenant, journey, version, signal_id, occurred_at_ticks, recorded_at_ticks, payload)
                VALUES ($tenant, $journey, 7, 'bad', 0, 0, 'not json');
                """;
            command.Parameters.AddWithValue("$tenant", Tenant);
            command.Parameters.AddWithValue("$journey", JourneyId);
            command.ExecuteNonQuery();
        }

        var ex = await Assert.ThrowsAsync<JourneyRecordException>(() => _store.ReadAsync(Tenant, JourneyId, cancellationToken: Ct));

        Assert.Equal("signal version 7", ex.Record);
        Assert.Contains($"journey \"{JourneyId}\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadSnapshotAsync_MalformedPayload_ThrowsJourneyRecordExceptionNamingTheSnapshot()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1")], cancellationToken: Ct);
        await _store.SaveSnapshotAsync(Tenant, Snapshot(1, At(0, "s1")), Ct);
        using (var connection = _db.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE snapshots SET payload = '[1, 2' WHERE version = 1;";
            command.ExecuteNonQuery();
        }

        var ex = await Assert.ThrowsAsync<JourneyRecordException>(() => _store.LoadSnapshotAsync(Tenant, JourneyId, cancellationToken: Ct));

        Assert.Equal(JourneyId, ex.JourneyId);
        Assert.Equal("snapshot version 1", ex.Record);
    }

    [Fact]
    public async Task Calls_OnAFileThatIsNotADatabase_ThrowSqliteException()
    {
        await System.IO.File.WriteAllTextAsync(_db.Path, new string('x', 4096), Ct);

        await Assert.ThrowsAsync<SqliteException>(() => _store.GetVersionAsync(Tenant, JourneyId, Ct));
    }

    [Fact]
    public async Task AppendAsync_AnotherConnectionHoldsTheWriteLock_WaitsAndThenSucceeds()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1")], cancellationToken: Ct);
        using var other = _db.Open(); // stands in for another process: it does not know the store's in-process gate
        using var hold = other.BeginTransaction(deferred: false);

        var append = Task.Run(() => _store.AppendAsync(Tenant, JourneyId, 1, [At(1, "s2")], cancellationToken: Ct), Ct);
        // SQLite has no view of waiting writers, so give the append time to reach the lock. The assertion cannot
        // flake: however slow the machine, the append cannot finish while the other connection holds the lock.
        await Task.Delay(300, Ct);
        var finishedWhileLocked = append.IsCompleted;
        hold.Commit();
        var result = await append;

        Assert.False(finishedWhileLocked);
        Assert.Equal(2, result.Version);
    }

    [Fact]
    public async Task AppendAsync_WriteLockHeldLongerThanTheDefaultTimeout_ThrowsBusyAndStoresNothing()
    {
        var impatient = new SqliteJourneyStore(_db.ConnectionString + ";Default Timeout=1");
        await impatient.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1")], cancellationToken: Ct);
        using var other = _db.Open();
        using (var hold = other.BeginTransaction(deferred: false))
        {
            var ex = await Assert.ThrowsAsync<SqliteException>(() => impatient.AppendAsync(Tenant, JourneyId, 1, [At(1, "s2")], cancellationToken: Ct));

            Assert.Equal(5, ex.SqliteErrorCode); // SQLITE_BUSY
        }

        Assert.Equal(1, await _store.GetVersionAsync(Tenant, JourneyId, Ct));
    }
}
