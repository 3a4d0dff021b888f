// Linked into tests/BuyingJourney.PostgreSql.Tests and tests/BuyingJourney.Benchmarks: the one way this repository
// starts a throw-away PostgreSQL server.
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

namespace BuyingJourney.Testing.Shared;

/// <summary>
/// A throw-away PostgreSQL cluster: Debian's <c>postgresql</c> package installed when <c>initdb</c> is missing (as
/// root), a cluster initialised in a temporary directory owned by <c>postgres</c>, started on a free port of 127.0.0.1
/// with durability off (<c>fsync=off</c>, <c>synchronous_commit=off</c>, <c>full_page_writes=off</c>: test data
/// only), stopped and deleted on disposal or when the process exits.
/// </summary>
internal sealed class ThrowawayPostgreSql : IAsyncDisposable
{
    private const string PostgresRoot = "/usr/lib/postgresql";
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan AptTimeout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private readonly string _directory;
    private readonly string _bin;
    private int _stopped;

    private ThrowawayPostgreSql(string directory, string bin)
    {
        _directory = directory;
        _bin = bin;
    }

    /// <summary>A connection string to the <c>postgres</c> database as the superuser <c>postgres</c>.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>The port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The PostgreSQL major version (the name of its folder under /usr/lib/postgresql).</summary>
    public string Version => Path.GetFileName(Path.GetDirectoryName(_bin)) ?? "?";

    /// <summary>How long installing PostgreSQL took (zero when it was already installed).</summary>
    public TimeSpan InstallTime { get; private set; }

    /// <summary>How long initdb and start-up took.</summary>
    public TimeSpan StartTime { get; private set; }

    /// <summary>Installs PostgreSQL when needed, then initialises and starts a cluster.</summary>
    /// <param name="directoryPrefix">The temporary directory's name prefix.</param>
    /// <param name="externalServerVariable">The variable that names an existing server instead (for error messages).</param>
    /// <exception cref="PlatformNotSupportedException">Not on Linux.</exception>
    /// <exception cref="InvalidOperationException">PostgreSQL could not be installed or started; the message says why.</exception>
    public static async Task<ThrowawayPostgreSql> StartAsync(string directoryPrefix, string externalServerVariable)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException($"a throw-away PostgreSQL server runs on Linux only; elsewhere set {externalServerVariable}.");
        }

        var clock = Stopwatch.StartNew();
        var bin = FindBinDirectory();
        if (bin is null)
        {
            await InstallAsync(externalServerVariable).ConfigureAwait(false);
            bin = FindBinDirectory() ?? throw new InvalidOperationException($"apt-get installed postgresql but no {PostgresRoot}/*/bin/initdb appeared.");
        }

        var installTime = clock.Elapsed;
        clock.Restart();
        var directory = Path.Combine(Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath(), directoryPrefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var server = new ThrowawayPostgreSql(directory, bin) { InstallTime = installTime };
        AppDomain.CurrentDomain.ProcessExit += server.OnProcessExit;
        try
        {
            if (IsRoot())
            {
                await server.RunCheckedAsync("chown", [ServiceUser + ":" + ServiceUser, directory], CommandTimeout).ConfigureAwait(false);
            }

            var data = Path.Combine(directory, "data");
            await server.RunCheckedAsync(
                    Path.Combine(bin, "initdb"),
                    ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"],
                    CommandTimeout,
                    asServiceUser: true)
                .ConfigureAwait(false);
            await server.StartServerAsync(data).ConfigureAwait(false);
            server.StartTime = clock.Elapsed;
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Creates an empty database on the server behind <paramref name="connectionString"/>; returns a connection string to it.</summary>
    public static async Task<string> CreateDatabaseAsync(string connectionString, string namePrefix, CancellationToken cancellationToken = default)
    {
        var name = namePrefix + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Stops the server and deletes its directory.</summary>
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
    private static async Task InstallAsync(string externalServerVariable)
    {
        if (!IsRoot())
        {
            throw new InvalidOperationException(
                $"PostgreSQL is not installed ({PostgresRoot}/*/bin/initdb is missing) and this process does not run as root, so it cannot install it: "
                + $"run 'apt-get install postgresql' or set {externalServerVariable} to a connection string.");
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

    private async Task StartServerAsync(string data)
    {
        var log = Path.Combine(_directory, "log");
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
                    Path.Combine(_bin, "pg_ctl"),
                    ["-D", data, "-l", log, "-o", options, "-w", "-t", "60", "start"],
                    CommandTimeout,
                    asServiceUser: true)
                .ConfigureAwait(false);
            if (exitCode == 0)
            {
                Port = port;
                ConnectionString = new NpgsqlConnectionStringBuilder
                {
                    Host = "127.0.0.1",
                    Port = port,
                    Username = "postgres",
                    Database = "postgres",
                }.ConnectionString;
                return;
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
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        try
        {
            var data = Path.Combine(_directory, "data");
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
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
