using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Orleans.Tests;
using BuyingJourney.PostgreSql;
using BuyingJourney.Testing.Shared;
using Npgsql;
using Xunit;

[assembly: AssemblyFixture(typeof(ClusterPostgreSql))]

namespace BuyingJourney.Orleans.Tests;

/// <summary>
/// The PostgreSQL server of the cluster's tests on PostgreSQL (tests/Shared/OnDemandPostgreSql.cs): started on first
/// use, one database, a fresh schema per store.
/// </summary>
public sealed class ClusterPostgreSql : IAsyncLifetime
{
    private readonly OnDemandPostgreSql _server = new("buyingjourney-orleans-pg-");
    private readonly object _gate = new();
    private Task<NpgsqlDataSource>? _dataSource;
    private int _schemas;

    /// <summary>Nothing: the server starts with the first store asked for.</summary>
    public ValueTask InitializeAsync() => default;

    /// <summary>A migrated store in a schema of its own.</summary>
    public PostgreSqlJourneyStore CreateMigratedStore()
    {
        Task<NpgsqlDataSource> dataSource;
        lock (_gate)
        {
            dataSource = _dataSource ??= OpenAsync();
        }

        var schema = "cluster_" + Interlocked.Increment(ref _schemas).ToString(CultureInfo.InvariantCulture);
        var store = new PostgreSqlJourneyStore(dataSource.GetAwaiter().GetResult(), schema);
        store.MigrateAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return store;
    }

    private async Task<NpgsqlDataSource> OpenAsync()
        => NpgsqlDataSource.Create(await _server.NewDatabaseAsync("orleans_", CancellationToken.None));

    /// <summary>Closes the data source and stops the server, if one was started.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_dataSource is { IsCompletedSuccessfully: true } open)
        {
            await open.Result.DisposeAsync();
        }

        await _server.DisposeAsync();
    }
}
