using BuyingJourney.Evidence;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Phases;

// Task lifecycle tests, part: stalls, closed deals and unknown signal types.
public sealed partial class TaskLifecycleTests
{
    [Theory]
    [InlineData(SignalTypes.BudgetFrozen)]
    [InlineData(SignalTypes.ProjectPostponed)]
    public void Apply_Stall_LeavesNoTaskActiveWithEveryScoreZero(string stallType)
    {
        var state = ApplyAll(Engine, Script(
            (0, SignalTypes.ProblemStated),
            (1, SignalTypes.ProblemDefined),
            (2, SignalTypes.ProblemStated),
            (3, SignalTypes.SolutionResearched),
            (3.5, SignalTypes.CaseStudyRead)));

        var result = Engine.Apply(state, At(4, "stall", stallType));

        Assert.Equal(JourneyStatus.Stalled, result.State.Status);
        Assert.Equal(Day(4), result.State.StatusSince);
        Assert.Equal("stall", result.State.StatusSignalId);
        Assert.Equal(2, result.Transitions.Length);
        Assert.All(result.Transitions, t => Assert.Equal(TransitionCause.JourneyEffect, t.Cause));
        Assert.All(result.Transitions, t => Assert.Equal("stall", t.SignalId));
        Assert.Contains(result.Transitions, t => t.TaskId == Problem && t.From == TaskPhase.Revisiting && t.To == TaskPhase.Completed);
        Assert.Contains(result.Transitions, t => t.TaskId == Exploration && t.From == TaskPhase.Active && t.To == TaskPhase.Dormant);
        Assert.All(result.State.Tasks, task => Assert.Equal(0, task.Score));
        Assert.Equal(TaskPhase.NotStarted, Task(result.State, Validation).Phase);
        var assessment = Engine.Assess(result.State, Day(4));
        Assert.Equal(JourneyStatus.Stalled, assessment.Status);
        Assert.Empty(assessment.ActiveTasks);
        Assert.All(assessment.Tasks, task => Assert.Equal(0, task.Score));
        var evidence = Assert.Single(result.Evidence);
        Assert.Equal((EvidenceKind.JourneyEffect, JourneyEffect.Stall), (evidence.Kind, evidence.Effect));
        Assert.Null(evidence.TaskId);
    }

    [Fact]
    public void Apply_TaskEvidenceAfterAStall_ReopensTheJourneyAndResumesTheTask()
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.SolutionResearched), (1, SignalTypes.BudgetFrozen)));

        var result = Engine.Apply(state, At(5, "s3", SignalTypes.SolutionResearched));

        Assert.Equal(JourneyStatus.Open, result.State.Status);
        Assert.Equal(Day(5), result.State.StatusSince);
        Assert.Equal("s3", result.State.StatusSignalId);
        var resumption = Assert.Single(result.Transitions);
        Assert.True(resumption.IsResumption);
        Assert.Equal(0.6, Task(result.State, Exploration).Score);
    }

    [Fact]
    public void Apply_CompletionEvidenceAfterAStall_AlsoReopensTheJourney()
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.SolutionResearched), (1, SignalTypes.BudgetFrozen)));

        var result = Engine.Apply(state, At(5, "s3", SignalTypes.SolutionApproachChosen));

        Assert.Equal(JourneyStatus.Open, result.State.Status);
        Assert.Equal(TaskPhase.Completed, Task(result.State, Exploration).Phase);
    }

    [Fact]
    public void Apply_SignalWithoutTaskEvidenceAfterAStall_KeepsTheJourneyStalled()
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.SolutionResearched), (1, SignalTypes.BudgetFrozen)));

        var unknown = Engine.Apply(state, At(2, "s3", "custom.chat"));
        var secondStall = Engine.Apply(unknown.State, At(3, "s4", SignalTypes.ProjectPostponed));

        Assert.Equal(JourneyStatus.Stalled, unknown.State.Status);
        Assert.Equal(JourneyStatus.Stalled, secondStall.State.Status);
        Assert.Equal(Day(1), secondStall.State.StatusSince);
        Assert.Equal("s2", secondStall.State.StatusSignalId);
        Assert.Empty(secondStall.Transitions);
    }

    [Theory]
    [InlineData(SignalTypes.DealWon, JourneyStatus.Won)]
    [InlineData(SignalTypes.DealLost, JourneyStatus.Lost)]
    public void Apply_DealClosed_SetsTheStatusAndEndsEveryActiveTask(string type, JourneyStatus status)
    {
        var state = ApplyAll(Engine, Script(
            (0, SignalTypes.ProblemDefined),
            (1, SignalTypes.RfpIssued),
            (2, SignalTypes.ReferenceRequested)));

        var result = Engine.Apply(state, At(3, "close", type));

        Assert.Equal(status, result.State.Status);
        Assert.Equal(Day(3), result.State.StatusSince);
        Assert.Equal("close", result.State.StatusSignalId);
        Assert.All(result.Transitions, t => Assert.Equal((TransitionCause.JourneyEffect, TaskPhase.Dormant), (t.Cause, t.To)));
        Assert.Equal(2, result.Transitions.Length);
        Assert.Equal(TaskPhase.Completed, Task(result.State, Problem).Phase);
        Assert.Equal(TaskPhase.Completed, Task(result.State, Requirements).Phase);
        Assert.Empty(Engine.Assess(result.State, Day(3)).ActiveTasks);
    }

    [Theory]
    [InlineData(SignalTypes.DealWon)]
    [InlineData(SignalTypes.DealLost)]
    public void Apply_TaskEvidenceAfterTheDealClosed_StartsANewOpenRound(string type)
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.DemoRequested), (1, type)));

        var result = Engine.Apply(state, At(30, "s3", SignalTypes.ProblemStated));

        Assert.Equal(JourneyStatus.Open, result.State.Status);
        Assert.Equal("s3", result.State.StatusSignalId);
    }

    [Fact]
    public void Apply_UnknownSignalType_IsCountedAndContributesNothing()
    {
        var result = Engine.Apply(Engine.Start(JourneyId), At(0, "s1", "webinar.v7"));

        Assert.True(result.IsApplied);
        Assert.Empty(result.Evidence);
        Assert.Empty(result.Transitions);
        Assert.Equal(1, result.State.SignalCount);
        Assert.Equal(1, result.State.UnrecognizedSignalCount);
        Assert.Equal("s1", result.State.LastSignalId);
        Assert.Equal(Day0, result.State.LastSignalAt);
        Assert.Equal(JourneyStatus.Open, result.State.Status);
        Assert.All(result.State.Tasks, task => Assert.Equal((TaskPhase.NotStarted, 0.0), (task.Phase, task.Score)));
        Assert.Equal(1, Engine.Assess(result.State, Day0).UnrecognizedSignalCount);
    }

    [Fact]
    public void Apply_KnownSignalsAfterAnUnknownOne_LeaveTheUnrecognizedCountAlone()
    {
        var state = ApplyAll(Engine, Script((0, "webinar.v7"), (1, SignalTypes.ProblemStated), (2, SignalTypes.BudgetFrozen)));

        Assert.Equal(3, state.SignalCount);
        Assert.Equal(1, state.UnrecognizedSignalCount);
    }
}
