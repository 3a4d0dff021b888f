using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using Microsoft.Data.Sqlite;

namespace BuyingJourney.Sqlite;

// The SQLite store, part: reads: signals of one journey, versions and journey lists.
public sealed partial class SqliteJourneyStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredSignal>> ReadAsync(string tenant, string journeyId, long afterVersion = 0, DateTimeOffset? occurredAtOrBefore = null, CancellationToken cancellationToken = default)
    {
        CheckTenant(tenant);
        CheckJourneyId(journeyId);
        ArgumentOutOfRangeException.ThrowIfNegative(afterVersion);
        cancellationToken.ThrowIfCancellationRequested();

        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT version, signal_id, recorded_at_ticks, payload FROM signals
            WHERE tenant = $tenant AND journey = $journey AND version > $after AND occurred_at_ticks <= $before
            ORDER BY version;
            """;
        command.Parameters.AddWithValue("$tenant", tenant);
        command.Parameters.AddWithValue("$journey", journeyId);
        command.Parameters.AddWithValue("$after", afterVersion);
        command.Parameters.AddWithValue("$before", occurredAtOrBefore?.UtcTicks ?? long.MaxValue);

        var result = new List<StoredSignal>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var version = reader.GetInt64(0);
            var recordedAt = new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero);
            var signal = JourneyRecords.DeserializeSignalRow(reader.GetString(3), journeyId, version, reader.GetString(1));
            result.Add(new StoredSignal(signal, version, recordedAt));
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<long> GetVersionAsync(string tenant, string journeyId, CancellationToken cancellationToken = default)
    {
        CheckTenant(tenant);
        CheckJourneyId(journeyId);
        cancellationToken.ThrowIfCancellationRequested();

        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadVersionAsync(connection, null, tenant, journeyId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListJourneysAsync(string tenant, string? after = null, int limit = 1000, CancellationToken cancellationToken = default)
    {
        CheckTenant(tenant);
        StoreArguments.Limit(limit);
        cancellationToken.ThrowIfCancellationRequested();

        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();

        // journey_key holds the id's UTF-16 code units big-endian, so comparing it bytewise is string.CompareOrdinal.
        command.CommandText = """
            SELECT journey FROM streams
            WHERE tenant = $tenant AND journey_key > $after
            ORDER BY journey_key LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$tenant", tenant);
        command.Parameters.AddWithValue("$after", after is null ? Array.Empty<byte>() : OrdinalKey(after));
        command.Parameters.AddWithValue("$limit", limit);

        var result = new List<string>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    private static async Task<long> ReadVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, string tenant, string journeyId, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version FROM streams WHERE tenant = $tenant AND journey = $journey;";
        command.Parameters.AddWithValue("$tenant", tenant);
        command.Parameters.AddWithValue("$journey", journeyId);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? 0L : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }
}
