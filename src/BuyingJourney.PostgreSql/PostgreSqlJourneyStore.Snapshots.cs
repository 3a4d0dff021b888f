using System;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace BuyingJourney.PostgreSql;

// The PostgreSQL store, part: snapshots: saving and loading, each row checked against its record.
public sealed partial class PostgreSqlJourneyStore
{
    /// <inheritdoc />
    public async Task SaveSnapshotAsync(string tenant, JourneySnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ValidateTenant(tenant);
        ArgumentNullException.ThrowIfNull(snapshot);
        ValidateJourney(snapshot.JourneyId);
        var payload = JourneyRecords.SerializeSnapshot(snapshot);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var command = _dataSource.CreateCommand(_sql.SaveSnapshot);
            await using (command.ConfigureAwait(false))
            {
                AddKey(command.Parameters, tenant, snapshot.JourneyId);
                command.Parameters.Add(new NpgsqlParameter<long>("version", NpgsqlDbType.Bigint) { TypedValue = snapshot.Version });
                command.Parameters.Add(new NpgsqlParameter<long>("last", NpgsqlDbType.Bigint) { TypedValue = JourneyRecords.SnapshotLastSignalTicks(snapshot) });
                command.Parameters.Add(new NpgsqlParameter<string>("payload", NpgsqlDbType.Text) { TypedValue = payload });

                // The insert only happens when the stream has reached the snapshot's version (checked in the same statement).
                var saved = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                if (saved == 0)
                {
                    var version = await GetVersionAsync(tenant, snapshot.JourneyId, cancellationToken).ConfigureAwait(false);
                    throw new ArgumentException(
                        $"the snapshot of journey \"{snapshot.JourneyId}\" is at version {snapshot.Version}, above the stream's version {version}.",
                        nameof(snapshot));
                }
            }
        }
        catch (PostgresException ex) when (IsMissingSchema(ex))
        {
            throw NotMigrated(ex);
        }
    }

    /// <inheritdoc />
    public async Task<JourneySnapshot?> LoadSnapshotAsync(string tenant, string journeyId, DateTimeOffset? lastSignalBefore = null, CancellationToken cancellationToken = default)
    {
        ValidateTenant(tenant);
        ValidateJourney(journeyId);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var command = _dataSource.CreateCommand(lastSignalBefore is null ? _sql.LoadLatestSnapshot : _sql.LoadSnapshotBefore);
            await using (command.ConfigureAwait(false))
            {
                AddKey(command.Parameters, tenant, journeyId);
                if (lastSignalBefore is { } before)
                {
                    command.Parameters.Add(new NpgsqlParameter<long>("before", NpgsqlDbType.Bigint) { TypedValue = before.UtcTicks });
                }

                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return null;
                    }

                    return JourneyRecords.DeserializeSnapshotRow(reader.GetString(2), journeyId, reader.GetInt64(0), reader.GetInt64(1));
                }
            }
        }
        catch (PostgresException ex) when (IsMissingSchema(ex))
        {
            throw NotMigrated(ex);
        }
    }
}
