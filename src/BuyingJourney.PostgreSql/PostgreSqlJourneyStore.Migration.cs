using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;

namespace BuyingJourney.PostgreSql;

// The PostgreSQL store, part: schema creation and migration (MigrateAsync).
public sealed partial class PostgreSqlJourneyStore
{
    /// <summary>
    /// Creates or upgrades the store's schema and tables to <see cref="SchemaVersion"/>. Idempotent, and safe to run
    /// concurrently from several processes: everything happens in one transaction under an advisory lock on the schema
    /// name, and applied versions are recorded in <c>schema_version</c>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call; a cancelled migration changes nothing.</param>
    /// <exception cref="InvalidOperationException">The database holds a newer schema version than this library knows.</exception>
    /// <remarks>A database at an earlier version is upgraded in place, in order (version 1: streams, signals,
    /// snapshots; version 2: the change feed), keeping its data.</remarks>
    public Task MigrateAsync(CancellationToken cancellationToken = default) => MigrateToAsync(SchemaVersion, cancellationToken);

    /// <summary>Brings the schema to <paramref name="target"/> (at most <see cref="SchemaVersion"/>; tests make databases of earlier versions with it).</summary>
    internal async Task MigrateToAsync(int target, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(target, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(target, SchemaVersion);
        cancellationToken.ThrowIfCancellationRequested();
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
                {
                    lockCommand.Parameters.Add(new NpgsqlParameter<long>("key", NpgsqlDbType.Bigint) { TypedValue = MigrationLockKey(Schema) });
                    await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await ExecuteAsync(connection, transaction, _sql.CreateVersionTable, cancellationToken).ConfigureAwait(false);
                int current;
                await using (var versionCommand = new NpgsqlCommand(_sql.CurrentSchemaVersion, connection, transaction))
                {
                    current = Convert.ToInt32(await versionCommand.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                }

                if (current > SchemaVersion)
                {
                    throw new InvalidOperationException(
                        $"The BuyingJourney schema \"{Schema}\" is at version {current}, newer than this library's {SchemaVersion}; upgrade BuyingJourney.PostgreSql.");
                }

                (int Version, string Description, string Sql)[] steps =
                [
                    (1, "streams, signals, snapshots", _sql.MigrationV1),
                    (2, "change feed: feed_heads, events, journey_feeds, feed_cursors", _sql.MigrationV2),
                ];
                foreach (var (version, description, sql) in steps)
                {
                    if (current < version && version <= target)
                    {
                        await ExecuteAsync(connection, transaction, sql, cancellationToken).ConfigureAwait(false);
                        await using var record = new NpgsqlCommand(_sql.RecordSchemaVersion, connection, transaction);
                        record.Parameters.Add(new NpgsqlParameter<int>("version", NpgsqlDbType.Integer) { TypedValue = version });
                        record.Parameters.Add(new NpgsqlParameter<string>("description", NpgsqlDbType.Text) { TypedValue = description });
                        await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                cancellationToken.ThrowIfCancellationRequested();
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A stable 64-bit key (FNV-1a) for the migration lock of one schema.</summary>
    private static long MigrationLockKey(string schema) => Fnv1a("BuyingJourney.PostgreSql.migrate:" + schema);
}
