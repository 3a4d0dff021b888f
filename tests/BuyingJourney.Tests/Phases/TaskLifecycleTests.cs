using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BuyingJourney.Evidence;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Phases;

/// <summary>Every task lifecycle transition, driven through the public engine with the default model and rulebook.</summary>
public sealed class TaskLifecycleTests
{
    private const string Problem = GartnerTasks.ProblemIdentification;
    private const string Exploration = GartnerTasks.SolutionExploration;
    private const string Requirements = GartnerTasks.RequirementsBuilding;
    private const string Validation = GartnerTasks.Validation;

    private static readonly JourneyEngine Engine = JourneyEngine.CreateDefault();
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(14);
    private static readonly string[] ExplorationAndRequirements = [Exploration, Requirements];

    [Fact]
    public void Apply_StrongEvidenceAlone_StartsTheTask()
    {
        var result = Engine.Apply(Engine.Start(JourneyId), At(0, "s1", SignalTypes.ProblemStated));

        var transition = Assert.Single(result.Transitions);
        Assert.Equal(Problem, transition.TaskId);
        Assert.Equal(TaskPhase.NotStarted, transition.From);
        Assert.Equal(TaskPhase.Active, transition.To);
        Assert.Equal(Day0, transition.At);
        Assert.Equal(TransitionCause.Evidence, transition.Cause);
        Assert.Equal("s1", transition.SignalId);
        Assert.False(transition.IsLoopBack);
        Assert.False(transition.IsResumption);
        var task = Task(result.State, Problem);
        Assert.Equal(TaskPhase.Active, task.Phase);
        Assert.Equal(1.0, task.Score);
        Assert.Equal(Day0, task.Since);
        Assert.Equal(Day0, task.ScoredAt);
        Assert.Equal("s1", task.LastEvidenceSignalId);
    }

    [Fact]
    public void Apply_NormalEvidenceAlone_StartsTheTask()
    {
        var result = Engine.Apply(Engine.Start(JourneyId), At(0, "s1", SignalTypes.SolutionResearched));

        var transition = Assert.Single(result.Transitions);
        Assert.Equal((Exploration, TaskPhase.NotStarted, TaskPhase.Active), (transition.TaskId, transition.From, transition.To));
        Assert.Equal(TaskPhase.Active, Task(result.State, Exploration).Phase);
        Assert.Equal(0.6, Task(result.State, Exploration).Score);
    }

    [Fact]
    public void Apply_WeakEvidenceAlone_DoesNotStartTheTask()
    {
        var result = Engine.Apply(Engine.Start(JourneyId), At(0, "s1", SignalTypes.EventAttended));

        Assert.True(result.IsApplied);
        Assert.Empty(result.Transitions);
        var task = Task(result.State, Exploration);
        Assert.Equal(TaskPhase.NotStarted, task.Phase);
        Assert.Equal(0.3, task.Score);
        Assert.Null(task.Since);
        Assert.Equal("s1", task.LastEvidenceSignalId);
        Assert.Empty(Engine.Assess(result.State, Day0).ActiveTasks);
    }

    [Fact]
    public void Apply_TwoWeakSignalsCloseTogether_StartTheTask()
    {
        var state = Engine.Apply(Engine.Start(JourneyId), At(0, "s1", SignalTypes.EventAttended)).State;

        var result = Engine.Apply(state, At(Day0.AddHours(1), "s2", SignalTypes.InquiryGeneral));

        var transition = Assert.Single(result.Transitions);
        Assert.Equal((Exploration, TaskPhase.NotStarted, TaskPhase.Active, "s2"), (transition.TaskId, transition.From, transition.To, transition.SignalId));
        Assert.Equal(Day0.AddHours(1), transition.At);
        Assert.Equal((0.3 * Math.Pow(2, -1.0 / (14 * 24))) + 0.3, Task(result.State, Exploration).Score, 12);
    }

    [Fact]
    public void Apply_TwoWeakSignalsFarApart_DoNotStartTheTask()
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.EventAttended), (10, SignalTypes.InquiryGeneral)));

        var task = Task(state, Exploration);
        Assert.Equal(TaskPhase.NotStarted, task.Phase);
        Assert.Equal((0.3 * Math.Pow(2, -10.0 / 14)) + 0.3, task.Score, 12);
        Assert.True(task.Score < 0.5);
    }

    [Fact]
    public void Apply_OneWeakSignalForTwoTasks_TwiceInADay_StartsBoth()
    {
        var signals = Script((0, SignalTypes.ContentInsightRead), (0.5, SignalTypes.ContentInsightRead));
        var state = ApplyAll(Engine, signals);

        Assert.Equal(TaskPhase.Active, Task(state, Problem).Phase);
        Assert.Equal(TaskPhase.Active, Task(state, Exploration).Phase);
    }

    [Fact]
    public void Assess_StrongEvidence_GoesDormantAfterLog2Of5HalfLives()
    {
        var crossing = Crossing(Day0, 1.0);

        Assert.InRange((crossing - Day0).TotalDays, 32.506, 32.508);
        Assert.Equal(Math.Log2(5) * 14, (crossing - Day0).TotalDays, 6);
    }

    [Fact]
    public void Assess_OneTickBeforeAndAtTheCrossing_ActiveThenDormant()
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.ProblemStated)));
        var crossing = Crossing(Day0, 1.0);

        var before = Engine.Assess(state, crossing.AddTicks(-1)).Task(Problem);
        var at = Engine.Assess(state, crossing).Task(Problem);

        Assert.Equal(TaskPhase.Active, before.Phase);
        Assert.Equal(Day0, before.Since);
        Assert.Equal(TaskPhase.Dormant, at.Phase);
        Assert.Equal(crossing, at.Since);
        Assert.Equal(TimeSpan.Zero, at.TimeInPhase);
    }

    [Fact]
    public void Assess_JustBeforeAndJustAfterThirtyTwoAndAHalfDays_ScoreCrossesTheDormancyThreshold()
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.ProblemStated)));

        var before = Engine.Assess(state, Day(32.5)).Task(Problem);
        var after = Engine.Assess(state, Day(32.51)).Task(Problem);

        Assert.Equal(TaskPhase.Active, before.Phase);
        Assert.Equal(Math.Pow(2, -32.5 / 14), before.Score, 12);
        Assert.True(before.Score > 0.2);
        Assert.True(before.IsActive);
        Assert.Equal(TaskPhase.Dormant, after.Phase);
        Assert.True(after.Score < 0.2);
        Assert.False(after.IsActive);
    }

    [Fact]
    public void Apply_SignalAfterTheCrossing_RecordsTheDecayAtTheCrossingWithoutASignal()
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.ProblemStated)));

        var result = Engine.Apply(state, At(40, "s2", SignalTypes.EventAttended));

        var decay = Assert.Single(result.Transitions);
        Assert.Equal(Problem, decay.TaskId);
        Assert.Equal(TaskPhase.Active, decay.From);
        Assert.Equal(TaskPhase.Dormant, decay.To);
        Assert.Equal(TransitionCause.Decay, decay.Cause);
        Assert.Null(decay.SignalId);
        Assert.Equal(Crossing(Day0, 1.0), decay.At);
        Assert.False(string.IsNullOrWhiteSpace(decay.Reason));
        Assert.Equal(TaskPhase.Dormant, Task(result.State, Problem).Phase);
        Assert.Equal(Crossing(Day0, 1.0), Task(result.State, Problem).Since);
    }

    [Fact]
    public void Apply_SignalExactlyAtTheCrossing_SeesTheTaskDormant_OneTickEarlierStillActive()
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.ProblemStated)));
        var crossing = Crossing(Day0, 1.0);

        var early = Engine.Apply(state, At(crossing.AddTicks(-1), "s2", "custom.noise"));
        var exact = Engine.Apply(state, At(crossing, "s2", "custom.noise"));

        Assert.Empty(early.Transitions);
        Assert.Equal(TaskPhase.Active, Task(early.State, Problem).Phase);
        Assert.Equal(TransitionCause.Decay, Assert.Single(exact.Transitions).Cause);
        Assert.Equal(TaskPhase.Dormant, Task(exact.State, Problem).Phase);
    }

    [Fact]
    public void Apply_EvidenceForADormantTask_ResumesIt_NotALoopBack()
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.ProblemStated)));

        var result = Engine.Apply(state, At(40, "s2", SignalTypes.ProblemMetricMissed));

        Assert.Equal(2, result.Transitions.Length);
        Assert.Equal(TransitionCause.Decay, result.Transitions[0].Cause);
        var resumption = result.Transitions[1];
        Assert.Equal((TaskPhase.Dormant, TaskPhase.Active, TransitionCause.Evidence, "s2"), (resumption.From, resumption.To, resumption.Cause, resumption.SignalId));
        Assert.True(resumption.IsResumption);
        Assert.False(resumption.IsLoopBack);
        Assert.Empty(result.LoopBacks);
        Assert.Equal(0, result.State.LoopBackCount);
        var task = Task(result.State, Problem);
        Assert.Equal(0, task.LoopBackCount);
        Assert.Equal(Day(40), task.Since);
        Assert.Equal(Math.Pow(2, -40.0 / 14) + 1.0, task.Score, 12);
    }

    [Fact]
    public void Apply_WeakEvidenceForADormantTask_LeavesItDormant()
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.ProblemStated)));

        var result = Engine.Apply(state, At(40, "s2", SignalTypes.ContentInsightRead));

        Assert.DoesNotContain(result.Transitions, t => t.To == TaskPhase.Active);
        Assert.Equal(TaskPhase.Dormant, Task(result.State, Problem).Phase);
        Assert.Equal(Math.Pow(2, -40.0 / 14) + 0.3, Task(result.State, Problem).Score, 12);
    }

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

    [Fact]
    public void Trace_EveryTransition_HasACauseMatchingItsPhasesAndTheSignalIdExceptForDecay()
    {
        var signals = Script(
            (0, SignalTypes.ProblemStated),         // s1 PI NotStarted → Active
            (1, SignalTypes.ProblemDefined),        // s2 PI Active → Completed
            (2, SignalTypes.SolutionResearched),    // s3 SE NotStarted → Active
            (3, SignalTypes.ProblemMetricMissed),   // s4 PI Completed → Revisiting (loop-back)
            (40, SignalTypes.EventAttended),        // s5 decay: SE Active → Dormant, PI Revisiting → Completed
            (41, SignalTypes.SolutionResearched),   // s6 SE Dormant → Active
            (42, SignalTypes.ProblemStated),        // s7 PI Completed → Revisiting
            (42.5, SignalTypes.ProblemDefined),     // s8 PI Revisiting → Completed (completion)
            (42.7, SignalTypes.ProblemMetricMissed), // s9 PI Completed → Revisiting
            (43, SignalTypes.BudgetFrozen),         // s10 stall: PI Revisiting → Completed, SE Active → Dormant
            (44, SignalTypes.ProblemDefined),       // s11 journey reopens
            (45, SignalTypes.RequirementsDrafted),  // s12 RB NotStarted → Active
            (46, SignalTypes.RequirementsApproved), // s13 RB Active → Completed
            (47, SignalTypes.DealWon));             // s14 won

        var trace = Engine.Trace(JourneyId, signals);

        var seen = new HashSet<(TaskPhase, TaskPhase, TransitionCause)>();
        foreach (var step in trace.Steps)
        {
            Assert.Equal(SignalOutcome.Applied, step.Outcome);
            foreach (var transition in step.Transitions)
            {
                seen.Add((transition.From, transition.To, transition.Cause));
                Assert.NotEqual(transition.From, transition.To);
                Assert.False(string.IsNullOrWhiteSpace(transition.Reason));
                if (transition.Cause == TransitionCause.Decay)
                {
                    Assert.Null(transition.SignalId);
                    Assert.True(transition.At <= step.Signal.OccurredAt);
                    Assert.True(
                        (transition.From, transition.To) is (TaskPhase.Active, TaskPhase.Dormant) or (TaskPhase.Revisiting, TaskPhase.Completed),
                        $"decay from {transition.From} to {transition.To}");
                }
                else
                {
                    Assert.Equal(step.Signal.Id, transition.SignalId);
                    Assert.Equal(step.Signal.OccurredAt, transition.At);
                }

                switch (transition.Cause)
                {
                    case TransitionCause.Evidence:
                        Assert.True(transition.To is TaskPhase.Active or TaskPhase.Revisiting, $"evidence to {transition.To}");
                        Assert.Equal(transition.IsLoopBack, transition.From == TaskPhase.Completed);
                        break;
                    case TransitionCause.Completion:
                        Assert.Equal(TaskPhase.Completed, transition.To);
                        break;
                    case TransitionCause.JourneyEffect:
                        Assert.True(
                            (transition.From, transition.To) is (TaskPhase.Active, TaskPhase.Dormant) or (TaskPhase.Revisiting, TaskPhase.Completed),
                            $"journey effect from {transition.From} to {transition.To}");
                        break;
                }
            }
        }

        var expected = new[]
        {
            (TaskPhase.NotStarted, TaskPhase.Active, TransitionCause.Evidence),
            (TaskPhase.Active, TaskPhase.Completed, TransitionCause.Completion),
            (TaskPhase.Completed, TaskPhase.Revisiting, TransitionCause.Evidence),
            (TaskPhase.Active, TaskPhase.Dormant, TransitionCause.Decay),
            (TaskPhase.Revisiting, TaskPhase.Completed, TransitionCause.Decay),
            (TaskPhase.Dormant, TaskPhase.Active, TransitionCause.Evidence),
            (TaskPhase.Revisiting, TaskPhase.Completed, TransitionCause.Completion),
            (TaskPhase.Revisiting, TaskPhase.Completed, TransitionCause.JourneyEffect),
            (TaskPhase.Active, TaskPhase.Dormant, TransitionCause.JourneyEffect),
        };
        Assert.All(expected, kind => Assert.Contains(kind, seen));
        Assert.Equal(3, trace.State.LoopBackCount);
        Assert.Equal(JourneyStatus.Won, trace.State.Status);
    }

    [Fact]
    public void Apply_Transitions_DecayComesBeforeTheSignalsOwn()
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.SolutionResearched), (1, SignalTypes.ProblemDefined)));

        var result = Engine.Apply(state, At(40, "s3", SignalTypes.ProblemStated));

        Assert.Equal(
            new[] { (Exploration, TransitionCause.Decay), (Problem, TransitionCause.Evidence) },
            result.Transitions.Select(t => (t.TaskId, t.Cause)).ToArray());
    }

    [Fact]
    public void ToString_TransitionAndTaskState_ReadLikeTheirDocs()
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.SolutionResearched)));

        var result = Engine.Apply(state, At(40, "s2", SignalTypes.ProblemDefined));

        Assert.Equal("SolutionExploration Active → Dormant (Decay)", result.Transitions[0].ToString());
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            Assert.Equal("Active (score 0.6, 0 loop-backs)", Task(state, Exploration).ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static TaskState Task(JourneyState state, string taskId) => state.Tasks[Engine.Model.IndexOf(taskId)];

    /// <summary>The first tick at which <paramref name="score"/>, set at <paramref name="from"/>, has decayed below 0.2.</summary>
    private static DateTimeOffset Crossing(DateTimeOffset from, double score)
        => from + TimeSpan.FromTicks((long)Math.Ceiling(Math.Log2(score / 0.2) * HalfLife.Ticks));
}
