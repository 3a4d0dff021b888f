using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Feed;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;

namespace BuyingJourney.Testing;

/// <summary>
/// The writer that <see cref="JourneyStoreCrashSuite"/> kills: appends numbered batches of signals to one journey,
/// forever, and writes an acknowledgement line after each append the store returned. Call
/// <see cref="RunAsync"/> from the <c>Main</c> of a small console program that opens your store; the suite starts
/// that program, kills it mid-batch and checks the store.
/// </summary>
/// <remarks>
/// <para>Batch <c>n</c> holds <c>batchSize</c> signals with the ids <c>b{n:000000}-{i:0000}</c>, one minute apart, each
/// with a 200-character attribute so that an append takes a while. After an append returns, the writer writes the line
/// <c>ACK {n} {version}</c> (the batch number and the stream's new version) to the acknowledgements and flushes it:
/// a batch acknowledged there was stored, as far as the store told its caller. Each append also stores, in its
/// transaction, one change-feed event per signal (naming it) and the journey's feed view.</para>
/// <para>Started on a journey that already holds signals, the writer continues after them: its first batch number is
/// the stored version divided by <c>batchSize</c>. Stateless and thread-safe.</para>
/// </remarks>
public static class JourneyStoreCrashWriter
{
    /// <summary>The start of every acknowledgement line, followed by the batch number and the new version.</summary>
    internal const string AcknowledgementPrefix = "ACK ";

    /// <summary>The largest batch size <see cref="RunAsync"/> takes: 10,000 signals.</summary>
    public const int MaxBatchSize = 10_000;

    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Appends batch after batch to <paramref name="journeyId"/> of <paramref name="tenant"/>, each at the version the
    /// previous append returned, and writes <c>ACK {batch} {version}</c> to <paramref name="acknowledgements"/> after
    /// each; runs until <paramref name="cancellationToken"/> is cancelled, the store throws, or the process is killed.
    /// </summary>
    /// <param name="store">The store to write to.</param>
    /// <param name="tenant">The tenant.</param>
    /// <param name="journeyId">The journey to append to.</param>
    /// <param name="batchSize">The number of signals per batch: 1 to <see cref="MaxBatchSize"/>.</param>
    /// <param name="acknowledgements">Where the acknowledgement lines go, such as <see cref="Console.Out"/>.</param>
    /// <param name="cancellationToken">Stops the writer (the task then ends with <see cref="OperationCanceledException"/>).</param>
    /// <returns>A task that never completes successfully: it ends only with an exception.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> or <paramref name="acknowledgements"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is not between 1 and <see cref="MaxBatchSize"/>.</exception>
    public static async Task RunAsync(IJourneyStore store, string tenant, string journeyId, int batchSize, TextWriter acknowledgements, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(acknowledgements);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, MaxBatchSize);
        var version = await store.GetVersionAsync(tenant, journeyId, cancellationToken).ConfigureAwait(false);
        for (var batch = (int)(version / batchSize); ; batch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = await store.AppendAsync(tenant, journeyId, version, Batch(journeyId, batch, batchSize), (appended, view) => Changes(journeyId, appended, view), cancellationToken).ConfigureAwait(false);
            version = result.Version;
            await acknowledgements.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{AcknowledgementPrefix}{batch} {version}")).ConfigureAwait(false);
            await acknowledgements.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// What the writer stores with each append: one change-feed event per stored signal, naming it, and the journey's
    /// view, the number of signals stored so far (so a check can tell that signals, events and view were stored together).
    /// </summary>
    internal static JourneyChanges Changes(string journeyId, IReadOnlyList<Signal> appended, string? view)
    {
        var before = view is null ? 0 : long.Parse(view, NumberStyles.None, CultureInfo.InvariantCulture);
        return new JourneyChanges(
            appended.Select(s => new JourneyEvent(journeyId, JourneyEventTypes.TaskPhaseChanged, s.OccurredAt, s.Id, "crash-writer", null, null)),
            (before + appended.Count).ToString(CultureInfo.InvariantCulture),
            null);
    }

    /// <summary>The batch number in a signal id the writer made, or null for another id.</summary>
    internal static int? BatchOf(string signalId)
        => signalId.Length > 7 && signalId[0] == 'b' && signalId[7] == '-'
            && int.TryParse(signalId.AsSpan(1, 6), NumberStyles.None, CultureInfo.InvariantCulture, out var batch)
                ? batch
                : null;

    /// <summary>The batch number of an acknowledgement line, or null for another line.</summary>
    internal static int? Acknowledged(string line)
        => line.StartsWith(AcknowledgementPrefix, StringComparison.Ordinal)
            && line.Split(' ') is [_, var batch, _]
            && int.TryParse(batch, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? number
                : null;

    private static Signal[] Batch(string journeyId, int batch, int batchSize)
    {
        var signals = new Signal[batchSize];
        for (var i = 0; i < batchSize; i++)
        {
            signals[i] = new Signal(
                string.Create(CultureInfo.InvariantCulture, $"b{batch:000000}-{i:0000}"),
                journeyId,
                Start.AddMinutes(((long)batch * batchSize) + i),
                SignalTypes.RequirementsQuestion,
                source: "crash-writer",
                attributes: new Dictionary<string, string> { ["padding"] = new string('x', 200) });
        }

        return signals;
    }
}
