using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace BuyingJourney.PostgreSql;

/// <summary>
/// An <see cref="IJourneyStore"/> on PostgreSQL: one append-only stream of signals per (tenant, journey), with
/// optimistic concurrency, idempotent appends and snapshots, in a schema of its own (default
/// <c>buying_journey</c>).
/// </summary>
/// <remarks>
/// <para><b>Schema.</b> The tables are created only by <see cref="MigrateAsync"/>, an explicit, idempotent call that
/// is safe to run from several processes at once (it takes a transaction-scoped advisory lock and records what it
/// applied in <c>schema_version</c>). Every other method on a database that has not been migrated throws
/// <see cref="InvalidOperationException"/> saying so. The tables are:</para>
/// <list type="bullet">
/// <item><c>streams (tenant, journey, journey_order, version)</c>, primary key (tenant, journey): one row per journey
/// holding its version; <c>journey_order</c> is the journey id as UTF-16 code units (big-endian), so that
/// <see cref="ListJourneysAsync"/> pages in exactly .NET's ordinal order;</item>
/// <item><c>signals (tenant, journey, version, signal_id, occurred_at_ticks, recorded_at, payload)</c>, primary key
/// (tenant, journey, version), unique (tenant, journey, signal_id): the signals, <c>payload</c> being the
/// <see cref="JourneyRecords"/> JSON as <c>text</c> (kept byte for byte, so a damaged record is reported, not
/// silently rewritten);</item>
/// <item><c>snapshots (tenant, journey, version, last_signal_ticks, payload)</c>, primary key (tenant, journey,
/// version); a row whose payload disagrees with its <c>version</c> or <c>last_signal_ticks</c> is reported as a
/// <see cref="JourneyRecordException"/>, never handed out;</item>
/// <item>the change feed (schema version 2): <c>events (tenant, position, journey, recorded_at, payload)</c>, primary key
/// (tenant, position), the <see cref="JourneyRecords.SerializeEvent"/> JSON as <c>text</c>; <c>feed_heads (tenant,
/// last_position)</c>, the last position given out per tenant; <c>journey_feeds (tenant, journey, view, due_at_ticks,
/// lease_until_ticks)</c>, primary key (tenant, journey), the feed's view of each journey, when it is next due (UTC
/// ticks, indexed for <see cref="ClaimDueAsync"/>) and until when a scheduler holds it; <c>feed_cursors (tenant,
/// consumer, position)</c>.</item>
/// </list>
/// <para><b>Sharding.</b> Every key and unique constraint starts with (tenant, journey), and every call touches the
/// rows of one (tenant, journey) except <see cref="ListJourneysAsync"/> and <see cref="ReadJourneysAsync"/> (one
/// tenant; the latter joins streams and signals on the distribution key), so the schema distributes as it
/// is: on Citus, distribute the three tables co-located by <c>journey</c>
/// (<c>SELECT create_distributed_table('buying_journey.streams', 'journey');</c> and the same for <c>signals</c> and
/// <c>snapshots</c> with <c>colocate_with =&gt; 'buying_journey.streams'</c>), or by <c>tenant</c> when tenants are
/// many and small; <c>schema_version</c> stays a local table. An append is then a single-shard transaction. The feed
/// tables are keyed by tenant (positions are per tenant), so an append with changes is single-shard only when everything
/// is distributed by <c>tenant</c>; <see cref="ClaimDueAsync"/> looks across all tenants.</para>
/// <para><b>Concurrency.</b> An append is one transaction in one round trip (a prepared batch, atomic as a whole): it
/// locks the stream's row (<c>SELECT ... FOR UPDATE</c>), inserts the signals whose ids the stream does not hold only
/// when the stream is at the expected version, and raises the version; a stream at another version gets nothing
/// written and the call throws <see cref="JourneyVersionConflictException"/>. The unique constraint on (tenant,
/// journey, signal_id) makes a stored duplicate impossible whatever happens around it: a row written around the store
/// that collides rolls the whole append back. An append with changes runs the same statements in an explicit
/// transaction, reads the journey's feed view under the stream's lock, calls the factory, then stores the view and the
/// events and commits (two round trips: COMMIT travels with the events); event positions come from the tenant's <c>feed_heads</c> row, raised in the
/// last statement before COMMIT, so one tenant's positions commit in ascending order and a reader never skips one.</para>
/// <para><b>Write lock.</b> As an <see cref="IJourneyWriteLock"/>, the store lets writers in other processes queue
/// for a journey instead of racing on its version: <see cref="AcquireAsync"/> takes a PostgreSQL advisory lock whose key
/// is a stable 64-bit FNV-1a hash of (schema, tenant, journey), with <c>pg_advisory_xact_lock</c> in a transaction of
/// its own on a connection of its own from the data source, and disposing the handle ends that transaction, which
/// releases the lock, and returns the connection to the pool. A connection therefore never goes back to the pool with
/// the lock held: when the transaction cannot be ended (the connection broke), Npgsql discards the connection, and the
/// server releases the lock as the session ends (a session killed with <c>pg_terminate_backend</c> at once; a
/// vanished client when the server notices, so set TCP keepalives on the server or with Npgsql's <c>Keepalive</c>).
/// Cancelling the wait cancels the statement and leaves nothing held. The wait is bounded by the token and by the data
/// source's <c>Command Timeout</c> (30 s by default; a timeout throws <see cref="NpgsqlException"/>); the server's
/// <c>lock_timeout</c> applies too. Each held lock occupies one pooled connection while the holder's append needs
/// another, so size <c>Maximum Pool Size</c> for twice the journeys written at once. The held transaction is idle
/// and holds no snapshot or transaction id (it blocks no vacuum), but a server <c>idle_in_transaction_session_timeout</c>
/// shorter than a write ends it and silently releases the lock (the append's version check still catches a race). The
/// lock needs a connection that keeps its transaction: a direct connection or PgBouncer in session or transaction
/// pooling mode, not statement pooling. An advisory lock belongs to one server: on Citus it queues only the writers that
/// connect through the same coordinator node. Two journeys whose keys collide only queue for each other.</para>
/// <para><b>Batch limit.</b> One append sends its batch as one protocol message, and PostgreSQL refuses messages of
/// 1 GiB or more by dropping the connection; <see cref="AppendAsync"/> therefore refuses, up front, a batch whose
/// records exceed <see cref="MaxAppendPayloadBytes"/> (256 MiB of UTF-8, about 1,280 signals at the largest a signal
/// can be).</para>
/// <para><b>Values.</b> Ids are checked like signal ids and, as PostgreSQL <c>text</c> holds only valid Unicode, must
/// not contain unpaired surrogates. <see cref="StoredSignal.RecordedAt"/> comes from the <see cref="TimeProvider"/>
/// and is kept to the microsecond. The data source needs array support (the default
/// <see cref="NpgsqlDataSource"/> has it; a slim one needs <c>EnableArrays()</c>).</para>
/// <para>Thread-safe: share one instance. A store created from a connection string owns its data source and
/// disposes it; a store given a data source leaves it to its owner.</para>
/// </remarks>
public sealed partial class PostgreSqlJourneyStore : IJourneyStore, IJourneyWriteLock, IJourneyStoreMigration, IDisposable, IAsyncDisposable
{
    /// <summary>The schema used when none is given.</summary>
    public const string DefaultSchema = "buying_journey";

    /// <summary>The schema version <see cref="MigrateAsync"/> brings the database to.</summary>
    public const int SchemaVersion = 2;

    /// <summary>
    /// The most UTF-8 bytes of signal records (the <c>payload</c> column) one <see cref="AppendAsync"/> call takes:
    /// 256 MiB. A larger batch is refused with an <see cref="ArgumentException"/> before anything is sent.
    /// </summary>
    /// <remarks>
    /// An append sends the batch's payloads as one <c>text[]</c> parameter of one protocol message, and PostgreSQL
    /// refuses a message (and an array value) of 1 GiB or more by closing the connection, which Npgsql reports as
    /// "Exception while reading from stream" or "... writing to stream". The limit leaves a wide margin below that for
    /// the ids, times and array headers in the same message and for the server's copies. A signal's record is at most
    /// about 210 KB (every attribute at its longest, every character escaped), so batches of up to about 1,280 signals
    /// always fit; <see cref="JourneyService"/> appends at most 500 at a time.
    /// </remarks>
    public const long MaxAppendPayloadBytes = 256L * 1024 * 1024;

    private const int MaxSchemaLength = 63;

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly TimeProvider _timeProvider;
    private readonly Sql _sql;
    private readonly bool _prepare;
    private int _disposed;

    /// <summary>Creates a store on a data source that the caller owns (and disposes).</summary>
    /// <param name="dataSource">The data source; it must support arrays (the default one does).</param>
    /// <param name="schema">The schema holding the tables: a plain lower-case identifier (letters, digits, underscores, not starting with a digit or <c>pg_</c>, at most 63 characters).</param>
    /// <param name="timeProvider">Stamps <see cref="StoredSignal.RecordedAt"/>; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> or <paramref name="schema"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="schema"/> is not a plain identifier.</exception>
    public PostgreSqlJourneyStore(NpgsqlDataSource dataSource, string schema = DefaultSchema, TimeProvider? timeProvider = null)
        : this(dataSource ?? throw new ArgumentNullException(nameof(dataSource)), ownsDataSource: false, schema, timeProvider)
    {
    }

    /// <summary>Creates a store with a data source of its own, made from a connection string and disposed with the store.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="schema">The schema holding the tables: a plain lower-case identifier (letters, digits, underscores, not starting with a digit or <c>pg_</c>, at most 63 characters).</param>
    /// <param name="timeProvider">Stamps <see cref="StoredSignal.RecordedAt"/>; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectionString"/> or <paramref name="schema"/> is null.</exception>
    /// <exception cref="ArgumentException">The connection string is blank or malformed, or <paramref name="schema"/> is not a plain identifier.</exception>
    public PostgreSqlJourneyStore(string connectionString, string schema = DefaultSchema, TimeProvider? timeProvider = null)
        : this(CreateDataSource(connectionString, schema), ownsDataSource: true, schema, timeProvider)
    {
    }

    private PostgreSqlJourneyStore(NpgsqlDataSource dataSource, bool ownsDataSource, string schema, TimeProvider? timeProvider)
    {
        Schema = ValidateSchema(schema);
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _sql = new Sql(Schema);

        // Explicit preparation is not available with multiplexing; there the statements run unprepared.
        _prepare = !new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Multiplexing;
    }

    /// <summary>The schema holding the tables.</summary>
    public string Schema { get; }

    /// <summary>Disposes the data source if the store created it; safe to call more than once.</summary>
    public void Dispose()
    {
        if (_ownsDataSource && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _dataSource.Dispose();
        }
    }

    /// <summary>Disposes the data source if the store created it; safe to call more than once.</summary>
    public ValueTask DisposeAsync()
        => _ownsDataSource && Interlocked.Exchange(ref _disposed, 1) == 0 ? _dataSource.DisposeAsync() : ValueTask.CompletedTask;

    /// <summary>Checks a schema name: a plain lower-case identifier that needs no quoting.</summary>
    internal static string ValidateSchema(string? schema, string name = "schema")
    {
        if (schema is null)
        {
            throw new ArgumentNullException(name, $"{name} is required.");
        }

        var valid = schema.Length is > 0 and <= MaxSchemaLength
            && !schema.StartsWith("pg_", StringComparison.Ordinal)
            && schema[0] is (>= 'a' and <= 'z') or '_';
        foreach (var c in schema)
        {
            valid &= c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_';
        }

        return valid
            ? schema
            : throw new ArgumentException(
                $"{name} \"{schema}\" is not a plain identifier: use 1 to {MaxSchemaLength} lower-case letters, digits and underscores, not starting with a digit or \"pg_\".",
                name);
    }

    private static NpgsqlDataSource CreateDataSource(string connectionString, string schema)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("connectionString must not be empty or whitespace.", nameof(connectionString));
        }

        ValidateSchema(schema);
        return NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>The checks of <see cref="StoreArguments"/> (which also keep out unpaired surrogates, which PostgreSQL text cannot hold).</summary>
    private static void ValidateTenant(string? tenant) => StoreArguments.Tenant(tenant);

    /// <summary>The checks of <see cref="StoreArguments"/> (which also keep out unpaired surrogates, which PostgreSQL text cannot hold).</summary>
    private static void ValidateJourney(string? journeyId) => StoreArguments.JourneyId(journeyId);

    /// <summary>Adds tenant and journey as the positional parameters $1 and $2.</summary>
    private static void AddPositionalKey(NpgsqlParameterCollection parameters, string tenant, string journeyId)
    {
        parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = tenant });
        parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = journeyId });
    }

    private static void AddKey(NpgsqlParameterCollection parameters, string tenant, string journeyId)
    {
        parameters.Add(new NpgsqlParameter<string>("tenant", NpgsqlDbType.Text) { TypedValue = tenant });
        parameters.Add(new NpgsqlParameter<string>("journey", NpgsqlDbType.Text) { TypedValue = journeyId });
    }

    /// <summary>The 64-bit FNV-1a hash of the text's UTF-8 bytes.</summary>
    private static long Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 1099511628211UL);
        }

        return unchecked((long)hash);
    }

    private static bool IsMissingSchema(PostgresException exception)
        => exception.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName;

    private InvalidOperationException NotMigrated(PostgresException exception)
        => new($"The BuyingJourney tables in schema \"{Schema}\" do not exist; run MigrateAsync first. ({exception.MessageText})", exception);
}
