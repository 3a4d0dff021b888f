using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using BuyingJourney.Journeys;
using BuyingJourney.Signals;
using BuyingJourney.Testing;
using FsCheck;
using FsCheck.Xunit;
using FsCheck.Fluent;
using Xunit;
using static BuyingJourney.Tests.Properties.JourneyArbitraries;

namespace BuyingJourney.Tests.Properties;

/// <summary>
/// The engine's laws, checked on random signal streams (<see cref="JourneyArbitraries"/>), a few hundred cases each.
/// Each law is an internal static method, so <see cref="RegressionTests"/> can run all of them on pinned cases.
/// Split into partial files: folding (here: deterministic replay, order and repeats, incremental apply), refusals,
/// scores, fading and advice, loop-backs, phase thresholds, traces and time travel, and the generators' coverage.
/// </summary>
[Properties(Arbitrary = [typeof(JourneyArbitraries)])]
public sealed partial class JourneyPropertyTests
{


    private static readonly JourneyEngine Engine = JourneyEngine.CreateDefault();

    /// <summary>The default engine plus a rule that throws on every <see cref="BoomType"/> signal.</summary>
    private static readonly JourneyEngine BoomEngine = new JourneyEngineBuilder()
        .AddRule("boom", [BoomType], static (_, _) => throw new InvalidOperationException("boom"))
        .Build();

    /// <summary>The default engine keeping only the latest loop-back in the state (the count stays exact).</summary>
    private static readonly JourneyEngine ForgetfulEngine = new JourneyEngineBuilder()
        .Configure(static options => options.MaxLoopBacksRetained = 1)
        .Build();

    /// <summary>The engines whose folds the laws compare.</summary>
    private static readonly JourneyEngine[] Engines = [Engine, BoomEngine, ForgetfulEngine];

    [Property]
    public void Replay_SameSignalsTwice_GivesEqualStates(GeneratedJourney journey) => ReplayIsDeterministic(journey);

    /// <summary>The kit's law for every engine, and a fresh engine with the same definitions replays alike.</summary>
    internal static void ReplayIsDeterministic(GeneratedJourney journey)
    {
        foreach (var engine in Engines)
        {
            JourneyLaws.ReplayIsDeterministic(engine, journey);
        }

        AssertSameState(Engine.Replay(JourneyId, journey.Deliveries), JourneyEngine.CreateDefault().Replay(JourneyId, journey.Deliveries), "a replay by a fresh engine");
    }

    [Property]
    public void Replay_AnyPermutationWithRepeats_EqualsReplayOfSortedDistinctSignals(GeneratedJourney journey) => ReplayIgnoresOrderAndRepeats(journey);

    /// <summary>The kit's law for every engine.</summary>
    internal static void ReplayIgnoresOrderAndRepeats(GeneratedJourney journey)
    {
        foreach (var engine in Engines)
        {
            JourneyLaws.ReplayIgnoresOrderAndRepeats(engine, journey);
        }
    }

    [Property]
    public void Apply_SortedDistinctSignalsInOrder_EqualsReplay(GeneratedJourney journey) => ApplyInOrderEqualsReplay(journey);

    /// <summary>The kit's law for every engine; and only the boom rule's signals are refused, only by the engine that has it.</summary>
    internal static void ApplyInOrderEqualsReplay(GeneratedJourney journey)
    {
        foreach (var engine in Engines)
        {
            JourneyLaws.ApplyInOrderEqualsReplay(engine, journey);
            var state = engine.Start(JourneyId);
            foreach (var signal in journey.Canonical)
            {
                var result = engine.Apply(state, signal);
                var expected = engine == BoomEngine && signal.Type == BoomType ? SignalOutcome.RuleFailed : SignalOutcome.Applied;
                Assert.True(result.Outcome == expected, $"Apply({Code(signal)}) gave {result}; expected {expected}.");
                state = result.State;
            }
        }
    }

    /// <summary>Every law on one journey, with fixed later times and every signal's time as probes (for pinned regression cases).</summary>
    internal static void AllLaws(GeneratedJourney journey)
    {
        ArgumentNullException.ThrowIfNull(journey);
        TimeSpan[] offsets = [TimeSpan.Zero, TimeSpan.FromTicks(1), TimeSpan.FromHours(1), TimeSpan.FromDays(13), TimeSpan.FromDays(90), TimeSpan.FromDays(1100)];
        int[] picks = [.. Enumerable.Range(0, Math.Max(1, journey.Sorted.Length * 3))];
        ReplayIsDeterministic(journey);
        ReplayIgnoresOrderAndRepeats(journey);
        ApplyInOrderEqualsReplay(journey);
        RefusedSignalChangesNothing(journey);
        FailingRuleChangesNothing(journey);
        ScoresAreSane(journey, offsets);
        LoopBacksAreCountedExactly(journey);
        EverythingFades(journey);
        EveryActiveTaskHasAdvice(journey, offsets);
        TraceIsReplayStepByStep(journey);
        AssessFromSignalsIsReplayUpToThatTime(journey, picks, offsets);
        PhasesChangeAtTheirThresholds(journey);
        FadeTickIsWhereTheScoreCrossesDormancy(journey);
    }




    /// <summary>Fails with both states written out when they differ.</summary>
    private static void AssertSameState(JourneyState expected, JourneyState actual, string what)
    {
        if (!expected.Equals(actual))
        {
            Assert.Fail($"{what} differs from what was expected.\nexpected:\n{Describe(expected)}\nactual:\n{Describe(actual)}");
        }
    }

    /// <summary>Everything that state equality compares, one field a line.</summary>
    private static string Describe(JourneyState state)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"  {state.Status} since {state.StatusSince:O} by {state.StatusSignalId ?? "-"}; {state.SignalCount} signals ({state.UnrecognizedSignalCount} unrecognized), last {state.LastSignalId ?? "-"} at {state.LastSignalAt:O}; {state.LoopBackCount} loop-backs");
        text.AppendLine();
        for (var i = 0; i < state.Tasks.Length; i++)
        {
            var task = state.Tasks[i];
            text.Append(CultureInfo.InvariantCulture, $"  task {i}: {task.Phase} since {task.Since:O}, score {task.Score:R} at {task.ScoredAt:O}, {task.LoopBackCount} loop-backs, last evidence {task.LastEvidenceSignalId ?? "-"}");
            text.AppendLine();
        }

        foreach (var loopBack in state.LoopBacks)
        {
            text.Append("  ").Append(loopBack).AppendLine();
        }

        return text.ToString();
    }

    /// <summary>The latest time among <paramref name="signals"/>, or the epoch when there are none.</summary>
    private static DateTimeOffset LastTime(IEnumerable<Signal> signals)
        => signals.Select(static s => s.OccurredAt).DefaultIfEmpty(Epoch).Max();
}
