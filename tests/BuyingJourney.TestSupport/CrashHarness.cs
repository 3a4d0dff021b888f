using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using Xunit;

namespace BuyingJourney.Testing;

/// <summary>
/// Runs BuyingJourney.CrashWriter (a child process that appends batches in a loop), kills it with SIGKILL while it
/// is appending, and checks the store: nothing half-written, every acknowledged batch there. The test project must
/// reference tests/BuyingJourney.CrashWriter so its build output sits next to the tests.
/// </summary>
public static class CrashHarness
{
    /// <summary>Starts the writer, waits for <paramref name="acknowledgements"/> acknowledged batches, kills it mid-batch, and returns the acknowledged batch numbers.</summary>
    /// <param name="arguments">The writer's arguments: kind, connection string, tenant, journey, batch size[, schema].</param>
    /// <param name="acknowledgements">How many acknowledged batches to wait for before the kill.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static async Task<IReadOnlyList<int>> RunAndKillAsync(IReadOnlyList<string> arguments, int acknowledgements, CancellationToken cancellationToken)
    {
        var writer = Path.Combine(AppContext.BaseDirectory, "BuyingJourney.CrashWriter.dll");
        Assert.True(File.Exists(writer), $"{writer} is missing: reference tests/BuyingJourney.CrashWriter from the test project.");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(writer);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the crash writer");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var acked = new List<int>();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(2));
            while (acked.Count < acknowledgements)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    Assert.Fail($"the crash writer ended early (exit code {(process.HasExited ? process.ExitCode : -1)}): {await errors}");
                }

                if (line.StartsWith("ACK ", StringComparison.Ordinal))
                {
                    acked.Add(int.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            // The writer goes straight on to its next batch: kill it a moment into that append.
            await Task.Delay(Random.Shared.Next(1, 15), cancellationToken);
        }
        finally
        {
            process.Kill(entireProcessTree: true); // SIGKILL on Linux: no clean-up runs in the child.
            await process.WaitForExitAsync(CancellationToken.None);
        }

        // Acknowledgements printed after the last one read are also acknowledged.
        string? rest;
        while ((rest = await process.StandardOutput.ReadLineAsync(CancellationToken.None)) is not null)
        {
            if (rest.StartsWith("ACK ", StringComparison.Ordinal))
            {
                acked.Add(int.Parse(rest.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return acked;
    }

    /// <summary>
    /// Checks the journey after a crash: versions run 1..N without gaps, every batch is whole or absent (no half-written
    /// batch), and every acknowledged batch is there. Returns the number of stored signals.
    /// </summary>
    public static async Task<int> VerifyAsync(IJourneyStore store, string tenant, string journey, int batchSize, IReadOnlyCollection<int> acknowledged, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(tenant, journey, cancellationToken: cancellationToken);
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(v => (long)v), stored.Select(s => s.Version));
        Assert.Equal(stored.Count, await store.GetVersionAsync(tenant, journey, cancellationToken));
        var batches = stored.GroupBy(s => int.Parse(s.Signal.Id[1..7], System.Globalization.CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(batches, batch => Assert.Equal(batchSize, batch.Value));
        Assert.All(acknowledged, batch => Assert.True(batches.ContainsKey(batch), $"acknowledged batch {batch} is missing"));
        Assert.Equal(stored.Count, stored.Select(s => s.Signal.Id).Distinct(StringComparer.Ordinal).Count());
        return stored.Count;
    }
}
