using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Feed;
using BuyingJourney.Signals;
using Microsoft.Data.Sqlite;

namespace BuyingJourney.Sqlite.Tests.Support;

/// <summary>
/// The writer of <see cref="SqliteFeedCrashTests"/>: appends batches of signals to one journey with a changes factory
/// (one event per stored signal, naming it; the view counts the signals), printing <c>ACK &lt;version&gt;</c> after each
/// acknowledged append, until it is killed. It resumes from the stored version, so a test can run it again.
/// </summary>
internal static class FeedCrashChild
{
    /// <summary>The first argument that starts the test executable as this child; the second is the database path.</summary>
    public const string Argument = "--feed-crash-child";

    /// <summary>Signals per append.</summary>
    public const int BatchSize = 25;

    public static async Task<int> RunAsync(string path)
    {
        var store = new SqliteJourneyStore(new SqliteConnectionStringBuilder { DataSource = path }.ToString());
        var version = await store.GetVersionAsync(TestSignals.Tenant, TestSignals.JourneyId);
        while (true)
        {
            var batch = Enumerable.Range(0, BatchSize)
                .Select(i => TestSignals.At((version + i) / 100.0, string.Create(CultureInfo.InvariantCulture, $"s{version + i}")))
                .ToArray();
            version = (await store.AppendAsync(TestSignals.Tenant, TestSignals.JourneyId, version, batch, Changes)).Version;
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ACK {version}"));
            Console.Out.Flush();
        }
    }

    /// <summary>One status event per stored signal, naming it; the view is the number of signals stored.</summary>
    public static JourneyChanges Changes(System.Collections.Generic.IReadOnlyList<Signal> appended, string? view)
    {
        var stored = (view is null ? 0 : long.Parse(view, CultureInfo.InvariantCulture)) + appended.Count;
        var events = appended.Select(s => new JourneyEvent(s.JourneyId, JourneyEventTypes.StatusChanged, s.OccurredAt, s.Id, null, "Open", "Stalled"));
        return new JourneyChanges(events, stored.ToString(CultureInfo.InvariantCulture), null);
    }
}
