using System;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using Xunit;
using static BuyingJourney.Sqlite.Tests.Support.TestSignals;

namespace BuyingJourney.Sqlite.Tests;

/// <summary>A row whose key columns disagree with its payload is refused, not handed out.</summary>
public sealed partial class SqliteJourneyStoreTests
{
    [Fact]
    public async Task ReadAsync_PayloadHoldsAnotherSignalThanTheRowsSignalId_ThrowsJourneyRecordExceptionNamingJourneyAndVersion()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1"), At(1, "s2")], cancellationToken: Ct);
        Execute("UPDATE signals SET payload = (SELECT payload FROM signals WHERE version = 1) WHERE version = 2;");

        var ex = await Assert.ThrowsAsync<JourneyRecordException>(() => _store.ReadAsync(Tenant, JourneyId, cancellationToken: Ct));

        Assert.Equal(JourneyId, ex.JourneyId);
        Assert.Equal("signal version 2", ex.Record);
        Assert.Contains("the payload holds signal \"s1\" but the row is keyed \"s2\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadSnapshotAsync_PayloadsLastSignalAfterTheRowsLastSignalTicks_ThrowsJourneyRecordExceptionNamingJourneyAndVersion()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, FourSignals, cancellationToken: Ct);
        await _store.SaveSnapshotAsync(Tenant, Snapshot(4, FourSignals), Ct);
        Execute("UPDATE snapshots SET last_signal_ticks = last_signal_ticks - 1 WHERE version = 4;");

        var ex = await Assert.ThrowsAsync<JourneyRecordException>(() => _store.LoadSnapshotAsync(Tenant, JourneyId, cancellationToken: Ct));

        Assert.Equal(JourneyId, ex.JourneyId);
        Assert.Equal("snapshot version 4", ex.Record);
        Assert.Contains($"last signal is at {Day(4).UtcTicks} ticks", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"last-signal time is {Day(4).UtcTicks - 1} ticks", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadSnapshotAsync_PayloadWithoutSignalsButRowWithLastSignalTicks_ThrowsJourneyRecordException()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, FourSignals, cancellationToken: Ct);
        await _store.SaveSnapshotAsync(Tenant, Snapshot(JourneyId, 1, "1"), Ct);
        Execute($"UPDATE snapshots SET last_signal_ticks = {Day(1).UtcTicks} WHERE version = 1;");

        var ex = await Assert.ThrowsAsync<JourneyRecordException>(() => _store.LoadSnapshotAsync(Tenant, JourneyId, cancellationToken: Ct));

        Assert.Equal("snapshot version 1", ex.Record);
    }

    [Fact]
    public async Task LoadSnapshotAsync_PayloadWithoutSignals_RowAtTicksZero_IsReturned()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, FourSignals, cancellationToken: Ct);
        await _store.SaveSnapshotAsync(Tenant, Snapshot(JourneyId, 1, "1"), Ct);

        var loaded = await _store.LoadSnapshotAsync(Tenant, JourneyId, cancellationToken: Ct);

        Assert.Equal(0L, _db.Scalar("SELECT last_signal_ticks FROM snapshots WHERE version = 1;"));
        Assert.NotNull(loaded);
        Assert.Null(loaded.State.LastSignalAt);
    }

    /// <summary>Runs one statement on the file behind the store's back (one row is expected to change).</summary>
    private void Execute(string sql)
    {
        using var connection = _db.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, command.ExecuteNonQuery());
    }
}
