using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Rules;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Model;

/// <summary>The built-in ordered models, their rulebooks, and loop-backs in an ordered model.</summary>
public sealed class OrderedModelTests
{
    public static TheoryData<string> ModelNames => ["rackham-3", "rackham-5", "practitioner-3", "buygrid-8"];

    private static readonly Dictionary<string, (BuyingModel Model, Rulebook Rulebook, string[] Ids)> BuiltIns = new()
    {
        ["rackham-3"] = (BuyingModels.Rackham3, Rulebooks.Rackham3, ["NeedFormation", "OptionEvaluation", "PurchaseDecision"]),
        ["rackham-5"] = (BuyingModels.Rackham5, Rulebooks.Rackham5, ["RecognitionOfNeeds", "EvaluationOfOptions", "ResolutionOfConcerns", "Decision", "Implementation"]),
        ["practitioner-3"] = (BuyingModels.Practitioner, Rulebooks.Practitioner, ["AwarenessOfNeed", "MarketMonitoring", "ChoosingTheMoment"]),
        ["buygrid-8"] = (BuyingModels.BuyGrid, Rulebooks.BuyGrid,
            ["ProblemRecognition", "CharacteristicsDetermination", "CharacteristicsDescription", "SupplierSearch", "ProposalAcquisition", "ProposalEvaluation", "OrderRoutineSelection", "PerformanceReview"]),
    };

    private static readonly Dictionary<string, Type> IdClasses = new()
    {
        ["rackham-3"] = typeof(Rackham3Phases),
        ["rackham-5"] = typeof(Rackham5Phases),
        ["practitioner-3"] = typeof(PractitionerStages),
        ["buygrid-8"] = typeof(BuyGridPhases),
    };

    private static JourneyEngine EngineFor(BuyingModel model, Rulebook rulebook)
        => new JourneyEngineBuilder().UseModel(model).UseRulebook(rulebook).Build();

    private static JourneyEngine EngineFor(string name) => EngineFor(BuiltIns[name].Model, BuiltIns[name].Rulebook);

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void BuiltIn_IsOrderedWithItsStagesInOrder(string name)
    {
        var (model, rulebook, ids) = BuiltIns[name];

        Assert.Equal(name, model.Name);
        Assert.True(model.IsOrdered);
        Assert.Equal(ids, model.Tasks.Select(static t => t.Id));
        Assert.All(model.Tasks, static t => Assert.False(t.AlwaysOn));
        Assert.Equal(name + "-default", rulebook.Name);
        Assert.Equal(name == "practitioner-3" ? "1.1.0" : "1.0.0", rulebook.Version); // 1.1.0: a general inquiry is a weak touch (seed 002)
        Assert.Equal($"{name} ({ids.Length} ordered stages)", model.ToString());
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void IdClass_ConstantsAreTheModelsTaskIdsInOrder(string name)
    {
        var constants = IdClasses[name].GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(static f => f.IsLiteral)
            .Select(static f => (string)f.GetRawConstantValue()!)
            .ToArray();

        Assert.Equal(BuiltIns[name].Ids, constants);
        Assert.All(constants, c => Assert.Equal(constants.ToList().IndexOf(c), BuiltIns[name].Model.IndexOf(c)));
    }

    [Fact]
    public void BuiltIns_TaskIdsAreDistinctAcrossModels()
    {
        var all = BuiltIns.Values.SelectMany(static b => b.Ids).Concat(BuyingModels.Gartner.Tasks.Select(static t => t.Id)).ToList();

        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Rulebook_RecognisesEveryWellKnownSignalTypeWithEvidenceForItsOwnModel(string name)
    {
        var engine = EngineFor(name);
        var types = typeof(SignalTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(static f => f.IsLiteral)
            .Select(static f => (string)f.GetRawConstantValue()!)
            .Except(Rules.DefaultRulebookTests.EngineTypes)
            .ToArray();

        Assert.Equal(types.Length, engine.Rulebook.Rules.Length);
        foreach (var type in types)
        {
            var result = engine.Apply(engine.Start(JourneyId), At(0, "s1", type));

            Assert.True(result.IsApplied, $"{type}: {result.Outcome} {result.Reason}");
            Assert.Equal(0, result.State.UnrecognizedSignalCount);
        }
    }

    [Fact]
    public void Gartner_IsUnorderedAndACustomModelDefaultsToUnordered()
    {
        Assert.False(BuyingModels.Gartner.IsOrdered);
        Assert.False(new BuyingModel("custom", [new TaskDefinition("a", "A", "A?")]).IsOrdered);
        Assert.True(new BuyingModel("custom", [new TaskDefinition("a", "A", "A?")], isOrdered: true).IsOrdered);
        Assert.Equal("gartner (6 tasks)", BuyingModels.Gartner.ToString());
    }

    [Fact]
    public void Gartner_StartingAnEarlierTaskWhileALaterOneIsActive_IsNoLoopBack()
    {
        var engine = JourneyEngine.CreateDefault();
        var signals = Script((0, SignalTypes.SolutionResearched), (1, SignalTypes.ProblemStated));

        var state = engine.Replay(JourneyId, signals);

        Assert.Equal(0, state.LoopBackCount);
        Assert.Empty(state.LoopBacks);
        Assert.Equal(TaskPhase.Active, state.Tasks[0].Phase);
    }

    [Fact]
    public void Ordered_StartingAnEarlierStageWhileALaterOneIsActive_IsALoopBackFromTheLaterStage()
    {
        var engine = EngineFor("rackham-3");
        var signals = Script((0, SignalTypes.SolutionResearched), (1, SignalTypes.ProblemStated));

        var trace = engine.Trace(JourneyId, signals);

        var loopBack = Assert.Single(trace.State.LoopBacks);
        Assert.Equal(Rackham3Phases.NeedFormation, loopBack.TaskId);
        Assert.Equal("s2", loopBack.SignalId);
        Assert.Equal(Day(1), loopBack.At);
        Assert.Equal([Rackham3Phases.OptionEvaluation], loopBack.LoopedBackFrom);
        Assert.Equal(1, trace.State.LoopBackCount);
        Assert.Equal(1, trace.State.Tasks[0].LoopBackCount);
        Assert.Equal(trace.State.LoopBackCount, trace.State.Tasks.Sum(static t => t.LoopBackCount));
        var transition = Assert.Single(trace.Steps[1].Transitions);
        Assert.Equal(TaskPhase.NotStarted, transition.From);
        Assert.Equal(TaskPhase.Active, transition.To);
        Assert.Contains("a return to an earlier stage (loop-back)", transition.Reason, StringComparison.Ordinal);
        Assert.Equal(loopBack, Assert.Single(trace.Steps[1].LoopBacks));
        Assert.Equal([Rackham3Phases.NeedFormation, Rackham3Phases.OptionEvaluation], engine.Assess(trace.State, Day(1)).ActiveTasks);
    }

    [Fact]
    public void Ordered_MovingForwardAndWorkingConcurrently_IsNoLoopBack()
    {
        var engine = EngineFor("rackham-3");
        var signals = Script(
            (0, SignalTypes.ProblemStated),
            (1, SignalTypes.SolutionResearched),
            (2, SignalTypes.RequirementsDrafted), // more need evidence while the need is still active: concurrency
            (3, SignalTypes.ReferenceRequested));

        var state = engine.Replay(JourneyId, signals);

        Assert.Equal(0, state.LoopBackCount);
        Assert.Equal(
            [Rackham3Phases.NeedFormation, Rackham3Phases.OptionEvaluation, Rackham3Phases.PurchaseDecision],
            engine.Assess(state, Day(3)).ActiveTasks);
    }

    [Fact]
    public void Ordered_ResumingADormantEarlierStageWhileALaterOneIsActive_IsALoopBack()
    {
        var engine = EngineFor("rackham-3");
        var signals = Script(
            (0, SignalTypes.ProblemStated),       // need: 1.0, dormant after ~32.5 days
            (40, SignalTypes.SolutionResearched), // option active
            (41, SignalTypes.ProblemMetricMissed)); // need: dormant → active while option is active

        var trace = engine.Trace(JourneyId, signals);

        var loopBack = Assert.Single(trace.State.LoopBacks);
        Assert.Equal(Rackham3Phases.NeedFormation, loopBack.TaskId);
        Assert.Equal([Rackham3Phases.OptionEvaluation], loopBack.LoopedBackFrom);
        Assert.Contains(trace.Steps[2].Transitions, static t => t.From == TaskPhase.Dormant && t.To == TaskPhase.Active && !t.IsLoopBack && t.IsResumption);
    }

    [Fact]
    public void Ordered_ReopeningACompletedStage_IsOneLoopBack()
    {
        var engine = EngineFor("rackham-3");
        var signals = Script(
            (0, SignalTypes.ProblemStated),
            (2, SignalTypes.RequirementsApproved), // need completed
            (3, SignalTypes.SolutionResearched),
            (5, SignalTypes.ProblemMetricMissed)); // need: completed → revisiting

        var state = engine.Replay(JourneyId, signals);

        var loopBack = Assert.Single(state.LoopBacks);
        Assert.Equal(Rackham3Phases.NeedFormation, loopBack.TaskId);
        Assert.Equal([Rackham3Phases.OptionEvaluation], loopBack.LoopedBackFrom);
        Assert.Equal(TaskPhase.Revisiting, state.Tasks[0].Phase);
        Assert.Equal(1, state.LoopBackCount);
    }

    [Fact]
    public void Rackham3_SeedJourney_NeedThenOptionsThenRiskReducedDecision()
    {
        var engine = EngineFor("rackham-3");
        var signals = Script(
            (0, SignalTypes.ProblemStated),
            (3, SignalTypes.RequirementsDrafted),
            (6, SignalTypes.RequirementsApproved),
            (7, SignalTypes.SolutionResearched),
            (9, SignalTypes.DemoRequested),
            (14, SignalTypes.SupplierChosen),
            (15, SignalTypes.ReferenceRequested),
            (16, SignalTypes.PricingRequested), // a price push in the decision: evidence of fit, not a reopened comparison
            (20, SignalTypes.DealWon));

        Assert.Equal([Rackham3Phases.NeedFormation], engine.Assess(JourneyId, signals[..2], Day(4)).ActiveTasks);
        Assert.Equal([Rackham3Phases.OptionEvaluation], engine.Assess(JourneyId, signals[..5], Day(10)).ActiveTasks);
        var deciding = engine.Assess(JourneyId, signals[..8], Day(17));
        Assert.Equal([Rackham3Phases.PurchaseDecision], deciding.ActiveTasks);
        Assert.Equal(TaskPhase.Completed, deciding.Task(Rackham3Phases.NeedFormation).Phase);
        Assert.Equal(TaskPhase.Completed, deciding.Task(Rackham3Phases.OptionEvaluation).Phase);
        var won = engine.Replay(JourneyId, signals);
        Assert.Equal(JourneyStatus.Won, won.Status);
        Assert.All(won.Tasks, static t => Assert.Equal(TaskPhase.Completed, t.Phase));
        Assert.Equal(0, won.LoopBackCount);
    }

    [Fact]
    public void Rackham5_SeedJourney_AnObjectionAfterChoosingReturnsToConcerns()
    {
        var engine = EngineFor("rackham-5");
        var signals = Script(
            (0, SignalTypes.ProblemStated),
            (2, SignalTypes.RequirementsApproved),
            (3, SignalTypes.SolutionResearched),
            (5, SignalTypes.DemoRequested),
            (8, SignalTypes.SupplierChosen),
            (9, SignalTypes.ObjectionRaised),
            (11, SignalTypes.ValidationPassed),
            (14, SignalTypes.DealWon));

        Assert.Equal([Rackham5Phases.EvaluationOfOptions], engine.Assess(JourneyId, signals[..4], Day(6)).ActiveTasks);
        Assert.Equal([Rackham5Phases.Decision], engine.Assess(JourneyId, signals[..5], Day(8.5)).ActiveTasks);
        var concerned = engine.Replay(JourneyId, signals[..6]);
        var loopBack = Assert.Single(concerned.LoopBacks);
        Assert.Equal(Rackham5Phases.ResolutionOfConcerns, loopBack.TaskId);
        Assert.Equal([Rackham5Phases.Decision], loopBack.LoopedBackFrom);
        Assert.Equal([Rackham5Phases.ResolutionOfConcerns, Rackham5Phases.Decision], engine.Assess(concerned, Day(9.5)).ActiveTasks);

        var won = engine.Replay(JourneyId, signals);
        Assert.Equal(JourneyStatus.Won, won.Status);
        Assert.Equal(
            [TaskPhase.Completed, TaskPhase.Completed, TaskPhase.Completed, TaskPhase.Completed, TaskPhase.NotStarted],
            won.Tasks.Select(static t => t.Phase));
    }

    [Fact]
    public void Practitioner_StallInStageThree_DropsStraightBackToZero()
    {
        var engine = EngineFor("practitioner-3");
        var signals = Script(
            (0, SignalTypes.ProblemStated),
            (2, SignalTypes.SolutionResearched),
            (4, SignalTypes.PricingRequested),
            (6, SignalTypes.SupplierChosen),
            (7, SignalTypes.DeadlineSet),
            (8, SignalTypes.BudgetFrozen),
            (30, SignalTypes.ProblemStated));

        var choosing = engine.Assess(JourneyId, signals[..5], Day(7.5));
        Assert.Contains(PractitionerStages.ChoosingTheMoment, choosing.ActiveTasks);
        Assert.Equal(TaskPhase.Completed, choosing.Task(PractitionerStages.MarketMonitoring).Phase);

        var zero = engine.Assess(JourneyId, signals[..6], Day(8));
        Assert.Equal(JourneyStatus.Stalled, zero.Status);
        Assert.Empty(zero.ActiveTasks);
        Assert.All(zero.Tasks, static t => Assert.Equal(0, t.Score));
        Assert.Equal(TaskPhase.Dormant, zero.Task(PractitionerStages.ChoosingTheMoment).Phase);
        Assert.Equal("journey.stalled", zero.Advice[0].Code);

        // Back into the purchase at stage one: a return to an earlier stage from the stage they had reached.
        var again = engine.Replay(JourneyId, signals);
        Assert.Equal(JourneyStatus.Open, again.Status);
        var loopBack = Assert.Single(again.LoopBacks);
        Assert.Equal(PractitionerStages.AwarenessOfNeed, loopBack.TaskId);
        Assert.Equal("s7", loopBack.SignalId);
        Assert.Equal([PractitionerStages.MarketMonitoring], loopBack.LoopedBackFrom);
        Assert.Equal([PractitionerStages.AwarenessOfNeed], engine.Assess(again, Day(30)).ActiveTasks);
    }

    [Fact]
    public void Practitioner_WeWillDoWithoutIt_LosesTheJourneyFromStageThree()
    {
        var engine = EngineFor("practitioner-3");
        var signals = Script(
            (0, SignalTypes.ProblemStated),
            (2, SignalTypes.SolutionResearched),
            (6, SignalTypes.SupplierChosen),
            (8, SignalTypes.DealLost));

        var assessment = engine.Assess(JourneyId, signals, Day(8));

        Assert.Equal(JourneyStatus.Lost, assessment.Status);
        Assert.Empty(assessment.ActiveTasks);
        Assert.All(assessment.Tasks, static t => Assert.Equal(0, t.Score));
    }

    [Fact]
    public void BuyGrid_SeedJourney_WalksTheBuyphasesInOrder()
    {
        var engine = EngineFor("buygrid-8");
        var signals = Script(
            (0, SignalTypes.ProblemStated),
            (1, SignalTypes.ProblemDefined),
            (2, SignalTypes.SolutionResearched),
            (4, SignalTypes.SolutionApproachChosen),
            (5, SignalTypes.RequirementsDrafted),
            (6, SignalTypes.RfiIssued),
            (7, SignalTypes.RequirementsApproved),
            (10, SignalTypes.RfpIssued),
            (12, SignalTypes.PricingRequested),
            (14, SignalTypes.RoiReviewed),
            (16, SignalTypes.SupplierChosen),
            (17, SignalTypes.ProcurementEngaged),
            (20, SignalTypes.DealWon));

        Assert.Equal([BuyGridPhases.CharacteristicsDetermination], engine.Assess(JourneyId, signals[..3], Day(3)).ActiveTasks);
        Assert.Equal([BuyGridPhases.CharacteristicsDescription, BuyGridPhases.SupplierSearch], engine.Assess(JourneyId, signals[..6], Day(6.5)).ActiveTasks);
        var ordering = engine.Assess(JourneyId, signals[..12], Day(17.5));
        Assert.Contains(BuyGridPhases.OrderRoutineSelection, ordering.ActiveTasks);
        Assert.Equal(TaskPhase.Completed, ordering.Task(BuyGridPhases.ProposalEvaluation).Phase);
        Assert.DoesNotContain(BuyGridPhases.PerformanceReview, ordering.ActiveTasks);

        var won = engine.Replay(JourneyId, signals);
        Assert.Equal(JourneyStatus.Won, won.Status);
        Assert.Equal(0, won.LoopBackCount);
        Assert.Equal(TaskPhase.Completed, won.Tasks[BuyingModels.BuyGrid.IndexOf(BuyGridPhases.OrderRoutineSelection)].Phase);
        Assert.Equal(TaskPhase.NotStarted, won.Tasks[BuyingModels.BuyGrid.IndexOf(BuyGridPhases.PerformanceReview)].Phase);
    }
}
