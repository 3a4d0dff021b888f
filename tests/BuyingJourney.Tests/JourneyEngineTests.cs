using System;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Rules;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests;

/// <summary>The engine's entry points: Start and Apply here; Replay and Trace, Assess, and building in the other parts.</summary>
public sealed partial class JourneyEngineTests
{
    private static readonly JourneyEngine Engine = JourneyEngine.CreateDefault();

    [Fact]
    public void Start_NewJourney_IsOpenWithEveryTaskNotStarted()
    {
        var state = Engine.Start("acme-42");

        Assert.Equal("acme-42", state.JourneyId);
        Assert.Equal("gartner", state.ModelName);
        Assert.Equal(JourneyStatus.Open, state.Status);
        Assert.Null(state.StatusSince);
        Assert.Null(state.StatusSignalId);
        Assert.Equal(6, state.Tasks.Length);
        Assert.All(state.Tasks, task =>
        {
            Assert.Equal(TaskPhase.NotStarted, task.Phase);
            Assert.Equal(0, task.Score);
            Assert.Null(task.Since);
            Assert.Null(task.ScoredAt);
            Assert.Null(task.LastEvidenceSignalId);
            Assert.Equal(0, task.LoopBackCount);
        });
        Assert.Empty(state.LoopBacks);
        Assert.Equal(0, state.LoopBackCount);
        Assert.Equal(0, state.SignalCount);
        Assert.Equal(0, state.UnrecognizedSignalCount);
        Assert.Null(state.LastSignalAt);
        Assert.Null(state.LastSignalId);
        Assert.Equal("acme-42: Open, 0 signals, 0 loop-backs", state.ToString());
    }

    [Fact]
    public void Start_SameId_GivesEqualStates()
    {
        Assert.Equal(Engine.Start("j"), Engine.Start("j"));
        Assert.NotEqual(Engine.Start("j"), Engine.Start("k"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("j\u0000")]
    public void Start_BadJourneyId_ThrowsNamingJourneyId(string journeyId)
    {
        var ex = Assert.Throws<ArgumentException>(() => Engine.Start(journeyId));

        Assert.Equal("journeyId", ex.ParamName);
    }

    [Fact]
    public void Start_JourneyIdTooLongOrNull_ThrowsNamingJourneyId()
    {
        Assert.Equal("journeyId", Assert.Throws<ArgumentException>(() => Engine.Start(new string('j', Signal.MaxIdLength + 1))).ParamName);
        Assert.Equal("journeyId", Assert.Throws<ArgumentNullException>(() => Engine.Start(null!)).ParamName);
    }

    [Fact]
    public void Apply_Signal_AdvancesTheJourneyAndLeavesTheInputStateAlone()
    {
        var start = Engine.Start(JourneyId);
        var copy = Engine.Start(JourneyId);

        var result = Engine.Apply(start, At(0, "s1", SignalTypes.ProblemStated));

        Assert.Equal(SignalOutcome.Applied, result.Outcome);
        Assert.True(result.IsApplied);
        Assert.Null(result.Reason);
        Assert.NotSame(start, result.State);
        Assert.Equal(copy, start);
        Assert.Equal(1, result.State.SignalCount);
        Assert.Equal("s1", result.State.LastSignalId);
        Assert.Equal(Day0, result.State.LastSignalAt);
        Assert.Equal("Applied: 1 transitions, 0 loop-backs", result.ToString());
    }

    [Fact]
    public void Apply_SignalInAnotherOffset_LastSignalAtIsTheSameInstantInUtc()
    {
        var local = Day0.ToOffset(TimeSpan.FromHours(9));

        var result = Engine.Apply(Engine.Start(JourneyId), new Signal("s1", JourneyId, local, SignalTypes.ProblemStated));

        Assert.Equal(TimeSpan.Zero, result.State.LastSignalAt!.Value.Offset);
        Assert.Equal(Day0, result.State.LastSignalAt);
        Assert.Equal(TimeSpan.Zero, result.Transitions[0].At.Offset);
    }

    [Fact]
    public void Apply_SameIdAsTheLast_IsADuplicateAndReturnsTheSameState()
    {
        var state = Engine.Apply(Engine.Start(JourneyId), At(0, "s1", SignalTypes.ProblemStated)).State;

        var result = Engine.Apply(state, At(0, "s1", SignalTypes.ProblemStated));

        Assert.Equal(SignalOutcome.Duplicate, result.Outcome);
        Assert.False(result.IsApplied);
        Assert.Same(state, result.State);
        Assert.Contains("s1", result.Reason, StringComparison.Ordinal);
        Assert.Empty(result.Evidence);
        Assert.Empty(result.Transitions);
        Assert.Empty(result.LoopBacks);
        Assert.Equal(1, result.State.SignalCount);
    }

    [Fact]
    public void Apply_SameIdAsTheLastWithOtherContent_IsStillADuplicate()
    {
        var state = Engine.Apply(Engine.Start(JourneyId), At(0, "s1", SignalTypes.ProblemStated)).State;

        var result = Engine.Apply(state, At(3, "s1", SignalTypes.DealLost));

        Assert.Equal(SignalOutcome.Duplicate, result.Outcome);
        Assert.Same(state, result.State);
    }

    [Fact]
    public void Apply_EarlierSignal_IsLateAndReturnsTheSameState()
    {
        var state = Engine.Apply(Engine.Start(JourneyId), At(5, "s5", SignalTypes.ProblemStated)).State;

        var result = Engine.Apply(state, At(4, "s4", SignalTypes.SolutionResearched));

        Assert.Equal(SignalOutcome.Late, result.Outcome);
        Assert.Same(state, result.State);
        Assert.Contains("s4", result.Reason, StringComparison.Ordinal);
        Assert.Contains("Replay", result.Reason, StringComparison.Ordinal);
        Assert.Empty(result.Evidence);
        Assert.Empty(result.Transitions);
        Assert.StartsWith("Late: ", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_SameTimeAsTheLast_SmallerIdIsLate_LargerIdIsApplied()
    {
        var state = Engine.Apply(Engine.Start(JourneyId), At(0, "m", SignalTypes.ProblemStated)).State;

        var smaller = Engine.Apply(state, At(0, "a", SignalTypes.SolutionResearched));
        var larger = Engine.Apply(state, At(0, "z", SignalTypes.SolutionResearched));

        Assert.Equal(SignalOutcome.Late, smaller.Outcome);
        Assert.Equal(SignalOutcome.Applied, larger.Outcome);
    }

    [Fact]
    public void Apply_EarlierIdRepeatedAtItsOwnTime_IsLate()
    {
        var first = At(0, "s1", SignalTypes.ProblemStated);
        var state = Engine.Apply(Engine.Apply(Engine.Start(JourneyId), first).State, At(1, "s2", SignalTypes.SolutionResearched)).State;

        var result = Engine.Apply(state, first);

        Assert.Equal(SignalOutcome.Late, result.Outcome);
        Assert.Same(state, result.State);
    }

    [Fact]
    public void Apply_SignalOfAnotherJourney_ThrowsNamingSignal()
    {
        var ex = Assert.Throws<ArgumentException>(() => Engine.Apply(Engine.Start("j"), new Signal("s1", "k", Day0, SignalTypes.ProblemStated)));

        Assert.Equal("signal", ex.ParamName);
        Assert.Contains("\"k\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_StateFromAnotherModel_ThrowsNamingState()
    {
        var other = EngineFor(new BuyingModel("tiny", [new TaskDefinition("need", "Need", "Why?")]));

        var ex = Assert.Throws<ArgumentException>(() => other.Apply(Engine.Start(JourneyId), At(0, "s1", "t")));

        Assert.Equal("state", ex.ParamName);
        Assert.Contains("gartner", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tiny", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_StateFromAModelWithTheSameNameButOtherTasks_ThrowsNamingState()
    {
        var impostor = EngineFor(new BuyingModel("gartner", [new TaskDefinition("need", "Need", "Why?")]));

        var ex = Assert.Throws<ArgumentException>(() => impostor.Apply(Engine.Start(JourneyId), At(0, "s1", "t")));

        Assert.Equal("state", ex.ParamName);
    }

    [Fact]
    public void Apply_NullArguments_ThrowNamingTheParameter()
    {
        Assert.Equal("state", Assert.Throws<ArgumentNullException>(() => Engine.Apply(null!, At(0, "s1", "t"))).ParamName);
        Assert.Equal("signal", Assert.Throws<ArgumentNullException>(() => Engine.Apply(Engine.Start(JourneyId), null!)).ParamName);
    }

    [Fact]
    public void JourneyState_Equality_IsByValue()
    {
        var signal = At(0, "s1", SignalTypes.ProblemStated);

        var left = Engine.Apply(Engine.Start(JourneyId), signal).State;
        var right = Engine.Apply(Engine.Start(JourneyId), signal).State;
        var other = Engine.Apply(Engine.Start(JourneyId), At(0, "s1", SignalTypes.SolutionResearched)).State;

        Assert.NotSame(left, right);
        Assert.Equal(left, right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
        Assert.NotEqual(left, other);
        Assert.False(left.Equals(null));
        Assert.True(left.Equals((object)right));
    }

    private static JourneyEngine EngineFor(BuyingModel model)
        => new JourneyEngineBuilder().UseModel(model).UseRulebook(new Rulebook("none", "1", [])).Build();
}
