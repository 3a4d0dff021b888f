using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.PostgreSql.Tests.Support;
using Npgsql;
using Xunit;

[assembly: AssemblyFixture(typeof(PostgreSqlServer))]

namespace BuyingJourney.PostgreSql.Tests.Support;

/// <summary>
/// A real, throw-away PostgreSQL server for the whole test assembly: installed from Debian's packages when missing
/// (<c>apt-get install postgresql</c>, as root), initialised in a temporary directory owned by <c>postgres</c>,
/// started on a free port of 127.0.0.1 and deleted afterwards. Each test class gets a database of its own through
/// <see cref="CreateDatabaseAsync"/>.
/// </summary>
/// <remarks>
/// Set <c>BUYINGJOURNEY_TEST_POSTGRES</c> to a connection string to use an existing server instead (its user must
/// be allowed to create databases).
/// </remarks>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    /// <summary>The variable naming an existing server to use instead of starting one.</summary>
    public const string ExternalServerVariable = "BUYINGJOURNEY_TEST_POSTGRES";

    private const string PostgresRoot = "/usr/lib/postgresql";
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan AptTimeout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private string? _directory;
    private string? _bin;
    private int _stopped;

    /// <summary>A connection string to the server's <c>postgres</c> database as a superuser.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>How long installing PostgreSQL took (zero when it was already installed).</summary>
    public TimeSpan InstallTime { get; private set; }

    /// <summary>How long initdb and start-up took.</summary>
    public TimeSpan StartTime { get; private set; }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            ConnectionString = external;
            return;
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException($"The PostgreSQL test server runs on Linux only; elsewhere set {ExternalServerVariable}.");
        }

        var clock = Stopwatch.StartNew();
        _bin = FindBinDirectory();
        if (_bin is null)
        {
            await InstallAsync().ConfigureAwait(false);
            _bin = FindBinDirectory() ?? throw new InvalidOperationException($"apt-get installed postgresql but no {PostgresRoot}/*/bin/initdb appeared.");
        }

        InstallTime = clock.Elapsed;
        clock.Restart();
        _directory = Path.Combine(Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath(), "buyingjourney-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_directory);
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        try
        {
            if (IsRoot())
            {
                await RunCheckedAsync("chown", [ServiceUser + ":" + ServiceUser, _directory], CommandTimeout).ConfigureAwait(false);
            }

            var data = Path.Combine(_directory, "data");
            await RunCheckedAsync(
                    Path.Combine(_bin, "initdb"),
                    ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"],
                    CommandTimeout,
                    asServiceUser: true)
                .ConfigureAwait(false);
            ConnectionString = await StartAsync(data).ConfigureAwait(false);
            StartTime = clock.Elapsed;
        }
        catch
        {
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = "test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        NpgsqlConnection.ClearAllPools();
        await StopAsync().ConfigureAwait(false);
    }

    private static string? FindBinDirectory()
    {
        if (!Directory.Exists(PostgresRoot))
        {
            return null;
        }

        return Directory.GetDirectories(PostgresRoot)
            .Select(path => (Path: Path.Combine(path, "bin"), Version: double.TryParse(Path.GetFileName(path), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0))
            .Where(candidate => File.Exists(Path.Combine(candidate.Path, "initdb")) && File.Exists(Path.Combine(candidate.Path, "pg_ctl")))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Path)
            .FirstOrDefault();
    }

    private static bool IsRoot() => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    /// <summary>Installs Debian's postgresql package; retries while apt is locked by another process.</summary>
    private static async Task InstallAsync()
    {
        if (!IsRoot())
        {
            throw new InvalidOperationException(
                $"PostgreSQL is not installed ({PostgresRoot}/*/bin/initdb is missing) and the tests do not run as root, so they cannot install it: "
                + $"run 'apt-get install postgresql' or set {ExternalServerVariable} to a connection string.");
        }

        var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        string[] lockWait = ["-o", "DPkg::Lock::Timeout=300"];
        await RetryAsync("apt-get update", () => RunAsync("apt-get", [.. lockWait, "update"], AptTimeout, environment)).ConfigureAwait(false);
        await RetryAsync(
                "apt-get install postgresql",
                () => RunAsync("apt-get", [.. lockWait, "install", "-y", "--no-install-recommends", "postgresql"], AptTimeout, environment))
            .ConfigureAwait(false);
    }

    private static async Task RetryAsync(string what, Func<Task<(int ExitCode, string Output)>> run)
    {
        const int Attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            var (exitCode, output) = await run().ConfigureAwait(false);
            if (exitCode == 0)
            {
                return;
            }

            if (attempt == Attempts)
            {
                throw new InvalidOperationException($"{what} failed {Attempts} times; last exit code {exitCode}:\n{output}");
            }

            await Task.Delay(TimeSpan.FromSeconds(5 * attempt)).ConfigureAwait(false);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(
        string file, IReadOnlyList<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory ?? "/",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timer = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        return (process.ExitCode, (await output.ConfigureAwait(false)) + (await error.ConfigureAwait(false)));
    }

    private async Task<string> RunCheckedAsync(string file, IReadOnlyList<string> arguments, TimeSpan timeout, bool asServiceUser = false)
    {
        var (exitCode, output) = await RunAsServiceUserAsync(file, arguments, timeout, asServiceUser).ConfigureAwait(false);
        return exitCode == 0
            ? output
            : throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed with exit code {exitCode}:\n{output}");
    }

    /// <summary>As root, runs the PostgreSQL tools as <c>postgres</c> (they refuse to run as root); otherwise as this user.</summary>
    private Task<(int ExitCode, string Output)> RunAsServiceUserAsync(string file, IReadOnlyList<string> arguments, TimeSpan timeout, bool asServiceUser)
        => asServiceUser && IsRoot()
            ? RunAsync("runuser", ["-u", ServiceUser, "--", file, .. arguments], timeout, workingDirectory: _directory)
            : RunAsync(file, arguments, timeout, workingDirectory: _directory);

    private async Task<string> StartAsync(string data)
    {
        var log = Path.Combine(_directory!, "log");
        const int Attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var options = string.Join(
                ' ',
                $"-p {port.ToString(CultureInfo.InvariantCulture)}",
                $"-k {_directory}",
                "-c listen_addresses=127.0.0.1",
                "-c max_connections=200",
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off");
            var (exitCode, output) = await RunAsServiceUserAsync(
                    Path.Combine(_bin!, "pg_ctl"),
                    ["-D", data, "-l", log, "-o", options, "-w", "-t", "60", "start"],
                    CommandTimeout,
                    asServiceUser: true)
                .ConfigureAwait(false);
            if (exitCode == 0)
            {
                return new NpgsqlConnectionStringBuilder
                {
                    Host = "127.0.0.1",
                    Port = port,
                    Username = "postgres",
                    Database = "postgres",
                }.ConnectionString;
            }

            if (attempt == Attempts)
            {
                var serverLog = File.Exists(log) ? await File.ReadAllTextAsync(log).ConfigureAwait(false) : "(no server log)";
                throw new InvalidOperationException($"PostgreSQL did not start (pg_ctl exit code {exitCode}):\n{output}\nServer log:\n{serverLog}");
            }
        }
    }

    private async Task StopAsync()
    {
        if (_directory is null || Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        try
        {
            var data = Path.Combine(_directory, "data");
            if (_bin is not null && File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                await RunAsServiceUserAsync(Path.Combine(_bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"], CommandTimeout, asServiceUser: true).ConfigureAwait(false);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => StopAsync().GetAwaiter().GetResult();
}
