using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace BuyingJourney.PostgreSql.Tests.Support;

/// <summary>
/// A database of its own on the shared <see cref="PostgreSqlServer"/> for one test class; each test takes a fresh
/// schema in it (<see cref="NewSchema"/>), so tests never see each other's rows. The database is dropped when the class
/// is done. When there is no server (<see cref="PostgreSqlServer.UnavailableReason"/>), it creates nothing, and
/// <see cref="PostgreSqlTestGateAttribute"/> skips the class's tests before they start.
/// </summary>
public sealed class PostgreSqlDatabase(PostgreSqlServer server) : IAsyncLifetime
{
    private int _schemas;
    private NpgsqlDataSource? _dataSource;

    /// <summary>The server.</summary>
    public PostgreSqlServer Server { get; } = server;

    /// <summary>A connection string to this class's database.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>One data source (one connection pool) for every store of the class.</summary>
    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("the database is not initialised.");

    /// <summary>Starts the server if need be and creates the database; creates nothing when there is no server.</summary>
    public async ValueTask InitializeAsync()
    {
        await Server.StartAsync().ConfigureAwait(false);
        if (Server.UnavailableReason is not null)
        {
            return;
        }

        ConnectionString = await Server.CreateDatabaseAsync().ConfigureAwait(false);
        _dataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    /// <summary>Closes the class's connections and drops its database.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
            await Server.DropDatabaseAsync(ConnectionString).ConfigureAwait(false);
        }
    }

    /// <summary>A schema name no store of this database has used yet.</summary>
    public string NewSchema() => "store_" + Interlocked.Increment(ref _schemas).ToString(CultureInfo.InvariantCulture);

    /// <summary>A store in a fresh schema, not migrated.</summary>
    public PostgreSqlJourneyStore CreateStore(TimeProvider? timeProvider = null, string? schema = null)
        => new(DataSource, schema ?? NewSchema(), timeProvider);

    /// <summary>A store in a fresh, migrated schema.</summary>
    public async Task<PostgreSqlJourneyStore> CreateMigratedStoreAsync(TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var store = CreateStore(timeProvider);
        await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <summary>Runs a statement directly (to inspect or damage rows behind the store's back).</summary>
    public async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a query directly and returns its first value.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = Command(sql, parameters);
        var value = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken).ConfigureAwait(false);
        return (T)value!;
    }

    /// <summary>
    /// A connection string to this class's database whose sessions carry <paramref name="applicationName"/>, so
    /// <see cref="WaitForSessionsToEndAsync"/> can tell when the server is done with them.
    /// </summary>
    public string ConnectionStringFor(string applicationName)
        => new NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = applicationName }.ConnectionString;

    /// <summary>
    /// Waits until the server has no session left for <paramref name="applicationName"/>. A client killed after it
    /// sent a whole batch leaves its server session to finish (and commit) that batch; until the session has ended,
    /// what the store holds can still change.
    /// </summary>
    public async Task WaitForSessionsToEndAsync(string applicationName, TimeSpan timeout)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeout);
        while (true)
        {
            var sessions = await ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", applicationName).ConfigureAwait(false);
            if (sessions == 0)
            {
                return;
            }

            if (limit.IsCancellationRequested)
            {
                Assert.Fail($"{sessions} server session(s) of \"{applicationName}\" still open after {timeout}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None).ConfigureAwait(false);
        }
    }

    private NpgsqlCommand Command(string sql, object[] parameters)
    {
        var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }
}
