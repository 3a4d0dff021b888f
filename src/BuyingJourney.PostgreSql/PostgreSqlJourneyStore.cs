using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
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
/// <see cref="JourneyRecordException"/>, never handed out.</item>
/// </list>
/// <para><b>Sharding.</b> Every key and unique constraint starts with (tenant, journey), and every call touches the
/// rows of one (tenant, journey) except <see cref="ListJourneysAsync"/> and <see cref="ReadJourneysAsync"/> (one
/// tenant; the latter joins streams and signals on the distribution key), so the schema distributes as it
/// is: on Citus, distribute the three tables co-located by <c>journey</c>
/// (<c>SELECT create_distributed_table('buying_journey.streams', 'journey');</c> and the same for <c>signals</c> and
/// <c>snapshots</c> with <c>colocate_with =&gt; 'buying_journey.streams'</c>), or by <c>tenant</c> when tenants are
/// many and small; <c>schema_version</c> stays a local table. An append is then a single-shard transaction.</para>
/// <para><b>Concurrency.</b> An append is one transaction in one round trip (a prepared batch, atomic as a whole): it
/// locks the stream's row (<c>SELECT ... FOR UPDATE</c>), inserts the signals whose ids the stream does not hold only
/// when the stream is at the expected version, and raises the version; a stream at another version gets nothing
/// written and the call throws <see cref="JourneyVersionConflictException"/>. The unique constraint on (tenant,
/// journey, signal_id) makes a stored duplicate impossible whatever happens around it: a row written around the store
/// that collides rolls the whole append back.</para>
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
public sealed class PostgreSqlJourneyStore : IJourneyStore, IJourneyWriteLock, IDisposable, IAsyncDisposable
{
    /// <summary>The schema used when none is given.</summary>
    public const string DefaultSchema = "buying_journey";

    /// <summary>The schema version <see cref="MigrateAsync"/> brings the database to.</summary>
    public const int SchemaVersion = 1;

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

    /// <summary>
    /// Creates or upgrades the store's schema and tables to <see cref="SchemaVersion"/>. Idempotent, and safe to run
    /// concurrently from several processes: everything happens in one transaction under an advisory lock on the schema
    /// name, and applied versions are recorded in <c>schema_version</c>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call; a cancelled migration changes nothing.</param>
    /// <exception cref="InvalidOperationException">The database holds a newer schema version than this library knows.</exception>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
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

                if (current < 1)
                {
                    await ExecuteAsync(connection, transaction, _sql.MigrationV1, cancellationToken).ConfigureAwait(false);
                    await using var record = new NpgsqlCommand(_sql.RecordSchemaVersion, connection, transaction);
                    record.Parameters.Add(new NpgsqlParameter<int>("version", NpgsqlDbType.Integer) { TypedValue = 1 });
                    record.Parameters.Add(new NpgsqlParameter<string>("description", NpgsqlDbType.Text) { TypedValue = "streams, signals, snapshots" });
                    await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                cancellationToken.ThrowIfCancellationRequested();
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>A batch whose distinct signals' records take more than <see cref="MaxAppendPayloadBytes"/> bytes of UTF-8
    /// is refused with an <see cref="ArgumentException"/> (parameter "signals") naming its signal count and size,
    /// before anything is sent.</remarks>
    public async Task<AppendResult> AppendAsync(string tenant, string journeyId, long expectedVersion, IReadOnlyList<Signal> signals, CancellationToken cancellationToken = default)
    {
        ValidateTenant(tenant);
        ValidateJourney(journeyId);
        StoreArguments.Signals(signals, journeyId);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        cancellationToken.ThrowIfCancellationRequested();
        if (signals.Count == 0)
        {
            var version = await GetVersionAsync(tenant, journeyId, cancellationToken).ConfigureAwait(false);
            return version == expectedVersion
                ? new AppendResult(version, ImmutableArray<AppendOutcome>.Empty)
                : throw new JourneyVersionConflictException(journeyId, expectedVersion, version);
        }

        // The first copy of an id in the batch wins; later copies are duplicates whatever the store holds.
        var firstCopies = new Dictionary<string, int>(signals.Count, StringComparer.Ordinal);
        var ids = new List<string>(signals.Count);
        var ticks = new List<long>(signals.Count);
        var payloads = new List<string>(signals.Count);
        long payloadBytes = 0;
        for (var i = 0; i < signals.Count; i++)
        {
            var signal = signals[i];
            if (firstCopies.TryAdd(signal.Id, i))
            {
                var payload = JourneyRecords.SerializeSignal(signal);
                ids.Add(signal.Id);
                ticks.Add(signal.OccurredAt.UtcTicks);
                payloads.Add(payload);
                payloadBytes += Encoding.UTF8.GetByteCount(payload);
            }
        }

        if (payloadBytes > MaxAppendPayloadBytes)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"the batch for journey \"{journeyId}\" holds {signals.Count:N0} signals with {payloadBytes:N0} bytes of records, over the {MaxAppendPayloadBytes:N0} bytes one append takes (PostgreSQL refuses a message of 1 GiB); append it in smaller batches."),
                nameof(signals));
        }

        var recordedAt = _timeProvider.GetUtcNow().ToUniversalTime();
        try
        {
            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                // One round trip, one implicit transaction (the batch has no explicit one, so an error anywhere rolls
                // all of it back): create the stream row when a new stream is expected, lock it and read its version,
                // insert the ids it does not hold yet (only when the version is the expected one) with dense versions,
                // and raise the version to the last one inserted. Each statement sees what the ones before it did
                // and, as it takes a new snapshot, every signal committed before the lock was granted.
                long current = 0;
                var found = false;
                int insertedCount;
                HashSet<string>? inserted = null;
                var batch = new NpgsqlBatch(connection);
                await using (batch.ConfigureAwait(false))
                {
                    var newStream = expectedVersion == 0;
                    if (newStream)
                    {
                        // $1 tenant, $2 journey, $3 journey order.
                        var ensure = new NpgsqlBatchCommand(_sql.EnsureStream);
                        AddPositionalKey(ensure.Parameters, tenant, journeyId);
                        ensure.Parameters.Add(new NpgsqlParameter<byte[]> { NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = OrderKey(journeyId) });
                        batch.BatchCommands.Add(ensure);
                    }

                    // $1 tenant, $2 journey.
                    var lockStream = new NpgsqlBatchCommand(_sql.LockStream);
                    AddPositionalKey(lockStream.Parameters, tenant, journeyId);
                    batch.BatchCommands.Add(lockStream);

                    // $1 tenant, $2 journey, $3 ids, $4 ticks, $5 payloads, $6 recorded at, ($7 expected version).
                    var insert = new NpgsqlBatchCommand(newStream ? _sql.InsertIntoNewStream : _sql.InsertSignals);
                    AddPositionalKey(insert.Parameters, tenant, journeyId);
                    insert.Parameters.Add(new NpgsqlParameter<List<string>> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = ids });
                    insert.Parameters.Add(new NpgsqlParameter<List<long>> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, TypedValue = ticks });
                    insert.Parameters.Add(new NpgsqlParameter<List<string>> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = payloads });
                    insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = recordedAt });
                    if (!newStream)
                    {
                        insert.Parameters.Add(new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = expectedVersion });
                    }

                    batch.BatchCommands.Add(insert);

                    // $1 tenant, $2 journey, $3 the new version (new stream) or the expected version.
                    var update = new NpgsqlBatchCommand(newStream ? _sql.SetNewStreamVersion : _sql.UpdateVersion);
                    AddPositionalKey(update.Parameters, tenant, journeyId);
                    update.Parameters.Add(new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = newStream ? ids.Count : expectedVersion });
                    batch.BatchCommands.Add(update);

                    if (_prepare)
                    {
                        await batch.PrepareAsync(cancellationToken).ConfigureAwait(false);
                    }

                    var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            found = true;
                            current = reader.GetInt64(0);
                        }

                        if (!newStream)
                        {
                            inserted = new HashSet<string>(StringComparer.Ordinal);
                            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                            {
                                inserted.Add(reader.GetString(0));
                            }
                        }
                    }

                    insertedCount = inserted?.Count ?? insert.RecordsAffected;
                }

                if (!found && expectedVersion == 0)
                {
                    throw new InvalidOperationException($"journey \"{journeyId}\": the stream row could not be locked.");
                }

                if (current != expectedVersion)
                {
                    // The version check in the insert and the update kept the batch from writing anything.
                    throw new JourneyVersionConflictException(journeyId, expectedVersion, current);
                }

                // A new stream took every first copy; otherwise the first copies the insert returned are new.
                var outcomes = ImmutableArray.CreateBuilder<AppendOutcome>(signals.Count);
                for (var i = 0; i < signals.Count; i++)
                {
                    var id = signals[i].Id;
                    outcomes.Add(firstCopies[id] == i && (inserted is null || inserted.Contains(id)) ? AppendOutcome.Appended : AppendOutcome.Duplicate);
                }

                return new AppendResult(expectedVersion + insertedCount, outcomes.MoveToImmutable());
            }
        }
        catch (PostgresException ex) when (IsMissingSchema(ex))
        {
            throw NotMigrated(ex);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Unreachable while every writer takes the stream lock; the unique constraints are the backstop.
            throw new JourneyVersionConflictException(
                $"journey \"{journeyId}\": another writer stored some of these signal ids or versions outside the stream lock; nothing was stored. Read again and retry.",
                ex);
        }
    }

    /// <inheritdoc />
    /// <remarks>A transaction-scoped advisory lock on a connection held until the handle is disposed; see the class
    /// remarks. Disposing the handle more than once is safe.</remarks>
    public async ValueTask<IAsyncDisposable> AcquireAsync(string tenant, string journeyId, CancellationToken cancellationToken = default)
    {
        ValidateTenant(tenant);
        ValidateJourney(journeyId);
        cancellationToken.ThrowIfCancellationRequested();
        var key = JourneyLockKey(Schema, tenant, journeyId);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
            {
                command.Parameters.Add(new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = key });
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return new JourneyWriteLock(connection, transaction);
        }
        catch
        {
            // Cancelled or failed while waiting: ending the transaction (or dropping a broken connection) leaves nothing held.
            await new JourneyWriteLock(connection, transaction).DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredSignal>> ReadAsync(string tenant, string journeyId, long afterVersion = 0, DateTimeOffset? occurredAtOrBefore = null, CancellationToken cancellationToken = default)
    {
        ValidateTenant(tenant);
        ValidateJourney(journeyId);
        ArgumentOutOfRangeException.ThrowIfNegative(afterVersion);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var command = _dataSource.CreateCommand(_sql.ReadSignals);
            await using (command.ConfigureAwait(false))
            {
                AddKey(command.Parameters, tenant, journeyId);
                command.Parameters.Add(new NpgsqlParameter<long>("after", NpgsqlDbType.Bigint) { TypedValue = afterVersion });
                command.Parameters.Add(new NpgsqlParameter<long>("until", NpgsqlDbType.Bigint) { TypedValue = occurredAtOrBefore?.UtcTicks ?? long.MaxValue });
                var result = new List<StoredSignal>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        result.Add(ReadSignal(reader, 0, journeyId));
                    }
                }

                return result;
            }
        }
        catch (PostgresException ex) when (IsMissingSchema(ex))
        {
            throw NotMigrated(ex);
        }
    }

    /// <summary>
    /// Reads every signal of a page of a tenant's journeys in one query: the journeys <see cref="ListJourneysAsync"/>
    /// would list with the same <paramref name="after"/> and <paramref name="limit"/>, each with its signals in version
    /// order, all as of one moment (one statement, one snapshot). For rebuilding many journeys; page on with the last
    /// journey id of a full page.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="after">Start after this journey id (ordinal order; it need not be stored), or at the first journey when null.</param>
    /// <param name="limit">At most this many journeys, 1 to 10,000; a page holds every signal of its journeys in memory.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The journeys in ordinal order of their ids, each with at least one signal; fewer than <paramref name="limit"/> on the last page.</returns>
    /// <exception cref="ArgumentException">A bad tenant (the parameter name is "tenant").</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is outside 1 to 10,000.</exception>
    /// <exception cref="JourneyRecordException">A stored signal cannot be read; names the journey and the version.</exception>
    /// <exception cref="InvalidOperationException">The database has not been migrated.</exception>
    /// <remarks>On Citus this is a tenant-wide query across shards, like <see cref="ListJourneysAsync"/>.</remarks>
    public async Task<IReadOnlyList<StoredJourney>> ReadJourneysAsync(string tenant, string? after = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        ValidateTenant(tenant);
        StoreArguments.Limit(limit);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var command = _dataSource.CreateCommand(ReadJourneysSql(after is not null));
            await using (command.ConfigureAwait(false))
            {
                // $1 tenant, $2 limit, ($3 journey order to start after).
                command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = tenant });
                command.Parameters.Add(new NpgsqlParameter<int> { NpgsqlDbType = NpgsqlDbType.Integer, TypedValue = limit });
                if (after is not null)
                {
                    command.Parameters.Add(new NpgsqlParameter<byte[]> { NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = OrderKey(after) });
                }

                var result = new List<StoredJourney>(Math.Min(limit, 1000));
                var signals = new List<StoredSignal>();
                string? current = null;
                var ordered = true;
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var journeyId = reader.GetString(0);
                        if (current is null || !string.Equals(journeyId, current, StringComparison.Ordinal))
                        {
                            if (current is not null)
                            {
                                result.Add(Journey(current, signals, ordered));
                                signals.Clear();
                                ordered = true;
                            }

                            current = journeyId;
                        }

                        var signal = ReadSignal(reader, 1, current);
                        ordered &= signals.Count == 0 || signals[^1].Version < signal.Version;
                        signals.Add(signal);
                    }
                }

                if (current is not null)
                {
                    result.Add(Journey(current, signals, ordered));
                }

                return result;
            }
        }
        catch (PostgresException ex) when (IsMissingSchema(ex))
        {
            throw NotMigrated(ex);
        }
    }

    /// <inheritdoc />
    public async Task<long> GetVersionAsync(string tenant, string journeyId, CancellationToken cancellationToken = default)
    {
        ValidateTenant(tenant);
        ValidateJourney(journeyId);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var command = _dataSource.CreateCommand(_sql.GetVersion);
            await using (command.ConfigureAwait(false))
            {
                AddKey(command.Parameters, tenant, journeyId);
                var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                return value is long version ? version : 0;
            }
        }
        catch (PostgresException ex) when (IsMissingSchema(ex))
        {
            throw NotMigrated(ex);
        }
    }

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

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListJourneysAsync(string tenant, string? after = null, int limit = 1000, CancellationToken cancellationToken = default)
    {
        ValidateTenant(tenant);
        StoreArguments.Limit(limit);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var command = _dataSource.CreateCommand(after is null ? _sql.ListJourneys : _sql.ListJourneysAfter);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.Add(new NpgsqlParameter<string>("tenant", NpgsqlDbType.Text) { TypedValue = tenant });
                if (after is not null)
                {
                    command.Parameters.Add(new NpgsqlParameter<byte[]>("after", NpgsqlDbType.Bytea) { TypedValue = OrderKey(after) });
                }

                command.Parameters.Add(new NpgsqlParameter<int>("limit", NpgsqlDbType.Integer) { TypedValue = limit });
                var result = new List<string>(Math.Min(limit, 1000));
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        result.Add(reader.GetString(0));
                    }
                }

                return result;
            }
        }
        catch (PostgresException ex) when (IsMissingSchema(ex))
        {
            throw NotMigrated(ex);
        }
    }

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

    /// <summary>The statement <see cref="ReadJourneysAsync"/> runs (with <paramref name="after"/>: the one that starts after a journey), for tests of its plan.</summary>
    internal string ReadJourneysSql(bool after) => after ? _sql.ReadJourneysAfter : _sql.ReadJourneys;

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

    /// <summary>A journey of a page, its signals put in version order when the rows came in another.</summary>
    private static StoredJourney Journey(string journeyId, List<StoredSignal> signals, bool ordered)
    {
        var array = signals.ToArray();
        if (!ordered)
        {
            Array.Sort(array, static (left, right) => left.Version.CompareTo(right.Version));
        }

        return new StoredJourney(journeyId, array);
    }

    /// <summary>Reads a signal row: version, signal id, recorded at and payload from column <paramref name="first"/> on.</summary>
    private static StoredSignal ReadSignal(NpgsqlDataReader reader, int first, string journeyId)
    {
        var version = reader.GetInt64(first);
        var recordedAt = reader.GetFieldValue<DateTimeOffset>(first + 2);
        var signal = JourneyRecords.DeserializeSignalRow(reader.GetString(first + 3), journeyId, version, reader.GetString(first + 1));
        return new StoredSignal(signal, version, recordedAt);
    }

    /// <summary>The id as UTF-16 code units, big-endian: byte order equals <see cref="StringComparer.Ordinal"/> order.</summary>
    private static byte[] OrderKey(string value) => Encoding.BigEndianUnicode.GetBytes(value);

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

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The advisory lock key of one journey: a stable 64-bit FNV-1a hash of schema, tenant and journey (separated by
    /// NUL, which no id holds), so every process and every version of this library computes the same key.
    /// </summary>
    internal static long JourneyLockKey(string schema, string tenant, string journeyId)
        => Fnv1a("BuyingJourney.PostgreSql.journey:" + schema + "\0" + tenant + "\0" + journeyId);

    /// <summary>A stable 64-bit key (FNV-1a) for the migration lock of one schema.</summary>
    private static long MigrationLockKey(string schema) => Fnv1a("BuyingJourney.PostgreSql.migrate:" + schema);

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

    /// <summary>
    /// A held journey lock: the open transaction that took <c>pg_advisory_xact_lock</c> and its connection. Disposing
    /// ends the transaction (which releases the lock) and returns the connection to the pool; when the transaction
    /// cannot be ended, Npgsql marks the connection broken and discards it instead. Idempotent and thread-safe.
    /// </summary>
    private sealed class JourneyWriteLock(NpgsqlConnection connection, NpgsqlTransaction? transaction) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            try
            {
                // Rolls back; on a broken connection it reports nothing and leaves the connector broken (not pooled).
                if (transaction is not null)
                {
                    await transaction.DisposeAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The statements, with the schema name (validated, so safe to embed) filled in once.</summary>
    private sealed class Sql
    {
        public Sql(string schema)
        {
            var s = "\"" + schema + "\"";
            CreateVersionTable =
                $"""
                CREATE SCHEMA IF NOT EXISTS {s};
                CREATE TABLE IF NOT EXISTS {s}.schema_version (
                    version integer PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    description text NOT NULL
                );
                """;
            CurrentSchemaVersion = $"SELECT COALESCE(MAX(version), 0) FROM {s}.schema_version";
            RecordSchemaVersion = $"INSERT INTO {s}.schema_version (version, description) VALUES (@version, @description)";
            MigrationV1 =
                $"""
                CREATE TABLE IF NOT EXISTS {s}.streams (
                    tenant text NOT NULL,
                    journey text NOT NULL,
                    journey_order bytea NOT NULL,
                    version bigint NOT NULL CHECK (version >= 0),
                    PRIMARY KEY (tenant, journey)
                );
                CREATE INDEX IF NOT EXISTS streams_tenant_order ON {s}.streams (tenant, journey_order);
                CREATE TABLE IF NOT EXISTS {s}.signals (
                    tenant text NOT NULL,
                    journey text NOT NULL,
                    version bigint NOT NULL CHECK (version >= 1),
                    signal_id text NOT NULL,
                    occurred_at_ticks bigint NOT NULL,
                    recorded_at timestamptz NOT NULL,
                    payload text NOT NULL,
                    PRIMARY KEY (tenant, journey, version),
                    CONSTRAINT signals_signal_id UNIQUE (tenant, journey, signal_id)
                );
                CREATE TABLE IF NOT EXISTS {s}.snapshots (
                    tenant text NOT NULL,
                    journey text NOT NULL,
                    version bigint NOT NULL CHECK (version >= 1),
                    last_signal_ticks bigint NOT NULL,
                    payload text NOT NULL,
                    PRIMARY KEY (tenant, journey, version)
                );
                """;
            // The statements of an append use positional parameters (no SQL rewriting) and are prepared.
            EnsureStream =
                $"INSERT INTO {s}.streams (tenant, journey, journey_order, version) VALUES ($1, $2, $3, 0) ON CONFLICT (tenant, journey) DO NOTHING";
            LockStream = $"SELECT version FROM {s}.streams WHERE tenant = $1 AND journey = $2 FOR UPDATE";

            // A stream at version 0 holds no signals, so every id is new (a row stored around the store would break the
            // unique constraint and roll the append back); versions are the ordinals.
            InsertIntoNewStream =
                $"""
                INSERT INTO {s}.signals (tenant, journey, version, signal_id, occurred_at_ticks, recorded_at, payload)
                SELECT $1, $2, u.ord, u.signal_id, u.ticks, $6, u.payload
                FROM unnest($3::text[], $4::bigint[], $5::text[]) WITH ORDINALITY AS u (signal_id, ticks, payload, ord)
                WHERE (SELECT version FROM {s}.streams WHERE tenant = $1 AND journey = $2) = 0
                """;
            SetNewStreamVersion = $"UPDATE {s}.streams SET version = $3 WHERE tenant = $1 AND journey = $2 AND version = 0";
            InsertSignals =
                $"""
                INSERT INTO {s}.signals (tenant, journey, version, signal_id, occurred_at_ticks, recorded_at, payload)
                SELECT $1, $2, $7 + row_number() OVER (ORDER BY u.ord), u.signal_id, u.ticks, $6, u.payload
                FROM unnest($3::text[], $4::bigint[], $5::text[]) WITH ORDINALITY AS u (signal_id, ticks, payload, ord)
                WHERE (SELECT version FROM {s}.streams WHERE tenant = $1 AND journey = $2) = $7
                  AND NOT EXISTS (SELECT 1 FROM {s}.signals AS stored WHERE stored.tenant = $1 AND stored.journey = $2 AND stored.signal_id = u.signal_id)
                RETURNING signal_id
                """;
            UpdateVersion =
                $"""
                UPDATE {s}.streams SET version = last.version
                FROM (SELECT max(version) AS version FROM {s}.signals WHERE tenant = $1 AND journey = $2 AND version > $3) AS last
                WHERE streams.tenant = $1 AND streams.journey = $2 AND streams.version = $3 AND last.version IS NOT NULL
                """;
            ReadSignals =
                $"""
                SELECT version, signal_id, recorded_at, payload FROM {s}.signals
                WHERE tenant = @tenant AND journey = @journey AND version > @after AND occurred_at_ticks <= @until
                ORDER BY version
                """;
            // One statement, so one snapshot: a page of journeys, then each journey's signals looked up through the primary
            // key (tenant, journey, version) in a LATERAL subquery. Its ORDER BY keeps the planner from flattening it into
            // a plain join, which for a tenant written after the table's last ANALYZE (estimated at one row) it ran as one
            // scan of the tenant's whole signal set per journey of the page, about 100 times slower; a per-journey lookup
            // does not depend on the statistics being fresh. Ordered by journey only: the page's order gives it without
            // sorting the signals, which come in version order from the key (the reader checks, and sorts if not).
            ReadJourneys =
                $"""
                SELECT page.journey, s.version, s.signal_id, s.recorded_at, s.payload
                FROM (SELECT journey, journey_order FROM {s}.streams WHERE tenant = $1 AND version > 0 ORDER BY journey_order LIMIT $2) AS page
                CROSS JOIN LATERAL (
                    SELECT version, signal_id, recorded_at, payload FROM {s}.signals
                    WHERE tenant = $1 AND journey = page.journey
                    ORDER BY version) AS s
                ORDER BY page.journey_order
                """;
            ReadJourneysAfter =
                $"""
                SELECT page.journey, s.version, s.signal_id, s.recorded_at, s.payload
                FROM (SELECT journey, journey_order FROM {s}.streams WHERE tenant = $1 AND version > 0 AND journey_order > $3 ORDER BY journey_order LIMIT $2) AS page
                CROSS JOIN LATERAL (
                    SELECT version, signal_id, recorded_at, payload FROM {s}.signals
                    WHERE tenant = $1 AND journey = page.journey
                    ORDER BY version) AS s
                ORDER BY page.journey_order
                """;
            GetVersion = $"SELECT version FROM {s}.streams WHERE tenant = @tenant AND journey = @journey";
            SaveSnapshot =
                $"""
                INSERT INTO {s}.snapshots (tenant, journey, version, last_signal_ticks, payload)
                SELECT @tenant, @journey, @version, @last, @payload
                WHERE EXISTS (SELECT 1 FROM {s}.streams WHERE tenant = @tenant AND journey = @journey AND version >= @version)
                ON CONFLICT (tenant, journey, version) DO UPDATE SET last_signal_ticks = EXCLUDED.last_signal_ticks, payload = EXCLUDED.payload
                """;
            LoadLatestSnapshot =
                $"SELECT version, last_signal_ticks, payload FROM {s}.snapshots WHERE tenant = @tenant AND journey = @journey ORDER BY version DESC LIMIT 1";
            LoadSnapshotBefore =
                $"""
                SELECT version, last_signal_ticks, payload FROM {s}.snapshots
                WHERE tenant = @tenant AND journey = @journey AND last_signal_ticks < @before
                ORDER BY version DESC
                LIMIT 1
                """;
            ListJourneys =
                $"SELECT journey FROM {s}.streams WHERE tenant = @tenant AND version > 0 ORDER BY journey_order LIMIT @limit";
            ListJourneysAfter =
                $"""
                SELECT journey FROM {s}.streams
                WHERE tenant = @tenant AND version > 0 AND journey_order > @after
                ORDER BY journey_order
                LIMIT @limit
                """;
        }

        public string CreateVersionTable { get; }

        public string CurrentSchemaVersion { get; }

        public string RecordSchemaVersion { get; }

        public string MigrationV1 { get; }

        public string EnsureStream { get; }

        public string LockStream { get; }

        public string InsertIntoNewStream { get; }

        public string SetNewStreamVersion { get; }

        public string InsertSignals { get; }

        public string UpdateVersion { get; }

        public string ReadSignals { get; }

        public string ReadJourneys { get; }

        public string ReadJourneysAfter { get; }

        public string GetVersion { get; }

        public string SaveSnapshot { get; }

        public string LoadLatestSnapshot { get; }

        public string LoadSnapshotBefore { get; }

        public string ListJourneys { get; }

        public string ListJourneysAfter { get; }
    }
}
