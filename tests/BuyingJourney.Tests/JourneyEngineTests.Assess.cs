using System;
using System.Linq;
using BuyingJourney.Evidence;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;
using Microsoft.Extensions.Time.Testing;

namespace BuyingJourney.Tests;

/// <summary>Assess: from a state as of a time or now, and from the signals with evidence (time travel).</summary>
public sealed partial class JourneyEngineTests
{
    [Fact]
    public void Assess_AsOfBeforeTheLastSignal_ThrowsArgumentOutOfRangeNamingAsOf()
    {
        var state = Engine.Replay(JourneyId, Story);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Engine.Assess(state, state.LastSignalAt!.Value.AddTicks(-1)));

        Assert.Equal("asOf", ex.ParamName);
        Assert.Contains("Assess(journeyId, signals, asOf)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_AsOfExactlyTheLastSignal_Works()
    {
        var state = Engine.Replay(JourneyId, Story);

        var assessment = Engine.Assess(state, state.LastSignalAt!.Value);

        Assert.Equal(Day(60), assessment.AsOf);
        Assert.Same(state, assessment.State);
        Assert.Equal(JourneyId, assessment.JourneyId);
        Assert.Equal(state.LastSignalAt, assessment.LastSignalAt);
    }

    [Fact]
    public void Assess_FromAState_HasNoEvidenceDetail()
    {
        var state = Engine.Replay(JourneyId, Story);

        var assessment = Engine.Assess(state, Day(60));

        Assert.False(assessment.HasEvidenceDetail);
        Assert.All(assessment.Tasks, task => Assert.Empty(task.Evidence));
        Assert.Equal("s9", assessment.Task(GartnerTasks.SupplierSelection).LastEvidenceSignalId);
    }

    [Fact]
    public void Assess_TasksAndActiveTasks_AreInModelOrderWithTimeInPhase()
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.ReferenceRequested), (1, SignalTypes.ProblemStated)));

        var assessment = Engine.Assess(state, Day(3));

        Assert.Equal(BuyingModels.Gartner.Tasks.Select(t => t.Id), assessment.Tasks.Select(t => t.TaskId));
        Assert.Equal("ProblemIdentification, Validation", string.Join(", ", assessment.ActiveTasks));
        Assert.Equal(TimeSpan.FromDays(3), assessment.Task(GartnerTasks.Validation).TimeInPhase);
        Assert.Equal(TimeSpan.FromDays(2), assessment.Task(GartnerTasks.ProblemIdentification).TimeInPhase);
        Assert.Equal(TimeSpan.Zero, assessment.Task(GartnerTasks.SupplierSelection).TimeInPhase);
        Assert.Null(assessment.Task(GartnerTasks.SupplierSelection).Since);
        Assert.Same(BuyingModels.Gartner.Tasks[4], assessment.Tasks[4].Task);
        Assert.StartsWith("j as of 2026-03-05T09:00:00.0000000+00:00: Open, active ProblemIdentification, Validation", assessment.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_Task_UnknownOrNullId_Throws()
    {
        var assessment = Engine.Assess(Engine.Start(JourneyId), Day0);

        Assert.Equal("taskId", Assert.Throws<ArgumentException>(() => assessment.Task("Nope")).ParamName);
        Assert.Equal("taskId", Assert.Throws<ArgumentNullException>(() => assessment.Task(null!)).ParamName);
    }

    [Fact]
    public void Assess_WithoutATime_UsesTheInjectedClock()
    {
        var clock = new FakeTimeProvider(Day(10));
        var engine = JourneyEngine.CreateDefault(clock);
        var state = ApplyAll(engine, Script((0, SignalTypes.ProblemStated)));

        var early = engine.Assess(state);
        clock.SetUtcNow(Day(40));
        var late = engine.Assess(state);
        clock.Advance(TimeSpan.FromDays(1));
        var later = engine.Assess(state);

        Assert.Equal(Day(10), early.AsOf);
        Assert.Equal(TaskPhase.Active, early.Task(GartnerTasks.ProblemIdentification).Phase);
        Assert.Equal(Day(40), late.AsOf);
        Assert.Equal(TaskPhase.Dormant, late.Task(GartnerTasks.ProblemIdentification).Phase);
        Assert.Equal(Day(41), later.AsOf);
    }

    [Fact]
    public void Assess_WithoutATime_ClockBehindTheLastSignal_AssessesAsOfTheLastSignal()
    {
        var clock = new FakeTimeProvider(Day(-3));
        var engine = JourneyEngine.CreateDefault(clock);
        var state = ApplyAll(engine, Script((0, SignalTypes.ProblemStated), (2, SignalTypes.SolutionResearched)));

        var assessment = engine.Assess(state);

        Assert.Equal(Day(2), assessment.AsOf);
        Assert.Equal(2, assessment.ActiveTasks.Length);
    }

    [Fact]
    public void Assess_WithoutATime_NewJourney_AssessesAsOfNow()
    {
        var clock = new FakeTimeProvider(Day(7));
        var engine = JourneyEngine.CreateDefault(clock);

        var assessment = engine.Assess(engine.Start(JourneyId));

        Assert.Equal(Day(7), assessment.AsOf);
        Assert.Empty(assessment.ActiveTasks);
        Assert.Empty(assessment.Advice);
    }

    [Fact]
    public void Assess_NullOrForeignState_ThrowsNamingState()
    {
        var other = EngineFor(new BuyingModel("tiny", [new TaskDefinition("need", "Need", "Why?")]));
        var state = Engine.Start(JourneyId);

        Assert.Equal("state", Assert.Throws<ArgumentNullException>(() => Engine.Assess(null!)).ParamName);
        Assert.Equal("state", Assert.Throws<ArgumentNullException>(() => Engine.Assess(null!, Day0)).ParamName);
        Assert.Equal("state", Assert.Throws<ArgumentException>(() => other.Assess(state)).ParamName);
        Assert.Equal("state", Assert.Throws<ArgumentException>(() => other.Assess(state, Day0)).ParamName);
    }

    [Fact]
    public void Assess_FromSignals_OnlySignalsAtOrBeforeAsOfCount()
    {
        var assessment = Engine.Assess(JourneyId, Story, Day(3));

        Assert.True(assessment.HasEvidenceDetail);
        Assert.Equal(Day(3), assessment.AsOf);
        Assert.Equal(5, assessment.State.SignalCount);
        Assert.Equal(Engine.Replay(JourneyId, Story.Take(5)), assessment.State);
        Assert.Equal("s4", Assert.Single(assessment.LoopBacks).SignalId);
    }

    [Fact]
    public void Assess_FromSignals_BeforeTheFirstSignal_IsTheEmptyJourney()
    {
        var assessment = Engine.Assess(JourneyId, Story, Day(-1));

        Assert.Equal(Engine.Start(JourneyId), assessment.State);
        Assert.Empty(assessment.ActiveTasks);
        Assert.All(assessment.Tasks, task => Assert.Empty(task.Evidence));
    }

    [Fact]
    public void Assess_FromSignals_AgreesWithAssessingTheReplayedState()
    {
        foreach (var day in new[] { 0.0, 2.5, 3, 7, 8, 30, 59, 90 })
        {
            var fromSignals = Engine.Assess(JourneyId, Story, Day(day));
            var fromState = Engine.Assess(fromSignals.State, Day(day));

            Assert.Equal(fromState.Tasks.Select(t => (t.Phase, t.Score, t.Since, t.LoopBackCount)), fromSignals.Tasks.Select(t => (t.Phase, t.Score, t.Since, t.LoopBackCount)));
            Assert.Equal(fromState.ActiveTasks, fromSignals.ActiveTasks);
            Assert.Equal(fromState.Advice.Select(a => a.Code), fromSignals.Advice.Select(a => a.Code));
        }
    }

    [Fact]
    public void Assess_FromSignals_ContributionsSumToTheScoreLargestFirst()
    {
        var signals = Script(
            (0, SignalTypes.ContentInsightRead),
            (1, SignalTypes.ProblemStated),
            (2, SignalTypes.ContentInsightRead),
            (3, SignalTypes.SolutionResearched),
            (4, SignalTypes.RfiIssued),
            (5, SignalTypes.ProblemDefined),
            (6, SignalTypes.ProblemMetricMissed),
            (7, SignalTypes.ContentInsightRead),
            (9, SignalTypes.SiteVisited),
            (9.5, SignalTypes.ObjectionRaised),
            (12, SignalTypes.BudgetSet),
            (13, SignalTypes.BudgetFrozen),
            (14, SignalTypes.StakeholderJoined),
            (15, SignalTypes.MeetingMultiStakeholder));

        foreach (var day in new[] { 0.0, 1, 4.5, 6, 8, 12.5, 13, 15, 20, 45, 365 })
        {
            var assessment = Engine.Assess(JourneyId, signals, Day(day));
            foreach (var task in assessment.Tasks)
            {
                var sum = task.Evidence.Sum(e => e.Contribution);
                Assert.True(Math.Abs(sum - task.Score) <= 1e-9, $"{task.TaskId} on day {day}: contributions {sum}, score {task.Score}");
                for (var i = 1; i < task.Evidence.Length; i++)
                {
                    Assert.True(task.Evidence[i - 1].Contribution >= task.Evidence[i].Contribution, $"{task.TaskId} on day {day}: evidence {i} out of order");
                }

                foreach (var item in task.Evidence)
                {
                    var age = assessment.AsOf - item.Evidence.OccurredAt;
                    var expected = item.Evidence.Kind == EvidenceKind.Weight ? item.Evidence.Weight * Math.Pow(2, -age.TotalDays / 14) : 0;
                    Assert.Equal(expected, item.Contribution, 12);
                    Assert.Equal(task.TaskId, item.Evidence.TaskId);
                    Assert.True(item.Evidence.OccurredAt <= assessment.AsOf);
                }
            }
        }
    }

    [Fact]
    public void Assess_FromSignals_CompletionResetsTheEvidenceAndIsListedLast()
    {
        var signals = Script(
            (0, SignalTypes.ProblemStated),
            (1, SignalTypes.ContentInsightRead),
            (2, SignalTypes.ProblemDefined),
            (3, SignalTypes.ContentInsightRead));

        var task = Engine.Assess(JourneyId, signals, Day(3)).Task(GartnerTasks.ProblemIdentification);

        Assert.Equal(2, task.Evidence.Length);
        Assert.Equal(("s4", EvidenceKind.Weight, 0.3), (task.Evidence[0].SignalId, task.Evidence[0].Evidence.Kind, task.Evidence[0].Contribution));
        Assert.Equal(("s3", EvidenceKind.Completion, 0.0), (task.Evidence[1].SignalId, task.Evidence[1].Evidence.Kind, task.Evidence[1].Contribution));
        Assert.Equal("gartner:problem.defined", task.Evidence[1].RuleId);
        Assert.StartsWith("completed by problem.defined (s3, rule gartner:problem.defined)", task.Evidence[1].ToString(), StringComparison.Ordinal);
        Assert.Equal("+0.30 content.insight-read (s4, rule gartner:content.insight-read): the customer read an insight piece", task.Evidence[0].ToString());
    }

    [Fact]
    public void Assess_FromSignals_JourneyEffectDropsTheWeightEvidence()
    {
        var signals = Script((0, SignalTypes.ProblemStated), (1, SignalTypes.CaseStudyRead), (2, SignalTypes.BudgetFrozen));

        var assessment = Engine.Assess(JourneyId, signals, Day(2));

        Assert.All(assessment.Tasks, task => Assert.Empty(task.Evidence));
        Assert.All(assessment.Tasks, task => Assert.Equal(0, task.Score));
    }

    [Fact]
    public void Assess_FromSignals_EqualContributionsKeepTheNewestFirst()
    {
        var signals = Script((0, SignalTypes.StakeholderJoined), (0, SignalTypes.StakeholderJoined));

        var task = Engine.Assess(JourneyId, signals, Day(0)).Task(GartnerTasks.ConsensusCreation);

        Assert.Equal("s2, s1", string.Join(", ", task.Evidence.Select(e => e.SignalId)));
    }

    [Fact]
    public void Assess_FromSignals_NullOrForeignArguments_ThrowNamingTheParameter()
    {
        Assert.Equal("journeyId", Assert.Throws<ArgumentNullException>(() => Engine.Assess(null!, Story, Day0)).ParamName);
        Assert.Equal("signals", Assert.Throws<ArgumentNullException>(() => Engine.Assess(JourneyId, null!, Day0)).ParamName);
        Assert.Equal("signals", Assert.Throws<ArgumentException>(() => Engine.Assess("k", Story, Day0)).ParamName);
    }
}
