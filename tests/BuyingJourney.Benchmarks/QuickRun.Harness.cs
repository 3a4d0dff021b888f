using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using BuyingJourney.Journeys;
using BuyingJourney.PostgreSql;
using BuyingJourney.Signals;
using Npgsql;

namespace BuyingJourney.Benchmarks;

// Quick mode, part: the Stopwatch harness (warm-up and timed runs, medians, GC figures) and the table.
public static partial class QuickRun
{
    private static Run Measure(string name, Action warmUp, int warmUps, int runs, Action body)
    {
        for (var i = 0; i < warmUps; i++)
        {
            warmUp();
        }

        var seconds = new double[runs];
        var allocated = new long[runs];
        var process = Process.GetCurrentProcess();
        var cpu = TimeSpan.Zero;
        var pause = TimeSpan.Zero;
        var collections = new int[3];
        for (var i = 0; i < runs; i++)
        {
            // Every run starts from a collected heap, outside the timing (as BenchmarkDotNet does by default): whatever
            // earlier runs left that is garbage by then is collected here, not inside whichever run happens to trigger it.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var pauseBefore = GC.GetTotalPauseDuration();
            int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            body();
            seconds[i] = clock.Elapsed.TotalSeconds;
            allocated[i] = GC.GetAllocatedBytesForCurrentThread() - bytes;
            process.Refresh();
            cpu += process.TotalProcessorTime - cpuBefore;
            pause += GC.GetTotalPauseDuration() - pauseBefore;
            for (var generation = 0; generation < 3; generation++)
            {
                collections[generation] += GC.CollectionCount(generation) - collectionsBefore[generation];
            }
        }

        var run = new Run(Median(seconds), Median(allocated.Select(a => (double)a).ToArray()));
        Log($"{name}: runs {string.Join(", ", seconds.Select(s => s.ToString("F3", Invariant)))} s, median {run.Seconds:F3} s; "
            + $"per run: CPU {cpu.TotalSeconds / runs:F2} s, GC pauses {pause.TotalSeconds / runs:F2} s, "
            + $"GCs gen0/1/2 {collections[0] / (double)runs:0.#}/{collections[1] / (double)runs:0.#}/{collections[2] / (double)runs:0.#}");
        return run;
    }

    private static async Task<Run> MeasureAsync(string name, int warmUps, int runs, Func<bool, Task<long>> body)
    {
        for (var i = 0; i < warmUps; i++)
        {
            await body(true).ConfigureAwait(false);
        }

        var seconds = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await body(false).ConfigureAwait(false);
            seconds[i] = clock.Elapsed.TotalSeconds;
        }

        var run = new Run(Median(seconds), 0);
        Log($"{name}: runs {string.Join(", ", seconds.Select(s => s.ToString("F3", Invariant)))} s; median {run.Seconds:F3} s");
        return run;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Describe(Signal[][] journeys)
    {
        long withStakeholder = 0;
        long total = 0;
        var won = 0;
        var lost = 0;
        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (var journey in journeys)
        {
            foreach (var signal in journey)
            {
                total++;
                types.Add(signal.Type);
                if (signal.Stakeholder is not null)
                {
                    withStakeholder++;
                }
            }

            won += journey[^1].Type == SignalTypes.DealWon ? 1 : 0;
            lost += journey[^1].Type == SignalTypes.DealLost ? 1 : 0;
        }

        return string.Create(
            Invariant,
            $"{types.Count} signal types, {withStakeholder * 100.0 / total:F0}% with a stakeholder, {won * 100.0 / journeys.Length:F0}% won, {lost * 100.0 / journeys.Length:F0}% lost");
    }

    private static string Rate(double perSecond) => perSecond.ToString("N0", Invariant) + " signals/s";

    private static void Log(FormattableString message) => Console.WriteLine("  " + message.ToString(Invariant));

    private static void Log(string message) => Console.WriteLine("  " + message);

    private static void Print(List<Row> rows)
    {
        var headers = new[] { "Measure", "Measured", "Target", "Verdict" };
        var cells = rows.Select(r => new[] { r.Name, r.Measured, r.Target, r.Met is null ? string.Empty : r.Met.Value ? "met" : "not met" }).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, cells.Max(c => c[i].Length))).ToArray();
        Console.WriteLine("| " + string.Join(" | ", headers.Select((h, i) => h.PadRight(widths[i]))) + " |");
        Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var row in cells)
        {
            Console.WriteLine("| " + string.Join(" | ", row.Select((c, i) => c.PadRight(widths[i]))) + " |");
        }
    }

    private readonly record struct Run(double Seconds, double AllocatedBytes);

    private sealed record Row(string Name, string Measured, string Target, bool? Met);
}
