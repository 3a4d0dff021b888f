using System;
using System.Threading.Tasks;
using BuyingJourney.Service.Tests;
using BuyingJourney.Testing.Shared;
using Xunit;

[assembly: AssemblyFixture(typeof(ServicePostgreSql))]

namespace BuyingJourney.Service.Tests;

/// <summary>
/// A throw-away PostgreSQL server for the service's tests on PostgreSQL (see <c>tests/Shared/ThrowawayPostgreSql.cs</c>),
/// started on first use and stopped when the tests end; each service gets a database of its own. Set
/// <c>BUYINGJOURNEY_TEST_POSTGRES</c> to a connection string to use an existing server instead.
/// </summary>
public sealed class ServicePostgreSql : IAsyncLifetime
{
    private const string ExternalServerVariable = "BUYINGJOURNEY_TEST_POSTGRES";

    private readonly object _gate = new();
    private Task<(ThrowawayPostgreSql? Server, string ConnectionString)>? _start;

    /// <summary>Nothing: the server starts with the first database asked for.</summary>
    public ValueTask InitializeAsync() => default;

    /// <summary>A connection string to a new, empty database.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        Task<(ThrowawayPostgreSql? Server, string ConnectionString)> start;
        lock (_gate)
        {
            start = _start ??= StartAsync();
        }

        var (_, connectionString) = await start;
        return await ThrowawayPostgreSql.CreateDatabaseAsync(connectionString, "service_", TestContext.Current.CancellationToken);
    }

    private static async Task<(ThrowawayPostgreSql? Server, string ConnectionString)> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return (null, external);
        }

        var server = await ThrowawayPostgreSql.StartAsync("buyingjourney-service-pg-", ExternalServerVariable);
        return (server, server.ConnectionString);
    }

    /// <summary>Stops the server, if one was started.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_start is { IsCompletedSuccessfully: true } started && started.Result.Server is { } server)
        {
            await server.DisposeAsync();
        }
    }
}
