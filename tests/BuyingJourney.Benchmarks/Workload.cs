using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using BuyingJourney.Journeys;
using BuyingJourney.Signals;

namespace BuyingJourney.Benchmarks;

/// <summary>The loops every harness times, shared so that quick mode and BenchmarkDotNet measure the same code.</summary>
public static class Workload
{
    /// <summary>Replays every journey on this thread with <see cref="JourneyEngine.Replay"/>.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="journeyIds">The journeys' ids.</param>
    /// <param name="journeys">The journeys' signals.</param>
    /// <param name="states">Receives one state per journey.</param>
    public static void Replay(JourneyEngine engine, string[] journeyIds, Signal[][] journeys, JourneyState[] states)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(journeyIds);
        ArgumentNullException.ThrowIfNull(journeys);
        ArgumentNullException.ThrowIfNull(states);
        ReplayRange(engine, journeyIds, journeys, states, 0, journeys.Length);
    }

    /// <summary>Replays every journey, split into <see cref="Environment.ProcessorCount"/> contiguous partitions run with <see cref="Parallel.For(int, int, Action{int})"/>.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="journeyIds">The journeys' ids.</param>
    /// <param name="journeys">The journeys' signals.</param>
    /// <param name="states">Receives one state per journey.</param>
    public static void ParallelReplay(JourneyEngine engine, string[] journeyIds, Signal[][] journeys, JourneyState[] states)
    {
        ArgumentNullException.ThrowIfNull(journeys);
        // Ranges of 1,000 journeys handed out as threads free up, so a thread the machine slows down does not hold the others back.
        Parallel.ForEach(
            Partitioner.Create(0, journeys.Length, 1_000),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            range => ReplayRange(engine, journeyIds, journeys, states, range.Item1, range.Item2));
    }

    /// <summary>Folds every journey with the minimal lifecycle-only baseline.</summary>
    /// <param name="baseline">The baseline.</param>
    /// <param name="journeys">The journeys' signals.</param>
    /// <returns>A checksum of the final task states, so the work cannot be optimised away.</returns>
    public static long Baseline(LifecycleBaseline baseline, Signal[][] journeys)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(journeys);
        long checksum = 0;
        foreach (var journey in journeys)
        {
            var tasks = baseline.Replay(journey);
            for (var t = 0; t < tasks.Length; t++)
            {
                checksum += tasks[t] << t;
            }
        }

        return checksum;
    }

    /// <summary>Applies each journey's signals one by one from <see cref="JourneyEngine.Start"/>.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="journeyIds">The journeys' ids.</param>
    /// <param name="journeys">The journeys' signals.</param>
    /// <returns>How many signals were applied (to check that none was refused).</returns>
    public static long Apply(JourneyEngine engine, string[] journeyIds, Signal[][] journeys)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(journeyIds);
        ArgumentNullException.ThrowIfNull(journeys);
        long applied = 0;
        for (var j = 0; j < journeys.Length; j++)
        {
            var state = engine.Start(journeyIds[j]);
            foreach (var signal in journeys[j])
            {
                var result = engine.Apply(state, signal);
                state = result.State;
                if (result.IsApplied)
                {
                    applied++;
                }
            }
        }

        return applied;
    }

    /// <summary>
    /// Folds every journey with the ceiling (the buying group included) and keeps each result in
    /// <paramref name="kept"/>, as <see cref="Replay"/> keeps the library's states: both pay for the results they leave
    /// alive (their promotion by the collector), not only for making them.
    /// </summary>
    /// <param name="ceiling">The ceiling.</param>
    /// <param name="journeys">The journeys' signals.</param>
    /// <param name="kept">Receives one result per journey (at least as long as <paramref name="journeys"/>).</param>
    /// <returns>A checksum of the final states, so the work cannot be optimised away.</returns>
    internal static long Ceiling(GroupScoringBaseline ceiling, Signal[][] journeys, GroupScoringBaseline.Journey[] kept)
    {
        long checksum = 0;
        for (var j = 0; j < journeys.Length; j++)
        {
            var journey = ceiling.Replay(journeys[j]);
            kept[j] = journey;
            checksum += journey.Checksum();
        }

        return checksum;
    }

    /// <summary>Applies each journey's signals one by one to a journey of the ceiling, in place.</summary>
    /// <param name="ceiling">The ceiling.</param>
    /// <param name="journeys">The journeys' signals.</param>
    /// <returns>A checksum of the final states.</returns>
    internal static long CeilingApply(GroupScoringBaseline ceiling, Signal[][] journeys)
    {
        long checksum = 0;
        foreach (var signals in journeys)
        {
            var journey = ceiling.Start();
            foreach (var signal in signals)
            {
                ceiling.Apply(journey, signal);
            }

            checksum += journey.Checksum();
        }

        return checksum;
    }

    /// <summary>Replaces every signal that names a stakeholder with the same signal naming none, in place.</summary>
    /// <param name="journeys">The journeys' signals.</param>
    public static void RemoveStakeholders(Signal[][] journeys)
    {
        ArgumentNullException.ThrowIfNull(journeys);
        foreach (var signals in journeys)
        {
            for (var s = 0; s < signals.Length; s++)
            {
                var signal = signals[s];
                if (signal.Stakeholder is not null)
                {
                    signals[s] = new Signal(signal.Id, signal.JourneyId, signal.OccurredAt, signal.Type, null, signal.Source, signal.Attributes);
                }
            }
        }
    }

    /// <summary>How many signals the journeys hold.</summary>
    /// <param name="journeys">The journeys' signals.</param>
    public static long Count(Signal[][] journeys)
    {
        ArgumentNullException.ThrowIfNull(journeys);
        long count = 0;
        foreach (var signals in journeys)
        {
            count += signals.Length;
        }

        return count;
    }

    /// <summary>The journeys' ids (the first signal's journey id of each).</summary>
    /// <param name="journeys">The journeys.</param>
    /// <returns>One id per journey.</returns>
    public static string[] JourneyIds(Signal[][] journeys)
    {
        ArgumentNullException.ThrowIfNull(journeys);
        var ids = new string[journeys.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = journeys[i][0].JourneyId;
        }

        return ids;
    }

    private static void ReplayRange(JourneyEngine engine, string[] journeyIds, Signal[][] journeys, JourneyState[] states, int from, int to)
    {
        for (var j = from; j < to; j++)
        {
            states[j] = engine.Replay(journeyIds[j], journeys[j]);
        }
    }
}
