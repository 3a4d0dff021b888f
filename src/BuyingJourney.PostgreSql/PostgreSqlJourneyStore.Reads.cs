using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace BuyingJourney.PostgreSql;

// The PostgreSQL store, part: reads: signals of one journey, pages of journeys, versions and journey lists.
public sealed partial class PostgreSqlJourneyStore
{
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

    /// <summary>The statement <see cref="ReadJourneysAsync"/> runs (with <paramref name="after"/>: the one that starts after a journey), for tests of its plan.</summary>
    internal string ReadJourneysSql(bool after) => after ? _sql.ReadJourneysAfter : _sql.ReadJourneys;

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
}
