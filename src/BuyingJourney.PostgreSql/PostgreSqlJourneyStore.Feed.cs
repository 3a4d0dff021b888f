using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Feed;
using BuyingJourney.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace BuyingJourney.PostgreSql;

// The PostgreSQL store, part: the change feed (events per tenant, consumers' cursors) and the due-time index's claims.
public sealed partial class PostgreSqlJourneyStore
{
    /// <inheritdoc />
    /// <exception cref="JourneyRecordException">A stored event cannot be read; names the journey and the position.</exception>
    public async Task<IReadOnlyList<StoredJourneyEvent>> ReadEventsAsync(string tenant, long afterPosition = 0, int limit = 1000, string? journeyId = null, CancellationToken cancellationToken = default)
    {
        ValidateTenant(tenant);
        StoreArguments.Position(afterPosition, nameof(afterPosition));
        StoreArguments.Limit(limit);
        if (journeyId is not null)
        {
            ValidateJourney(journeyId);
        }

        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var command = _dataSource.CreateCommand(journeyId is null ? _sql.ReadEvents : _sql.ReadJourneyEvents);
            await using (command.ConfigureAwait(false))
            {
                // $1 tenant, $2 after, $3 limit, ($4 journey).
                command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = tenant });
                command.Parameters.Add(new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = afterPosition });
                command.Parameters.Add(new NpgsqlParameter<int> { NpgsqlDbType = NpgsqlDbType.Integer, TypedValue = limit });
                if (journeyId is not null)
                {
                    command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = journeyId });
                }

                var result = new List<StoredJourneyEvent>(Math.Min(limit, 1000));
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        // position, journey, recorded at, payload.
                        result.Add(JourneyRecords.DeserializeEventRow(reader.GetString(3), reader.GetString(1), reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(2)));
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

    /// <inheritdoc />
    public async Task<long> GetFeedCursorAsync(string tenant, string consumer, CancellationToken cancellationToken = default)
    {
        ValidateTenant(tenant);
        StoreArguments.Consumer(consumer);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var command = _dataSource.CreateCommand(_sql.GetCursor);
            await using (command.ConfigureAwait(false))
            {
                AddPositionalKey(command.Parameters, tenant, consumer);
                var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                return value is long position ? position : 0;
            }
        }
        catch (PostgresException ex) when (IsMissingSchema(ex))
        {
            throw NotMigrated(ex);
        }
    }

    /// <inheritdoc />
    /// <remarks>One statement: the tenant's last committed position is read and the cursor raised in the same snapshot.</remarks>
    public async Task SaveFeedCursorAsync(string tenant, string consumer, long position, CancellationToken cancellationToken = default)
    {
        ValidateTenant(tenant);
        StoreArguments.Consumer(consumer);
        StoreArguments.Position(position, nameof(position));
        cancellationToken.ThrowIfCancellationRequested();
        long last;
        try
        {
            var command = _dataSource.CreateCommand(_sql.SaveCursor);
            await using (command.ConfigureAwait(false))
            {
                // $1 tenant, $2 consumer, $3 position.
                AddPositionalKey(command.Parameters, tenant, consumer);
                command.Parameters.Add(new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = position });
                last = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }
        }
        catch (PostgresException ex) when (IsMissingSchema(ex))
        {
            throw NotMigrated(ex);
        }

        if (position > last)
        {
            // The statement stored nothing.
            throw StoreArguments.BeyondFeed(position, last);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// One statement across all tenants (<c>UPDATE ... WHERE (tenant, journey) IN (SELECT ... FOR UPDATE SKIP LOCKED)</c>):
    /// concurrent claimers, in this process or others, skip the rows another is claiming, so none gets a row another
    /// holds. Due times are compared to the tick. On Citus this is a query across shards.
    /// </remarks>
    public async Task<IReadOnlyList<DueJourney>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit = 100, CancellationToken cancellationToken = default)
    {
        StoreArguments.Lease(lease);
        StoreArguments.Limit(limit);
        cancellationToken.ThrowIfCancellationRequested();
        var ticks = now.UtcTicks;
        try
        {
            var command = _dataSource.CreateCommand(_sql.ClaimDue);
            await using (command.ConfigureAwait(false))
            {
                // $1 now, $2 lease end, $3 limit.
                command.Parameters.Add(new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = ticks });
                command.Parameters.Add(new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = ticks + lease.Ticks });
                command.Parameters.Add(new NpgsqlParameter<int> { NpgsqlDbType = NpgsqlDbType.Integer, TypedValue = limit });
                var claimed = new List<(long Due, string Tenant, string Journey)>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        claimed.Add((reader.GetInt64(2), reader.GetString(0), reader.GetString(1)));
                    }
                }

                // RETURNING keeps no order: earliest due first, then tenant and journey in ordinal order.
                claimed.Sort(static (left, right) =>
                {
                    var order = left.Due.CompareTo(right.Due);
                    order = order != 0 ? order : string.CompareOrdinal(left.Tenant, right.Tenant);
                    return order != 0 ? order : string.CompareOrdinal(left.Journey, right.Journey);
                });
                var result = new List<DueJourney>(claimed.Count);
                foreach (var (due, tenant, journey) in claimed)
                {
                    result.Add(new DueJourney(tenant, journey, new DateTimeOffset(due, TimeSpan.Zero)));
                }

                return result;
            }
        }
        catch (PostgresException ex) when (IsMissingSchema(ex))
        {
            throw NotMigrated(ex);
        }
    }
}
