using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace BuyingJourney.Sqlite;

// The SQLite store, part: connections opened with the pragmas, and the checks that the file under them is still the one at the path.
public sealed partial class SqliteJourneyStore
{
    /// <summary>
    /// Refuses when the connection's file is no longer the one its path names (deleted or replaced while open): what it
    /// wrote would be acknowledged into a file nobody can open again, and what it read is no longer at the path. The
    /// store then refuses every later call too, and the pool's connections to the lost file are closed.
    /// </summary>
    private void EnsureFileNotMoved(SqliteConnection connection)
    {
        if (SqliteFileChecks.HasMoved(connection))
        {
            var path = connection.DataSource;
            _lostFile = path;
            SqliteConnection.ClearPool(connection);
            throw FileLost(path);
        }
    }

    private static IOException FileLost(string path) => new(
        $"The journey store's SQLite file \"{path}\" was deleted or replaced after the store opened it: nothing written through the open file would be kept at that path. "
        + "The store refuses every call from now on (this one stored and read nothing); put the file back, or create a new store for the file now at the path.");

    /// <summary>
    /// Creates the file's schema, or upgrades an older one in place, now rather than on the first call that needs it
    /// (which does the same): opens a connection, which brings the schema to <see cref="SchemaVersion"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the migration; a partly run upgrade is rolled back.</param>
    /// <returns>A task that ends when the schema is current.</returns>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_lostFile is { } lost)
        {
            throw FileLost(lost);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // Before any statement: SQLite's first touch of the file may be a store into the memory-mapped -shm.
            if (SqliteFileChecks.ImmutableFile(connection.DataSource) is { } immutable)
            {
                throw new IOException(
                    $"The journey store's SQLite file \"{immutable}\" is immutable (chattr +i). SQLite writes the -shm index through a memory map, and such a write to an immutable file kills the process (SIGBUS), "
                    + "so the store refuses the call (nothing was stored or read). Clear the attribute (chattr -i) on the database and its -wal and -shm files.");
            }

            EnsureFileNotMoved(connection);

            // Closing the last connection to the file (as the pool does with idle ones after a few minutes) would
            // otherwise checkpoint, and the checkpoint's stores into the -shm map kill the process if the files have
            // become immutable meanwhile. Commits still checkpoint the WAL automatically; the -wal file stays.
            var rc = SQLitePCL.raw.sqlite3_db_config(connection.Handle, SQLitePCL.raw.SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, out _);
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            using (var pragmas = connection.CreateCommand())
            {
                pragmas.CommandText = _connectionPragmas;
                await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (!_schemaReady)
            {
                await EnsureSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
                _schemaReady = true;
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
