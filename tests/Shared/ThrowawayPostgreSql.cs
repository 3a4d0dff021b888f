// Linked into tests/BuyingJourney.PostgreSql.Tests, tests/BuyingJourney.Benchmarks, tests/BuyingJourney.WithPostgreSql and (through
// OnDemandPostgreSql.cs) tests/BuyingJourney.Service.Tests and tests/BuyingJourney.Orleans.Tests:
// the one way this repository starts a throw-away PostgreSQL server, and the one place that decides, and says, why it
// cannot (PostgreSqlHost.Obstacle, and the failures of StartAsync).
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace BuyingJourney.Testing.Shared;

/// <summary>
/// A throw-away PostgreSQL cluster: Debian's <c>postgresql</c> package installed when <c>initdb</c> is missing (as
/// root), a cluster initialised in a temporary directory owned by <c>postgres</c> (as root; otherwise by this user),
/// started on a free port of 127.0.0.1 with durability off (<c>fsync=off</c>, <c>synchronous_commit=off</c>,
/// <c>full_page_writes=off</c>: test data only), stopped and deleted on disposal or when the process exits. When none
/// can be had, <see cref="StartAsync"/> throws <see cref="PostgreSqlUnavailableException"/> saying why.
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
    /// <param name="externalServerVariable">The variable that names an existing server instead (for the reason given when none can be started).</param>
    /// <param name="externalServerNeeds">What that server's user must be allowed to do, for the same reason.</param>
    /// <exception cref="PostgreSqlUnavailableException">
    /// No server can be had here (not Linux, not installed and cannot be installed, apt-get, initdb or pg_ctl failed); the
    /// message names the cause and how to point at an existing server instead.
    /// </exception>
    public static async Task<ThrowawayPostgreSql> StartAsync(
        string directoryPrefix, string externalServerVariable, string externalServerNeeds = PostgreSqlHost.DefaultExternalServerNeeds)
    {
        var host = PostgreSqlHost.OfThisProcess(FindBinDirectory());
        if (host.Obstacle() is { } obstacle)
        {
            throw new PostgreSqlUnavailableException(PostgreSqlHost.Explain(obstacle, externalServerVariable, externalServerNeeds));
        }

        var clock = Stopwatch.StartNew();
        var bin = host.BinDirectory;
        if (bin is null)
        {
            await InstallAsync(externalServerVariable, externalServerNeeds).ConfigureAwait(false);
            bin = FindBinDirectory() ?? throw new PostgreSqlUnavailableException(PostgreSqlHost.Explain(
                $"apt-get installed postgresql but no {PostgresRoot}/*/bin/initdb appeared", externalServerVariable, externalServerNeeds));
        }

        var installTime = clock.Elapsed;
        clock.Restart();
        var directory = Path.Combine(Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath(), directoryPrefix + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new PostgreSqlUnavailableException(PostgreSqlHost.Explain(
                $"cannot create the cluster's temporary directory {directory}: {exception.Message}", externalServerVariable, externalServerNeeds));
        }

        var server = new ThrowawayPostgreSql(directory, bin) { InstallTime = installTime };
        AppDomain.CurrentDomain.ProcessExit += server.OnProcessExit;
        try
        {
            if (host.IsRoot)
            {
                await server.RunToolAsync("chown", [ServiceUser + ":" + ServiceUser, directory], asServiceUser: false, externalServerVariable, externalServerNeeds).ConfigureAwait(false);
            }

            var data = Path.Combine(directory, "data");
            await server.RunToolAsync(
                    Path.Combine(bin, "initdb"),
                    ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"],
                    asServiceUser: true,
                    externalServerVariable,
                    externalServerNeeds)
                .ConfigureAwait(false);
            await server.StartServerAsync(data, externalServerVariable, externalServerNeeds).ConfigureAwait(false);
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

    /// <summary>
    /// Drops a database <see cref="CreateDatabaseAsync"/> made, ending its sessions first on PostgreSQL 13 and later
    /// (<c>WITH (FORCE)</c>), so an existing server keeps no test databases.
    /// </summary>
    public static async Task DropDatabaseAsync(string connectionString, string database, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var force = connection.PostgreSqlVersion.Major >= 13 ? " WITH (FORCE)" : string.Empty;
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"{force}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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

    /// <summary>Installs Debian's postgresql package; retries while apt is locked by another process.</summary>
    private static async Task InstallAsync(string externalServerVariable, string externalServerNeeds)
    {
        var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        string[] lockWait = ["-o", "DPkg::Lock::Timeout=300"];
        await RetryAsync("apt-get update", () => RunAsync("apt-get", [.. lockWait, "update"], AptTimeout, environment), externalServerVariable, externalServerNeeds)
            .ConfigureAwait(false);
        await RetryAsync(
                "apt-get install postgresql",
                () => RunAsync("apt-get", [.. lockWait, "install", "-y", "--no-install-recommends", "postgresql"], AptTimeout, environment),
                externalServerVariable,
                externalServerNeeds)
            .ConfigureAwait(false);
    }

    private static async Task RetryAsync(string what, Func<Task<(int ExitCode, string Output)>> run, string externalServerVariable, string externalServerNeeds)
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
                throw new PostgreSqlUnavailableException(PostgreSqlHost.Explain(
                    $"{what} failed {Attempts} times (last exit code {exitCode}): {PostgreSqlHost.Shorten(output)}", externalServerVariable, externalServerNeeds));
            }

            await Task.Delay(TimeSpan.FromSeconds(5 * attempt)).ConfigureAwait(false);
        }
    }

    /// <summary>A TCP port free on 127.0.0.1 now (the tests' servers are started on such ports).</summary>
    internal static int FreePort()
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

    /// <summary>Runs a set-up tool; its failure means no server here, and says so with the tool's output cut short.</summary>
    private async Task RunToolAsync(string file, IReadOnlyList<string> arguments, bool asServiceUser, string externalServerVariable, string externalServerNeeds)
    {
        var who = asServiceUser && PostgreSqlHost.IsRootUser() ? $" as {ServiceUser}" : string.Empty;
        int exitCode;
        string output;
        try
        {
            (exitCode, output) = await RunAsServiceUserAsync(file, arguments, CommandTimeout, asServiceUser).ConfigureAwait(false);
        }
        catch (Win32Exception exception)
        {
            throw new PostgreSqlUnavailableException(PostgreSqlHost.Explain(
                $"{Path.GetFileName(file)}{who} could not be run: {exception.Message}", externalServerVariable, externalServerNeeds));
        }

        if (exitCode != 0)
        {
            throw new PostgreSqlUnavailableException(PostgreSqlHost.Explain(
                $"{Path.GetFileName(file)}{who} failed (exit code {exitCode}): {PostgreSqlHost.Shorten(output)}", externalServerVariable, externalServerNeeds));
        }
    }

    /// <summary>As root, runs the PostgreSQL tools as <c>postgres</c> (they refuse to run as root); otherwise as this user.</summary>
    private Task<(int ExitCode, string Output)> RunAsServiceUserAsync(string file, IReadOnlyList<string> arguments, TimeSpan timeout, bool asServiceUser)
        => asServiceUser && PostgreSqlHost.IsRootUser()
            ? RunAsync("runuser", ["-u", ServiceUser, "--", file, .. arguments], timeout, workingDirectory: _directory)
            : RunAsync(file, arguments, timeout, workingDirectory: _directory);

    private async Task StartServerAsync(string data, string externalServerVariable, string externalServerNeeds)
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
                throw new PostgreSqlUnavailableException(PostgreSqlHost.Explain(
                    $"pg_ctl start failed {Attempts} times (last exit code {exitCode}): {PostgreSqlHost.Shorten(output)}; server log: {PostgreSqlHost.Shorten(serverLog)}",
                    externalServerVariable,
                    externalServerNeeds));
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

/// <summary>
/// The facts about this process that decide whether a throw-away server can be started: the seam through which the
/// decision (<see cref="Obstacle"/>) and its wording (<see cref="Explain"/>) are tested without changing the machine.
/// </summary>
/// <param name="OperatingSystemName">The operating system, for the reason.</param>
/// <param name="IsLinux">Whether this is Linux.</param>
/// <param name="UserName">The user this process runs as.</param>
/// <param name="IsRoot">Whether that user is root (who may install packages and run the tools as <c>postgres</c>).</param>
/// <param name="BinDirectory">The newest <c>/usr/lib/postgresql/*/bin</c> with <c>initdb</c> and <c>pg_ctl</c>; null when not installed.</param>
/// <param name="HasAptGet">Whether <c>apt-get</c> is on the path (Debian or a Debian-like Linux).</param>
internal sealed record PostgreSqlHost(string OperatingSystemName, bool IsLinux, string UserName, bool IsRoot, string? BinDirectory, bool HasAptGet)
{
    /// <summary>What an existing server's user must be allowed, unless the caller says more.</summary>
    public const string DefaultExternalServerNeeds = "whose user may create databases (CREATEDB)";

    /// <summary>How much of a tool's output a reason keeps (its end, where the error is).</summary>
    public const int ToolOutputLength = 500;

    /// <summary>The facts of this process.</summary>
    public static PostgreSqlHost OfThisProcess(string? binDirectory)
        => new(RuntimeInformation.OSDescription, OperatingSystem.IsLinux(), Environment.UserName, IsRootUser(), binDirectory, IsOnPath("apt-get"));

    /// <summary>Whether this process runs as root.</summary>
    public static bool IsRootUser() => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    /// <summary>
    /// Why no throw-away server can be started here before anything is tried; null when it is worth trying (PostgreSQL
    /// is installed, or this is root with apt-get to install it).
    /// </summary>
    public string? Obstacle()
    {
        if (!IsLinux)
        {
            return $"a throw-away server needs Linux (Debian's postgresql package), and this is {OperatingSystemName}";
        }

        if (BinDirectory is not null)
        {
            return null;
        }

        if (!HasAptGet)
        {
            return "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb) and there is no apt-get to install it with (not Debian or a Debian-like Linux)";
        }

        return IsRoot
            ? null
            : $"PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb) and this process runs as {UserName}, not root, so it cannot install it (apt-get install postgresql needs root)";
    }

    /// <summary>The whole reason: the cause, then how to run against an existing server instead.</summary>
    public static string Explain(string cause, string externalServerVariable, string externalServerNeeds)
        => $"No throw-away PostgreSQL server here: {cause}. To use an existing server instead, set {externalServerVariable} to a connection string of a server {externalServerNeeds}.";

    /// <summary>A tool's output on one line, cut to its last <see cref="ToolOutputLength"/> characters.</summary>
    public static string Shorten(string output)
    {
        var line = Regex.Replace(output.Trim(), @"\s*\n\s*", " | ");
        return line.Length == 0 ? "(no output)" : line.Length <= ToolOutputLength ? line : "…" + line[^ToolOutputLength..];
    }

    private static bool IsOnPath(string tool)
        => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, tool)));
}

/// <summary>No throw-away PostgreSQL server can be had here; the message says why and how to use an existing one.</summary>
internal sealed class PostgreSqlUnavailableException : InvalidOperationException
{
    /// <summary>Creates the exception with its reason.</summary>
    public PostgreSqlUnavailableException(string message)
        : base(message)
    {
    }
}
