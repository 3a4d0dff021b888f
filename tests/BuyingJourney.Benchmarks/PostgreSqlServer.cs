using System;
using System.Globalization;
using System.Threading.Tasks;
using BuyingJourney.Testing.Shared;
using Npgsql;

namespace BuyingJourney.Benchmarks;

/// <summary>
/// A PostgreSQL server for the store benchmarks: the one named by <c>BUYINGJOURNEY_BENCH_POSTGRES</c>, or else a
/// throw-away one started exactly as the PostgreSQL store tests start theirs (<c>tests/Shared/ThrowawayPostgreSql.cs</c>:
/// Debian's <c>postgresql</c> installed when missing, a temporary cluster on a free loopback port with
/// <c>fsync=off</c>, <c>synchronous_commit=off</c> and <c>full_page_writes=off</c>), stopped and deleted on disposal.
/// </summary>
public sealed class PostgreSqlServer : IAsyncDisposable
{
    /// <summary>The variable naming an existing server to use instead of starting one.</summary>
    public const string ExternalServerVariable = "BUYINGJOURNEY_BENCH_POSTGRES";

    private ThrowawayPostgreSql? _server;

    private PostgreSqlServer()
    {
    }

    /// <summary>A connection string to the server.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Where the server comes from, for the report: "external" or "throw-away PostgreSQL N on port P".</summary>
    public string Description { get; private set; } = string.Empty;

    /// <summary>Whether this process started the server (and so owns everything in it).</summary>
    public bool IsThrowaway => _server is not null;

    /// <summary>Uses the external server, or installs (when needed) and starts a throw-away one.</summary>
    /// <returns>The running server.</returns>
    /// <exception cref="InvalidOperationException">PostgreSQL could not be installed or started; the message says why.</exception>
    /// <exception cref="PlatformNotSupportedException">Not on Linux and no external server given.</exception>
    public static async Task<PostgreSqlServer> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new PostgreSqlServer { ConnectionString = external, Description = "external (" + ExternalServerVariable + ")" };
        }

        var server = await ThrowawayPostgreSql.StartAsync("buyingjourney-bench-pg-", ExternalServerVariable).ConfigureAwait(false);
        return new PostgreSqlServer
        {
            _server = server,
            ConnectionString = server.ConnectionString,
            Description = string.Create(
                CultureInfo.InvariantCulture,
                $"throw-away PostgreSQL {server.Version} on port {server.Port} (fsync=off, synchronous_commit=off, as the store tests)"),
        };
    }

    /// <summary>Creates an empty database on a throw-away server (or returns the external connection string as it is).</summary>
    /// <returns>A connection string to use.</returns>
    public Task<string> CreateDatabaseAsync()
        => IsThrowaway ? ThrowawayPostgreSql.CreateDatabaseAsync(ConnectionString, "bench_") : Task.FromResult(ConnectionString);

    /// <summary>Stops and deletes a throw-away server; leaves an external one alone.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
