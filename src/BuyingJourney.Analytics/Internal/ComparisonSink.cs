using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using BuyingJourney.Assessment;

namespace BuyingJourney.Analytics.Internal;

/// <summary>
/// Feeds the journeys' diffs, as the pass makes them, to the core's own sum (<see cref="ReinterpretationSummary.Of"/>)
/// running beside the pass: a bounded queue between the two, so memory stays bounded however many journeys there are.
/// </summary>
internal sealed class ComparisonSink : IDisposable
{
    private const int Capacity = 1024;

    private readonly BlockingCollection<JourneyDiff> _queue = new(Capacity);
    private readonly Task<ReinterpretationSummary> _summary;

    public ComparisonSink()
        => _summary = Task.Factory.StartNew(() => ReinterpretationSummary.Of(_queue.GetConsumingEnumerable()), TaskCreationOptions.LongRunning);

    public void Add(JourneyDiff diff) => _queue.Add(diff);

    /// <summary>The sum of every diff added.</summary>
    public ReinterpretationSummary Complete()
    {
        _queue.CompleteAdding();
        return _summary.GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        if (!_queue.IsAddingCompleted)
        {
            _queue.CompleteAdding();
        }

        _summary.ContinueWith(static _ => { }, TaskScheduler.Default).Wait();
        _queue.Dispose();
    }
}
