using System;
using System.Linq;
using BuyingJourney.Advice;
using BuyingJourney.Group;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Group.GroupSignals;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Group;

// Buying group scenarios, part: supplier selection without a purchaser, and newcomers after consensus.
public sealed partial class BuyingGroupScenarioTests
{
    /// <summary>Ann drafts requirements and issues an RFP: supplier selection is active, and nobody from procurement is in sight.</summary>
    private static readonly Signal[] SupplierSelectionWithoutPurchaser =
    [
        By(0, "s1", SignalTypes.RequirementsDrafted, "ann", DecisionMaker),
        By(1, "s2", SignalTypes.RfpIssued, "ann", DecisionMaker),
    ];

    /// <summary>...then the group agrees and chooses a supplier, still without a purchaser.</summary>
    private static readonly Signal[] SupplierChosenWithoutPurchaser =
    [
        .. SupplierSelectionWithoutPurchaser,
        By(2, "s3", SignalTypes.MeetingMultiStakeholder, "ann", DecisionMaker),
        By(3, "s4", SignalTypes.ConsensusReached, "ann", DecisionMaker),
        By(4, "s5", SignalTypes.SupplierChosen, "ann", DecisionMaker),
    ];

    [Fact]
    public void SupplierSelectionActive_NoPurchaser_PurchaserMissingAndSignaturePushGuardrailed()
    {
        var assessment = Engine.Assess(JourneyId, SupplierSelectionWithoutPurchaser, Day(1));

        Assert.True(assessment.Task(GartnerTasks.SupplierSelection).IsActive);
        var purchaser = assessment.Coverage.Role(Purchaser);
        Assert.Equal(EngagementStatus.Missing, purchaser.Status);
        Assert.True(purchaser.IsExpected);
        Assert.Contains(Purchaser, assessment.Coverage.MissingRoles);
        Assert.Equal([Purchaser, StakeholderRoles.Approver], assessment.Coverage.MissingSignOffRoles);
        var guardrail = GuardrailOf(assessment, "guardrail.no-signature-push.sign-off-missing");
        Assert.Equal(ActionTactic.SignaturePush, guardrail.Tactic);
        Assert.Contains("purchaser", guardrail.Reason, StringComparison.Ordinal);
        var engage = Advised(assessment, "group.engage.purchaser");
        Assert.Equal(ActionPriority.Medium, engage.Priority);
        Assert.Equal(Purchaser, engage.TargetRole);
        Assert.NotEmpty(engage.EvidenceSignalIds);
    }

    [Fact]
    public void SupplierSelectionNotStarted_NoPurchaser_PurchaserNotYetExpected()
    {
        var assessment = Engine.Assess(JourneyId, [By(0, "s1", SignalTypes.RequirementsDrafted, "ann", DecisionMaker)], Day(0));

        Assert.False(assessment.Coverage.Role(Purchaser).IsExpected);
        Assert.DoesNotContain(Purchaser, assessment.Coverage.MissingRoles);

        // A sign-off role counts for the signature guardrail whether or not the deal expects it yet.
        Assert.Equal([Purchaser, StakeholderRoles.Approver], assessment.Coverage.MissingSignOffRoles);
    }

    [Fact]
    public void SupplierChosen_NoPurchaser_AskForSignatureBlockedAndOutOfTheAdvice()
    {
        var assessment = Engine.Assess(JourneyId, SupplierChosenWithoutPurchaser, Day(4));

        Assert.Equal(TaskPhase.Completed, assessment.Task(GartnerTasks.SupplierSelection).Phase);
        var guardrail = GuardrailOf(assessment, "guardrail.no-signature-push.sign-off-missing");
        Assert.Equal(["deal.ask-for-signature"], guardrail.BlockedActionCodes);
        Assert.DoesNotContain(assessment.Advice, a => a.Code == "deal.ask-for-signature");
        Assert.DoesNotContain(assessment.NextBestActions, a => a.Code == "deal.ask-for-signature");
    }

    [Fact]
    public void SupplierChosen_PurchaserJoinsAfterConsensus_ConsensusReopensAndSignatureWaitsForItToCloseAgain()
    {
        var signals = SupplierChosenWithoutPurchaser.Append(By(5, "s6", SignalTypes.PricingRequested, "pete", Purchaser)).ToArray();

        var assessment = Engine.Assess(JourneyId, signals, Day(5));

        Assert.Equal(TaskPhase.Revisiting, assessment.Task(Consensus).Phase);
        var loopBack = Assert.Single(assessment.LoopBacks);
        Assert.Equal((Consensus, "s6"), (loopBack.TaskId, loopBack.SignalId));
        Assert.Contains(assessment.Task(Consensus).Evidence, e => e.Evidence.RuleId == "buying-group:newcomer-after-consensus");
        Assert.Equal([StakeholderRoles.Approver], assessment.Coverage.MissingSignOffRoles);
        Assert.DoesNotContain(assessment.Advice, a => a.Code == "deal.ask-for-signature");
        Assert.Contains(assessment.Advice, a => a.Code == Consensus + ".revisiting");

        var agreedAgain = Engine.Assess(
            JourneyId, [.. signals, By(5.5, "s8", SignalTypes.LegalReview, "lee", StakeholderRoles.Approver), By(6, "s7", SignalTypes.ConsensusReached, "ann", DecisionMaker)], Day(6));

        var ask = Advised(agreedAgain, "deal.ask-for-signature");
        Assert.Equal(ActionTactic.SignaturePush, ask.Tactic);
        Assert.Equal(GartnerTasks.SupplierSelection, ask.TaskId);
        Assert.Equal(["s5"], ask.EvidenceSignalIds); // the completing signal, not the later pricing request (s6)
        Assert.Contains("(signal s5)", ask.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void SupplierChosen_PurchaserJoinsWithProcurementEngaged_ConsensusReopens()
    {
        var signals = SupplierChosenWithoutPurchaser.Append(By(5, "s6", SignalTypes.ProcurementEngaged, "pete", Purchaser)).ToArray();

        var assessment = Engine.Assess(JourneyId, signals, Day(5));

        Assert.Equal(TaskPhase.Revisiting, assessment.Task(Consensus).Phase);
    }

    [Fact]
    public void StakeholderJoinsAfterConsensus_SignalAlreadyReopensIt_OneLoopBackWithoutTheNewcomerRule()
    {
        var signals = ConsensusWithAnn.Append(By(3, "s4", SignalTypes.StakeholderJoined, "cleo", Influencer)).ToArray();

        var assessment = Engine.Assess(JourneyId, signals, Day(3));

        Assert.Equal(TaskPhase.Revisiting, assessment.Task(Consensus).Phase);
        Assert.Single(assessment.LoopBacks);
        Assert.DoesNotContain(assessment.Task(Consensus).Evidence, e => e.Evidence.RuleId == "buying-group:newcomer-after-consensus");
    }

    [Fact]
    public void KnownStakeholderAfterConsensus_DoesNotReopenIt()
    {
        var signals = ConsensusWithAnn.Append(By(3, "s4", SignalTypes.DemoRequested, "ann", DecisionMaker)).ToArray();

        var assessment = Engine.Assess(JourneyId, signals, Day(3));

        Assert.Equal(TaskPhase.Completed, assessment.Task(Consensus).Phase);
        Assert.Empty(assessment.LoopBacks);
    }
}
