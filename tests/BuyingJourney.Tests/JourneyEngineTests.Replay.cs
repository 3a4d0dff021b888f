using System;
using System.Linq;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests;

/// <summary>Replay and Trace.</summary>
public sealed partial class JourneyEngineTests
{
    private static readonly Signal[] Story = Script(
        (0, SignalTypes.ProblemStated),
        (1, SignalTypes.ProblemDefined),
        (2, SignalTypes.SolutionResearched),
        (3, SignalTypes.ProblemMetricMissed),
        (3, SignalTypes.RequirementsQuestion),
        (6, "custom.unknown"),
        (8, SignalTypes.BudgetFrozen),
        (20, SignalTypes.ReferenceRequested),
        (60, SignalTypes.DemoRequested));

    [Fact]
    public void Replay_SignalsInJourneyOrder_EqualsApplyingThemOneByOne()
    {
        var applied = ApplyAll(Engine, Story);

        var replayed = Engine.Replay(JourneyId, Story);

        Assert.Equal(applied, replayed);
        Assert.Equal(Story.Length, replayed.SignalCount);
        Assert.Equal(1, replayed.LoopBackCount);
    }

    [Fact]
    public void Replay_AfterAJourneyWithLoopBacksAndAGroup_StartsTheNextFromNothing()
    {
        // Replays on one thread share a working copy: nothing of the first journey (loop-backs, buying group,
        // counts, status) may reach the second.
        Signal[] first = [.. Story, new Signal("g1", JourneyId, Day(61), SignalTypes.ProblemStated, new Stakeholder("ann", "decision-maker"))];
        Signal[] second = [new Signal("n1", "other", Day(0), SignalTypes.ProblemStated)];
        var fresh = ApplyEach(Engine, "other", second);

        var before = Engine.Replay(JourneyId, first);
        var replayed = Engine.Replay("other", second);

        Assert.NotEmpty(before.LoopBacks);
        Assert.NotEmpty(before.BuyingGroup);
        Assert.Equal(fresh, replayed);
        Assert.Empty(replayed.LoopBacks);
        Assert.Empty(replayed.BuyingGroup);
        Assert.Equal(1, replayed.SignalCount);
        Assert.Equal(Engine.ReplayFrom(before, second.Select(s => new Signal(s.Id, JourneyId, Day(70), s.Type))).LoopBacks, before.LoopBacks);
    }

    [Fact]
    public void Replay_SignalsInAnyOrder_AreSortedIntoJourneyOrder()
    {
        var shuffled = Story.AsEnumerable().Reverse().ToArray();
        (shuffled[1], shuffled[4]) = (shuffled[4], shuffled[1]);

        var replayed = Engine.Replay(JourneyId, shuffled);

        Assert.Equal(ApplyAll(Engine, Story), replayed);
        Assert.Equal("s9", replayed.LastSignalId);
    }

    [Fact]
    public void Replay_SameInstantInDifferentOffsets_SortsByInstantThenId()
    {
        var b = new Signal("b", JourneyId, Day0.ToOffset(TimeSpan.FromHours(-8)), SignalTypes.SolutionResearched);
        var a = new Signal("a", JourneyId, Day0.ToOffset(TimeSpan.FromHours(5)), SignalTypes.ProblemStated);

        var replayed = Engine.Replay(JourneyId, [b, a]);

        Assert.Equal("b", replayed.LastSignalId);
        Assert.Equal(ApplyAll(Engine, [a, b]), replayed);
    }

    [Fact]
    public void Replay_RepeatedIds_AreDropped()
    {
        var withRepeats = Story.Concat(Story.Take(4)).Append(Story[^1]).ToArray();

        var replayed = Engine.Replay(JourneyId, withRepeats);

        Assert.Equal(Engine.Replay(JourneyId, Story), replayed);
        Assert.Equal(Story.Length, replayed.SignalCount);
    }

    [Fact]
    public void Replay_InOrderArrayWithRepeats_DropsThemAndLeavesTheArrayAlone()
    {
        // In journey order already, so replay reads the caller's array where it is: the repeats (one at the same
        // time, one later with other content) must be dropped without touching it.
        Signal[] withRepeats = [Story[0], Story[0], .. Story[1..5], At(4, Story[1].Id, SignalTypes.DealLost), .. Story[5..]];
        var copy = withRepeats.ToArray();

        var replayed = Engine.Replay(JourneyId, withRepeats);

        Assert.Equal(Engine.Replay(JourneyId, Story), replayed);
        Assert.Equal(copy, withRepeats);
    }

    [Fact]
    public void Replay_ConflictingCopiesOfOneId_KeepsTheFirstInJourneyOrderWhateverTheInputOrder()
    {
        var early = At(1, "dup", SignalTypes.SolutionResearched);
        var late = At(5, "dup", SignalTypes.DealLost);
        var first = At(0, "s1", SignalTypes.ProblemStated);

        var one = Engine.Replay(JourneyId, [late, first, early]);
        var other = Engine.Replay(JourneyId, [early, late, first]);

        Assert.Equal(one, other);
        Assert.Equal(2, one.SignalCount);
        Assert.Equal(Day(1), one.LastSignalAt);
        Assert.Equal(JourneyStatus.Open, one.Status);
    }

    [Fact]
    public void Replay_NoSignals_EqualsStart()
    {
        Assert.Equal(Engine.Start(JourneyId), Engine.Replay(JourneyId, []));
    }

    [Fact]
    public void Replay_LazySequence_IsReadOnce()
    {
        var reads = 0;
        var lazy = Story.Select(signal =>
        {
            reads++;
            return signal;
        });

        var replayed = Engine.Replay(JourneyId, lazy);

        Assert.Equal(Engine.Replay(JourneyId, Story), replayed);
        Assert.Equal(Story.Length, reads);
    }

    [Fact]
    public void Replay_SignalOfAnotherJourney_ThrowsNamingSignals()
    {
        var ex = Assert.Throws<ArgumentException>(() => Engine.Replay(JourneyId, [At(0, "s1", "t"), new Signal("s2", "k", Day0, "t")]));

        Assert.Equal("signals", ex.ParamName);
        Assert.Contains("s2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_NullSignal_ThrowsNamingItsPosition()
    {
        var ex = Assert.Throws<ArgumentException>(() => Engine.Replay(JourneyId, [At(0, "s1", "t"), null!]));

        Assert.Equal("signals", ex.ParamName);
        Assert.Contains("signals[1]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_NullOrBadArguments_ThrowNamingTheParameter()
    {
        Assert.Equal("journeyId", Assert.Throws<ArgumentNullException>(() => Engine.Replay(null!, Story)).ParamName);
        Assert.Equal("journeyId", Assert.Throws<ArgumentException>(() => Engine.Replay(" ", Story)).ParamName);
        Assert.Equal("signals", Assert.Throws<ArgumentNullException>(() => Engine.Replay(JourneyId, null!)).ParamName);
    }

    [Fact]
    public void Trace_StepsFollowJourneyOrder_AndTheFinalStateEqualsReplay()
    {
        var shuffled = Story.AsEnumerable().Reverse().ToArray();

        var trace = Engine.Trace(JourneyId, shuffled);

        Assert.Equal(JourneyId, trace.JourneyId);
        Assert.Equal(Story.Select(s => s.Id), trace.Steps.Select(step => step.Signal.Id));
        Assert.Equal(Engine.Replay(JourneyId, Story), trace.State);
        Assert.Equal(trace.State, trace.Steps[^1].State);
    }

    [Fact]
    public void Trace_EveryStep_MatchesWhatApplyReportsForThatSignal()
    {
        var trace = Engine.Trace(JourneyId, Story);
        var state = Engine.Start(JourneyId);

        for (var i = 0; i < Story.Length; i++)
        {
            var result = Engine.Apply(state, Story[i]);
            var step = trace.Steps[i];
            Assert.Equal(result.Outcome, step.Outcome);
            Assert.Equal(result.Evidence, step.Evidence);
            Assert.Equal(result.Transitions, step.Transitions);
            Assert.Equal(result.LoopBacks, step.LoopBacks);
            Assert.Equal(result.State, step.State);
            Assert.Equal(Engine.Replay(JourneyId, Story.Take(i + 1)), step.State);
            state = result.State;
        }
    }

    [Fact]
    public void Trace_RepeatedId_IsADuplicateStepThatChangesNothing()
    {
        var signals = new[] { Story[0], Story[1], Story[0] };

        var trace = Engine.Trace(JourneyId, signals);

        Assert.Equal(3, trace.Steps.Length);
        var duplicate = trace.Steps.Single(step => step.Outcome == SignalOutcome.Duplicate);
        Assert.Equal("s1", duplicate.Signal.Id);
        Assert.Contains("s1", duplicate.Reason, StringComparison.Ordinal);
        Assert.Empty(duplicate.Evidence);
        Assert.Empty(duplicate.Transitions);
        Assert.Equal(Engine.Replay(JourneyId, signals), trace.State);
        Assert.Equal(2, trace.State.SignalCount);
    }

    [Fact]
    public void Trace_NoSignals_HasNoStepsAndTheStartState()
    {
        var trace = Engine.Trace(JourneyId, []);

        Assert.Empty(trace.Steps);
        Assert.Equal(Engine.Start(JourneyId), trace.State);
    }

    [Fact]
    public void Trace_NullOrForeignArguments_ThrowNamingTheParameter()
    {
        Assert.Equal("journeyId", Assert.Throws<ArgumentNullException>(() => Engine.Trace(null!, Story)).ParamName);
        Assert.Equal("signals", Assert.Throws<ArgumentNullException>(() => Engine.Trace(JourneyId, null!)).ParamName);
        Assert.Equal("signals", Assert.Throws<ArgumentException>(() => Engine.Trace("k", Story)).ParamName);
    }
}
