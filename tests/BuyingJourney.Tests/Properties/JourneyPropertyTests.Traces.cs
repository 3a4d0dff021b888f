using System;
using System.Collections.Generic;
using System.Linq;
using BuyingJourney.Journeys;
using BuyingJourney.Testing;
using FsCheck.Xunit;
using Xunit;
using static BuyingJourney.Tests.Properties.JourneyArbitraries;

namespace BuyingJourney.Tests.Properties;

/// <summary>Laws 9 and 10: a trace is a replay that explains itself; assessing from signals is replaying up to a time.</summary>
public sealed partial class JourneyPropertyTests
{
    [Property]
    public void Trace_EveryStep_EqualsReplayOfThePrefix(GeneratedJourney journey) => TraceIsReplayStepByStep(journey);

    internal static void TraceIsReplayStepByStep(GeneratedJourney journey)
    {
        foreach (var engine in Engines)
        {
            var trace = engine.Trace(JourneyId, journey.Deliveries);
            AssertSameState(engine.Replay(JourneyId, journey.Deliveries), trace.State, "the trace's final state");
            Assert.Equal(journey.Sorted.Length, trace.Steps.Length);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < trace.Steps.Length; i++)
            {
                var step = trace.Steps[i];
                Assert.True(journey.Sorted[i].Equals(step.Signal), $"trace step {i} is {Code(step.Signal)}; journey order has {Code(journey.Sorted[i])}");
                var expected = !seen.Add(step.Signal.Id) ? SignalOutcome.Duplicate
                    : engine == BoomEngine && step.Signal.Type == BoomType ? SignalOutcome.RuleFailed
                    : SignalOutcome.Applied;
                Assert.True(step.Outcome == expected, $"trace step {Code(step.Signal)} is {step.Outcome}; expected {expected}");
                AssertSameState(engine.Replay(JourneyId, journey.Sorted.Take(i + 1)), step.State, $"the state after trace step {i} {Code(step.Signal)}");
            }
        }
    }

    [Property]
    public void Assess_FromSignalsAsOfATime_EqualsAssessOfReplayUpToThatTime(GeneratedJourney journey, int[] picks, TimeSpan[] offsets) => AssessFromSignalsIsReplayUpToThatTime(journey, picks, offsets);

    internal static void AssessFromSignalsIsReplayUpToThatTime(GeneratedJourney journey, int[] picks, TimeSpan[] offsets)
    {
        var last = LastTime(journey.Deliveries);
        var times = new List<DateTimeOffset> { Epoch.AddDays(-1) };
        times.AddRange(offsets.Select(o => last + o));
        if (!journey.Sorted.IsEmpty)
        {
            foreach (var pick in picks)
            {
                var at = journey.Sorted[pick % journey.Sorted.Length].OccurredAt;
                times.Add((pick / journey.Sorted.Length % 3) switch
                {
                    0 => at,
                    1 => at.AddTicks(-1),
                    _ => at.AddTicks(1),
                });
            }
        }

        foreach (var asOf in times)
        {
            var fromSignals = Engine.Assess(JourneyId, journey.Deliveries, asOf);
            var state = Engine.Replay(JourneyId, journey.Deliveries.Where(s => s.OccurredAt <= asOf));
            var fromState = Engine.Assess(state, asOf);
            var where = $"as of {asOf:O}";
            AssertSameState(state, fromSignals.State, $"the state behind Assess(journeyId, signals, {asOf:O})");
            Assert.True(fromSignals.HasEvidenceDetail && !fromState.HasEvidenceDetail, where);
            Assert.Equal(fromState.AsOf, fromSignals.AsOf);
            for (var i = 0; i < fromState.Tasks.Length; i++)
            {
                var expected = fromState.Tasks[i];
                var actual = fromSignals.Tasks[i];
                Assert.True(
                    expected.Phase == actual.Phase && expected.Score.Equals(actual.Score) && expected.Since == actual.Since && expected.LoopBackCount == actual.LoopBackCount,
                    $"{where}: from signals {actual} since {actual.Since:O}, from the replayed state {expected} since {expected.Since:O} (scores {actual.Score:R} vs {expected.Score:R})");
            }

            // The evidence explains the score: the decayed contributions since the last reset add up to it.
            foreach (var task in fromSignals.Tasks)
            {
                var sum = task.Evidence.Sum(static e => e.Contribution);
                Assert.True(
                    Math.Abs(sum - task.Score) <= 1e-9 * Math.Max(1, task.Score),
                    $"{where}: {task}'s evidence adds up to {sum:R}, its score is {task.Score:R}: {string.Join("; ", task.Evidence)}");
                Assert.True(task.Evidence.Select(static e => e.Contribution).SequenceEqual(task.Evidence.Select(static e => e.Contribution).OrderDescending()), $"{where}: {task}'s evidence is not largest first");
            }

            Assert.Equal(fromState.ActiveTasks, fromSignals.ActiveTasks);
            Assert.Equal(fromState.Advice.Select(static a => a.Code), fromSignals.Advice.Select(static a => a.Code));
        }
    }
}
