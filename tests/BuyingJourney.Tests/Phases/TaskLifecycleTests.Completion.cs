using System;
using System.Linq;
using BuyingJourney.Phases;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Phases;

// Task lifecycle tests, part: completion, reopening as a loop-back, and revisits that fizzle.
public sealed partial class TaskLifecycleTests
{
    [Theory]
    [InlineData(TaskPhase.NotStarted)]
    [InlineData(TaskPhase.Active)]
    [InlineData(TaskPhase.Dormant)]
    [InlineData(TaskPhase.Revisiting)]
    public void Apply_CompletionEvidence_CompletesTheTaskFromAnyPhaseAndResetsItsScore(TaskPhase from)
    {
        var (before, day) = from switch
        {
            TaskPhase.NotStarted => (Script(), 0),
            TaskPhase.Active => (Script((0, SignalTypes.ProblemStated)), 1),
            TaskPhase.Dormant => (Script((0, SignalTypes.ProblemStated), (40, SignalTypes.EventAttended)), 41),
            _ => (Script((0, SignalTypes.ProblemStated), (1, SignalTypes.ProblemDefined), (2, SignalTypes.ProblemStated)), 3),
        };
        var state = ApplyAll(Engine, before);
        Assert.Equal(from, Task(state, Problem).Phase);

        var result = Engine.Apply(state, At(day, "done", SignalTypes.ProblemDefined));

        var completion = Assert.Single(result.Transitions);
        Assert.Equal((Problem, from, TaskPhase.Completed), (completion.TaskId, completion.From, completion.To));
        Assert.Equal(TransitionCause.Completion, completion.Cause);
        Assert.Equal("done", completion.SignalId);
        Assert.Equal(Day(day), completion.At);
        var task = Task(result.State, Problem);
        Assert.Equal(TaskPhase.Completed, task.Phase);
        Assert.Equal(0, task.Score);
        Assert.Equal(Day(day), task.Since);
        Assert.Equal("done", task.LastEvidenceSignalId);
        var later = Engine.Assess(result.State, Day(400)).Task(Problem);
        Assert.Equal(TaskPhase.Completed, later.Phase);
        Assert.Equal(0, later.Score);
    }

    [Fact]
    public void Apply_CompletionOfACompletedTask_NoTransitionAndKeepsItsSince()
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.ProblemDefined)));

        var result = Engine.Apply(state, At(5, "s2", SignalTypes.ProblemDefined));

        Assert.True(result.IsApplied);
        Assert.Empty(result.Transitions);
        Assert.Equal(TaskPhase.Completed, Task(result.State, Problem).Phase);
        Assert.Equal(Day0, Task(result.State, Problem).Since);
    }

    [Fact]
    public void Apply_NormalEvidenceAfterCompletion_DoesNotReopenTheTask()
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.RequirementsApproved)));

        var result = Engine.Apply(state, At(1, "s2", SignalTypes.RequirementsQuestion));

        Assert.Empty(result.Transitions);
        Assert.Empty(result.LoopBacks);
        var task = Task(result.State, Requirements);
        Assert.Equal(TaskPhase.Completed, task.Phase);
        Assert.Equal(0.6, task.Score);
        Assert.Equal(0, result.State.LoopBackCount);
        Assert.DoesNotContain(Requirements, Engine.Assess(result.State, Day(1)).ActiveTasks);
    }

    [Fact]
    public void Apply_StrongEvidenceAfterCompletion_ReopensTheTaskAsALoopBack()
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.RequirementsApproved)));

        var result = Engine.Apply(state, At(1, "s2", SignalTypes.RequirementsDrafted));

        var transition = Assert.Single(result.Transitions);
        Assert.Equal((Requirements, TaskPhase.Completed, TaskPhase.Revisiting, TransitionCause.Evidence, "s2"), (transition.TaskId, transition.From, transition.To, transition.Cause, transition.SignalId));
        Assert.True(transition.IsLoopBack);
        Assert.False(transition.IsResumption);
        var loopBack = Assert.Single(result.LoopBacks);
        Assert.Equal(Requirements, loopBack.TaskId);
        Assert.Equal(Day(1), loopBack.At);
        Assert.Equal("s2", loopBack.SignalId);
        Assert.Empty(loopBack.LoopedBackFrom);
        Assert.Equal(loopBack, Assert.Single(result.State.LoopBacks));
        Assert.Equal(1, result.State.LoopBackCount);
        var task = Task(result.State, Requirements);
        Assert.Equal(TaskPhase.Revisiting, task.Phase);
        Assert.Equal(1, task.LoopBackCount);
        Assert.Equal(1.0, task.Score);
        Assert.Contains(Requirements, Engine.Assess(result.State, Day(1)).ActiveTasks);
    }

    [Fact]
    public void Apply_TwoNormalSignalsAfterCompletion_TogetherReachTheReopenThreshold()
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.RequirementsApproved), (1, SignalTypes.RequirementsQuestion)));

        var result = Engine.Apply(state, At(Day(1).AddHours(2), "s3", SignalTypes.DeadlineSet));

        Assert.True(Assert.Single(result.Transitions).IsLoopBack);
        Assert.Equal(TaskPhase.Revisiting, Task(result.State, Requirements).Phase);
    }

    [Fact]
    public void Apply_LoopBack_RecordsTheTasksActiveAtThatMomentInModelOrder()
    {
        var state = ApplyAll(Engine, Script(
            (0, SignalTypes.ProblemStated),
            (1, SignalTypes.ProblemDefined),
            (2, SignalTypes.RequirementsQuestion),
            (3, SignalTypes.SolutionResearched)));

        var result = Engine.Apply(state, At(4, "s5", SignalTypes.ProblemMetricMissed));

        var loopBack = Assert.Single(result.LoopBacks);
        Assert.Equal(Problem, loopBack.TaskId);
        Assert.Equal(Day(4), loopBack.At);
        Assert.Equal("s5", loopBack.SignalId);
        Assert.Equal(ExplorationAndRequirements, loopBack.LoopedBackFrom.ToArray());
        Assert.StartsWith("back to ProblemIdentification from SolutionExploration, RequirementsBuilding at ", loopBack.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_LoopBackAfterTheOtherTasksFaded_LoopsBackFromNoTask()
    {
        var state = ApplyAll(Engine, Script(
            (0, SignalTypes.ProblemStated),
            (1, SignalTypes.ProblemDefined),
            (2, SignalTypes.SolutionResearched)));

        var result = Engine.Apply(state, At(40, "s4", SignalTypes.ProblemMetricMissed));

        var loopBack = Assert.Single(result.LoopBacks);
        Assert.Empty(loopBack.LoopedBackFrom);
        Assert.Contains("from no active task", loopBack.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_RevisitWhoseEvidenceFades_FizzlesBackToCompletedNotDormant()
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.ProblemDefined), (1, SignalTypes.ProblemStated)));
        var crossing = Crossing(Day(1), 1.0);

        var before = Engine.Assess(state, crossing.AddTicks(-1)).Task(Problem);
        var at = Engine.Assess(state, crossing).Task(Problem);

        Assert.Equal(TaskPhase.Revisiting, before.Phase);
        Assert.Equal(TaskPhase.Completed, at.Phase);
        Assert.Equal(crossing, at.Since);
        Assert.Equal(1, at.LoopBackCount);
    }

    [Fact]
    public void Apply_SignalAfterARevisitFizzled_RecordsRevisitingToCompletedByDecay()
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.ProblemDefined), (1, SignalTypes.ProblemStated)));

        var result = Engine.Apply(state, At(40, "s3", SignalTypes.EventAttended));

        var fizzle = Assert.Single(result.Transitions);
        Assert.Equal((Problem, TaskPhase.Revisiting, TaskPhase.Completed, TransitionCause.Decay), (fizzle.TaskId, fizzle.From, fizzle.To, fizzle.Cause));
        Assert.Null(fizzle.SignalId);
        Assert.Equal(Crossing(Day(1), 1.0), fizzle.At);
        Assert.Equal(1, result.State.LoopBackCount);
        Assert.Equal(1, Task(result.State, Problem).LoopBackCount);
    }
}
