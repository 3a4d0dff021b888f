using System;
using System.Collections.Generic;
using BuyingJourney.Journeys;
using BuyingJourney.Signals;
using BuyingJourney.Testing;
using FsCheck.Xunit;
using Xunit;
using static BuyingJourney.Tests.Properties.JourneyArbitraries;

namespace BuyingJourney.Tests.Properties;

/// <summary>Law 4: a refused signal changes nothing.</summary>
public sealed partial class JourneyPropertyTests
{
    [Property]
    public void Apply_DuplicateOrLateSignal_ReturnsTheSameStateInstance(GeneratedJourney journey) => RefusedSignalChangesNothing(journey);

    /// <summary>The kit's law for the default and the boom engine; and lateness is decided before any rule runs.</summary>
    internal static void RefusedSignalChangesNothing(GeneratedJourney journey)
    {
        JourneyLaws.RefusedSignalChangesNothing(Engine, journey);
        JourneyLaws.RefusedSignalChangesNothing(BoomEngine, journey);
        var boomState = BoomEngine.Start(JourneyId);
        foreach (var signal in journey.Canonical)
        {
            boomState = BoomEngine.Apply(boomState, signal).State;
            if (boomState.LastSignalAt is { } boomLast)
            {
                AssertRefused(BoomEngine, boomState, new Signal("!boom", JourneyId, boomLast, BoomType), SignalOutcome.Late);
            }
        }
    }

    [Property]
    public void Apply_SignalWhoseRuleThrows_IsRefusedAndReplayIgnoresIt(GeneratedJourney journey) => FailingRuleChangesNothing(journey);

    internal static void FailingRuleChangesNothing(GeneratedJourney journey)
    {
        var state = BoomEngine.Start(JourneyId);
        foreach (var signal in journey.Canonical)
        {
            if (signal.Type == BoomType)
            {
                var refused = AssertRefused(BoomEngine, state, signal, SignalOutcome.RuleFailed);
                Assert.Contains("boom", refused.Reason, StringComparison.Ordinal);
                continue;
            }

            state = BoomEngine.Apply(state, signal).State;
            AssertRefused(BoomEngine, state, new Signal("zz-boom", JourneyId, signal.OccurredAt, BoomType), SignalOutcome.RuleFailed);
        }

        var withBoom = BoomEngine.Replay(JourneyId, journey.Deliveries);
        AssertSameState(withBoom, state, "the state after applying the sorted distinct signals, boom ones refused");
        AssertSameState(BoomEngine.Replay(JourneyId, WithoutBoom(journey)), withBoom, "the replay without the boom signals");
        AssertSameState(Engine.Replay(JourneyId, WithoutBoom(journey)), withBoom, "the default engine's replay without the boom signals");

        // A trace refuses them too, and a refused step leaves the journey as it was.
        var previous = BoomEngine.Start(JourneyId);
        foreach (var step in BoomEngine.Trace(JourneyId, journey.Deliveries).Steps)
        {
            if (step.Signal.Type == BoomType)
            {
                Assert.True(step.Outcome is SignalOutcome.RuleFailed or SignalOutcome.Duplicate, $"trace step {Code(step.Signal)} is {step.Outcome}");
            }

            if (step.Outcome != SignalOutcome.Applied)
            {
                Assert.True(step.Transitions.IsEmpty && step.LoopBacks.IsEmpty && step.Evidence.IsEmpty, $"refused trace step {Code(step.Signal)} reports changes");
                AssertSameState(previous, step.State, $"the state after refused trace step {Code(step.Signal)}");
            }

            previous = step.State;
        }
    }

    private static ApplyResult AssertRefused(JourneyEngine engine, JourneyState state, Signal signal, SignalOutcome expected)
    {
        var result = engine.Apply(state, signal);
        Assert.True(result.Outcome == expected, $"Apply({Code(signal)}) after {state.LastSignalId ?? "nothing"} gave {result}; expected {expected}.");
        Assert.False(result.IsApplied);
        Assert.True(ReferenceEquals(state, result.State), $"Apply({Code(signal)}) was refused ({expected}) but returned another state instance.");
        Assert.False(string.IsNullOrWhiteSpace(result.Reason), "a refusal must say why");
        Assert.True(result.Evidence.IsEmpty && result.Transitions.IsEmpty && result.LoopBacks.IsEmpty, $"refused Apply({Code(signal)}) reports changes");
        return result;
    }
}
