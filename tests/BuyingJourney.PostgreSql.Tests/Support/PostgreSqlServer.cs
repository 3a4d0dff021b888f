using System;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.PostgreSql.Tests.Support;
using BuyingJourney.Testing.Shared;
using Npgsql;
using Xunit;

[assembly: AssemblyFixture(typeof(PostgreSqlServer))]
[assembly: PostgreSqlTestGate]

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
/// be allowed to create databases: see <see cref="ExternalServerNeeds"/>). When neither can be had (not Linux, not
/// installed and not root, a tool failed), <see cref="UnavailableReason"/> says why, and
/// <see cref="PostgreSqlTestGateAttribute"/> skips every test that takes the server or a database with that reason
/// (fails it under CI).
/// </remarks>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    /// <summary>The variable naming an existing server to use instead of starting one.</summary>
    public const string ExternalServerVariable = "BUYINGJOURNEY_TEST_POSTGRES";

    /// <summary>What the tests do on an existing server, and so what its user must be allowed.</summary>
    public const string ExternalServerNeeds =
        "(PostgreSQL 12 or later) whose user may create databases (CREATEDB): each test class creates a database of its own, test_<guid>, and drops it when done";

    private int _warned;

    private readonly object _gate = new();
    private Task? _start;
    private ThrowawayPostgreSql? _server;

    /// <summary>A connection string to the server's <c>postgres</c> database as a superuser; empty until <see cref="StartAsync"/>.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>How long installing PostgreSQL took (zero when it was already installed or is external).</summary>
    public TimeSpan InstallTime => _server?.InstallTime ?? TimeSpan.Zero;

    /// <summary>How long initdb and start-up took (zero for an external server).</summary>
    public TimeSpan StartTime => _server?.StartTime ?? TimeSpan.Zero;

    /// <summary>Why no server can be had here (null when one can, or before <see cref="StartAsync"/> finished).</summary>
    public string? UnavailableReason { get; private set; }

    /// <summary>Nothing: the server starts on first use (see <see cref="StartAsync"/>).</summary>
    public ValueTask InitializeAsync() => default;

    /// <summary>
    /// Starts the server (or takes the external one) on the first call; later calls share that start, its failure too,
    /// so a server that cannot start is tried once, not once per test class. When none can be had, the task completes
    /// and <see cref="UnavailableReason"/> says why.
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

        try
        {
            _server = await ThrowawayPostgreSql.StartAsync("buyingjourney-pg-", ExternalServerVariable, ExternalServerNeeds).ConfigureAwait(false);
            ConnectionString = _server.ConnectionString;
        }
        catch (PostgreSqlUnavailableException exception)
        {
            UnavailableReason = exception.Message;
        }
    }

    /// <summary>
    /// Throws what a test that needs the server must throw when there is none (see <see cref="PostgreSqlTestGate.Refusal"/>):
    /// a skip, or under CI a failure, with <see cref="UnavailableReason"/>; nothing when the server is there.
    /// </summary>
    public void ThrowIfUnavailable()
    {
        if (UnavailableReason is not { } reason)
        {
            return;
        }

        var refusal = PostgreSqlTestGate.Refusal(reason, Environment.GetEnvironmentVariable(PostgreSqlTestGate.CiVariable));
        if (Interlocked.Exchange(ref _warned, 1) == 0 && PostgreSqlTestGate.IsSkip(refusal))
        {
            // Once per run, on the console at dotnet test's default verbosity (which lists skipped tests without reasons).
            TestContext.Current.AddWarning("PostgreSQL tests skipped: " + reason);
        }

        throw refusal;
    }

    /// <summary>
    /// Creates an empty database (starting the server first if need be) and returns a connection string to it; throws
    /// the skip (or failure) of <see cref="ThrowIfUnavailable"/> when there is no server.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        await StartAsync().ConfigureAwait(false);
        ThrowIfUnavailable();
        return await ThrowawayPostgreSql.CreateDatabaseAsync(ConnectionString, "test_", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops a database <see cref="CreateDatabaseAsync"/> made (its connection string).</summary>
    public Task DropDatabaseAsync(string databaseConnectionString, CancellationToken cancellationToken = default)
        => ThrowawayPostgreSql.DropDatabaseAsync(ConnectionString, new NpgsqlConnectionStringBuilder(databaseConnectionString).Database!, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
