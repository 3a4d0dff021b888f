using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Feed;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Microsoft.Data.Sqlite;

namespace BuyingJourney.Sqlite;

// The SQLite store, part: the change feed (events per tenant, consumers' cursors) and the due-time index with its leases.
public sealed partial class SqliteJourneyStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredJourneyEvent>> ReadEventsAsync(string tenant, long afterPosition = 0, int limit = 1000, string? journeyId = null, CancellationToken cancellationToken = default)
    {
        CheckTenant(tenant);
        StoreArguments.Position(afterPosition, nameof(afterPosition));
        StoreArguments.Limit(limit);
        if (journeyId is not null)
        {
            CheckJourneyId(journeyId);
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = journeyId is null
            ? "SELECT position, journey, recorded_at_ticks, payload FROM events WHERE tenant = $tenant AND position > $after ORDER BY position LIMIT $limit;"
            : "SELECT position, journey, recorded_at_ticks, payload FROM events WHERE tenant = $tenant AND journey = $journey AND position > $after ORDER BY position LIMIT $limit;";
        command.Parameters.AddWithValue("$tenant", tenant);
        command.Parameters.AddWithValue("$after", afterPosition);
        command.Parameters.AddWithValue("$limit", limit);
        if (journeyId is not null)
        {
            command.Parameters.AddWithValue("$journey", journeyId);
        }

        var result = new List<StoredJourneyEvent>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var position = reader.GetInt64(0);
            var journey = reader.GetString(1);
            var recordedAt = Ticks(reader.GetInt64(2), journey, "event position " + position.ToString(CultureInfo.InvariantCulture));
            result.Add(JourneyRecords.DeserializeEventRow(reader.GetString(3), journey, position, recordedAt));
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<long> GetFeedCursorAsync(string tenant, string consumer, CancellationToken cancellationToken = default)
    {
        CheckTenant(tenant);
        StoreArguments.Consumer(consumer);
        cancellationToken.ThrowIfCancellationRequested();

        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT position FROM feed_cursors WHERE tenant = $tenant AND consumer = $consumer;";
        command.Parameters.AddWithValue("$tenant", tenant);
        command.Parameters.AddWithValue("$consumer", consumer);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? 0L : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task SaveFeedCursorAsync(string tenant, string consumer, long position, CancellationToken cancellationToken = default)
    {
        CheckTenant(tenant);
        StoreArguments.Consumer(consumer);
        StoreArguments.Position(position, nameof(position));
        cancellationToken.ThrowIfCancellationRequested();
        if (position == 0)
        {
            return; // every cursor is at 0 or beyond
        }

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            using var transaction = connection.BeginTransaction(deferred: false);
            var last = await LastPositionAsync(connection, transaction, tenant, cancellationToken).ConfigureAwait(false);
            if (position > last)
            {
                throw StoreArguments.BeyondFeed(position, last);
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO feed_cursors (tenant, consumer, position) VALUES ($tenant, $consumer, $position)
                ON CONFLICT (tenant, consumer) DO UPDATE SET position = excluded.position WHERE excluded.position > feed_cursors.position;
                """;
            command.Parameters.AddWithValue("$tenant", tenant);
            command.Parameters.AddWithValue("$consumer", consumer);
            command.Parameters.AddWithValue("$position", position);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

            cancellationToken.ThrowIfCancellationRequested();
            EnsureFileNotMoved(connection);
            transaction.Commit();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DueJourney>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit = 100, CancellationToken cancellationToken = default)
    {
        StoreArguments.Lease(lease);
        StoreArguments.Limit(limit);
        cancellationToken.ThrowIfCancellationRequested();
        var ticks = now.UtcTicks;

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

            // One IMMEDIATE transaction holds the file's write lock from the select to the commit, so no other store,
            // in this process or another, can claim a row between the two.
            using var transaction = connection.BeginTransaction(deferred: false);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE feeds SET lease_until_ticks = $until
                WHERE (tenant, journey) IN (
                    SELECT tenant, journey FROM feeds
                    WHERE due_at_ticks <= $now AND (lease_until_ticks IS NULL OR lease_until_ticks <= $now)
                    ORDER BY due_at_ticks, tenant, journey LIMIT $limit)
                RETURNING tenant, journey, due_at_ticks;
                """;
            command.Parameters.AddWithValue("$now", ticks);
            command.Parameters.AddWithValue("$until", ticks + lease.Ticks);
            command.Parameters.AddWithValue("$limit", limit);

            var claimed = new List<DueJourney>();
            using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var journey = reader.GetString(1);
                    claimed.Add(new DueJourney(reader.GetString(0), journey, Ticks(reader.GetInt64(2), journey, "feed due time")));
                }
            }

            // RETURNING gives rows in no promised order.
            claimed.Sort(static (a, b) => a.DueAt != b.DueAt ? a.DueAt.CompareTo(b.DueAt)
                : string.CompareOrdinal(a.Tenant, b.Tenant) is var byTenant and not 0 ? byTenant
                : string.CompareOrdinal(a.JourneyId, b.JourneyId));

            // Cancelled now, the claim is rolled back rather than leasing journeys nobody will handle.
            cancellationToken.ThrowIfCancellationRequested();
            EnsureFileNotMoved(connection);
            transaction.Commit();
            return claimed;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// An append's changes, inside its transaction: the factory called with the signals stored and the journey's view,
    /// then its events at the tenant's next positions and the journey's feed row (view, due time, no lease). SQLite's one
    /// writer means MAX(position) + 1 is the next position, and positions grow in commit order.
    /// </summary>
    private static async Task PublishAsync(SqliteConnection connection, SqliteTransaction transaction, string tenant, string journeyId, IReadOnlyList<Signal> appended, JourneyChangesFactory factory, long recordedAtTicks, CancellationToken cancellationToken)
    {
        string? view;
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT view FROM feeds WHERE tenant = $tenant AND journey = $journey;";
            read.Parameters.AddWithValue("$tenant", tenant);
            read.Parameters.AddWithValue("$journey", journeyId);
            view = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }

        var changes = (factory(appended, view) ?? throw new InvalidOperationException("the changes factory returned null.")).CheckedFor(journeyId);
        if (!changes.Events.IsEmpty)
        {
            var payloads = new string[changes.Events.Length];
            for (var i = 0; i < payloads.Length; i++)
            {
                payloads[i] = JourneyRecords.SerializeEvent(changes.Events[i]);
            }

            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO events (tenant, position, journey, recorded_at_ticks, payload)
                SELECT $tenant, COALESCE(MAX(position), 0) + 1, $journey, $recordedAt, $payload FROM events WHERE tenant = $tenant;
                """;
            insert.Parameters.AddWithValue("$tenant", tenant);
            insert.Parameters.AddWithValue("$journey", journeyId);
            insert.Parameters.AddWithValue("$recordedAt", recordedAtTicks);
            var payloadParameter = insert.Parameters.Add("$payload", SqliteType.Text);
            foreach (var payload in payloads)
            {
                payloadParameter.Value = payload;
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO feeds (tenant, journey, view, due_at_ticks, lease_until_ticks) VALUES ($tenant, $journey, $view, $dueAt, NULL)
            ON CONFLICT (tenant, journey) DO UPDATE SET view = excluded.view, due_at_ticks = excluded.due_at_ticks, lease_until_ticks = NULL;
            """;
        upsert.Parameters.AddWithValue("$tenant", tenant);
        upsert.Parameters.AddWithValue("$journey", journeyId);
        upsert.Parameters.AddWithValue("$view", changes.View);
        upsert.Parameters.AddWithValue("$dueAt", changes.DueAt is { } due ? due.UtcTicks : DBNull.Value);
        await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<long> LastPositionAsync(SqliteConnection connection, SqliteTransaction transaction, string tenant, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(position), 0) FROM events WHERE tenant = $tenant;";
        command.Parameters.AddWithValue("$tenant", tenant);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>A stored UTC tick count as a time; one out of range is a damaged row.</summary>
    private static DateTimeOffset Ticks(long ticks, string journeyId, string record)
        => ticks is >= 0 and <= 3_155_378_975_999_999_999
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : throw new JourneyRecordException(journeyId, record, $"the stored time ({ticks.ToString(CultureInfo.InvariantCulture)} ticks) is out of range.");
}
