using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using BuyingJourney.Journeys;
using BuyingJourney.Signals;
using FsCheck;
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
public sealed partial class JourneyPropertyTests
{
    /// <summary>Cases per law: 300, or the number in the environment variable BUYINGJOURNEY_PROPERTY_CASES (for a deeper run).</summary>
    private static readonly int Cases =
        int.TryParse(Environment.GetEnvironmentVariable("BUYINGJOURNEY_PROPERTY_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var cases) && cases > 0 ? cases : 300;

    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true);

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

    [Fact]
    public void Replay_SameSignalsTwice_GivesEqualStates() => Check(ReplayIsDeterministic);

    internal static void ReplayIsDeterministic(JourneyCase journey)
    {
        var first = Engine.Replay(JourneyId, journey.Deliveries);
        var second = Engine.Replay(JourneyId, journey.Deliveries);
        AssertSameState(first, second, "a second replay of the same signals");
        Assert.Equal(first.GetHashCode(), second.GetHashCode());

        // The same again from a lazy sequence (not a collection) and from another engine with the same definitions.
        AssertSameState(first, Engine.Replay(JourneyId, journey.Deliveries.Select(static s => s)), "a replay of a lazy sequence");
        AssertSameState(first, JourneyEngine.CreateDefault().Replay(JourneyId, journey.Deliveries), "a replay by a fresh engine");
    }

    [Fact]
    public void Replay_AnyPermutationWithRepeats_EqualsReplayOfSortedDistinctSignals() => Check(ReplayIgnoresOrderAndRepeats);

    internal static void ReplayIgnoresOrderAndRepeats(JourneyCase journey)
    {
        var expected = Engine.Replay(JourneyId, journey.Canonical);
        AssertSameState(expected, Engine.Replay(JourneyId, journey.Deliveries), "the replay of the deliveries (shuffled, with repeats)");
        AssertSameState(expected, Engine.Replay(JourneyId, journey.Deliveries.Reverse()), "the replay of the deliveries reversed");
        AssertSameState(expected, Engine.Replay(JourneyId, [.. journey.Deliveries, .. journey.Deliveries]), "the replay of every delivery twice");
        AssertSameState(expected, Engine.Replay(JourneyId, journey.Sorted), "the replay of the sorted deliveries");
    }

    [Fact]
    public void Apply_SortedDistinctSignalsInOrder_EqualsReplay() => Check(ApplyInOrderEqualsReplay);

    internal static void ApplyInOrderEqualsReplay(JourneyCase journey)
    {
        foreach (var engine in Engines)
        {
            var state = engine.Start(JourneyId);
            foreach (var signal in journey.Canonical)
            {
                var result = engine.Apply(state, signal);
                var expected = engine == BoomEngine && signal.Type == BoomType ? SignalOutcome.RuleFailed : SignalOutcome.Applied;
                Assert.True(result.Outcome == expected, $"Apply({Code(signal)}) gave {result}; expected {expected}.");
                state = result.State;
            }

            AssertSameState(engine.Replay(JourneyId, journey.Canonical), state, "the state after applying the sorted distinct signals one by one");
        }
    }

    /// <summary>Every law on one journey, with fixed later times and every signal's time as probes (for pinned regression cases).</summary>
    internal static void AllLaws(JourneyCase journey)
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

    private static void Check(Action<JourneyCase> law) => global::FsCheck.Check.One(Runs, Prop.ForAll(JourneyCases(), law));

    private static void Check(Action<JourneyCase, TimeSpan[]> law) => global::FsCheck.Check.One(Runs, Prop.ForAll(JourneyCases(), LaterOffsets(), law));

    private static void Check(Action<JourneyCase, int[], TimeSpan[]> law) => global::FsCheck.Check.One(Runs, Prop.ForAll(JourneyCases(), Picks(), LaterOffsets(), law));

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
