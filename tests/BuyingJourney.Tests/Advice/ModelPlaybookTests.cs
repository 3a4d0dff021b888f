using System;
using System.Linq;
using BuyingJourney.Advice;
using BuyingJourney.Model;
using BuyingJourney.Rules;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Advice;

/// <summary>The default playbook's texts for the built-in ordered models.</summary>
public sealed class ModelPlaybookTests
{
    private static readonly JourneyEngine Rackham3 = new JourneyEngineBuilder().UseModel(BuyingModels.Rackham3).UseRulebook(Rulebooks.Rackham3).Build();

    public static TheoryData<string> OrderedModels => ["rackham-3", "rackham-5", "practitioner-3", "buygrid-8"];

    [Theory]
    [MemberData(nameof(OrderedModels))]
    public void Advise_EveryStageOfABuiltInModel_HasItsOwnActiveAndRevisitingTexts(string name)
    {
        var (model, rulebook) = new[]
        {
            (BuyingModels.Rackham3, Rulebooks.Rackham3),
            (BuyingModels.Rackham5, Rulebooks.Rackham5),
            (BuyingModels.Practitioner, Rulebooks.Practitioner),
            (BuyingModels.BuyGrid, Rulebooks.BuyGrid),
        }.Single(m => m.Item1.Name == name);
        var engine = new JourneyEngineBuilder().UseModel(model).UseRulebook(rulebook)
            .AddRule("complete", ["test.complete"], static (RuleContext c, EvidenceCollector e) =>
            {
                foreach (var task in c.Model.Tasks)
                {
                    e.Add(BuyingJourney.Evidence.EvidenceItem.Completes(task.Id, "test"));
                }
            })
            .AddRule("all", ["test.all"], static (RuleContext c, EvidenceCollector e) =>
            {
                foreach (var task in c.Model.Tasks)
                {
                    e.Add(BuyingJourney.Evidence.EvidenceItem.For(task.Id, BuyingJourney.Evidence.EvidenceStrength.Strong, "test"));
                }
            })
            .Build();

        var active = engine.Assess(JourneyId, Script((0, "test.all")), Day(0));
        var revisiting = engine.Assess(JourneyId, Script((0, "test.complete"), (1, "test.all")), Day(1));

        foreach (var task in model.Tasks)
        {
            var first = active.Advice.Single(a => a.Code == task.Id + ".active");
            var again = revisiting.Advice.Single(a => a.Code == task.Id + ".revisiting");
            Assert.DoesNotContain("Engage on", first.Title, StringComparison.Ordinal);
            Assert.DoesNotContain("reopened: find out what changed", again.Title, StringComparison.Ordinal);
            Assert.Equal(ActionPriority.High, again.Priority);
        }
    }

    [Fact]
    public void Advise_Rackham3NeedFormation_SaysPriceTalkIsPremature()
    {
        var action = Rackham3.Assess(JourneyId, Script((0, SignalTypes.ProblemStated)), Day(1)).Advice.Single(static a => a.Code == "NeedFormation.active");

        Assert.Contains("price", action.Title, StringComparison.Ordinal);
        Assert.Contains("premature", action.Rationale, StringComparison.Ordinal);
        Assert.Contains("a clear need comes first, cost second", action.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_Rackham3OptionEvaluation_SaysFitMattersMoreThanPrice()
    {
        var action = Rackham3.Assess(JourneyId, Script((0, SignalTypes.SolutionResearched)), Day(1)).Advice.Single(static a => a.Code == "OptionEvaluation.active");

        Assert.Contains("price matters least", action.Title, StringComparison.Ordinal);
        Assert.Contains("which option solves the problem matters most, price the least", action.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_Rackham3PurchaseDecision_SaysTheCustomerIsReducingRiskHoldPrice()
    {
        var action = Rackham3.Assess(JourneyId, Script((0, SignalTypes.SupplierChosen)), Day(1)).Advice.Single(static a => a.Code == "PurchaseDecision.active");

        Assert.Equal("Reduce the risk of deciding; hold the price", action.Title);
        Assert.Contains("reducing the risk of the decision", action.Rationale, StringComparison.Ordinal);
        Assert.Contains("not a reason to concede", action.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_Rackham3Dormant_HasItsOwnText()
    {
        var action = Rackham3.Assess(JourneyId, Script((0, SignalTypes.ProblemStated)), Day(60)).Advice.Single(static a => a.Code == "NeedFormation.dormant");

        Assert.Equal("Check whether the need is still there", action.Title);
    }
}
