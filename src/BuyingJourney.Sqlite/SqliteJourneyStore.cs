using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Threading;
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
/// may open the same file) and versioned by <c>PRAGMA user_version</c> (<see cref="SchemaVersion"/>); a file of an older
/// schema is upgraded in place on first use (schema 1 gains the change feed's tables), a file with a newer schema is
/// refused. Tables, keyed by (tenant, journey): <c>streams</c> (version per journey, plus the journey id's UTF-16 code
/// units as a blob so journeys list in exact ordinal order), <c>signals</c> (one row per stored signal, unique per
/// (tenant, journey, signal id), payload in <see cref="JourneyRecords"/> JSON), <c>snapshots</c>, and for the change
/// feed <c>events</c> (keyed by (tenant, position), with the journey and recording time beside the JSON payload),
/// <c>feeds</c> (per journey: the feed's view, the next due tick and the scheduler's lease, indexed by due tick) and
/// <c>feed_cursors</c> (per tenant and consumer). Only parameterised SQL touches ids and payloads.</para>
/// <para><b>Appends</b> run in one <c>BEGIN IMMEDIATE</c> transaction: version check, inserts, version update, and with a
/// changes factory its events (at the tenant's next positions: SQLite has one writer at a time, so positions grow in
/// commit order) and the journey's feed row, then commit; so an append is all-or-nothing and two writers of one journey
/// cannot both pass the version check. <c>ClaimDueAsync</c> selects and leases due rows in one such transaction, so two
/// claimers, in one process or several, never get the same row. Writers in one process (any number of stores on the
/// same file) also queue on one in-process gate per file, first come first served, rather than polling SQLite's busy
/// handler; writers in other processes meet them at the file lock.</para>
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
public sealed partial class SqliteJourneyStore : IJourneyStore
{
    /// <summary>The schema version this store writes and reads (kept in <c>PRAGMA user_version</c>).</summary>
    public const int SchemaVersion = 2;

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
}
