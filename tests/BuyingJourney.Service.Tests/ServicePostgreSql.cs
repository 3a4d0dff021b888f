using System.Threading.Tasks;
using BuyingJourney.Service.Tests;
using BuyingJourney.Testing.Shared;
using Xunit;

[assembly: AssemblyFixture(typeof(ServicePostgreSql))]

namespace BuyingJourney.Service.Tests;

/// <summary>
/// The PostgreSQL server of the service's tests on PostgreSQL (tests/Shared/OnDemandPostgreSql.cs): started on first use,
/// stopped when the tests end; each service gets a database of its own.
/// </summary>
public sealed class ServicePostgreSql : IAsyncLifetime
{
    private readonly OnDemandPostgreSql _server = new("buyingjourney-service-pg-");

    /// <summary>Nothing: the server starts with the first database asked for.</summary>
    public ValueTask InitializeAsync() => default;

    /// <summary>A connection string to a new, empty database.</summary>
    public Task<string> NewDatabaseAsync() => _server.NewDatabaseAsync("service_", TestContext.Current.CancellationToken);

    /// <summary>Stops the server, if one was started.</summary>
    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
