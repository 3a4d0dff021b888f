using System;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.PostgreSql.Tests.Support;
using BuyingJourney.Testing.Shared;
using Xunit;

[assembly: AssemblyFixture(typeof(PostgreSqlServer))]

namespace BuyingJourney.PostgreSql.Tests.Support;

/// <summary>
/// A real, throw-away PostgreSQL server for the whole test assembly (see <c>tests/Shared/ThrowawayPostgreSql.cs</c>):
/// installed from Debian's packages when missing (<c>apt-get install postgresql</c>, as root), initialised in a
/// temporary directory owned by <c>postgres</c>, started on a free port of 127.0.0.1 and deleted afterwards. Each test
/// class gets a database of its own through <see cref="CreateDatabaseAsync"/>.
/// </summary>
/// <remarks>
/// The server starts on first use (<see cref="StartAsync"/>, or the first <see cref="CreateDatabaseAsync"/>), not when
/// the assembly fixture is created, so tests that need no server (the documentation check) run without one.
/// Set <c>BUYINGJOURNEY_TEST_POSTGRES</c> to a connection string to use an existing server instead (its user must
/// be allowed to create databases).
/// </remarks>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    /// <summary>The variable naming an existing server to use instead of starting one.</summary>
    public const string ExternalServerVariable = "BUYINGJOURNEY_TEST_POSTGRES";

    private readonly object _gate = new();
    private Task? _start;
    private ThrowawayPostgreSql? _server;

    /// <summary>A connection string to the server's <c>postgres</c> database as a superuser; empty until <see cref="StartAsync"/>.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>How long installing PostgreSQL took (zero when it was already installed or is external).</summary>
    public TimeSpan InstallTime => _server?.InstallTime ?? TimeSpan.Zero;

    /// <summary>How long initdb and start-up took (zero for an external server).</summary>
    public TimeSpan StartTime => _server?.StartTime ?? TimeSpan.Zero;

    /// <summary>Nothing: the server starts on first use (see <see cref="StartAsync"/>).</summary>
    public ValueTask InitializeAsync() => default;

    /// <summary>
    /// Starts the server (or takes the external one) on the first call; later calls share that start, its failure too,
    /// so a server that cannot start is tried once, not once per test class.
    /// </summary>
    public Task StartAsync()
    {
        lock (_gate)
        {
            return _start ??= StartOnceAsync();
        }
    }

    private async Task StartOnceAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            ConnectionString = external;
            return;
        }

        _server = await ThrowawayPostgreSql.StartAsync("buyingjourney-pg-", ExternalServerVariable).ConfigureAwait(false);
        ConnectionString = _server.ConnectionString;
    }

    /// <summary>Creates an empty database (starting the server first if need be) and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        await StartAsync().ConfigureAwait(false);
        return await ThrowawayPostgreSql.CreateDatabaseAsync(ConnectionString, "test_", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
