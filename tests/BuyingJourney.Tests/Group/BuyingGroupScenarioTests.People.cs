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

// Buying group scenarios, part: champions, roles, each person's scores, approvals, disagreements and coverage.
public sealed partial class BuyingGroupScenarioTests
{
    /// <summary>Cleo, the champion, is active on day 0 only; Ann keeps the requirements going on day 25.</summary>
    private static readonly Signal[] ChampionGoesQuiet =
    [
        By(0, "s1", SignalTypes.ProblemStated, "cleo", Influencer),
        By(0.5, "s2", SignalTypes.ProblemStated, "ann", DecisionMaker),
        By(25, "s3", SignalTypes.RequirementsDrafted, "ann", DecisionMaker),
    ];

    [Fact]
    public void OnePerson_NamedInTwoJourneysOneAfterTheOther_JoinsEachJourneysGroupAsNew()
    {
        // The same stakeholder object (so the same id string) in two journeys applied on one thread: the group's
        // memory of its last lookup must not carry from the first journey into the second.
        var ann = new Stakeholder("ann", DecisionMaker);
        var second = Engine.Apply(Engine.Start("j2"), new Signal("t1", "j2", Day(1), SignalTypes.ProblemStated, new Stakeholder("bob", Influencer))).State;
        var first = Engine.Apply(Engine.Start("j1"), new Signal("s1", "j1", Day(0), SignalTypes.ProblemStated, ann)).State;

        var result = Engine.Apply(second, new Signal("t2", "j2", Day(2), SignalTypes.ProblemStated, ann));

        Assert.True(result.IsApplied, result.Reason);
        Assert.Equal(["bob", "ann"], result.State.BuyingGroup.Select(p => p.Id));
        Assert.Equal([1, 1], result.State.BuyingGroup.Select(p => p.SignalCount));
        Assert.Equal(["ann"], first.BuyingGroup.Select(p => p.Id));
    }

    [Fact]
    public void Champion_SeenExactlyThirtyDaysAgo_StillEngaged()
    {
        var state = ApplyAll(Engine, ChampionGoesQuiet);

        var assessment = Engine.Assess(state, Day(30));

        Assert.Equal(EngagementStatus.Engaged, assessment.BuyingGroup.Single(p => p.Id == "cleo").Status);
        Assert.Empty(assessment.Coverage.QuietRoles);
        Assert.Equal(2, assessment.Coverage.EngagedStakeholders);
    }

    [Fact]
    public void Champion_NotSeenForMoreThanThirtyDays_QuietWithAReEngageAction()
    {
        var state = ApplyAll(Engine, ChampionGoesQuiet);

        var assessment = Engine.Assess(state, Day(30).AddTicks(1));

        var cleo = assessment.BuyingGroup.Single(p => p.Id == "cleo");
        Assert.Equal(EngagementStatus.Quiet, cleo.Status);
        Assert.Equal([Influencer], assessment.Coverage.QuietRoles);
        Assert.Equal(EngagementStatus.Quiet, assessment.Coverage.Role(Influencer).Status);
        Assert.DoesNotContain(Influencer, assessment.Coverage.MissingRoles);
        Assert.Equal(1, assessment.Coverage.EngagedStakeholders);
        var action = Advised(assessment, "group.re-engage.cleo");
        Assert.Equal(ActionPriority.Low, action.Priority);
        Assert.Equal("cleo", action.TargetStakeholderId);
        Assert.Equal(Influencer, action.TargetRole);
        Assert.Equal(["s1"], action.EvidenceSignalIds);
        Assert.Equal(Consensus, action.TaskId);
    }

    [Fact]
    public void Champion_Leaves_LeftRoleMissingAndAReplacementAction()
    {
        var state = ApplyAll(Engine, [.. ChampionGoesQuiet, By(32, "s4", SignalTypes.StakeholderLeft, "cleo")]);

        var assessment = Engine.Assess(state, Day(33));

        var cleo = assessment.BuyingGroup.Single(p => p.Id == "cleo");
        Assert.Equal(EngagementStatus.Left, cleo.Status);
        Assert.Equal(EngagementStatus.Left, assessment.Coverage.Role(Influencer).Status);
        Assert.Contains(Influencer, assessment.Coverage.MissingRoles);
        Assert.Empty(assessment.Coverage.QuietRoles);
        Assert.Equal(JourneyStatus.Open, state.Status);
        Assert.DoesNotContain(assessment.Advice, a => a.Code == "group.re-engage.cleo");
        var replace = Advised(assessment, "group.engage.influencer");
        Assert.Equal("Find who replaces the influencer", replace.Title);
        Assert.Equal(["s4"], replace.EvidenceSignalIds);
    }

    [Fact]
    public void Roles_SeveralSignalsWithDifferentRoles_AccumulateInFirstSeenOrderWithoutRepeats()
    {
        var state = ApplyAll(Engine,
        [
            By(0, "s1", SignalTypes.ProblemStated, "ann", DecisionMaker),
            By(1, "s2", SignalTypes.RoiReviewed, "ann", StakeholderRoles.Approver),
            By(2, "s3", SignalTypes.DemoRequested, "ann"),
            By(3, "s4", SignalTypes.DemoRequested, "ann", DecisionMaker),
        ]);

        var ann = Assert.Single(state.BuyingGroup);

        Assert.Equal([DecisionMaker, StakeholderRoles.Approver], ann.Roles);
        Assert.True(ann.HasRole(StakeholderRoles.Approver));
        Assert.Equal(4, ann.SignalCount);
        Assert.Equal((Day(0), Day(3), "s4"), (ann.JoinedAt, ann.LastSeenAt, ann.LastSignalId));
    }

    [Fact]
    public void Roles_RoleChangedSignal_ReplacesTheRoles()
    {
        var state = ApplyAll(Engine,
        [
            By(0, "s1", SignalTypes.ProblemStated, "ann", DecisionMaker),
            By(1, "s2", SignalTypes.RoiReviewed, "ann", StakeholderRoles.Approver),
            By(2, "s3", SignalTypes.StakeholderRoleChanged, "ann", StakeholderRoles.User),
        ]);

        var assessment = Engine.Assess(state, Day(2));

        Assert.Equal([StakeholderRoles.User], Assert.Single(state.BuyingGroup).Roles);
        Assert.Equal(EngagementStatus.Missing, assessment.Coverage.Role(DecisionMaker).Status);
        Assert.Empty(assessment.Coverage.Role(DecisionMaker).StakeholderIds);
        Assert.Equal(["ann"], assessment.Coverage.Role(StakeholderRoles.User).StakeholderIds);
    }

    [Fact]
    public void Roles_RoleChangedWithoutARole_ClearsTheRoles()
    {
        var state = ApplyAll(Engine,
        [
            By(0, "s1", SignalTypes.ProblemStated, "ann", DecisionMaker),
            By(1, "s2", SignalTypes.StakeholderRoleChanged, "ann"),
        ]);

        Assert.Empty(Assert.Single(state.BuyingGroup).Roles);
    }

    [Fact]
    public void Roles_UndefinedRole_KeptOnThePersonButNotInCoverage()
    {
        var state = ApplyAll(Engine, [By(0, "s1", SignalTypes.ProblemStated, "ann", "head of logistics")]);

        var assessment = Engine.Assess(state, Day(0));

        Assert.Equal(["head of logistics"], Assert.Single(state.BuyingGroup).Roles);
        Assert.DoesNotContain(assessment.Coverage.Roles, r => r.StakeholderIds.Contains("ann"));
        Assert.Equal(BuyingGroupDefinition.Default.Roles.Select(static r => r.Id), assessment.Coverage.Roles.Select(static r => r.Role.Id));
    }

    [Fact]
    public void StakeholderScores_DecayWithTheTaskHalfLife()
    {
        var state = ApplyAll(Engine,
        [
            By(0, "s1", SignalTypes.ProblemStated, "ann", DecisionMaker),
            By(0, "s2", SignalTypes.ContentInsightRead, "bob"),
        ]);
        var problem = BuyingModels.Gartner.IndexOf(GartnerTasks.ProblemIdentification);

        var now = Engine.Assess(state, Day(0));
        var later = Engine.Assess(state, Day(14));

        var ann = state.BuyingGroup.Single(p => p.Id == "ann");
        var entry = Assert.Single(ann.Tasks);
        Assert.Equal((GartnerTasks.ProblemIdentification, 1.0, Day(0), "s1"), (entry.TaskId, entry.Score, entry.ScoredAt, entry.LastEvidenceSignalId));
        Assert.Null(entry.ApprovedAt);
        Assert.Equal(1.0, now.BuyingGroup.Single(p => p.Id == "ann").Scores[problem], 12);
        Assert.Equal(0.5, later.BuyingGroup.Single(p => p.Id == "ann").Scores[problem], 12);
        Assert.Equal(0.15, later.BuyingGroup.Single(p => p.Id == "bob").Scores[problem], 12);

        // Bob's weak evidence is enough to count as working on both tasks now, but not two weeks on.
        Assert.Equal([GartnerTasks.ProblemIdentification, GartnerTasks.SolutionExploration], now.BuyingGroup.Single(p => p.Id == "bob").ActiveTasks);
        Assert.Empty(later.BuyingGroup.Single(p => p.Id == "bob").ActiveTasks);
        Assert.Equal([GartnerTasks.ProblemIdentification], later.BuyingGroup.Single(p => p.Id == "ann").ActiveTasks);
    }

    [Fact]
    public void StakeholderScores_MoreEvidence_AddsToTheDecayedScore()
    {
        var state = ApplyAll(Engine,
        [
            By(0, "s1", SignalTypes.ProblemStated, "ann", DecisionMaker),
            By(7, "s2", SignalTypes.ProblemMetricMissed, "ann", DecisionMaker),
        ]);

        var entry = Assert.Single(Assert.Single(state.BuyingGroup).Tasks);

        Assert.Equal(1.0 + Math.Pow(0.5, 0.5), entry.Score, 12);
        Assert.Equal((Day(7), Day(7), "s2"), (entry.ScoredAt, entry.LastEvidenceAt, entry.LastEvidenceSignalId));
    }

    [Fact]
    public void StakeholderScores_JourneyStalls_DropToZero()
    {
        var state = ApplyAll(Engine, [By(0, "s1", SignalTypes.ProblemStated, "ann", DecisionMaker), At(1, "s2", SignalTypes.BudgetFrozen)]);

        var entry = Assert.Single(Assert.Single(state.BuyingGroup).Tasks);

        Assert.Equal((0.0, Day(1)), (entry.Score, entry.ScoredAt));
        Assert.Equal("s1", entry.LastEvidenceSignalId);
    }

    [Fact]
    public void Completion_RecordsTheApprovalOnTheStakeholder()
    {
        var state = ApplyAll(Engine, [By(0, "s1", SignalTypes.RequirementsDrafted, "ann"), By(1, "s2", SignalTypes.RequirementsApproved, "ann")]);

        var entry = Assert.Single(Assert.Single(state.BuyingGroup).Tasks);

        Assert.Equal((Day(1), "s2", 0.0), (entry.ApprovedAt, entry.ApprovedSignalId, entry.Score));
        Assert.Equal("s1", entry.LastEvidenceSignalId);
    }

    /// <summary>Ann approves the requirements on day 1; Bob drafts them again on day 2.</summary>
    private static readonly Signal[] RequirementsDisputed =
    [
        By(0, "s1", SignalTypes.RequirementsDrafted, "ann", DecisionMaker),
        By(1, "s2", SignalTypes.RequirementsApproved, "ann", DecisionMaker),
        By(2, "s3", SignalTypes.RequirementsDrafted, "bob", StakeholderRoles.User),
    ];

    [Fact]
    public void Disagreement_AnotherStakeholderWorksOnAnApprovedTask_IsReported()
    {
        var assessment = Engine.Assess(JourneyId, RequirementsDisputed, Day(2));

        var disagreement = Assert.Single(assessment.Coverage.Disagreements);
        Assert.Equal(GartnerTasks.RequirementsBuilding, disagreement.TaskId);
        Assert.Equal(("ann", Day(1), "s2"), (disagreement.ApprovedBy, disagreement.ApprovedAt, disagreement.ApprovalSignalId));
        Assert.Equal(("bob", Day(2), "s3"), (disagreement.ReopenedBy, disagreement.ReopenedAt, disagreement.ReopeningSignalId));
    }

    [Fact]
    public void Disagreement_GetsAHighActionCitingBothSignals()
    {
        var assessment = Engine.Assess(JourneyId, RequirementsDisputed, Day(2));

        var action = Advised(assessment, "group.disagreement.RequirementsBuilding");
        Assert.Equal(ActionPriority.High, action.Priority);
        Assert.Equal(["s2", "s3"], action.EvidenceSignalIds);
        Assert.Equal(GartnerTasks.RequirementsBuilding, action.TaskId);
        Assert.Equal("bob", action.TargetStakeholderId);
        Assert.Contains("after ann (decision maker) completed it", action.Rationale, StringComparison.Ordinal);
        Assert.Contains(assessment.NextBestActions, a => a.Code == action.Code);
    }

    [Fact]
    public void Disagreement_TheApproverReworksTheirOwnApproval_IsNone()
    {
        var signals = RequirementsDisputed[..2].Append(By(2, "s3", SignalTypes.RequirementsDrafted, "ann", DecisionMaker)).ToArray();

        var assessment = Engine.Assess(JourneyId, signals, Day(2));

        Assert.Empty(assessment.Coverage.Disagreements);
        Assert.DoesNotContain(assessment.Advice, a => a.Code.StartsWith("group.disagreement.", StringComparison.Ordinal));
    }

    [Fact]
    public void Disagreement_TheObjectorLeft_IsNone()
    {
        var signals = RequirementsDisputed.Append(By(3, "s4", SignalTypes.StakeholderLeft, "bob")).ToArray();

        var assessment = Engine.Assess(JourneyId, signals, Day(3));

        Assert.Empty(assessment.Coverage.Disagreements);
    }

    [Fact]
    public void Coverage_ConsensusTask_IsGartnersConsensusCreation()
    {
        var assessment = Engine.Assess(Engine.Start(JourneyId), Day(0));

        Assert.Equal(Consensus, assessment.Coverage.ConsensusTaskId);
        Assert.Empty(assessment.BuyingGroup);
        Assert.Equal([DecisionMaker, Influencer], assessment.Coverage.MissingRoles);
        Assert.Equal([DecisionMaker, Purchaser, StakeholderRoles.Approver], assessment.Coverage.MissingSignOffRoles);
    }

    [Fact]
    public void SignalWithoutStakeholder_LeavesTheGroupAlone()
    {
        var state = ApplyAll(Engine, [By(0, "s1", SignalTypes.ProblemStated, "ann", DecisionMaker), At(1, "s2", SignalTypes.DemoRequested)]);

        var ann = Assert.Single(state.BuyingGroup);

        Assert.Equal((1, "s1"), (ann.SignalCount, ann.LastSignalId));
    }
}
