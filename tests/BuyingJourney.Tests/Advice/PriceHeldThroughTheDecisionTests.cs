using System;
using System.Linq;
using BuyingJourney.Advice;
using BuyingJourney.Assessment;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Signals;
using BuyingJourney.Tests.Support;
using Xunit;
using static BuyingJourney.Tests.Group.GroupSignals;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Advice;

/// <summary>
/// Seed 002: in the purchase decision the customer reduces the risk of deciding, and a price push is often a bid for
/// margin. Price is held from the supplier choice (or the decision stage starting, as when procurement engages) until the
/// order is signed, in every built-in model.
/// </summary>
public sealed class PriceHeldThroughTheDecisionTests
{
    private const string HoldPrice = "guardrail.hold-price.decision";

    public static TheoryData<string> Models => [.. BuiltInEngines.Names];

    [Theory]
    [MemberData(nameof(Models))]
    public void SupplierChosen_PriceHeldUntilTheOrderIsSigned_EvenLongAfter(string model)
    {
        var engine = BuiltInEngines.Discounting(model);
        Signal[] chosen = [At(0, "s1", SignalTypes.ProblemDefined), At(10, "s2", SignalTypes.SupplierChosen)];

        foreach (var days in new[] { 10.0, 25, 60 })
        {
            var assessment = engine.Assess(JourneyId, chosen, Day(days));

            var guardrail = GuardrailOf(assessment, HoldPrice);
            Assert.Contains("s2", guardrail.EvidenceSignalIds);
            Assert.Equal([BuiltInEngines.DiscountCode], guardrail.BlockedActionCodes);
            Assert.DoesNotContain(assessment.Advice, static a => a.Code == BuiltInEngines.DiscountCode);
            Assert.Contains("has not signed the order yet", guardrail.Reason, StringComparison.Ordinal);
        }

        var signed = engine.Assess(JourneyId, [.. chosen, At(70, "s3", SignalTypes.DealWon)], Day(70));

        Assert.Equal(JourneyStatus.Won, signed.Status);
        Assert.Empty(signed.Guardrails);
        Assert.Contains(signed.Advice, static a => a.Code == BuiltInEngines.DiscountCode);
    }

    [Fact]
    public void Gartner_ValidationPassedAfterTheChoice_PriceStillHeldWhileProcurementNegotiates()
    {
        var engine = BuiltInEngines.Discounting("gartner");
        Signal[] signals =
        [
            At(0, "s1", SignalTypes.ReferenceRequested),
            At(5, "s2", SignalTypes.SupplierChosen),
            At(6, "s3", SignalTypes.ValidationPassed),
            By(8, "s4", SignalTypes.PricingRequested, "pete", StakeholderRoles.Purchaser),
        ];

        var assessment = engine.Assess(JourneyId, signals, Day(8));

        Assert.Equal(TaskPhase.Completed, assessment.Task(GartnerTasks.Validation).Phase);
        var guardrail = GuardrailOf(assessment, HoldPrice);
        Assert.Contains("supplier selection was completed on 2026-03-07", guardrail.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(assessment.Advice, static a => a.Code == BuiltInEngines.DiscountCode);
    }

    [Fact]
    public void Gartner_ValidationPassedBeforeTheChoice_PriceStillHeldWhileTheyChoose()
    {
        // Shortlisted and checked out (the QuickStart's day 58): the customer is deciding, validation is done, the
        // supplier not yet chosen. Letting go of the price here is the gap seed 002 warns of.
        var engine = BuiltInEngines.Discounting("gartner");
        Signal[] signals =
        [
            At(0, "s1", SignalTypes.RfpIssued),
            At(2, "s2", SignalTypes.ReferenceRequested),
            At(6, "s3", SignalTypes.ValidationPassed),
        ];

        var assessment = engine.Assess(JourneyId, signals, Day(7));

        Assert.Equal(TaskPhase.Completed, assessment.Task(GartnerTasks.Validation).Phase);
        Assert.True(assessment.Task(GartnerTasks.SupplierSelection).IsActive);
        var guardrail = GuardrailOf(assessment, HoldPrice);
        Assert.Contains("validation was completed on 2026-03-08", guardrail.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(assessment.Advice, static a => a.Code == BuiltInEngines.DiscountCode);
    }

    [Fact]
    public void Gartner_BeforeTheChoice_ComparingSuppliersAlone_PriceNotHeld()
    {
        var assessment = BuiltInEngines.Discounting("gartner").Assess(JourneyId, [At(0, "s1", SignalTypes.DemoRequested)], Day(0));

        Assert.DoesNotContain(assessment.Guardrails, static g => g.Code == HoldPrice);
        Assert.Contains(assessment.Advice, static a => a.Code == BuiltInEngines.DiscountCode);
    }

    [Theory]
    [InlineData("rackham-3", Rackham3Phases.PurchaseDecision)]
    [InlineData("rackham-5", Rackham5Phases.Decision)]
    [InlineData("practitioner-3", PractitionerStages.ChoosingTheMoment)]
    [InlineData("buygrid-8", BuyGridPhases.OrderRoutineSelection)]
    public void OrderedModel_ProcurementEngages_TheDecisionStageStartsAndPriceIsHeldEvenWhenItGoesQuiet(string model, string decision)
    {
        var engine = BuiltInEngines.Discounting(model);
        Signal[] signals = [By(0, "s1", SignalTypes.ProcurementEngaged, "pete", StakeholderRoles.Purchaser), At(0.5, "s2", SignalTypes.ProcurementEngaged)];

        var now = engine.Assess(JourneyId, signals, Day(1));
        var later = engine.Assess(JourneyId, signals, Day(90));

        Assert.True(engine.Model.Tasks[engine.Model.IndexOf(decision)].Has(TaskTraits.Decision));
        Assert.NotEqual(TaskPhase.NotStarted, now.Task(decision).Phase);
        Assert.Equal(TaskPhase.Dormant, later.Task(decision).Phase);
        Assert.Equal([BuiltInEngines.DiscountCode], GuardrailOf(now, HoldPrice).BlockedActionCodes);
        Assert.Contains("has started and gone quiet", GuardrailOf(later, HoldPrice).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Lost_NoPriceGuardrail(string model)
    {
        var assessment = BuiltInEngines.Discounting(model).Assess(JourneyId, [At(0, "s1", SignalTypes.SupplierChosen), At(1, "s2", SignalTypes.DealLost)], Day(1));

        Assert.DoesNotContain(assessment.Guardrails, static g => g.Code == HoldPrice);
    }

    [Fact]
    public void CustomModel_TraitsDecide_NotTheTaskIds()
    {
        // Gartner's tasks with no Choice trait: choosing a supplier no longer starts the hold.
        var model = new BuyingModel("gartner-no-choice", BuyingModels.Gartner.Tasks.Select(static t => t with { Traits = t.Traits & ~TaskTraits.Choice }));
        var engine = new JourneyEngineBuilder().UseModel(model).UseRulebook(BuyingJourney.Rules.Rulebooks.Gartner).Build();

        var assessment = engine.Assess(JourneyId, [At(0, "s1", SignalTypes.SupplierChosen)], Day(1));

        Assert.Equal(TaskPhase.Completed, assessment.Task(GartnerTasks.SupplierSelection).Phase);
        Assert.DoesNotContain(assessment.Guardrails, static g => g.Code == HoldPrice);
    }
}
