using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;

namespace BuyingJourney.PostgreSql;

// The PostgreSQL store, part: the per-journey write lock (IJourneyWriteLock): an advisory lock held in a transaction of its own.
public sealed partial class PostgreSqlJourneyStore
{
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

    /// <summary>
    /// The advisory lock key of one journey: a stable 64-bit FNV-1a hash of schema, tenant and journey (separated by
    /// NUL, which no id holds), so every process and every version of this library computes the same key.
    /// </summary>
    internal static long JourneyLockKey(string schema, string tenant, string journeyId)
        => Fnv1a("BuyingJourney.PostgreSql.journey:" + schema + "\0" + tenant + "\0" + journeyId);

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
}
