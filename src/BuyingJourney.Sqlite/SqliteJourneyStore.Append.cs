using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Feed;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Microsoft.Data.Sqlite;

namespace BuyingJourney.Sqlite;

// The SQLite store, part: appends (one BEGIN IMMEDIATE transaction per batch, queued on the file's write gate).
public sealed partial class SqliteJourneyStore
{
    /// <inheritdoc />
    public async Task<AppendResult> AppendAsync(string tenant, string journeyId, long expectedVersion, IReadOnlyList<Signal> signals, JourneyChangesFactory? changes = null, CancellationToken cancellationToken = default)
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
            return await AppendCoreAsync(tenant, journeyId, expectedVersion, signals, payloads, changes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task<AppendResult> AppendCoreAsync(string tenant, string journeyId, long expectedVersion, IReadOnlyList<Signal> signals, string[] payloads, JourneyChangesFactory? changes, CancellationToken cancellationToken)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = await ReadVersionAsync(connection, transaction, tenant, journeyId, cancellationToken).ConfigureAwait(false);
        if (version != expectedVersion)
        {
            throw new JourneyVersionConflictException(journeyId, expectedVersion, version);
        }

        var outcomes = ImmutableArray.CreateBuilder<AppendOutcome>(signals.Count);
        var recordedAtTicks = _timeProvider.GetUtcNow().UtcTicks;
        if (signals.Count > 0)
        {
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

        if (changes is not null)
        {
            await PublishAsync(connection, transaction, tenant, journeyId, Appended(signals, outcomes), changes, recordedAtTicks, cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        EnsureFileNotMoved(connection);
        transaction.Commit();
        return new AppendResult(version, outcomes.MoveToImmutable());
    }

    /// <summary>The signals of the batch that this append stores (its outcome is <see cref="AppendOutcome.Appended"/>), in the order given.</summary>
    private static List<Signal> Appended(IReadOnlyList<Signal> signals, ImmutableArray<AppendOutcome>.Builder outcomes)
    {
        var appended = new List<Signal>(signals.Count);
        for (var i = 0; i < signals.Count; i++)
        {
            if (outcomes[i] == AppendOutcome.Appended)
            {
                appended.Add(signals[i]);
            }
        }

        return appended;
    }
}
