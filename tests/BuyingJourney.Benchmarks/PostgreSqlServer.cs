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
using Npgsql;

namespace BuyingJourney.Benchmarks;

/// <summary>
/// A PostgreSQL server for the store benchmarks: the one named by <c>BUYINGJOURNEY_BENCH_POSTGRES</c>, or else a
/// throw-away one started the way the PostgreSQL store tests start theirs (adapted from
/// <c>tests/BuyingJourney.PostgreSql.Tests/Support/PostgreSqlServer.cs</c>): Debian's <c>postgresql</c> package installed
/// when <c>initdb</c> is missing (as root), a cluster initialised in a temporary directory owned by <c>postgres</c>,
/// started on a free port of 127.0.0.1 with the tests' settings (<c>fsync=off</c>, <c>synchronous_commit=off</c>,
/// <c>full_page_writes=off</c>), stopped and deleted on disposal.
/// </summary>
public sealed class PostgreSqlServer : IAsyncDisposable
{
    /// <summary>The variable naming an existing server to use instead of starting one.</summary>
    public const string ExternalServerVariable = "BUYINGJOURNEY_BENCH_POSTGRES";

    private const string PostgresRoot = "/usr/lib/postgresql";
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan AptTimeout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private string? _directory;
    private string? _bin;
    private int _stopped;

    private PostgreSqlServer()
    {
    }

    /// <summary>A connection string to the server.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Where the server comes from, for the report: "external" or "throw-away PostgreSQL N on port P".</summary>
    public string Description { get; private set; } = string.Empty;

    /// <summary>Whether this process started the server (and so owns everything in it).</summary>
    public bool IsThrowaway => _directory is not null;

    /// <summary>Uses the external server, or installs (when needed) and starts a throw-away one.</summary>
    /// <returns>The running server.</returns>
    /// <exception cref="InvalidOperationException">PostgreSQL could not be installed or started; the message says why.</exception>
    /// <exception cref="PlatformNotSupportedException">Not on Linux and no external server given.</exception>
    public static async Task<PostgreSqlServer> StartAsync()
    {
        var server = new PostgreSqlServer();
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            server.ConnectionString = external;
            server.Description = "external (" + ExternalServerVariable + ")";
            return server;
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException($"a throw-away PostgreSQL server runs on Linux only; elsewhere set {ExternalServerVariable}.");
        }

        server._bin = FindBinDirectory();
        if (server._bin is null)
        {
            await InstallAsync().ConfigureAwait(false);
            server._bin = FindBinDirectory() ?? throw new InvalidOperationException($"apt-get installed postgresql but no {PostgresRoot}/*/bin/initdb appeared.");
        }

        server._directory = Path.Combine(Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath(), "buyingjourney-bench-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(server._directory);
        AppDomain.CurrentDomain.ProcessExit += server.OnProcessExit;
        try
        {
            if (IsRoot())
            {
                await server.RunCheckedAsync("chown", [ServiceUser + ":" + ServiceUser, server._directory], CommandTimeout).ConfigureAwait(false);
            }

            var data = Path.Combine(server._directory, "data");
            await server.RunCheckedAsync(
                    Path.Combine(server._bin, "initdb"),
                    ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"],
                    CommandTimeout,
                    asServiceUser: true)
                .ConfigureAwait(false);
            var port = await server.StartServerAsync(data).ConfigureAwait(false);
            server.Description = string.Create(
                CultureInfo.InvariantCulture,
                $"throw-away PostgreSQL {Path.GetFileName(Path.GetDirectoryName(server._bin))} on port {port} (fsync=off, synchronous_commit=off, as the store tests)");
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>Creates an empty database on a throw-away server (or returns the external connection string as it is).</summary>
    /// <returns>A connection string to use.</returns>
    public async Task<string> CreateDatabaseAsync()
    {
        if (!IsThrowaway)
        {
            return ConnectionString;
        }

        var name = "bench_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Stops and deletes a throw-away server; leaves an external one alone.</summary>
    /// <returns>A task.</returns>
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

    private static async Task InstallAsync()
    {
        if (!IsRoot())
        {
            throw new InvalidOperationException(
                $"PostgreSQL is not installed ({PostgresRoot}/*/bin/initdb is missing) and this is not root, so it cannot be installed: "
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
        const int Attempts = 3;
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

    private Task<(int ExitCode, string Output)> RunAsServiceUserAsync(string file, IReadOnlyList<string> arguments, TimeSpan timeout, bool asServiceUser)
        => asServiceUser && IsRoot()
            ? RunAsync("runuser", ["-u", ServiceUser, "--", file, .. arguments], timeout, workingDirectory: _directory)
            : RunAsync(file, arguments, timeout, workingDirectory: _directory);

    private async Task<int> StartServerAsync(string data)
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
                ConnectionString = new NpgsqlConnectionStringBuilder
                {
                    Host = "127.0.0.1",
                    Port = port,
                    Username = "postgres",
                    Database = "postgres",
                }.ConnectionString;
                return port;
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
