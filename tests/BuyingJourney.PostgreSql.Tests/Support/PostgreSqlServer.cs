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
/// Set <c>BUYINGJOURNEY_TEST_POSTGRES</c> to a connection string to use an existing server instead (its user must
/// be allowed to create databases).
/// </remarks>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    /// <summary>The variable naming an existing server to use instead of starting one.</summary>
    public const string ExternalServerVariable = "BUYINGJOURNEY_TEST_POSTGRES";

    private ThrowawayPostgreSql? _server;

    /// <summary>A connection string to the server's <c>postgres</c> database as a superuser.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>How long installing PostgreSQL took (zero when it was already installed or is external).</summary>
    public TimeSpan InstallTime => _server?.InstallTime ?? TimeSpan.Zero;

    /// <summary>How long initdb and start-up took (zero for an external server).</summary>
    public TimeSpan StartTime => _server?.StartTime ?? TimeSpan.Zero;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
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

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
        => ThrowawayPostgreSql.CreateDatabaseAsync(ConnectionString, "test_", cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
