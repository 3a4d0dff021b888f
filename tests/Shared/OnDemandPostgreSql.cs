// Linked into tests/BuyingJourney.Service.Tests and tests/BuyingJourney.Orleans.Tests: a PostgreSQL server started on
// first use for a whole test assembly (tests/Shared/ThrowawayPostgreSql.cs), or the existing one a variable names.
using System;
using System.Threading;
using System.Threading.Tasks;

namespace BuyingJourney.Testing.Shared;

/// <summary>
/// A throw-away PostgreSQL server started on the first database asked for (every later call shares that start, its
/// failure too), or, when <see cref="ExternalServerVariable"/> names one, that server; stopped on disposal.
/// </summary>
/// <param name="directoryPrefix">The prefix of the throw-away server's temporary folder.</param>
internal sealed class OnDemandPostgreSql(string directoryPrefix) : IAsyncDisposable
{
    /// <summary>The variable naming an existing server to use instead (its user must be allowed to create databases).</summary>
    public const string ExternalServerVariable = "BUYINGJOURNEY_TEST_POSTGRES";

    private readonly object _gate = new();
    private Task<(ThrowawayPostgreSql? Server, string ConnectionString)>? _start;

    /// <summary>A connection string to a new, empty database whose name starts with <paramref name="namePrefix"/>.</summary>
    public async Task<string> NewDatabaseAsync(string namePrefix, CancellationToken cancellationToken)
    {
        Task<(ThrowawayPostgreSql? Server, string ConnectionString)> start;
        lock (_gate)
        {
            start = _start ??= StartAsync();
        }

        var (_, connectionString) = await start.ConfigureAwait(false);
        return await ThrowawayPostgreSql.CreateDatabaseAsync(connectionString, namePrefix, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(ThrowawayPostgreSql? Server, string ConnectionString)> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return (null, external);
        }

        var server = await ThrowawayPostgreSql.StartAsync(directoryPrefix, ExternalServerVariable).ConfigureAwait(false);
        return (server, server.ConnectionString);
    }

    /// <summary>Stops the server, if one was started.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_start is { IsCompletedSuccessfully: true } started && started.Result.Server is { } server)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
