using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Phases;

/// <summary>Every task lifecycle transition, driven through the public engine with the default model and rulebook.</summary>
public sealed partial class TaskLifecycleTests
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
}
