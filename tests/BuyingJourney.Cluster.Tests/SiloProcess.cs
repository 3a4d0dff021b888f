using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Testing.Shared;

namespace BuyingJourney.Cluster.Tests;

/// <summary>
/// samples/BuyingJourney.Cluster (its build output) running as a process of its own: a silo and the service on free
/// 127.0.0.1 ports, the store on PostgreSQL, clustered through Redis. Its output is kept for failure messages.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    /// <summary>The signing key of the tests' tokens.</summary>
    public const string SigningKey = "cluster-tests-signing-key-0123456789abcdef";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, string name, Uri address)
    {
        _process = process;
        Name = name;
        Address = address;
    }

    /// <summary>The sample's entry assembly, built with the tests (see the project file).</summary>
    public static string Sample { get; } = typeof(SiloProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ClusterSample").Value!;

    /// <summary>The name given (for messages).</summary>
    public string Name { get; }

    /// <summary>The service's address.</summary>
    public Uri Address { get; }

    /// <summary>What the process printed so far, its last 4,000 characters.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString(Math.Max(0, _output.Length - 4000), Math.Min(4000, _output.Length));
            }
        }
    }

    /// <summary>Starts the sample with the given store, Redis and extra settings (<c>Key=value</c>, as on its command line).</summary>
    public static SiloProcess Start(string name, string postgreSql, string redis, IEnumerable<string> settings)
    {
        var address = new Uri($"http://127.0.0.1:{ThrowawayPostgreSql.FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(Sample)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        string[] arguments =
        [
            Sample,
            "--urls", address.ToString().TrimEnd('/'),
            "--Store:Provider=PostgreSql",
            "--ConnectionStrings:Journeys=" + postgreSql,
            "--Cluster:Redis=" + redis,
            "--Cluster:SiloPort=" + ThrowawayPostgreSql.FreePort().ToString(CultureInfo.InvariantCulture),
            "--Cluster:GatewayPort=" + ThrowawayPostgreSql.FreePort().ToString(CultureInfo.InvariantCulture),
            "--Auth:SigningKey=" + SigningKey,
            .. settings.Select(s => "--" + s),
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the cluster sample.");
        var silo = new SiloProcess(process, name, address);
        process.OutputDataReceived += (_, e) => silo.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>A bearer token for a tenant, from the sample's own token command.</summary>
    public static async Task<string> TokenAsync(string tenant, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Sample, "token", tenant, "--Auth:SigningKey=" + SigningKey })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the cluster sample.");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"the token command failed ({process.ExitCode}): {error}");
    }

    /// <summary>Waits until the process's service answers and its silo counts <paramref name="silos"/> active silos.</summary>
    public async Task WaitForClusterAsync(HttpClient http, int silos, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        string last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                var active = await http.GetFromJsonAsync<string[]>(new Uri(Address, "/cluster/silos"), cancellationToken);
                if (active?.Length == silos)
                {
                    return;
                }

                last = string.Join(", ", active ?? []);
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            // An outside process: nothing to await but its answer.
            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"{Name} did not see {silos} active silos within {within} (last: {last}):\n{Output}");
    }

    /// <summary>Kills the process with SIGKILL: no shutdown, no goodbye to the cluster.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            if (_output.Length > 64_000)
            {
                _output.Remove(0, _output.Length - 32_000);
            }
        }
    }

    /// <summary>Stops the process (SIGKILL: the tests keep no state in it) if it still runs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
