using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Microsoft.Data.Sqlite;

namespace BuyingJourney.Sqlite;

/// <summary>
/// An <see cref="IJourneyStore"/> in one SQLite file: the embedded default for one application server.
/// </summary>
/// <remarks>
/// <para><b>File and pragmas.</b> The database runs in write-ahead-log mode (<c>PRAGMA journal_mode=WAL</c>, kept in
/// the file), so readers never block the writer and the writer never blocks readers. Every connection uses
/// <c>PRAGMA synchronous=FULL</c>: a committed append survives a power cut, not only a crash of the process (WAL's
/// cheaper <c>NORMAL</c> may lose the last commits on power loss). Every connection also sets
/// <c>PRAGMA busy_timeout</c> to the connection string's <c>Default Timeout</c> (30 seconds unless set; 0 waits without
/// limit), so concurrent writers, in this process or in others sharing the file, queue for the write lock instead of
/// failing with <c>SQLITE_BUSY</c>. The file must be on a local disk (WAL needs shared memory between processes).</para>
/// <para><b>Schema.</b> Created on first use with <c>CREATE TABLE IF NOT EXISTS</c> (any number of stores and processes
/// may open the same file) and versioned by <c>PRAGMA user_version</c> (<see cref="SchemaVersion"/>); a file with a newer
/// schema is refused. Tables, keyed by (tenant, journey): <c>streams</c> (version per journey, plus the journey id's
/// UTF-16 code units as a blob so journeys list in exact ordinal order), <c>signals</c> (one row per stored signal,
/// unique per (tenant, journey, signal id), payload in <see cref="JourneyRecords"/> JSON) and <c>snapshots</c>. Only
/// parameterised SQL touches ids and payloads.</para>
/// <para><b>Appends</b> run in one <c>BEGIN IMMEDIATE</c> transaction: version check, inserts, version update, commit; so
/// an append is all-or-nothing and two writers of one journey cannot both pass the version check. Writers in one process
/// (any number of stores on the same file) also queue on one in-process gate per file, first come first served, rather
/// than polling SQLite's busy handler; writers in other processes meet them at the file lock.</para>
/// <para><b>Ids.</b> Tenant and journey ids are checked like signal ids (non-blank, at most
/// <see cref="Signal.MaxIdLength"/> characters, no control characters) and, because SQLite keeps text as UTF-8, must
/// also be well-formed UTF-16 (no unpaired surrogate); so must signal ids. Otherwise two different ids could be stored
/// as one.</para>
/// <para><b>The file under a running store.</b> Every call first checks, with one <c>stat</c>-like system call each, that
/// the path still names the file its connection has open (<c>SQLITE_FCNTL_HAS_MOVED</c>, checked again just before every
/// commit) and, on Linux, that neither the database nor its <c>-wal</c> or <c>-shm</c> is immutable (<c>chattr +i</c>).
/// A file deleted or replaced under the store throws <see cref="IOException"/> naming the path, commits nothing, closes
/// the pool's connections to the lost file, and makes the store refuse every later call (a new store opens whatever file
/// is at the path then); an immutable file throws <see cref="IOException"/> naming it, for as long as it stays
/// immutable, instead of letting SQLite's next store into the memory-mapped <c>-shm</c> kill the process with SIGBUS.
/// For the same reason connections do not checkpoint when they close (<c>SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE</c>): commits
/// still checkpoint the WAL as it grows, but the <c>-wal</c> file stays next to the database after the last connection
/// closes, so copy or move the two together (or use SQLite's backup API). The checks cannot see a change made between
/// them and SQLite's use of the file.</para>
/// <para>Thread-safe: every call opens its own pooled connection. Not for <c>:memory:</c> databases.</para>
/// </remarks>
public sealed class SqliteJourneyStore : IJourneyStore
{
    /// <summary>The schema version this store writes and reads (kept in <c>PRAGMA user_version</c>).</summary>
    public const int SchemaVersion = 1;

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
        """;

    /// <summary>
    /// One gate per database file in this process: writers here queue on it (first come, first served) instead of
    /// polling SQLite's busy handler; writers in other processes are still held off by the file lock and busy_timeout.
    /// </summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    private readonly string _connectionString;
    private readonly string _connectionPragmas;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _writeGate;
    private volatile bool _schemaReady;

    /// <summary>The file this store found deleted or replaced under it; once set, every call is refused.</summary>
    private volatile string? _lostFile;

    /// <summary>Creates a store on a SQLite file; the file and schema are created on first use.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string naming a file, e.g. <c>"Data Source=journeys.db"</c>.</param>
    /// <param name="timeProvider">Stamps <see cref="StoredSignal.RecordedAt"/>; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectionString"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is blank, malformed, names no file, an in-memory database or a read-only one.</exception>
    public SqliteJourneyStore(string connectionString, TimeProvider? timeProvider = null)
    {
        var builder = ParseConnectionString(connectionString);
        _connectionString = connectionString;
        var busyTimeoutMs = builder.DefaultTimeout <= 0 ? int.MaxValue : (int)Math.Min(int.MaxValue, builder.DefaultTimeout * 1000L);
        _connectionPragmas = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {busyTimeoutMs}; PRAGMA synchronous = FULL;");
        _timeProvider = timeProvider ?? TimeProvider.System;
        _writeGate = WriteGates.GetOrAdd(WriteGateKey(builder.DataSource), _ => new SemaphoreSlim(1, 1));
    }

    /// <inheritdoc />
    public async Task<AppendResult> AppendAsync(string tenant, string journeyId, long expectedVersion, IReadOnlyList<Signal> signals, CancellationToken cancellationToken = default)
    {
        CheckTenant(tenant);
        CheckJourneyId(journeyId);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        StoreArguments.Signals(signals, journeyId);

        cancellationToken.ThrowIfCancellationRequested();
        var payloads = new string[signals.Count];
        for (var i = 0; i < signals.Count; i++)
        {
            payloads[i] = JourneyRecords.SerializeSignal(signals[i]);
        }

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await AppendCoreAsync(tenant, journeyId, expectedVersion, signals, payloads, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

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

    private async Task<AppendResult> AppendCoreAsync(string tenant, string journeyId, long expectedVersion, IReadOnlyList<Signal> signals, string[] payloads, CancellationToken cancellationToken)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = await ReadVersionAsync(connection, transaction, tenant, journeyId, cancellationToken).ConfigureAwait(false);
        if (version != expectedVersion)
        {
            throw new JourneyVersionConflictException(journeyId, expectedVersion, version);
        }

        var outcomes = ImmutableArray.CreateBuilder<AppendOutcome>(signals.Count);
        if (signals.Count > 0)
        {
            var recordedAtTicks = _timeProvider.GetUtcNow().UtcTicks;
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO signals (tenant, journey, version, signal_id, occurred_at_ticks, recorded_at_ticks, payload)
                VALUES ($tenant, $journey, $version, $signalId, $occurredAt, $recordedAt, $payload)
                ON CONFLICT (tenant, journey, signal_id) DO NOTHING;
                """;
            insert.Parameters.AddWithValue("$tenant", tenant);
            insert.Parameters.AddWithValue("$journey", journeyId);
            var versionParameter = insert.Parameters.Add("$version", SqliteType.Integer);
            var signalIdParameter = insert.Parameters.Add("$signalId", SqliteType.Text);
            var occurredAtParameter = insert.Parameters.Add("$occurredAt", SqliteType.Integer);
            insert.Parameters.AddWithValue("$recordedAt", recordedAtTicks);
            var payloadParameter = insert.Parameters.Add("$payload", SqliteType.Text);
            for (var i = 0; i < signals.Count; i++)
            {
                versionParameter.Value = version + 1;
                signalIdParameter.Value = signals[i].Id;
                occurredAtParameter.Value = signals[i].OccurredAt.UtcTicks;
                payloadParameter.Value = payloads[i];
                var inserted = await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                if (inserted == 1)
                {
                    version++;
                    outcomes.Add(AppendOutcome.Appended);
                }
                else
                {
                    outcomes.Add(AppendOutcome.Duplicate);
                }
            }
        }

        if (version != expectedVersion)
        {
            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = """
                INSERT INTO streams (tenant, journey, journey_key, version) VALUES ($tenant, $journey, $key, $version)
                ON CONFLICT (tenant, journey) DO UPDATE SET version = excluded.version;
                """;
            update.Parameters.AddWithValue("$tenant", tenant);
            update.Parameters.AddWithValue("$journey", journeyId);
            update.Parameters.AddWithValue("$key", OrdinalKey(journeyId));
            update.Parameters.AddWithValue("$version", version);
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        EnsureFileNotMoved(connection);
        transaction.Commit();
        return new AppendResult(version, outcomes.MoveToImmutable());
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

    /// <summary>Checks a connection string the way the constructor does.</summary>
    internal static SqliteConnectionStringBuilder ParseConnectionString(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("connectionString must not be empty or whitespace.", nameof(connectionString));
        }

        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new ArgumentException("connectionString is not a valid SQLite connection string: " + ex.Message, nameof(connectionString), ex);
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new ArgumentException("connectionString must name a database file (Data Source=...).", nameof(connectionString));
        }

        if (builder.Mode == SqliteOpenMode.Memory || string.Equals(builder.DataSource.Trim(), ":memory:", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("connectionString names an in-memory database; the journey store needs a file.", nameof(connectionString));
        }

        if (builder.Mode == SqliteOpenMode.ReadOnly)
        {
            throw new ArgumentException("connectionString opens the database read-only; the journey store writes to it.", nameof(connectionString));
        }

        return builder;
    }

    private static string WriteGateKey(string dataSource)
    {
        // Only an optimisation: two keys for one file just mean their writers meet at SQLite's lock instead.
        try
        {
            return Path.GetFullPath(dataSource);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException or System.Security.SecurityException)
        {
            return dataSource;
        }
    }

    /// <summary>The checks of <see cref="StoreArguments"/>; ids hold no unpaired surrogate, so UTF-8 keeps them verbatim.</summary>
    private static void CheckTenant(string? tenant) => StoreArguments.Tenant(tenant);

    /// <summary>The checks of <see cref="StoreArguments"/>; ids hold no unpaired surrogate, so UTF-8 keeps them verbatim.</summary>
    private static void CheckJourneyId(string? journeyId) => StoreArguments.JourneyId(journeyId);

    /// <summary>The UTF-16 code units big-endian: bytewise order of these keys is <see cref="string.CompareOrdinal(string, string)"/> order.</summary>
    private static byte[] OrdinalKey(string value)
    {
        var key = new byte[value.Length * 2];
        for (var i = 0; i < value.Length; i++)
        {
            key[2 * i] = (byte)(value[i] >> 8);
            key[(2 * i) + 1] = (byte)value[i];
        }

        return key;
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
