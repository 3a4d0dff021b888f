using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace BuyingJourney.Sqlite;

// The SQLite store, part: the schema, created on first use and versioned by PRAGMA user_version. Every statement is
// CREATE ... IF NOT EXISTS, so running the whole script on a file of an older schema upgrades it in place: schema 1
// (streams, signals, snapshots) gains the change feed's tables (events, feeds, feed_cursors) of schema 2.
public sealed partial class SqliteJourneyStore
{
    private const string CreateSchemaSql = """
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
        CREATE TABLE IF NOT EXISTS events (
            tenant            TEXT    NOT NULL,
            position          INTEGER NOT NULL,
            journey           TEXT    NOT NULL,
            recorded_at_ticks INTEGER NOT NULL,
            payload           TEXT    NOT NULL,
            PRIMARY KEY (tenant, position)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS events_by_journey ON events (tenant, journey, position);
        CREATE TABLE IF NOT EXISTS feeds (
            tenant            TEXT    NOT NULL,
            journey           TEXT    NOT NULL,
            view              TEXT    NOT NULL,
            due_at_ticks      INTEGER,
            lease_until_ticks INTEGER,
            PRIMARY KEY (tenant, journey)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS feeds_due ON feeds (due_at_ticks) WHERE due_at_ticks IS NOT NULL;
        CREATE TABLE IF NOT EXISTS feed_cursors (
            tenant   TEXT    NOT NULL,
            consumer TEXT    NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (tenant, consumer)
        ) WITHOUT ROWID;
        """;

    private static async Task EnsureSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // journal_mode cannot change inside a transaction; it is kept in the file, so this is a no-op after the first time.
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = Convert.ToString(await wal.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite could not switch \"{connection.DataSource}\" to WAL mode (journal_mode is \"{mode}\"); put the database on a local disk.");
            }
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "PRAGMA user_version;";
            var found = Convert.ToInt64(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            if (found > SchemaVersion)
            {
                throw new InvalidOperationException(
                    $"\"{connection.DataSource}\" has journey store schema {found}; this version of BuyingJourney.Sqlite reads schema {SchemaVersion}.");
            }

            if (found == SchemaVersion)
            {
                return;
            }
        }

        using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = CreateSchemaSql + string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {SchemaVersion};");
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        transaction.Commit();
    }
}
