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

// The PostgreSQL store, part: appends: one prepared batch, one round trip, one transaction.
public sealed partial class PostgreSqlJourneyStore
{
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
}
