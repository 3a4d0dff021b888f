using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Signals;
using BuyingJourney.Stages;

namespace BuyingJourney.Analytics.Internal;

/// <summary>
/// One analysis: one tally, or with <see cref="PortfolioOptions.MaxDegreeOfParallelism"/> above 1 one tally per worker
/// fed batches of journeys from a bounded queue and merged at the end; the groups and the comparison are shared.
/// </summary>
internal sealed class PortfolioPass : IDisposable
{
    private const int BatchSize = 64;

    private readonly JourneyEngine _engine;
    private readonly StageMapping _mapping;
    private readonly PortfolioOptions _options;
    private readonly DateTimeOffset _asOf;
    private readonly JourneyEngine? _candidate;
    private readonly ComparisonSink? _comparison;
    private readonly GroupTable _configurations;
    private readonly GroupTable _patterns;

    public PortfolioPass(JourneyEngine engine, StageMapping mapping, PortfolioOptions options, DateTimeOffset asOf, JourneyEngine? candidate)
    {
        _engine = engine;
        _mapping = mapping;
        _options = options;
        _asOf = asOf;
        _candidate = candidate;
        _comparison = candidate is null ? null : new ComparisonSink();
        _configurations = new GroupTable(options.MaxGroups);
        _patterns = new GroupTable(options.MaxGroups);
    }

    public PortfolioTally Tally() => new(_engine, _mapping, _options, _asOf, _candidate, _comparison, _configurations, _patterns);

    /// <summary>Counts <paramref name="journeys"/>: on the calling thread with one worker, else on the workers.</summary>
    public PortfolioAnalysis Run(IEnumerable<IEnumerable<Signal>> journeys)
    {
        if (_options.MaxDegreeOfParallelism == 1)
        {
            var tally = Tally();
            long position = 0;
            foreach (var journey in journeys)
            {
                tally.Add(journey, position++);
            }

            return tally.Complete();
        }

        using var workers = new Workers(this, _options.MaxDegreeOfParallelism);
        foreach (var journey in journeys)
        {
            if (!workers.Add(journey))
            {
                break;
            }
        }

        return workers.Finish().Complete();
    }

    /// <summary>Counts <paramref name="journeys"/> on the workers (at least one) while the next ones are read, so reading and counting overlap.</summary>
    public async Task<PortfolioAnalysis> RunAsync(IAsyncEnumerable<IEnumerable<Signal>> journeys, CancellationToken cancellationToken)
    {
        using var workers = new Workers(this, _options.MaxDegreeOfParallelism);
        await foreach (var journey in journeys.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!workers.Add(journey))
            {
                break;
            }
        }

        return workers.Finish().Complete();
    }

    public void Dispose() => _comparison?.Dispose();

    /// <summary>Tallies on worker threads, fed batches of journeys through a bounded queue; merged when finished.</summary>
    private sealed class Workers : IDisposable
    {
        private readonly PortfolioTally[] _tallies;
        private readonly BlockingCollection<(IEnumerable<Signal>[] Batch, int Count, long First)> _queue;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task[] _tasks;
        private IEnumerable<Signal>[] _batch = new IEnumerable<Signal>[BatchSize];
        private int _count;
        private long _position;

        public Workers(PortfolioPass pass, int workers)
        {
            _tallies = [.. Enumerable.Range(0, workers).Select(_ => pass.Tally())];
            _queue = new(workers * 2);
            _tasks = [.. _tallies.Select(tally => Task.Factory.StartNew(() => Count(tally), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))];
        }

        /// <summary>Queues a journey; false when a worker failed (stop reading: <see cref="Finish"/> throws its error).</summary>
        public bool Add(IEnumerable<Signal> journey)
        {
            _batch[_count++] = journey;
            return _count < BatchSize || Flush();
        }

        /// <summary>Waits for the workers and merges their tallies; a worker's error is thrown here.</summary>
        public PortfolioTally Finish()
        {
            if (_count > 0)
            {
                Flush();
            }

            _queue.CompleteAdding();
            try
            {
                Task.WaitAll(_tasks);
            }
            catch (AggregateException aggregate)
            {
                ExceptionDispatchInfo.Capture(aggregate.InnerExceptions.First(e => e is not OperationCanceledException)).Throw();
            }

            for (var i = 1; i < _tallies.Length; i++)
            {
                _tallies[0].Merge(_tallies[i]);
            }

            return _tallies[0];
        }

        public void Dispose()
        {
            if (!_queue.IsAddingCompleted)
            {
                // The reader failed or was cancelled: stop the workers and wait for them.
                _stop.Cancel();
                _queue.CompleteAdding();
                try
                {
                    Task.WaitAll(_tasks);
                }
                catch (AggregateException)
                {
                    // The reader's own exception is the one that propagates.
                }
            }

            _queue.Dispose();
            _stop.Dispose();
        }

        private bool Flush()
        {
            try
            {
                _queue.Add((_batch, _count, _position), _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            _position += _count;
            _batch = new IEnumerable<Signal>[BatchSize];
            _count = 0;
            return true;
        }

        private void Count(PortfolioTally tally)
        {
            try
            {
                foreach (var (batch, count, first) in _queue.GetConsumingEnumerable(_stop.Token))
                {
                    for (var i = 0; i < count; i++)
                    {
                        tally.Add(batch[i], first + i);
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // Another worker or the reader failed; its exception is the one reported.
            }
            catch
            {
                _stop.Cancel();
                throw;
            }
        }
    }
}
