using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Testing.Shared;

namespace BuyingJourney.Cluster.Tests;

/// <summary>
/// A Redis server of the tests' own: Debian's redis-server (installed with apt-get when missing, as root), started on a
/// free 127.0.0.1 port with nothing saved to disk, in a temporary folder; stopped by its pid on disposal.
/// </summary>
internal sealed class ThrowawayRedis : IAsyncDisposable
{
    private const string Server = "/usr/bin/redis-server";
    private static readonly TimeSpan AptTimeout = TimeSpan.FromMinutes(10);
    private readonly Process _process;
    private readonly string _directory;

    private ThrowawayRedis(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Address = $"127.0.0.1:{port}";
    }

    /// <summary>The server's address, as StackExchange.Redis takes it.</summary>
    public string Address { get; }

    /// <summary>Installs redis-server when needed and starts it.</summary>
    /// <exception cref="InvalidOperationException">It cannot be installed or does not start; the message says why.</exception>
    public static async Task<ThrowawayRedis> StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Server))
        {
            await InstallAsync(cancellationToken).ConfigureAwait(false);
        }

        var directory = Directory.CreateTempSubdirectory("buyingjourney-redis-").FullName;
        var port = ThrowawayPostgreSql.FreePort();
        var start = new ProcessStartInfo(Server)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start redis-server.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var redis = new ThrowawayRedis(process, directory, port);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
                return redis;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }

        await redis.DisposeAsync().ConfigureAwait(false);
        throw new InvalidOperationException($"redis-server did not accept connections on 127.0.0.1:{port} within 10 s.");
    }

    private static async Task InstallAsync(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            throw new InvalidOperationException($"redis-server is not installed ({Server}) and this process cannot install it: apt-get install redis-server needs root on Debian.");
        }

        foreach (var arguments in new[] { new[] { "-o", "DPkg::Lock::Timeout=300", "update" }, ["-o", "DPkg::Lock::Timeout=300", "install", "-y", "--no-install-recommends", "redis-server"] })
        {
            var start = new ProcessStartInfo("apt-get") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start apt-get.");
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(AptTimeout);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                var text = (await output.ConfigureAwait(false)) + (await error.ConfigureAwait(false));
                throw new InvalidOperationException($"apt-get {string.Join(' ', arguments)} failed (exit code {process.ExitCode}): {text[Math.Max(0, text.Length - 2000)..]}");
            }
        }
    }

    /// <summary>Stops the server (by its pid) and removes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
