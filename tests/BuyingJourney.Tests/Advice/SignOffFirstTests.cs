using System;
using System.Linq;
using BuyingJourney.Advice;
using BuyingJourney.Assessment;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;
using BuyingJourney.Signals;
using BuyingJourney.Tests.Support;
using Xunit;
using static BuyingJourney.Tests.Group.GroupSignals;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Advice;

/// <summary>
/// Seed 004: the surprises come from legal, accounting and other approvers. Once the supplier is chosen, the signature is
/// not asked for while a sign-off role (decision maker, purchaser, approver) is missing, gone or quiet; the advice names
/// whom to engage first. In every built-in model.
/// </summary>
public sealed class SignOffFirstTests
{
    private const string Ask = "deal.ask-for-signature";
    private const string First = "deal.sign-off-first";

    public static TheoryData<string> Models => [.. BuiltInEngines.Names];

    [Theory]
    [MemberData(nameof(Models))]
    public void SupplierChosen_NoApprover_EngageTheApproverFirst_TheSignatureIsNotAdvised(string model)
    {
        Signal[] signals =
        [
            By(0, "s1", SignalTypes.ExecutiveEngaged, "ann", StakeholderRoles.DecisionMaker),
            By(1, "s2", SignalTypes.PricingRequested, "pete", StakeholderRoles.Purchaser),
            By(2, "s3", SignalTypes.SupplierChosen, "ann", StakeholderRoles.DecisionMaker),
        ];

        var assessment = BuiltInEngines.For(model).Assess(JourneyId, signals, Day(2));

        Assert.Equal(JourneyStatus.Open, assessment.Status);
        Assert.DoesNotContain(assessment.Advice, static a => a.Code == Ask);
        Assert.Equal([Ask], GuardrailOf(assessment, "guardrail.no-signature-push.sign-off-missing").BlockedActionCodes);
        var first = Advised(assessment, First);
        Assert.Equal("Engage the approver (finance, legal) before asking for the signature", first.Title);
        Assert.Equal(ActionPriority.High, first.Priority);
        Assert.Equal(ActionTactic.Engage, first.Tactic);
        Assert.Equal(StakeholderRoles.Approver, first.TargetRole);
        Assert.Contains("s3", first.EvidenceSignalIds);
        Assert.Contains("the signature still needs the approver (finance, legal; nobody in that role has shown up)", first.Rationale, StringComparison.Ordinal);
        Assert.Contains(assessment.NextBestActions, static a => a.Code == First);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void SignOffFirst_IsTheOneActionForThePeopleItNames_NoSecondEngageOrReengageForThem(string model)
    {
        // The decision maker went quiet and no approver has shown up: "engage ann and the approver before asking for the
        // signature" says it all; a separate "engage the approver" or "re-engage ann" would tell the seller twice.
        Signal[] signals =
        [
            By(0, "s1", SignalTypes.ExecutiveEngaged, "ann", StakeholderRoles.DecisionMaker),
            By(35, "s2", SignalTypes.PricingRequested, "pete", StakeholderRoles.Purchaser),
            By(35.5, "s3", SignalTypes.MeetingMultiStakeholder, "pete", StakeholderRoles.Purchaser),
            By(36, "s4", SignalTypes.SupplierChosen, "pete", StakeholderRoles.Purchaser),
        ];

        var assessment = BuiltInEngines.For(model).Assess(JourneyId, signals, Day(36));

        Assert.Contains(StakeholderRoles.Approver, assessment.Coverage.MissingSignOffRoles);
        Assert.Contains(StakeholderRoles.DecisionMaker, assessment.Coverage.MissingSignOffRoles);
        var first = Advised(assessment, First);
        Assert.Contains("ann", first.Title, StringComparison.Ordinal);
        Assert.Contains("approver", first.Title, StringComparison.Ordinal);
        Assert.DoesNotContain(assessment.Advice, static a => a.Code is "group.engage.approver" or "group.re-engage.ann");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void SupplierChosen_EveryoneWhoSignsOffEngaged_AskForTheSignature(string model)
    {
        Signal[] signals =
        [
            By(0, "s1", SignalTypes.ExecutiveEngaged, "ann", StakeholderRoles.DecisionMaker),
            By(1, "s2", SignalTypes.PricingRequested, "pete", StakeholderRoles.Purchaser),
            By(1.5, "s3", SignalTypes.LegalReview, "lee", StakeholderRoles.Approver),
            By(2, "s4", SignalTypes.SupplierChosen, "ann", StakeholderRoles.DecisionMaker),
        ];

        var assessment = BuiltInEngines.For(model).Assess(JourneyId, signals, Day(2));

        var ask = Advised(assessment, Ask);
        Assert.Equal(ActionTactic.SignaturePush, ask.Tactic);
        Assert.Equal(["s4"], ask.EvidenceSignalIds);
        Assert.DoesNotContain(assessment.Advice, static a => a.Code == First);
        Assert.DoesNotContain(assessment.Guardrails, static g => g.Tactic == ActionTactic.SignaturePush);
    }

    [Fact]
    public void DecisionMakerQuiet_NamedAndTargeted_WithTheApprover()
    {
        Signal[] signals =
        [
            By(0, "s1", SignalTypes.ExecutiveEngaged, "ann", StakeholderRoles.DecisionMaker),
            By(35, "s2", SignalTypes.PricingRequested, "pete", StakeholderRoles.Purchaser),
            By(36, "s3", SignalTypes.SupplierChosen, "pete", StakeholderRoles.Purchaser),
        ];

        var assessment = BuiltInEngines.For("gartner").Assess(JourneyId, signals, Day(36));

        var first = Advised(assessment, First);
        Assert.Equal("Engage ann (decision maker) and the approver (finance, legal) before asking for the signature", first.Title);
        Assert.Equal("ann", first.TargetStakeholderId);
        Assert.Equal(StakeholderRoles.DecisionMaker, first.TargetRole);
        Assert.Equal(["s3", "s1"], first.EvidenceSignalIds);
        Assert.Contains("the decision maker (ann quiet since 2026-03-02, signal s1) and the approver (finance, legal; nobody in that role has shown up)", first.Rationale, StringComparison.Ordinal);
        Assert.All(first.EvidenceSignalIds, id => Assert.Contains(id, first.Rationale, StringComparison.Ordinal));
    }

    [Fact]
    public void DecisionMakerLeft_ANewOneIsNeeded_NoSignature()
    {
        Signal[] signals =
        [
            By(0, "s1", SignalTypes.ExecutiveEngaged, "ann", StakeholderRoles.DecisionMaker),
            By(1, "s2", SignalTypes.PricingRequested, "pete", StakeholderRoles.Purchaser),
            By(1.5, "s3", SignalTypes.LegalReview, "lee", StakeholderRoles.Approver),
            By(2, "s4", SignalTypes.SupplierChosen, "pete", StakeholderRoles.Purchaser),
            By(3, "s5", SignalTypes.StakeholderLeft, "ann"),
        ];

        var assessment = BuiltInEngines.For("rackham-3").Assess(JourneyId, signals, Day(3));

        Assert.Equal(JourneyStatus.AtRisk, assessment.Status);
        Assert.DoesNotContain(assessment.Advice, static a => a.Code is Ask or First);
        Assert.Contains(assessment.Advice, static a => a.Code == "journey.at-risk" && a.TaskId is null);
    }
}
