using System;
using System.Linq;
using BuyingJourney.Advice;
using BuyingJourney.Group;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Group.GroupSignals;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Group;

/// <summary>
/// Scripted journeys with named stakeholders: a decision maker leaving and being replaced, procurement arriving late,
/// a champion going quiet and leaving, and a disagreement over the requirements.
/// </summary>
public sealed partial class BuyingGroupScenarioTests
{
    private const string DecisionMaker = StakeholderRoles.DecisionMaker;
    private const string Purchaser = StakeholderRoles.Purchaser;
    private const string Influencer = StakeholderRoles.Influencer;
    private const string Consensus = GartnerTasks.ConsensusCreation;

    private static readonly JourneyEngine Engine = JourneyEngine.CreateDefault();

    /// <summary>Ann, the decision maker, drives the journey to consensus (days 0 to 2).</summary>
    private static readonly Signal[] ConsensusWithAnn =
    [
        By(0, "s1", SignalTypes.ProblemStated, "ann", DecisionMaker),
        By(1, "s2", SignalTypes.MeetingMultiStakeholder, "ann", DecisionMaker),
        By(2, "s3", SignalTypes.ConsensusReached, "ann", DecisionMaker),
    ];

    [Fact]
    public void DecisionMakerLeaves_AfterConsensus_JourneyAtRiskAndConsensusRevisited()
    {
        var state = ApplyAll(Engine, [.. ConsensusWithAnn, By(3, "s4", SignalTypes.StakeholderLeft, "ann")]);

        var assessment = Engine.Assess(state, Day(3));

        Assert.Equal(JourneyStatus.AtRisk, state.Status);
        Assert.Equal("s4", state.StatusSignalId);
        Assert.Equal(Day(3), state.StatusSince);
        Assert.Equal(TaskPhase.Revisiting, assessment.Task(Consensus).Phase);
        var loopBack = Assert.Single(state.LoopBacks);
        Assert.Equal((Consensus, "s4", Day(3)), (loopBack.TaskId, loopBack.SignalId, loopBack.At));
        var ann = Assert.Single(assessment.BuyingGroup);
        Assert.Equal(EngagementStatus.Left, ann.Status);
        Assert.Equal(Day(3), ann.State.LeftAt);
        Assert.False(ann.State.IsPresent);
        Assert.Equal([DecisionMaker], ann.Roles);
        Assert.Empty(ann.ActiveTasks);
        Assert.Equal(EngagementStatus.Left, assessment.Coverage.Role(DecisionMaker).Status);
        Assert.Contains(DecisionMaker, assessment.Coverage.MissingRoles);
        Assert.Contains(DecisionMaker, assessment.Coverage.MissingSignOffRoles);
    }

    [Fact]
    public void DecisionMakerLeaves_TheJourneyWideAtRiskActionIsRankedWithTheReopenedConsensusCitingTheLeavingSignal()
    {
        var state = ApplyAll(Engine, [.. ConsensusWithAnn, By(3, "s4", SignalTypes.StakeholderLeft, "ann")]);

        var assessment = Engine.Assess(state, Day(3.5));

        // The customer's own work comes first (consensus reopened), then the missing decision maker who blocks it, then the new round.
        Assert.Equal("ConsensusCreation.revisiting, group.engage.decision-maker, journey.at-risk", Codes(assessment.NextBestActions));
        var first = assessment.NextBestActions[^1];
        Assert.Equal(ActionPriority.High, first.Priority);
        Assert.Equal(["s4"], first.EvidenceSignalIds);
        Assert.Null(first.TaskId); // journey-wide: a new round serves the whole journey
        Assert.Equal(DecisionMaker, first.TargetRole);
        Assert.Contains("ann (decision maker) left the buying group", first.Rationale, StringComparison.Ordinal);
        Assert.NotNull(first.ExpectedEffect);
    }

    [Fact]
    public void DecisionMakerLeaves_NewDecisionMakerAppears_JourneyOpenAgain()
    {
        var state = ApplyAll(Engine, [.. ConsensusWithAnn, By(3, "s4", SignalTypes.StakeholderLeft, "ann"), By(5, "s5", SignalTypes.StakeholderJoined, "bob", DecisionMaker)]);

        var assessment = Engine.Assess(state, Day(5));

        Assert.Equal(JourneyStatus.Open, state.Status);
        Assert.Equal("s5", state.StatusSignalId);
        Assert.DoesNotContain(assessment.Advice, a => a.Code == "journey.at-risk");
        var role = assessment.Coverage.Role(DecisionMaker);
        Assert.Equal(EngagementStatus.Engaged, role.Status);
        Assert.Equal(["ann", "bob"], role.StakeholderIds);
        Assert.DoesNotContain(DecisionMaker, assessment.Coverage.MissingRoles);
        Assert.Equal(TaskPhase.Revisiting, assessment.Task(Consensus).Phase);
    }

    [Fact]
    public void DecisionMakerLeaves_SameDecisionMakerComesBack_PresentAgainAndJourneyOpen()
    {
        var state = ApplyAll(Engine, [.. ConsensusWithAnn, By(3, "s4", SignalTypes.StakeholderLeft, "ann"), By(4, "s5", SignalTypes.ProblemStated, "ann")]);

        var ann = Assert.Single(state.BuyingGroup);

        Assert.True(ann.IsPresent);
        Assert.Null(ann.LeftAt);
        Assert.Equal(5, ann.SignalCount);
        Assert.Equal(JourneyStatus.Open, state.Status);
    }

    [Fact]
    public void DecisionMakerLeaves_OthersKeepTalking_JourneyStaysAtRisk()
    {
        var state = ApplyAll(Engine,
        [
            .. ConsensusWithAnn,
            By(3, "s4", SignalTypes.StakeholderLeft, "ann"),
            By(4, "s5", SignalTypes.DemoRequested, "cleo", Influencer),
            By(5, "s6", SignalTypes.PricingRequested, "pete", Purchaser),
        ]);

        Assert.Equal(JourneyStatus.AtRisk, state.Status);
        Assert.Equal("s4", state.StatusSignalId);
    }

    [Fact]
    public void InfluencerLeaves_JourneyStaysOpenWithoutLoopBack()
    {
        var state = ApplyAll(Engine,
        [
            By(0, "s1", SignalTypes.ProblemStated, "ann", DecisionMaker),
            By(0.5, "s2", SignalTypes.DemoRequested, "cleo", Influencer),
            By(1, "s3", SignalTypes.MeetingMultiStakeholder, "ann", DecisionMaker),
            By(2, "s4", SignalTypes.ConsensusReached, "ann", DecisionMaker),
            By(3, "s5", SignalTypes.StakeholderLeft, "cleo"),
        ]);

        Assert.Equal(JourneyStatus.Open, state.Status);
        Assert.Equal(TaskPhase.Completed, state.Tasks[BuyingModels.Gartner.IndexOf(Consensus)].Phase);
        Assert.Empty(state.LoopBacks);
    }

    [Fact]
    public void DecisionMakerLeaves_ThenBudgetFrozen_StallOverridesTheRisk()
    {
        var state = ApplyAll(Engine, [.. ConsensusWithAnn, By(3, "s4", SignalTypes.StakeholderLeft, "ann"), At(4, "s5", SignalTypes.BudgetFrozen)]);

        var assessment = Engine.Assess(state, Day(4));

        Assert.Equal(JourneyStatus.Stalled, state.Status);
        Assert.DoesNotContain(assessment.Advice, a => a.Code == "journey.at-risk");
        Assert.Contains(assessment.Advice, a => a.Code == "journey.stalled");
    }

    [Fact]
    public void DecisionMakerLeaves_ThenDealWon_WonOverridesTheRiskAndNoGuardrails()
    {
        var state = ApplyAll(Engine, [.. ConsensusWithAnn, By(3, "s4", SignalTypes.StakeholderLeft, "ann"), At(4, "s5", SignalTypes.DealWon)]);

        var assessment = Engine.Assess(state, Day(4));

        Assert.Equal(JourneyStatus.Won, state.Status);
        Assert.Empty(assessment.Guardrails);
        Assert.Equal(["journey.won"], assessment.Advice.Select(static a => a.Code));
    }
}
