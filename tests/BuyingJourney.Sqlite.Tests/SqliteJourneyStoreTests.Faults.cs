using System;
using System.IO;
using System.Threading.Tasks;
using BuyingJourney.Sqlite.Tests.Support;
using Xunit;
using static BuyingJourney.Sqlite.Tests.Support.TestSignals;

namespace BuyingJourney.Sqlite.Tests;

/// <summary>The file under a running store deleted or replaced: the store refuses instead of acknowledging into the unlinked file.</summary>
public sealed partial class SqliteJourneyStoreTests
{
    [Fact]
    public async Task AppendAsync_FileDeletedWhileTheStoreRuns_ThrowsIOExceptionNamingThePathAndStoresNothing()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1")], cancellationToken: Ct);
        DeleteDatabaseFiles(_db.Path);

        var ex = await Assert.ThrowsAsync<IOException>(() => _store.AppendAsync(Tenant, JourneyId, 1, [At(1, "s2")], cancellationToken: Ct));

        Assert.Contains($"\"{_db.Path}\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("deleted or replaced", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_db.Path), "the refused append created no new file at the path");
    }

    [Fact]
    public async Task Calls_AfterTheFileWasReplaced_AllThrowIOExceptionAndTheReplacementIsUntouched()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1")], cancellationToken: Ct);
        await _store.SaveSnapshotAsync(Tenant, Snapshot(1, At(0, "s1")), Ct);
        using var replacement = new TempDatabase();
        await replacement.CreateStore().AppendAsync(Tenant, "other", 0, [At(0, "r1", journeyId: "other")], cancellationToken: Ct);
        ReleaseFiles(replacement);
        File.Move(replacement.Path, _db.Path, overwrite: true);
        File.Move(replacement.Path + "-wal", _db.Path + "-wal", overwrite: true);
        File.Delete(_db.Path + "-shm");

        await Assert.ThrowsAsync<IOException>(() => _store.AppendAsync(Tenant, JourneyId, 1, [At(1, "s2")], cancellationToken: Ct));
        await Assert.ThrowsAsync<IOException>(() => _store.SaveSnapshotAsync(Tenant, Snapshot(1, At(0, "s1")), Ct));
        await Assert.ThrowsAsync<IOException>(() => _store.ReadAsync(Tenant, JourneyId, cancellationToken: Ct));
        await Assert.ThrowsAsync<IOException>(() => _store.GetVersionAsync(Tenant, JourneyId, Ct));
        await Assert.ThrowsAsync<IOException>(() => _store.LoadSnapshotAsync(Tenant, JourneyId, cancellationToken: Ct));
        await Assert.ThrowsAsync<IOException>(() => _store.ListJourneysAsync(Tenant, cancellationToken: Ct));

        ReleaseFiles(_db);
        Assert.Equal(0L, _db.Scalar("SELECT COUNT(*) FROM streams WHERE journey = 'j';"));
        Assert.Equal(0L, _db.Scalar("SELECT COUNT(*) FROM snapshots;"));
        Assert.Equal(1L, _db.Scalar("SELECT COUNT(*) FROM signals;"));
    }

    /// <summary>Deletes the database and its -wal and -shm while connections still hold them open.</summary>
    private static void DeleteDatabaseFiles(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }

    /// <summary>Closes the pooled connections of a file so another process could take it over.</summary>
    private static void ReleaseFiles(TempDatabase database)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString);
        Microsoft.Data.Sqlite.SqliteConnection.ClearPool(connection);
    }
}
