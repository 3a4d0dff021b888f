using System;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace BuyingJourney.Sqlite.Tests.Support;

/// <summary>
/// The child process of <see cref="SqliteImmutableFileTests"/>: appends once, prints <c>READY</c>, waits for <c>GO</c>
/// on standard input (the test has made the files immutable meanwhile), then appends, reads and closes its pooled
/// connections, printing one line per step. Exits 0 when it got to the end.
/// </summary>
internal static class ImmutableFilesChild
{
    /// <summary>The first argument that starts the test executable as this child; the second is the database path.</summary>
    public const string Argument = "--immutable-files-child";

    public static async Task<int> RunAsync(string path)
    {
        var store = new SqliteJourneyStore(new SqliteConnectionStringBuilder { DataSource = path }.ToString());
        await store.AppendAsync(TestSignals.Tenant, TestSignals.JourneyId, 0, [TestSignals.At(0, "s1")]);
        Say("READY");
        if (Console.In.ReadLine() != "GO")
        {
            return 3;
        }

        await ReportAsync("append", () => store.AppendAsync(TestSignals.Tenant, TestSignals.JourneyId, 1, [TestSignals.At(1, "s2")]));
        await ReportAsync("read", () => store.ReadAsync(TestSignals.Tenant, TestSignals.JourneyId));

        // What the connection pool's idle pruning does a few minutes later: close the connections to the file.
        SqliteConnection.ClearAllPools();
        Say("CLOSED");
        return 0;
    }

    private static async Task ReportAsync(string step, Func<Task> call)
    {
        try
        {
            await call();
            Say(step + ": done");
        }
        catch (Exception ex)
        {
            Say($"{step}: {ex.GetType().FullName}: {ex.Message}");
        }
    }

    private static void Say(string line)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }
}
