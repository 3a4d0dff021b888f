using System;
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
/// A throw-away PostgreSQL server for the cluster's tests on PostgreSQL (tests/Shared/ThrowawayPostgreSql.cs), started
/// on first use, one database, a fresh schema per store; or the server named by <c>BUYINGJOURNEY_TEST_POSTGRES</c>.
/// </summary>
public sealed class ClusterPostgreSql : IAsyncLifetime
{
    private const string ExternalServerVariable = "BUYINGJOURNEY_TEST_POSTGRES";

    private readonly object _gate = new();
    private Task<(ThrowawayPostgreSql? Server, NpgsqlDataSource DataSource)>? _start;
    private int _schemas;

    /// <summary>Nothing: the server starts with the first store asked for.</summary>
    public ValueTask InitializeAsync() => default;

    /// <summary>A migrated store in a schema of its own.</summary>
    public PostgreSqlJourneyStore CreateMigratedStore()
    {
        Task<(ThrowawayPostgreSql? Server, NpgsqlDataSource DataSource)> start;
        lock (_gate)
        {
            start = _start ??= StartAsync();
        }

        var (_, dataSource) = start.GetAwaiter().GetResult();
        var store = new PostgreSqlJourneyStore(dataSource, "cluster_" + Interlocked.Increment(ref _schemas).ToString(CultureInfo.InvariantCulture));
        store.MigrateAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return store;
    }

    private static async Task<(ThrowawayPostgreSql? Server, NpgsqlDataSource DataSource)> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        ThrowawayPostgreSql? server = null;
        if (string.IsNullOrWhiteSpace(external))
        {
            server = await ThrowawayPostgreSql.StartAsync("buyingjourney-orleans-pg-", ExternalServerVariable);
        }

        var database = await ThrowawayPostgreSql.CreateDatabaseAsync(server?.ConnectionString ?? external!, "orleans_");
        return (server, NpgsqlDataSource.Create(database));
    }

    /// <summary>Closes the data source and stops the server, if one was started.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_start is { IsCompletedSuccessfully: true } started)
        {
            await started.Result.DataSource.DisposeAsync();
            if (started.Result.Server is { } server)
            {
                await server.DisposeAsync();
            }
        }
    }
}
