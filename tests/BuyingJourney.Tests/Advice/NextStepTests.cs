using System;
using System.Linq;
using BuyingJourney.Advice;
using BuyingJourney.Assessment;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;
using BuyingJourney.Model;
using BuyingJourney.Signals;
using BuyingJourney.Tests.Support;
using Xunit;
using static BuyingJourney.Tests.Group.GroupSignals;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Advice;

/// <summary>
/// Seed 000: be proactive ("share new equipment information and industry trends so the customer sees the opportunity
/// earlier", "offer new information and advice"). An open journey with no active task gets the model's likely next step,
/// marked anticipatory, at Low priority.
/// </summary>
public sealed class NextStepTests
{
    public static TheoryData<string, string, string, string> FirstStepDone => new()
    {
        { "gartner", SignalTypes.ProblemDefined, GartnerTasks.ProblemIdentification, GartnerTasks.SolutionExploration },
        { "rackham-3", SignalTypes.RequirementsApproved, Rackham3Phases.NeedFormation, Rackham3Phases.OptionEvaluation },
        { "rackham-5", SignalTypes.RequirementsApproved, Rackham5Phases.RecognitionOfNeeds, Rackham5Phases.EvaluationOfOptions },
        { "practitioner-3", SignalTypes.ProblemDefined, PractitionerStages.AwarenessOfNeed, PractitionerStages.MarketMonitoring },
        { "buygrid-8", SignalTypes.ProblemDefined, BuyGridPhases.ProblemRecognition, BuyGridPhases.CharacteristicsDetermination },
    };

    [Theory]
    [MemberData(nameof(FirstStepDone))]
    public void FirstTaskCompleted_NothingActive_TheNextTaskIsAnticipated(string model, string completing, string done, string next)
    {
        var engine = BuiltInEngines.For(model);

        var assessment = engine.Assess(JourneyId, [At(0, "s1", SignalTypes.ProblemStated), At(1, "s2", completing)], Day(1));

        Assert.Empty(assessment.ActiveTasks);
        Assert.Equal(TaskPhase.Completed, assessment.Task(done).Phase);
        var action = Assert.Single(assessment.Advice, static a => a.Tactic == ActionTactic.Anticipate);
        Assert.Equal(next + ".next", action.Code);
        Assert.Equal(next, action.TaskId);
        Assert.Equal(ActionPriority.Low, action.Priority);
        Assert.Equal(["s2"], action.EvidenceSignalIds);
        var doneName = engine.Model.Tasks[engine.Model.IndexOf(done)].DisplayName.ToLowerInvariant();
        Assert.EndsWith($"The customer completed {doneName} on 2026-03-03 (signal s2), and nothing is active yet.", action.Rationale, StringComparison.Ordinal);
        Assert.Contains(assessment.NextBestActions, a => ReferenceEquals(a, action));
    }

    [Fact]
    public void Gartner_ProblemDefined_OfferNewInformationAndAdvice()
    {
        var assessment = BuiltInEngines.For("gartner").Assess(JourneyId, [At(0, "s1", SignalTypes.ProblemDefined)], Day(2));

        var action = Advised(assessment, "SolutionExploration.next");
        Assert.Equal("Offer new information and advice on the ways to solve it", action.Title);
        Assert.Equal("Prepares solution exploration, the customer's likely next step, so it starts with us.", action.ExpectedEffect);
    }

    [Fact]
    public void Gartner_RequirementsApproved_PrepareForSelection()
    {
        Signal[] signals = [At(0, "s1", SignalTypes.ProblemDefined), At(1, "s2", SignalTypes.SolutionApproachChosen), At(2, "s3", SignalTypes.RequirementsApproved)];

        var assessment = BuiltInEngines.For("gartner").Assess(JourneyId, signals, Day(3));

        var action = Assert.Single(assessment.Advice, static a => a.Tactic == ActionTactic.Anticipate);
        Assert.Equal("SupplierSelection.next", action.Code);
        Assert.StartsWith("Prepare for selection", action.Title, StringComparison.Ordinal);
        Assert.Equal(["s3"], action.EvidenceSignalIds);
    }

    [Theory]
    [InlineData("gartner")]
    [InlineData("rackham-3")]
    [InlineData("buygrid-8")]
    public void SomethingActive_NoAnticipatoryAdvice(string model)
    {
        var assessment = BuiltInEngines.For(model).Assess(JourneyId, [At(0, "s1", SignalTypes.ProblemDefined), At(1, "s2", SignalTypes.ProblemStated)], Day(1));

        Assert.NotEmpty(assessment.ActiveTasks);
        Assert.DoesNotContain(assessment.Advice, static a => a.Tactic == ActionTactic.Anticipate);
        Assert.All(assessment.Advice.Where(a => assessment.ActiveTasks.Contains(a.TaskId!)), static a => Assert.True(a.Priority > ActionPriority.Low));
    }

    [Fact]
    public void Stalled_NoAnticipatoryAdvice_TheJourneyActionInstead()
    {
        var assessment = BuiltInEngines.For("gartner").Assess(JourneyId, [At(0, "s1", SignalTypes.ProblemDefined), At(1, "s2", SignalTypes.BudgetFrozen)], Day(2));

        Assert.Equal(JourneyStatus.Stalled, assessment.Status);
        Assert.DoesNotContain(assessment.Advice, static a => a.Tactic == ActionTactic.Anticipate);
    }

    [Fact]
    public void NextTaskDormant_ItsOwnDormantActionCoversIt()
    {
        Signal[] signals = [At(0, "s1", SignalTypes.SolutionResearched), At(0.1, "s2", SignalTypes.SolutionResearched), At(1, "s3", SignalTypes.ProblemDefined)];

        var assessment = BuiltInEngines.For("gartner").Assess(JourneyId, signals, Day(60));

        Assert.Equal(TaskPhase.Dormant, assessment.Task(GartnerTasks.SolutionExploration).Phase);
        Assert.Contains(assessment.Advice, static a => a.Code == "SolutionExploration.dormant");
        Assert.DoesNotContain(assessment.Advice, static a => a.Tactic == ActionTactic.Anticipate);
    }

    [Fact]
    public void EveryTaskOfTheBuiltInModels_HasItsOwnOrTheGenericNextText()
    {
        foreach (var model in BuiltInEngines.Names)
        {
            var engine = BuiltInEngines.For(model);
            foreach (var task in engine.Model.Tasks.Skip(1))
            {
                var texts = BuyingJourney.Playbooks.PlaybookTexts.BuiltIn.Tasks[task.Id];
                var title = texts[4]?.Title ?? BuyingJourney.Playbooks.PlaybookTexts.BuiltIn.GenericTitles[4].Format([task.DisplayName, task.DisplayName.ToLowerInvariant(), task.BuyerQuestion]);
                Assert.False(string.IsNullOrWhiteSpace(title));
            }
        }
    }
}
