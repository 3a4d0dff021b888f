using System.Threading.Tasks;
using BuyingJourney.Cli.Tests;
using BuyingJourney.Testing.Shared;
using Xunit;

[assembly: AssemblyFixture(typeof(CliPostgreSql))]

namespace BuyingJourney.Cli.Tests;

/// <summary>The PostgreSQL server of the tool's tests (tests/Shared/OnDemandPostgreSql.cs): started on first use, stopped when the tests end.</summary>
public sealed class CliPostgreSql : IAsyncLifetime
{
    private readonly OnDemandPostgreSql _server = new("buyingjourney-cli-pg-");

    /// <summary>Nothing: the server starts with the first database asked for.</summary>
    public ValueTask InitializeAsync() => default;

    /// <summary>A connection string to a new, empty database.</summary>
    public Task<string> NewDatabaseAsync() => _server.NewDatabaseAsync("cli_", TestContext.Current.CancellationToken);

    /// <summary>Stops the server, if one was started.</summary>
    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
