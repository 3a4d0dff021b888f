using System;
using System.Collections.Generic;
using System.Linq;
using BuyingJourney.Advice;
using BuyingJourney.Assessment;
using BuyingJourney.Group;
using BuyingJourney.Model;
using BuyingJourney.Playbooks;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Group.GroupSignals;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Advice;

/// <summary>
/// Guardrails: no discount while the customer forms the need, price held while they evaluate risk, no signature push
/// while a sign-off role is not engaged; what each blocks, why, and when none apply.
/// </summary>
public sealed class GuardrailTests
{
    private const string NoDiscount = "guardrail.no-discount.forming-need";
    private const string HoldPrice = "guardrail.hold-price.decision";
    private const string NoSignature = "guardrail.no-signature-push.sign-off-missing";

    /// <summary>The default engine plus a playbook that always proposes a discount, a signature push and an ordinary call.</summary>
    private static readonly JourneyEngine Engine = new JourneyEngineBuilder().AddPlaybook(new TacticPlaybook()).Build();

    [Fact]
    public void ProblemIdentificationActive_DiscountBlockedByNoDiscountWhileFormingTheNeed()
    {
        var assessment = Engine.Assess(JourneyId, [By(0, "s1", SignalTypes.ProblemStated, "ann", StakeholderRoles.DecisionMaker)], Day(1));

        var guardrail = GuardrailOf(assessment, NoDiscount);
        Assert.Equal(ActionTactic.Discount, guardrail.Tactic);
        Assert.Equal([TacticPlaybook.DiscountCode], guardrail.BlockedActionCodes);
        Assert.Equal(["s1"], guardrail.EvidenceSignalIds);
        Assert.Contains("problem identification is active (signal s1)", guardrail.Reason, StringComparison.Ordinal);
        Assert.Equal("Avoid Discount: Do not discount while the customer is still forming the need (guardrail.no-discount.forming-need)", guardrail.ToString());
        Assert.DoesNotContain(assessment.Guardrails, static g => g.Code == HoldPrice);
        AssertKeptOut(assessment, TacticPlaybook.DiscountCode);
        Assert.Contains(assessment.Advice, static a => a.Code == TacticPlaybook.CallCode);
    }

    [Fact]
    public void ValidationActive_DiscountBlockedByHoldThePrice()
    {
        var assessment = Engine.Assess(JourneyId, [By(0, "s1", SignalTypes.ReferenceRequested, "ann", StakeholderRoles.DecisionMaker)], Day(1));

        var guardrail = GuardrailOf(assessment, HoldPrice);
        Assert.Equal(ActionTactic.Discount, guardrail.Tactic);
        Assert.Equal([TacticPlaybook.DiscountCode], guardrail.BlockedActionCodes);
        Assert.Equal(["s1"], guardrail.EvidenceSignalIds);
        Assert.Contains("validation is active (signal s1)", guardrail.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(assessment.Guardrails, static g => g.Code == NoDiscount);
        AssertKeptOut(assessment, TacticPlaybook.DiscountCode);
    }

    [Fact]
    public void NeedFormingAndValidationActive_BothGuardrailsBlockTheDiscount()
    {
        var assessment = Engine.Assess(JourneyId, Busy, Day(2));

        Assert.Equal([TacticPlaybook.DiscountCode], GuardrailOf(assessment, NoDiscount).BlockedActionCodes);
        Assert.Equal([TacticPlaybook.DiscountCode], GuardrailOf(assessment, HoldPrice).BlockedActionCodes);
        Assert.Equal(["s1", "s2", "s3"], GuardrailOf(assessment, NoDiscount).EvidenceSignalIds);
        AssertKeptOut(assessment, TacticPlaybook.DiscountCode);
    }

    [Fact]
    public void ProblemIdentificationRevisited_DiscountStillBlocked()
    {
        Signal[] signals = [At(0, "s1", SignalTypes.ProblemDefined), At(1, "s2", SignalTypes.ProblemStated)];

        var assessment = Engine.Assess(JourneyId, signals, Day(1));

        Assert.Contains("problem identification is being revisited (signal s2)", GuardrailOf(assessment, NoDiscount).Reason, StringComparison.Ordinal);
        AssertKeptOut(assessment, TacticPlaybook.DiscountCode);
    }

    [Fact]
    public void ProblemIdentificationDormant_DiscountAllowed()
    {
        var assessment = Engine.Assess(JourneyId, [By(0, "s1", SignalTypes.ProblemStated, "ann", StakeholderRoles.DecisionMaker)], Day(40));

        Assert.DoesNotContain(assessment.Guardrails, static g => g.Tactic == ActionTactic.Discount);
        Assert.Contains(assessment.Advice, static a => a.Code == TacticPlaybook.DiscountCode);
    }

    [Fact]
    public void OnlySupplierSelectionActive_DiscountAllowed()
    {
        var assessment = Engine.Assess(JourneyId, [By(0, "s1", SignalTypes.DemoRequested, "ann", StakeholderRoles.DecisionMaker)], Day(0));

        Assert.DoesNotContain(assessment.Guardrails, static g => g.Tactic == ActionTactic.Discount);
        Assert.Contains(assessment.Advice, static a => a.Code == TacticPlaybook.DiscountCode);
    }

    [Fact]
    public void SignOffRolesNotEngaged_SignaturePushBlockedCitingWhoIsGone()
    {
        Signal[] signals =
        [
            By(0, "s1", SignalTypes.DemoRequested, "ann", StakeholderRoles.DecisionMaker),
            By(1, "s2", SignalTypes.PricingRequested, "pete", StakeholderRoles.Purchaser),
            By(2, "s3", SignalTypes.StakeholderLeft, "ann"),
        ];

        var assessment = Engine.Assess(JourneyId, signals, Day(2));

        var guardrail = GuardrailOf(assessment, NoSignature);
        Assert.Equal(ActionTactic.SignaturePush, guardrail.Tactic);
        Assert.Equal([TacticPlaybook.SignatureCode], guardrail.BlockedActionCodes);
        Assert.Equal(["s3"], guardrail.EvidenceSignalIds);
        Assert.Contains("the decision maker (ann left on 2026-03-04, signal s3)", guardrail.Reason, StringComparison.Ordinal);
        AssertKeptOut(assessment, TacticPlaybook.SignatureCode);
    }

    [Fact]
    public void SignOffRoleQuiet_SignaturePushBlockedSayingSinceWhen()
    {
        Signal[] signals =
        [
            By(0, "s1", SignalTypes.DemoRequested, "ann", StakeholderRoles.DecisionMaker),
            By(35, "s2", SignalTypes.PricingRequested, "pete", StakeholderRoles.Purchaser),
        ];

        var assessment = Engine.Assess(JourneyId, signals, Day(35));

        var guardrail = GuardrailOf(assessment, NoSignature);
        Assert.Equal([StakeholderRoles.DecisionMaker, StakeholderRoles.Approver], assessment.Coverage.MissingSignOffRoles);
        Assert.Contains("ann quiet since 2026-03-02, signal s1", guardrail.Reason, StringComparison.Ordinal);
        Assert.Equal(["s1"], guardrail.EvidenceSignalIds);
    }

    [Fact]
    public void AllSignOffRolesMissing_ReasonNamesEach()
    {
        var assessment = Engine.Assess(JourneyId, [At(0, "s1", SignalTypes.DemoRequested)], Day(0));

        var guardrail = GuardrailOf(assessment, NoSignature);
        Assert.Contains(
            "the decision maker (nobody in that role has shown up), the purchaser (nobody in that role has shown up) and the approver (finance, legal; nobody in that role has shown up)",
            guardrail.Reason,
            StringComparison.Ordinal);
        Assert.Empty(guardrail.EvidenceSignalIds);
    }

    [Fact]
    public void SignOffRolesEngaged_SignaturePushAllowed()
    {
        Signal[] signals =
        [
            By(0, "s1", SignalTypes.DemoRequested, "ann", StakeholderRoles.DecisionMaker),
            By(1, "s2", SignalTypes.PricingRequested, "pete", StakeholderRoles.Purchaser),
            By(1, "s3", SignalTypes.LegalReview, "lee", StakeholderRoles.Approver),
        ];

        var assessment = Engine.Assess(JourneyId, signals, Day(1));

        Assert.DoesNotContain(assessment.Guardrails, static g => g.Tactic == ActionTactic.SignaturePush);
        Assert.Contains(assessment.Advice, static a => a.Code == TacticPlaybook.SignatureCode);
    }

    [Theory]
    [InlineData(SignalTypes.DealWon)]
    [InlineData(SignalTypes.DealLost)]
    public void WonOrLost_NoGuardrails(string end)
    {
        var assessment = Engine.Assess(JourneyId, [.. Busy, At(3, "s6", end)], Day(3));

        Assert.Empty(assessment.Guardrails);
        Assert.Contains(assessment.Advice, static a => a.Code == TacticPlaybook.DiscountCode);
        Assert.Contains(assessment.Advice, static a => a.Code == TacticPlaybook.SignatureCode);
    }

    [Fact]
    public void Stalled_SignOffGuardrailStays()
    {
        var assessment = Engine.Assess(JourneyId, [.. Busy, At(3, "s6", SignalTypes.BudgetFrozen)], Day(3));

        Assert.Equal([NoSignature], assessment.Guardrails.Select(static g => g.Code));
    }

    [Fact]
    public void EngageActions_NeverBlocked()
    {
        var assessment = Engine.Assess(JourneyId, Busy, Day(2));

        Assert.Equal(3, assessment.Guardrails.Length);
        Assert.Contains(assessment.Advice, static a => a.Code == TacticPlaybook.CallCode);
        Assert.DoesNotContain(assessment.Guardrails.SelectMany(static g => g.BlockedActionCodes), static c => c == TacticPlaybook.CallCode);
        Assert.Equal(Engine.Assess(JourneyId, Busy, Day(2)).Advice.Count(static a => a.Tactic == ActionTactic.Engage), assessment.Advice.Length);
    }

    [Fact]
    public void NoBlockedActions_GuardrailStillReportedWithEmptyBlockedList()
    {
        var assessment = JourneyEngine.CreateDefault().Assess(JourneyId, [By(0, "s1", SignalTypes.ProblemStated, "ann", StakeholderRoles.DecisionMaker)], Day(0));

        Assert.Empty(GuardrailOf(assessment, NoDiscount).BlockedActionCodes);
    }

    [Fact]
    public void SameCodeProposedTwice_ListedOnceAsBlocked()
    {
        var engine = new JourneyEngineBuilder().AddPlaybook(new TacticPlaybook()).AddPlaybook(new TacticPlaybook()).Build();

        var assessment = engine.Assess(JourneyId, [By(0, "s1", SignalTypes.ProblemStated, "ann", StakeholderRoles.DecisionMaker)], Day(0));

        Assert.Equal([TacticPlaybook.DiscountCode], GuardrailOf(assessment, NoDiscount).BlockedActionCodes);
        Assert.Equal([TacticPlaybook.SignatureCode], GuardrailOf(assessment, NoSignature).BlockedActionCodes);
    }

    [Fact]
    public void CustomModelTraits_GuardrailFollowsTheTaskDefinitions()
    {
        // Gartner's tasks, but supplier selection is the need-forming task and nothing evaluates risk.
        var model = new BuyingModel("gartner-custom", BuyingModels.Gartner.Tasks.Select(static t => t with
        {
            Traits = t.Id == GartnerTasks.SupplierSelection ? TaskTraits.NeedForming : TaskTraits.None,
        }));
        var engine = new JourneyEngineBuilder().UseModel(model).UseRulebook(BuyingJourney.Rules.Rulebooks.Gartner).AddPlaybook(new TacticPlaybook()).Build();

        var problem = engine.Assess(JourneyId, [At(0, "s1", SignalTypes.ProblemStated), At(0, "s2", SignalTypes.ReferenceRequested)], Day(0));
        var selection = engine.Assess(JourneyId, [At(0, "s1", SignalTypes.DemoRequested)], Day(0));

        Assert.DoesNotContain(problem.Guardrails, static g => g.Tactic == ActionTactic.Discount);
        Assert.Contains(problem.Advice, static a => a.Code == TacticPlaybook.DiscountCode);
        Assert.Contains("supplier selection is active (signal s1)", GuardrailOf(selection, NoDiscount).Reason, StringComparison.Ordinal);
        AssertKeptOut(selection, TacticPlaybook.DiscountCode);
    }

    [Fact]
    public void OtherModel_ItsNeedFormingPhaseBlocksTheDiscount()
    {
        var engine = new JourneyEngineBuilder().UseModel(BuyingModels.Rackham3).UseRulebook(BuyingJourney.Rules.Rulebooks.Rackham3).AddPlaybook(new TacticPlaybook()).Build();

        var assessment = engine.Assess(JourneyId, [At(0, "s1", SignalTypes.ProblemStated)], Day(0));

        Assert.True(assessment.Task(Rackham3Phases.NeedFormation).IsActive);
        Assert.Equal([TacticPlaybook.DiscountCode], GuardrailOf(assessment, NoDiscount).BlockedActionCodes);
    }

    private static void AssertKeptOut(JourneyAssessment assessment, string code)
    {
        Assert.True(assessment.Guardrails.Any(g => g.BlockedActionCodes.Contains(code)), $"no guardrail lists {code} as blocked");
        Assert.DoesNotContain(assessment.Advice, a => a.Code == code);
        Assert.DoesNotContain(assessment.NextBestActions, a => a.Code == code);
    }

    /// <summary>Proposes a discount, a signature push (both High) and a Low call, each citing the journey's first signal.</summary>
    private sealed class TacticPlaybook : IPlaybook
    {
        public const string DiscountCode = "custom.discount";
        public const string SignatureCode = "custom.sign";
        public const string CallCode = "custom.call";

        public void Advise(AdviceContext context, ActionCollector actions)
        {
            string[] cited = context.State.LastSignalId is { } last ? [last] : [];
            actions.Add(new SellerAction(DiscountCode, "Offer 10% off", "Price talk.", ActionPriority.High, null, [.. cited]) { Tactic = ActionTactic.Discount });
            actions.Add(new SellerAction(SignatureCode, "Ask to sign", "Close.", ActionPriority.High, null, [.. cited]) { Tactic = ActionTactic.SignaturePush });
            actions.Add(new SellerAction(CallCode, "Call", "Keep in touch.", ActionPriority.Low, null, [.. cited]));
        }
    }
}
