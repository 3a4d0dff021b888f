using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Running;

namespace BuyingJourney.Benchmarks;

/// <summary>
/// Entry point: <c>--quick</c> (optionally with <c>--skip-stores</c>, <c>--only-stores</c> or <c>--only-cluster</c>) prints the headline table from a Stopwatch harness; <c>--only-analytics</c> (with <c>--skip-stores</c> or <c>--stored N</c>) the portfolio rows;
/// anything else goes to BenchmarkDotNet's switcher (<c>--filter *Replay*</c>, <c>--job short</c>, <c>--list flat</c>...).
/// </summary>
public static class Program
{
    /// <summary>Runs quick mode or BenchmarkDotNet.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (Array.IndexOf(args, "--only-analytics") >= 0)
        {
            var at = Array.IndexOf(args, "--stored");
            if (at < 0)
            {
                return await QuickRun.RunAnalyticsAsync(skipStores: Array.IndexOf(args, "--skip-stores") >= 0).ConfigureAwait(false);
            }

            if (at + 1 >= args.Length || !int.TryParse(args[at + 1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var stored) || stored is < 1 or > QuickRun.Journeys)
            {
                Console.Error.WriteLine($"--stored takes how many journeys to store, 1 to {QuickRun.Journeys:N0}.");
                return 2;
            }

            return await QuickRun.RunAnalyticsAsync(skipStores: Array.IndexOf(args, "--skip-stores") >= 0, stored).ConfigureAwait(false);
        }

        if (Array.IndexOf(args, "--quick") >= 0)
        {
            return await QuickRun.RunAsync(
                skipStores: Array.IndexOf(args, "--skip-stores") >= 0,
                onlyStores: Array.IndexOf(args, "--only-stores") >= 0,
                onlyCluster: Array.IndexOf(args, "--only-cluster") >= 0).ConfigureAwait(false);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
