using System;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Persistence;

namespace BuyingJourney.Sqlite;

// The SQLite store, part: snapshots saved and loaded.
public sealed partial class SqliteJourneyStore
{
    /// <inheritdoc />
    public async Task SaveSnapshotAsync(string tenant, JourneySnapshot snapshot, CancellationToken cancellationToken = default)
    {
        CheckTenant(tenant);
        ArgumentNullException.ThrowIfNull(snapshot);
        var journeyId = snapshot.JourneyId;
        cancellationToken.ThrowIfCancellationRequested();
        var payload = JourneyRecords.SerializeSnapshot(snapshot);
        var lastSignalTicks = JourneyRecords.SnapshotLastSignalTicks(snapshot);

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SaveSnapshotCoreAsync(tenant, snapshot, lastSignalTicks, payload, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<JourneySnapshot?> LoadSnapshotAsync(string tenant, string journeyId, DateTimeOffset? lastSignalBefore = null, CancellationToken cancellationToken = default)
    {
        CheckTenant(tenant);
        CheckJourneyId(journeyId);
        cancellationToken.ThrowIfCancellationRequested();

        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT version, last_signal_ticks, payload FROM snapshots
            WHERE tenant = $tenant AND journey = $journey AND last_signal_ticks < $before
            ORDER BY version DESC LIMIT 1;
            """;
        command.Parameters.AddWithValue("$tenant", tenant);
        command.Parameters.AddWithValue("$journey", journeyId);
        command.Parameters.AddWithValue("$before", lastSignalBefore?.UtcTicks ?? long.MaxValue);

        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return JourneyRecords.DeserializeSnapshotRow(reader.GetString(2), journeyId, reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task SaveSnapshotCoreAsync(string tenant, JourneySnapshot snapshot, long lastSignalTicks, string payload, CancellationToken cancellationToken)
    {
        var journeyId = snapshot.JourneyId;
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(deferred: false);
        var streamVersion = await ReadVersionAsync(connection, transaction, tenant, journeyId, cancellationToken).ConfigureAwait(false);
        if (snapshot.Version > streamVersion)
        {
            throw new ArgumentException(
                $"the snapshot of journey \"{journeyId}\" is at version {snapshot.Version}, above the stream's version {streamVersion}.",
                nameof(snapshot));
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO snapshots (tenant, journey, version, last_signal_ticks, payload) VALUES ($tenant, $journey, $version, $lastSignal, $payload)
            ON CONFLICT (tenant, journey, version) DO UPDATE SET last_signal_ticks = excluded.last_signal_ticks, payload = excluded.payload;
            """;
        command.Parameters.AddWithValue("$tenant", tenant);
        command.Parameters.AddWithValue("$journey", journeyId);
        command.Parameters.AddWithValue("$version", snapshot.Version);
        command.Parameters.AddWithValue("$lastSignal", lastSignalTicks);
        command.Parameters.AddWithValue("$payload", payload);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

        cancellationToken.ThrowIfCancellationRequested();
        EnsureFileNotMoved(connection);
        transaction.Commit();
    }
}
