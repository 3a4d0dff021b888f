using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Feed;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Npgsql;
using NpgsqlTypes;

namespace BuyingJourney.PostgreSql;

// The PostgreSQL store, part: appends: one prepared batch, one round trip, one transaction (two round trips with changes).
public sealed partial class PostgreSqlJourneyStore
{
    /// <inheritdoc />
    /// <remarks>A batch whose distinct signals' records take more than <see cref="MaxAppendPayloadBytes"/> bytes of UTF-8
    /// is refused with an <see cref="ArgumentException"/> (parameter "signals") naming its signal count and size,
    /// before anything is sent. Without <paramref name="changes"/> the append is one round trip; with them, two (the
    /// signals and the stored view, then the events, the view and COMMIT), in one transaction.</remarks>
    public async Task<AppendResult> AppendAsync(string tenant, string journeyId, long expectedVersion, IReadOnlyList<Signal> signals, JourneyChangesFactory? changes = null, CancellationToken cancellationToken = default)
    {
        ValidateTenant(tenant);
        ValidateJourney(journeyId);
        StoreArguments.Signals(signals, journeyId);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        cancellationToken.ThrowIfCancellationRequested();
        if (signals.Count == 0 && changes is null)
        {
            var version = await GetVersionAsync(tenant, journeyId, cancellationToken).ConfigureAwait(false);
            return version == expectedVersion
                ? new AppendResult(version, ImmutableArray<AppendOutcome>.Empty)
                : throw new JourneyVersionConflictException(journeyId, expectedVersion, version);
        }

        var rows = SignalRows.Of(signals, journeyId);
        var recordedAt = _timeProvider.GetUtcNow().ToUniversalTime();
        try
        {
            return changes is null
                ? await AppendAloneAsync(tenant, journeyId, expectedVersion, signals, rows, recordedAt, cancellationToken).ConfigureAwait(false)
                : await AppendWithChangesAsync(tenant, journeyId, expectedVersion, signals, rows, recordedAt, changes, cancellationToken).ConfigureAwait(false);
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

    /// <summary>An append without changes: one round trip, one implicit transaction.</summary>
    private async Task<AppendResult> AppendAloneAsync(
        string tenant, string journeyId, long expectedVersion, IReadOnlyList<Signal> signals, SignalRows rows, DateTimeOffset recordedAt, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One round trip, one implicit transaction (the batch has no explicit one, so an error anywhere rolls
            // all of it back): create the stream row when a new stream is expected, lock it and read its version,
            // insert the ids it does not hold yet (only when the version is the expected one) with dense versions,
            // and raise the version to the last one inserted. Each statement sees what the ones before it did
            // and, as it takes a new snapshot, every signal committed before the lock was granted.
            var batch = new NpgsqlBatch(connection);
            await using (batch.ConfigureAwait(false))
            {
                var insert = AddAppendCommands(batch, tenant, journeyId, expectedVersion, rows, recordedAt);
                var read = await ExecuteAppendAsync(batch, expectedVersion, rows, readView: false, cancellationToken).ConfigureAwait(false);
                return Appended(journeyId, expectedVersion, signals, rows, read, insert);
            }
        }
    }

    /// <summary>
    /// An append with changes, in one explicit transaction of two round trips: (1) BEGIN, the statements of
    /// <see cref="AppendAloneAsync"/> and the journey's stored view; the factory, given the signals stored and that
    /// view; (2) the journey's new view and due time (its claim released), the events, and COMMIT.
    /// </summary>
    private async Task<AppendResult> AppendWithChangesAsync(
        string tenant, string journeyId, long expectedVersion, IReadOnlyList<Signal> signals, SignalRows rows, DateTimeOffset recordedAt,
        JourneyChangesFactory factory, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // Npgsql sends BEGIN with the first batch. Disposing the transaction without a commit rolls it back: a
            // conflict, a factory that throws, a failed statement or a cancellation stores nothing.
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                AppendResult result;
                JourneyChanges changes;
                var batch = new NpgsqlBatch(connection, transaction);
                await using (batch.ConfigureAwait(false))
                {
                    // The stream's row lock (taken by every append, with changes or not) serializes the journey's writers
                    // until COMMIT, so the view read after it is the one the last writer stored, and no two writers diff it.
                    var insert = AddAppendCommands(batch, tenant, journeyId, expectedVersion, rows, recordedAt);
                    var readView = new NpgsqlBatchCommand(_sql.ReadView);
                    AddPositionalKey(readView.Parameters, tenant, journeyId);
                    batch.BatchCommands.Add(readView);
                    var read = await ExecuteAppendAsync(batch, expectedVersion, rows, readView: true, cancellationToken).ConfigureAwait(false);
                    result = Appended(journeyId, expectedVersion, signals, rows, read, insert);
                    var appended = new List<Signal>(signals.Count);
                    for (var i = 0; i < signals.Count; i++)
                    {
                        if (result.Outcomes[i] == AppendOutcome.Appended)
                        {
                            appended.Add(signals[i]);
                        }
                    }

                    changes = (factory(appended, read.View) ?? throw new InvalidOperationException("the changes factory returned null.")).CheckedFor(journeyId);
                }

                var publish = new NpgsqlBatch(connection, transaction);
                await using (publish.ConfigureAwait(false))
                {
                    // $1 tenant, $2 journey, $3 view, $4 due ticks.
                    var saveView = new NpgsqlBatchCommand(_sql.SaveView);
                    AddPositionalKey(saveView.Parameters, tenant, journeyId);
                    saveView.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = changes.View });
                    saveView.Parameters.Add(changes.DueAt is { } due
                        ? new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = due.UtcTicks }
                        : new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = DBNull.Value });
                    publish.BatchCommands.Add(saveView);

                    // Positions are given out by the tenant's head row, in the LAST statement before COMMIT. Raising it
                    // locks the row until this transaction ends, so appends of one tenant that store events take their
                    // positions one after another, each after the one before it committed: positions commit in
                    // ascending order. A reader that sees position N therefore sees every position below N (those
                    // committed first); one that reads while N+1 is uncommitted sees the feed end at N and finds N+1
                    // when it commits, never a gap filled in later. Taking the lock last holds it only for the
                    // events' insert and the COMMIT, not for the signals' insert or the factory.
                    if (!changes.Events.IsEmpty)
                    {
                        var payloads = new List<string>(changes.Events.Length);
                        foreach (var @event in changes.Events)
                        {
                            payloads.Add(JourneyRecords.SerializeEvent(@event));
                        }

                        // $1 tenant, $2 journey, $3 payloads, $4 recorded at, $5 count.
                        var insertEvents = new NpgsqlBatchCommand(_sql.InsertEvents);
                        AddPositionalKey(insertEvents.Parameters, tenant, journeyId);
                        insertEvents.Parameters.Add(new NpgsqlParameter<List<string>> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = payloads });
                        insertEvents.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = recordedAt });
                        insertEvents.Parameters.Add(new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = payloads.Count });
                        publish.BatchCommands.Add(insertEvents);
                    }

                    // COMMIT travels with the statements before it: when one of them fails the server skips it and the
                    // transaction is left aborted, which disposing it rolls back; when it runs, the connection is idle
                    // again and disposing the transaction does nothing.
                    publish.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
                    if (_prepare)
                    {
                        await publish.PrepareAsync(cancellationToken).ConfigureAwait(false);
                    }

                    await publish.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                return result;
            }
        }
    }

    /// <summary>
    /// Adds an append's statements to <paramref name="batch"/>: the stream row created when a new stream is expected,
    /// the stream locked (its version read), and, for a batch with signals, the insert and the version raised.
    /// </summary>
    /// <returns>The insert (its <see cref="NpgsqlBatchCommand.RecordsAffected"/> counts a new stream's signals); null with no signals.</returns>
    private NpgsqlBatchCommand? AddAppendCommands(NpgsqlBatch batch, string tenant, string journeyId, long expectedVersion, SignalRows rows, DateTimeOffset recordedAt)
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
        if (rows.Ids.Count == 0)
        {
            return null;
        }

        // $1 tenant, $2 journey, $3 ids, $4 ticks, $5 payloads, $6 recorded at, ($7 expected version).
        var insert = new NpgsqlBatchCommand(newStream ? _sql.InsertIntoNewStream : _sql.InsertSignals);
        AddPositionalKey(insert.Parameters, tenant, journeyId);
        insert.Parameters.Add(new NpgsqlParameter<List<string>> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = rows.Ids });
        insert.Parameters.Add(new NpgsqlParameter<List<long>> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, TypedValue = rows.Ticks });
        insert.Parameters.Add(new NpgsqlParameter<List<string>> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = rows.Payloads });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = recordedAt });
        if (!newStream)
        {
            insert.Parameters.Add(new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = expectedVersion });
        }

        batch.BatchCommands.Add(insert);

        // $1 tenant, $2 journey, $3 the new version (new stream) or the expected version.
        var update = new NpgsqlBatchCommand(newStream ? _sql.SetNewStreamVersion : _sql.UpdateVersion);
        AddPositionalKey(update.Parameters, tenant, journeyId);
        update.Parameters.Add(new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = newStream ? rows.Ids.Count : expectedVersion });
        batch.BatchCommands.Add(update);
        return insert;
    }

    /// <summary>Runs the statements of <see cref="AddAppendCommands"/> (and, with <paramref name="readView"/>, the view's read after them) and reads what they return.</summary>
    private async Task<AppendRead> ExecuteAppendAsync(NpgsqlBatch batch, long expectedVersion, SignalRows rows, bool readView, CancellationToken cancellationToken)
    {
        if (_prepare)
        {
            await batch.PrepareAsync(cancellationToken).ConfigureAwait(false);
        }

        long current = 0;
        var found = false;
        HashSet<string>? inserted = null;
        string? view = null;
        var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            // Statements that return no rows (the stream's creation, a new stream's insert, the version's update) have
            // no result set to step over.
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found = true;
                current = reader.GetInt64(0);
            }

            if (expectedVersion != 0 && rows.Ids.Count > 0)
            {
                inserted = new HashSet<string>(StringComparer.Ordinal);
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    inserted.Add(reader.GetString(0));
                }
            }

            if (readView)
            {
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    view = reader.GetString(0);
                }
            }
        }

        return new AppendRead(found, current, inserted, view);
    }

    /// <summary>The append's result from what its statements returned; throws when the stream was at another version (they stored nothing then).</summary>
    private static AppendResult Appended(string journeyId, long expectedVersion, IReadOnlyList<Signal> signals, SignalRows rows, AppendRead read, NpgsqlBatchCommand? insert)
    {
        if (!read.Found && expectedVersion == 0)
        {
            throw new InvalidOperationException($"journey \"{journeyId}\": the stream row could not be locked.");
        }

        if (read.Current != expectedVersion)
        {
            // The version check in the insert and the update kept the batch from writing anything.
            throw new JourneyVersionConflictException(journeyId, expectedVersion, read.Current);
        }

        // A new stream took every first copy; otherwise the first copies the insert returned are new.
        var outcomes = ImmutableArray.CreateBuilder<AppendOutcome>(signals.Count);
        for (var i = 0; i < signals.Count; i++)
        {
            var id = signals[i].Id;
            outcomes.Add(rows.FirstCopies[id] == i && (read.Inserted is null || read.Inserted.Contains(id)) ? AppendOutcome.Appended : AppendOutcome.Duplicate);
        }

        var insertedCount = read.Inserted?.Count ?? insert?.RecordsAffected ?? 0;
        return new AppendResult(expectedVersion + insertedCount, outcomes.MoveToImmutable());
    }

    /// <summary>What an append's statements returned: whether the stream row was found, its version, the ids inserted (null for a new stream or no signals), the stored view.</summary>
    private readonly record struct AppendRead(bool Found, long Current, HashSet<string>? Inserted, string? View);

    /// <summary>An append's distinct signals as the insert's arrays (the first copy of an id in the batch wins; later copies are duplicates whatever the store holds).</summary>
    private sealed class SignalRows
    {
        private SignalRows(int capacity)
        {
            FirstCopies = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
            Ids = new List<string>(capacity);
            Ticks = new List<long>(capacity);
            Payloads = new List<string>(capacity);
        }

        public Dictionary<string, int> FirstCopies { get; }

        public List<string> Ids { get; }

        public List<long> Ticks { get; }

        public List<string> Payloads { get; }

        /// <summary>The rows of a batch; refuses one whose records exceed <see cref="MaxAppendPayloadBytes"/>.</summary>
        public static SignalRows Of(IReadOnlyList<Signal> signals, string journeyId)
        {
            var rows = new SignalRows(signals.Count);
            long payloadBytes = 0;
            for (var i = 0; i < signals.Count; i++)
            {
                var signal = signals[i];
                if (rows.FirstCopies.TryAdd(signal.Id, i))
                {
                    var payload = JourneyRecords.SerializeSignal(signal);
                    rows.Ids.Add(signal.Id);
                    rows.Ticks.Add(signal.OccurredAt.UtcTicks);
                    rows.Payloads.Add(payload);
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

            return rows;
        }
    }
}
