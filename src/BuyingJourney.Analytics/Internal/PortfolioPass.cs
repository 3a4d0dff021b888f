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

    public PortfolioAnalysis Run(IEnumerable<IEnumerable<Signal>> journeys)
    {
        var workers = _options.MaxDegreeOfParallelism;
        if (workers == 1)
        {
            var tally = Tally();
            long position = 0;
            foreach (var journey in journeys)
            {
                tally.Add(journey, position++);
            }

            return tally.Complete();
        }

        var tallies = Enumerable.Range(0, workers).Select(_ => Tally()).ToArray();
        using var queue = new BlockingCollection<(IEnumerable<Signal>[] Batch, int Count, long First)>(workers * 2);
        using var stop = new CancellationTokenSource();
        var tasks = tallies.Select(tally => Task.Factory.StartNew(
            () =>
            {
                try
                {
                    foreach (var (batch, count, first) in queue.GetConsumingEnumerable(stop.Token))
                    {
                        for (var i = 0; i < count; i++)
                        {
                            tally.Add(batch[i], first + i);
                        }
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // Another worker or the reader failed; its exception is the one reported.
                }
                catch
                {
                    stop.Cancel();
                    throw;
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();

        Exception? failure = null;
        try
        {
            long position = 0;
            var batch = new IEnumerable<Signal>[BatchSize];
            var count = 0;
            foreach (var journey in journeys)
            {
                batch[count++] = journey;
                if (count == BatchSize)
                {
                    queue.Add((batch, count, position), stop.Token);
                    position += count;
                    batch = new IEnumerable<Signal>[BatchSize];
                    count = 0;
                }
            }

            if (count > 0)
            {
                queue.Add((batch, count, position), stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // A worker failed; its exception is thrown below.
        }
        catch (Exception exception)
        {
            failure = exception;
            stop.Cancel();
        }
        finally
        {
            queue.CompleteAdding();
        }

        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException aggregate) when (failure is null)
        {
            ExceptionDispatchInfo.Capture(aggregate.InnerExceptions.First(e => e is not OperationCanceledException)).Throw();
        }
        catch (AggregateException)
        {
            // The reader's own failure is the one reported.
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }

        for (var i = 1; i < tallies.Length; i++)
        {
            tallies[0].Merge(tallies[i]);
        }

        return tallies[0].Complete();
    }

    public async Task<PortfolioAnalysis> RunAsync(IAsyncEnumerable<IEnumerable<Signal>> journeys, CancellationToken cancellationToken)
    {
        var tally = Tally();
        long position = 0;
        await foreach (var journey in journeys.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            tally.Add(journey, position++);
        }

        return tally.Complete();
    }

    public void Dispose() => _comparison?.Dispose();
}
