using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Feed;
using BuyingJourney.Persistence;
using Xunit;

namespace BuyingJourney.Testing;

/// <summary>
/// The crash rules of the <see cref="IJourneyStore"/> contract, as an xunit test: a writer process killed with SIGKILL
/// in the middle of an append leaves no batch half-written, and every batch the store acknowledged is stored, with
/// the change-feed events and view its append stored in the same transaction (no signal without its event, no event
/// without its signal). Derive a
/// test class from it once per durable store.
/// </summary>
/// <remarks>
/// <para>The writer is a console program of yours that opens your store on the storage this test class set up and calls
/// <see cref="JourneyStoreCrashWriter.RunAsync"/> with the tenant, journey and batch size it was started with, writing
/// the acknowledgements to its standard output. Override <see cref="CreateWriterStartInfo"/> to say how to start it
/// (for example <c>dotnet MyStore.CrashWriter.dll &lt;connection string&gt; &lt;tenant&gt; &lt;journey&gt; &lt;batch
/// size&gt;</c>) and <see cref="OpenStore"/> to open the same storage in the test process.</para>
/// <para>xunit creates a new instance of the derived class for every test: set up fresh, empty storage in its
/// constructor and remove it in <see cref="IDisposable.Dispose"/>. The test starts the writer twice, so it takes a few
/// seconds; killing a process needs a platform that can (on Linux and macOS a kill is SIGKILL, on Windows
/// TerminateProcess; either way nothing of the writer runs after it).</para>
/// </remarks>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Test names read Member_Scenario_Expected in test reports.")]
public abstract class JourneyStoreCrashSuite
{
    private const string Tenant = "tenant-crash";
    private const string Journey = "journey-crash";
    private static readonly TimeSpan AcknowledgementTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The number of signals the writer appends per batch.</summary>
    /// <value>200: big enough that an append takes a while, so the kill lands inside one.</value>
    protected virtual int BatchSize => 200;

    /// <summary>
    /// How to start the writer process: a program that opens the store on this test's storage and runs
    /// <see cref="JourneyStoreCrashWriter.RunAsync"/> with <paramref name="tenant"/>, <paramref name="journeyId"/> and
    /// <paramref name="batchSize"/>, writing to its standard output. Called once for each start of the writer.
    /// </summary>
    /// <param name="tenant">The tenant the writer must write to.</param>
    /// <param name="journeyId">The journey the writer must append to.</param>
    /// <param name="batchSize">The batch size the writer must use (<see cref="BatchSize"/>).</param>
    /// <returns>The start information; the test redirects the standard output and error itself.</returns>
    protected abstract ProcessStartInfo CreateWriterStartInfo(string tenant, string journeyId, int batchSize);

    /// <summary>
    /// A store on the storage the writer writes to, for checking it after the writer was killed. Called after each
    /// kill; a store that is <see cref="IAsyncDisposable"/> or <see cref="IDisposable"/> is disposed after the check.
    /// </summary>
    /// <returns>The store to check.</returns>
    protected abstract IJourneyStore OpenStore();

    /// <summary>
    /// Waits, after the writer was killed and before the store is checked, until the storage is done with the writer:
    /// a database server may still commit the batch a killed client had sent (PostgreSQL does), so wait there until
    /// the writer's sessions have ended.
    /// </summary>
    /// <param name="cancellationToken">The test's cancellation token.</param>
    /// <returns>A task that ends when the store can be checked; the default ends at once.</returns>
    protected virtual Task WaitForWriterSessionsToEndAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// A writer killed in the middle of an append leaves every batch whole or absent, never half-written, and every
    /// batch the store acknowledged is stored, under versions 1 to N without gaps and with each signal id once. A writer
    /// started again on the same journey continues after what is stored, and the same holds when it is killed again.
    /// </summary>
    [Fact]
    public async Task Writer_KilledMidBatchTwice_NoHalfBatchAndEveryAcknowledgedBatchStored()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var first = await RunAndKillAsync(5, cancellationToken);
        await WaitForWriterSessionsToEndAsync(cancellationToken);
        var afterFirst = await VerifyAsync(first, cancellationToken);

        // Restart: a new writer process opens the storage (recovering whatever the kill left) and resumes from the
        // stored version.
        var second = await RunAndKillAsync(3, cancellationToken);
        await WaitForWriterSessionsToEndAsync(cancellationToken);
        var afterSecond = await VerifyAsync([.. first, .. second], cancellationToken);

        Assert.True(afterFirst >= 5 * BatchSize, $"{afterFirst} signals stored after 5 acknowledged batches of {BatchSize}");
        Assert.True(afterSecond >= afterFirst + (3 * BatchSize), $"{afterSecond} signals stored after 3 more acknowledged batches; {afterFirst} before");
        Assert.True(second.Min() * (long)BatchSize >= afterFirst, "the restarted writer continued after what was stored");
    }

    /// <summary>Starts the writer, waits for <paramref name="acknowledgements"/> acknowledged batches, kills it a moment into the next, and returns every acknowledged batch number.</summary>
    private async Task<IReadOnlyList<int>> RunAndKillAsync(int acknowledgements, CancellationToken cancellationToken)
    {
        var start = CreateWriterStartInfo(Tenant, Journey, BatchSize) ?? throw new InvalidOperationException($"{nameof(CreateWriterStartInfo)} returned null.");
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start the crash writer \"{start.FileName}\".");
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var acked = new List<int>();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(AcknowledgementTimeout);
            while (acked.Count < acknowledgements)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    await process.WaitForExitAsync(CancellationToken.None);
                    Assert.Fail($"the crash writer \"{start.FileName}\" ended after {acked.Count} acknowledged batches (exit code {process.ExitCode}): {await errors}");
                }

                if (JourneyStoreCrashWriter.Acknowledged(line) is { } batch)
                {
                    acked.Add(batch);
                }
            }

            // The writer goes straight on to its next batch: kill it a moment into that append.
            await Task.Delay(Random.Shared.Next(1, 15), cancellationToken);
        }
        finally
        {
            process.Kill(entireProcessTree: true); // SIGKILL on Linux: no clean-up runs in the writer.
            await process.WaitForExitAsync(CancellationToken.None);
        }

        // Acknowledgements written after the last one read are acknowledged too.
        string? rest;
        while ((rest = await process.StandardOutput.ReadLineAsync(CancellationToken.None)) is not null)
        {
            if (JourneyStoreCrashWriter.Acknowledged(rest) is { } batch)
            {
                acked.Add(batch);
            }
        }

        return acked;
    }

    /// <summary>
    /// Checks that the change feed was stored with the signals: every stored signal has its event and no event lacks its
    /// signal, the feed's positions run 1 to N, and the journey's view counts exactly the stored signals.
    /// </summary>
    private static async Task VerifyFeedAsync(IJourneyStore store, IReadOnlyList<StoredSignal> stored, CancellationToken cancellationToken)
    {
        var events = new List<StoredJourneyEvent>();
        while (true)
        {
            var page = await store.ReadEventsAsync(Tenant, events.Count == 0 ? 0 : events[^1].Position, 10_000, cancellationToken: cancellationToken);
            events.AddRange(page);
            if (page.Count < 10_000)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(1, events.Count).Select(p => (long)p), events.Select(e => e.Position));
        var signalIds = stored.Select(s => s.Signal.Id).ToHashSet(StringComparer.Ordinal);
        var eventSignals = events.Select(e => e.Event.SignalId ?? "(none)").ToHashSet(StringComparer.Ordinal);
        Assert.True(eventSignals.SetEquals(signalIds), $"{stored.Count} signals and {events.Count} events are stored; {signalIds.Except(eventSignals).Count()} signals lack their event, {eventSignals.Except(signalIds).Count()} events lack their signal");
        Assert.Equal(events.Count, eventSignals.Count);
        string? view = null;
        await store.AppendAsync(Tenant, Journey, stored.Count, [], (_, current) =>
        {
            view = current;
            return new JourneyChanges([], current ?? "0", null);
        }, cancellationToken);
        Assert.Equal(stored.Count.ToString(CultureInfo.InvariantCulture), view);
    }

    /// <summary>Checks the journey after a kill and returns the number of signals stored.</summary>
    private async Task<int> VerifyAsync(IReadOnlyCollection<int> acknowledged, CancellationToken cancellationToken)
    {
        var store = OpenStore() ?? throw new InvalidOperationException($"{nameof(OpenStore)} returned null.");
        try
        {
            var stored = await store.ReadAsync(Tenant, Journey, cancellationToken: cancellationToken);
            Assert.Equal(Enumerable.Range(1, stored.Count).Select(v => (long)v), stored.Select(s => s.Version));
            Assert.Equal(stored.Count, await store.GetVersionAsync(Tenant, Journey, cancellationToken));
            Assert.Equal(stored.Count, stored.Select(s => s.Signal.Id).Distinct(StringComparer.Ordinal).Count());
            var batches = stored
                .GroupBy(s => JourneyStoreCrashWriter.BatchOf(s.Signal.Id) ?? throw new InvalidOperationException($"signal \"{s.Signal.Id}\" was not written by the crash writer."))
                .ToDictionary(g => g.Key, g => g.Count());
            Assert.All(batches, batch => Assert.True(batch.Value == BatchSize, $"batch {batch.Key} is half-written: {batch.Value} of its {BatchSize} signals are stored"));
            Assert.All(acknowledged, batch => Assert.True(batches.ContainsKey(batch), $"acknowledged batch {batch} is missing"));
            await VerifyFeedAsync(store, stored, cancellationToken);
            return stored.Count;
        }
        finally
        {
            if (store is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else if (store is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
    }
}
