using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Sqlite.Tests.Support;
using Xunit;
using static BuyingJourney.Sqlite.Tests.Support.TestSignals;

namespace BuyingJourney.Sqlite.Tests;

/// <summary>
/// A writer of signals with their change-feed events (this test executable started as <see cref="FeedCrashChild"/>)
/// killed with SIGKILL mid-batch, several times: afterwards every stored signal has its event and no event lacks its
/// signal, positions have no gap, and the journey's feed view counts exactly the stored signals.
/// </summary>
public sealed class SqliteFeedCrashTests : IDisposable
{
    private const int Rounds = 4;

    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task WriterKilledMidBatch_LeavesEveryStoredSignalWithItsEventAndNoEventWithoutItsSignal()
    {
        var ct = TestContext.Current.CancellationToken;
        var random = new Random(20261203);
        long acknowledged = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BuyingJourney.Sqlite.Tests.dll"));
            start.ArgumentList.Add(FeedCrashChild.Argument);
            start.ArgumentList.Add(_db.Path);
            using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the writer");
            try
            {
                // Let it acknowledge a few batches, then kill it at a random moment of a later one.
                for (var acks = 0; acks < 3; acks++)
                {
                    var line = await child.StandardOutput.ReadLineAsync(ct) ?? throw new InvalidOperationException("the writer ended: " + await child.StandardError.ReadToEndAsync(ct));
                    acknowledged = long.Parse(line["ACK ".Length..], CultureInfo.InvariantCulture);
                }

                await Task.Delay(random.Next(0, 20), ct);
            }
            finally
            {
                child.Kill();
                await child.WaitForExitAsync(ct);
            }

            var store = _db.CreateStore();
            var version = await store.GetVersionAsync(Tenant, JourneyId, ct);
            var signals = await store.ReadAsync(Tenant, JourneyId, cancellationToken: ct);
            var events = await store.ReadEventsAsync(Tenant, limit: 10_000, cancellationToken: ct);
            Assert.True(version >= acknowledged, $"round {round}: version {version} is below the acknowledged {acknowledged}");
            Assert.Equal(0, version % FeedCrashChild.BatchSize);
            Assert.Equal(signals.Select(s => s.Signal.Id), events.Select(e => e.Event.SignalId));
            Assert.Equal(Enumerable.Range(1, events.Count).Select(p => (long)p), events.Select(e => e.Position));
            Assert.Equal(version.ToString(CultureInfo.InvariantCulture), _db.Scalar("SELECT view FROM feeds;"));
        }
    }
}
