using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using BuyingJourney.Sqlite;
using Microsoft.Data.Sqlite;
using Xunit;
using Xunit.Sdk;

namespace BuyingJourney.Testing.Tests.Stores;

/// <summary>
/// <see cref="JourneyStoreCrashSuite"/> catches a store that acknowledges appends it has not stored and one whose
/// appends are not all-or-nothing, and passes the SQLite store; each writer is this executable started again
/// (<see cref="CrashWriterChild"/>).
/// </summary>
public sealed class JourneyStoreCrashSuiteTests
{
    [Fact]
    public async Task CrashSuite_OnAStoreThatAcknowledgesWhatItKeepsInMemory_FailsOnAMissingAcknowledgedBatch()
    {
        using var suite = new SqliteSuite(CrashWriterChild.WriteBehind);

        var failure = await Assert.ThrowsAnyAsync<XunitException>(suite.Writer_KilledMidBatchTwice_NoHalfBatchAndEveryAcknowledgedBatchStored);

        Assert.Contains("acknowledged batch 0 is missing", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrashSuite_OnAStoreThatAppendsSignalBySignal_FailsOnAHalfWrittenBatch()
    {
        using var suite = new SqliteSuite(CrashWriterChild.SignalBySignal);

        var failure = await Assert.ThrowsAnyAsync<XunitException>(suite.Writer_KilledMidBatchTwice_NoHalfBatchAndEveryAcknowledgedBatchStored);

        Assert.Contains("is half-written", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrashSuite_OnTheSqliteStore_Passes()
    {
        using var suite = new SqliteSuite(CrashWriterChild.Sqlite);

        await suite.Writer_KilledMidBatchTwice_NoHalfBatchAndEveryAcknowledgedBatchStored();
    }

    /// <summary>The crash suite on a fresh SQLite file, written through the store named; private, so xunit does not run it on its own.</summary>
    private sealed class SqliteSuite(string store) : JourneyStoreCrashSuite, IDisposable
    {
        private readonly string _path = Path.Combine(Path.GetTempPath(), $"buyingjourney-crash-{Guid.NewGuid():N}.db");

        private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _path }.ToString();

        /// <summary>Small batches: the signal-by-signal writer pauses between signals.</summary>
        protected override int BatchSize => 20;

        protected override ProcessStartInfo CreateWriterStartInfo(string tenant, string journeyId, int batchSize)
            => CrashWriterChild.StartInfo(store, ConnectionString, tenant, journeyId, batchSize);

        protected override IJourneyStore OpenStore() => new SqliteJourneyStore(ConnectionString);

        public void Dispose()
        {
            using (var connection = new SqliteConnection(ConnectionString))
            {
                SqliteConnection.ClearPool(connection);
            }

            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            {
                File.Delete(_path + suffix);
            }
        }
    }
}
