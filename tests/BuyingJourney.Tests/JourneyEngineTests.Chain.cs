using System;
using System.Linq;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests;

/// <summary>
/// Apply, one signal at a time: the thread's working copy stays the copy of the state Apply returned, so the next
/// Apply with that state goes on without loading it; these check every way a caller can hand it another state.
/// </summary>
public sealed partial class JourneyEngineTests
{
    // A journey with a loop-back, a stall and two stakeholders: the working copy holds tasks, loop-backs, status and
    // group. A property: Story is a static field of another part, whose initialisation order is not this file's.
    private static Signal[] GroupStory =>
    [
        .. Story,
        new Signal("g1", JourneyId, Day(61), SignalTypes.ProblemStated, new Stakeholder("ann", "decision-maker")),
        new Signal("g2", JourneyId, Day(62), SignalTypes.RequirementsDrafted, new Stakeholder("bob", "user")),
        new Signal("g3", JourneyId, Day(63), SignalTypes.ConsensusReached, new Stakeholder("ann", null)),
    ];

    [Fact]
    public void Apply_TwoJourneysInTurn_EachEqualsItsOwnReplay()
    {
        var other = GroupStory.Select(s => new Signal(s.Id, "other", s.OccurredAt.AddHours(1), s.Type, s.Stakeholder)).ToArray();
        var mine = Engine.Start(JourneyId);
        var theirs = Engine.Start("other");

        for (var i = 0; i < GroupStory.Length; i++)
        {
            mine = Engine.Apply(mine, GroupStory[i]).State;
            theirs = Engine.Apply(theirs, other[i]).State;
        }

        Assert.Equal(Engine.Replay(JourneyId, GroupStory), mine);
        Assert.Equal(Engine.Replay("other", other), theirs);
        Assert.NotEmpty(mine.BuyingGroup);
        Assert.NotEmpty(mine.LoopBacks);
    }

    [Fact]
    public void Apply_ToAnEarlierStateAgain_BranchesFromThatState()
    {
        var start = ApplyAll(Engine, Story);
        var first = At(70, "b1", SignalTypes.DealWon);
        var second = new Signal("b2", JourneyId, Day(71), SignalTypes.ProblemStated, new Stakeholder("cy", "champion"));
        var then = At(72, "b3", SignalTypes.RequirementsDrafted);

        var won = Engine.Apply(start, first).State;
        var named = Engine.Apply(start, second).State;
        var wonThen = Engine.Apply(won, then).State;
        var namedThen = Engine.Apply(named, then).State;
        var startThen = Engine.Apply(start, then).State;

        Assert.Equal(Engine.Replay(JourneyId, [.. Story, first]), won);
        Assert.Equal(Engine.Replay(JourneyId, [.. Story, second]), named);
        Assert.Equal(Engine.Replay(JourneyId, [.. Story, first, then]), wonThen);
        Assert.Equal(Engine.Replay(JourneyId, [.. Story, second, then]), namedThen);
        Assert.Equal(Engine.Replay(JourneyId, [.. Story, then]), startThen);
        Assert.Equal(ApplyAll(Engine, Story), start);
    }

    [Fact]
    public void Apply_AfterARefusedSignal_GoesOnFromTheStateItIsGiven()
    {
        var engine = new JourneyEngineBuilder()
            .AddRule("test:throws", ["custom.refused"], (context, evidence) => throw new InvalidOperationException("boom"))
            .Build();
        var state = engine.Apply(engine.Start(JourneyId), GroupStory[^3]).State;
        var refused = new Signal("r1", JourneyId, Day(62), "custom.refused", new Stakeholder("bob", "user"));

        var refusal = engine.Apply(state, refused);
        var next = engine.Apply(state, GroupStory[^2]);
        var afterNext = engine.Apply(next.State, GroupStory[^1]);

        Assert.False(refusal.IsApplied);
        Assert.Same(state, refusal.State);
        Assert.Equal(engine.Replay(JourneyId, GroupStory[^3..^1]), next.State);
        Assert.Equal(engine.Replay(JourneyId, GroupStory[^3..]), afterNext.State);
    }

    [Fact]
    public void Apply_AfterAReplayOnTheSameThread_GoesOnFromTheStateItIsGiven()
    {
        var state = ApplyAll(Engine, Story[..4]);

        var replayed = Engine.Replay("other", GroupStory.Select(s => new Signal(s.Id, "other", s.OccurredAt, s.Type, s.Stakeholder)));
        var next = Engine.Apply(state, Story[4]).State;

        Assert.NotEmpty(replayed.BuyingGroup);
        Assert.Equal(Engine.Replay(JourneyId, Story[..5]), next);
    }

    [Fact]
    public void Apply_StateOfAnotherEngineWithTheSameModel_FoldsWithThisEnginesSettings()
    {
        // Tasks[0] is problem identification: it fades after about 139 days at a 60-day half-life, after about 32.5 days at the default 14.
        var slow = new JourneyEngineBuilder()
            .UseModel(new BuyingModel(BuyingModels.Gartner.Name, BuyingModels.Gartner.Tasks, TaskSettings.Default with { HalfLife = TimeSpan.FromDays(60) }))
            .Build();
        Signal[] signals = [At(0, "s1", SignalTypes.ProblemStated), At(40, "s2", SignalTypes.SolutionResearched)];
        var slowState = slow.Apply(slow.Start(JourneyId), signals[0]).State;

        var result = Engine.Apply(slowState, signals[1]);

        Assert.Equal(TaskPhase.Active, slow.Apply(slowState, signals[1]).State.Tasks[0].Phase);
        Assert.Equal(TaskPhase.Dormant, result.State.Tasks[0].Phase);
        Assert.Equal(Engine.Replay(JourneyId, signals), result.State);
        Assert.Contains(result.Transitions, t => t.TaskId == GartnerTasks.ProblemIdentification && t.To == TaskPhase.Dormant);
    }
}
