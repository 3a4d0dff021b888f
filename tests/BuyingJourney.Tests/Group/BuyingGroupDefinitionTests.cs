using System;
using System.Linq;
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
/// <see cref="BuyingGroupDefinition"/> and <see cref="RoleDefinition"/>: the checks their constructors make (each
/// message naming the problem), the default, and an engine following a definition of its own.
/// </summary>
public sealed class BuyingGroupDefinitionTests
{
    private static readonly TimeSpan Month = TimeSpan.FromDays(30);

    private static RoleDefinition[] Roles => [new("boss", "Boss", expected: true), new("buyer", "Buyer")];

    [Fact]
    public void Constructor_NoRoles_ThrowsSayingHowManyAreNeeded()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BuyingGroupDefinition([], [], [], null, Month));

        Assert.Equal("roles", ex.ParamName);
        Assert.Contains("needs between 1 and 32 roles; it has 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_TooManyRoles_ThrowsSayingHowManyAreNeeded()
    {
        var roles = Enumerable.Range(0, BuyingGroupDefinition.MaxRoles + 1).Select(static i => new RoleDefinition("r" + i, "Role " + i));

        var ex = Assert.Throws<ArgumentException>(() => new BuyingGroupDefinition(roles, [], [], null, Month));

        Assert.Equal("roles", ex.ParamName);
        Assert.Contains("it has 33", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicateRoleId_ThrowsNamingTheRole()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BuyingGroupDefinition([.. Roles, new("boss", "Another boss")], [], [], null, Month));

        Assert.Equal("roles", ex.ParamName);
        Assert.Contains("role \"boss\" is defined twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NullRole_ThrowsNamingItsPosition()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BuyingGroupDefinition([.. Roles, null!], [], [], null, Month));

        Assert.Equal("roles", ex.ParamName);
        Assert.Contains("roles[2] is null", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_SignOffRoleNotDefined_ThrowsNamingTheRole()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BuyingGroupDefinition(Roles, ["boss", "ghost"], [], null, Month));

        Assert.Equal("signOffRoles", ex.ParamName);
        Assert.Contains("names role \"ghost\", which is not among the defined roles", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RiskRoleNotDefined_ThrowsNamingTheRole()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BuyingGroupDefinition(Roles, [], [StakeholderRoles.DecisionMaker], null, Month));

        Assert.Equal("riskRoles", ex.ParamName);
        Assert.Contains("\"decision-maker\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NullSignOffRoleEntry_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BuyingGroupDefinition(Roles, [null!], [], null, Month));

        Assert.Equal("signOffRoles", ex.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(59)]
    [InlineData(3650 * 24 * 60 + 1)]
    public void Constructor_QuietAfterOutOfRange_ThrowsNamingItAndTheRange(int minutes)
    {
        var ex = Assert.Throws<ArgumentException>(() => new BuyingGroupDefinition(Roles, [], [], null, TimeSpan.FromMinutes(minutes)));

        Assert.Equal("quietAfter", ex.ParamName);
        Assert.Contains("between 01:00:00 and 3650 days", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(3650 * 24 * 60)]
    public void Constructor_QuietAfterAtTheLimits_IsAccepted(int minutes)
    {
        var definition = new BuyingGroupDefinition(Roles, [], [], null, TimeSpan.FromMinutes(minutes));

        Assert.Equal(TimeSpan.FromMinutes(minutes), definition.QuietAfter);
    }

    [Fact]
    public void Constructor_NullArguments_ThrowNamingThem()
    {
        Assert.Equal("roles", Assert.Throws<ArgumentNullException>(() => new BuyingGroupDefinition(null!, [], [], null, Month)).ParamName);
        Assert.Equal("signOffRoles", Assert.Throws<ArgumentNullException>(() => new BuyingGroupDefinition(Roles, null!, [], null, Month)).ParamName);
        Assert.Equal("riskRoles", Assert.Throws<ArgumentNullException>(() => new BuyingGroupDefinition(Roles, [], null!, null, Month)).ParamName);
    }

    [Fact]
    public void Constructor_BlankConsensusTask_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BuyingGroupDefinition(Roles, [], [], " ", Month));

        Assert.Equal("consensusTaskId", ex.ParamName);
    }

    [Fact]
    public void Constructor_RepeatedSignOffRole_KeptOnce()
    {
        var definition = new BuyingGroupDefinition(Roles, ["boss", "buyer", "boss"], ["boss", "boss"], "Anything", Month);

        Assert.Equal(["boss", "buyer"], definition.SignOffRoles);
        Assert.Equal(["boss"], definition.RiskRoles);
        Assert.Equal("Anything", definition.ConsensusTaskId);
        Assert.Same(definition.Roles[1], definition.Role("buyer"));
        Assert.Null(definition.Role("ghost"));
    }

    [Fact]
    public void Default_HoldsTheSevenRolesWithDecisionMakerPurchaserAndApproverSigningOff()
    {
        var definition = BuyingGroupDefinition.Default;

        Assert.Equal(
            [StakeholderRoles.DecisionMaker, StakeholderRoles.Influencer, StakeholderRoles.User, StakeholderRoles.Purchaser, StakeholderRoles.Approver, StakeholderRoles.Gatekeeper, StakeholderRoles.Initiator],
            definition.Roles.Select(static r => r.Id));
        Assert.Equal([StakeholderRoles.DecisionMaker, StakeholderRoles.Purchaser, StakeholderRoles.Approver], definition.SignOffRoles);
        Assert.Equal([StakeholderRoles.DecisionMaker], definition.RiskRoles);
        Assert.Equal(GartnerTasks.ConsensusCreation, definition.ConsensusTaskId);
        Assert.Equal(TimeSpan.FromDays(30), definition.QuietAfter);
        Assert.False(definition.Role(StakeholderRoles.Gatekeeper)!.IsExpected);
        Assert.Contains(GartnerTasks.SupplierSelection, definition.Role(StakeholderRoles.Purchaser)!.ExpectedOnceTasks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a\nb")]
    public void RoleDefinition_BlankOrBadId_ThrowsNamingTheRoleId(string id)
    {
        var ex = Assert.Throws<ArgumentException>(() => new RoleDefinition(id, "Boss"));

        Assert.Equal("role id", ex.ParamName);
    }

    [Fact]
    public void RoleDefinition_NullIdOrName_ThrowsNamingIt()
    {
        Assert.Equal("role id", Assert.Throws<ArgumentNullException>(() => new RoleDefinition(null!, "Boss")).ParamName);
        Assert.Equal("role displayName", Assert.Throws<ArgumentNullException>(() => new RoleDefinition("boss", null!)).ParamName);
    }

    [Fact]
    public void RoleDefinition_BlankName_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RoleDefinition("boss", " "));

        Assert.Equal("role displayName", ex.ParamName);
    }

    [Fact]
    public void RoleDefinition_TooLongId_ThrowsSayingTheLimit()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RoleDefinition(new string('r', Stakeholder.MaxLength + 1), "Boss"));

        Assert.Contains("the limit is 256", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RoleDefinition_BlankExpectedOnceTask_ThrowsNamingTheRole()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RoleDefinition("boss", "Boss", expected: true, expectedOnceTasks: ["Validation", ""]));

        Assert.Contains("role \"boss\" expectedOnceTasks entry", ex.ParamName, StringComparison.Ordinal);
    }

    [Fact]
    public void RoleDefinition_RepeatedExpectedOnceTasks_KeptOnceAndToStringShowsNameAndId()
    {
        var role = new RoleDefinition("boss", "Boss", expected: true, expectedOnceTasks: ["Validation", "Validation"]);

        Assert.Equal(["Validation"], role.ExpectedOnceTasks);
        Assert.True(role.IsExpected);
        Assert.Equal("Boss (boss)", role.ToString());
    }

    [Fact]
    public void CustomDefinition_ExpectedOnceTasksTheModelLacks_RoleNeverExpected()
    {
        var engine = Engine(new BuyingGroupDefinition([new("boss", "Boss", expected: true, expectedOnceTasks: ["NoSuchTask"])], [], [], null, Month));

        var assessment = engine.Assess(JourneyId, [At(0, "s1", SignalTypes.ProblemStated)], Day(0));

        Assert.False(assessment.Coverage.Role("boss").IsExpected);
        Assert.Empty(assessment.Coverage.MissingRoles);
    }

    [Fact]
    public void CustomDefinition_RiskRoleLeaves_PutsTheJourneyAtRisk()
    {
        var engine = Engine(new BuyingGroupDefinition(Roles, ["boss"], ["buyer"], null, Month));

        var state = ApplyAll(engine, [By(0, "s1", SignalTypes.ProblemStated, "bea", "buyer"), By(1, "s2", SignalTypes.StakeholderLeft, "bea")]);

        Assert.Equal(JourneyStatus.AtRisk, state.Status);
    }

    [Fact]
    public void CustomDefinition_NoRiskRoles_DecisionMakerLeavingChangesNothing()
    {
        var engine = Engine(new BuyingGroupDefinition([new(StakeholderRoles.DecisionMaker, "Decision maker")], [], [], GartnerTasks.ConsensusCreation, Month));

        var state = ApplyAll(engine, [By(0, "s1", SignalTypes.ProblemStated, "ann", StakeholderRoles.DecisionMaker), By(1, "s2", SignalTypes.StakeholderLeft, "ann")]);

        Assert.Equal(JourneyStatus.Open, state.Status);
    }

    [Fact]
    public void CustomDefinition_NoConsensusTask_NewcomerAfterConsensusDoesNotReopenIt()
    {
        var engine = Engine(new BuyingGroupDefinition(Roles, [], [], null, Month));
        Signal[] signals =
        [
            By(0, "s1", SignalTypes.MeetingMultiStakeholder, "ann"),
            By(1, "s2", SignalTypes.ConsensusReached, "ann"),
            By(2, "s3", SignalTypes.DemoRequested, "bob"),
        ];

        var assessment = engine.Assess(JourneyId, signals, Day(2));

        Assert.Equal(TaskPhase.Completed, assessment.Task(GartnerTasks.ConsensusCreation).Phase);
        Assert.Null(assessment.Coverage.ConsensusTaskId);
        Assert.Equal(TaskPhase.Revisiting, JourneyEngine.CreateDefault().Assess(JourneyId, signals, Day(2)).Task(GartnerTasks.ConsensusCreation).Phase);
    }

    [Fact]
    public void CustomDefinition_ShorterQuietAfter_StakeholderQuietSooner()
    {
        var engine = Engine(new BuyingGroupDefinition(Roles, [], [], null, TimeSpan.FromDays(7)));
        var state = ApplyAll(engine, [By(0, "s1", SignalTypes.ProblemStated, "bea", "boss")]);

        Assert.Equal(EngagementStatus.Engaged, Assert.Single(engine.Assess(state, Day(7)).BuyingGroup).Status);
        Assert.Equal(EngagementStatus.Quiet, Assert.Single(engine.Assess(state, Day(7.5)).BuyingGroup).Status);
        Assert.Equal(["boss"], engine.Assess(state, Day(7.5)).Coverage.QuietRoles);
    }

    [Fact]
    public void CustomDefinition_SignOffRoles_DriveTheSignatureGuardrail()
    {
        var engine = Engine(new BuyingGroupDefinition(Roles, ["buyer"], [], null, Month));

        var missing = engine.Assess(JourneyId, [By(0, "s1", SignalTypes.ProblemStated, "bea", "boss")], Day(0));
        var engaged = engine.Assess(JourneyId, [By(0, "s1", SignalTypes.ProblemStated, "bea", "buyer")], Day(0));

        Assert.Equal(["buyer"], missing.Coverage.MissingSignOffRoles);
        Assert.Contains(missing.Guardrails, g => g.Code == "guardrail.no-signature-push.sign-off-missing");
        Assert.Empty(engaged.Coverage.MissingSignOffRoles);
        Assert.DoesNotContain(engaged.Guardrails, g => g.Code == "guardrail.no-signature-push.sign-off-missing");
    }

    [Fact]
    public void Coverage_RoleTheDefinitionLacks_ThrowsNamingIt()
    {
        var assessment = JourneyEngine.CreateDefault().Assess(JourneyEngine.CreateDefault().Start(JourneyId), Day(0));

        var ex = Assert.Throws<ArgumentException>(() => assessment.Coverage.Role("ghost"));

        Assert.Equal("roleId", ex.ParamName);
        Assert.Contains("\"ghost\"", ex.Message, StringComparison.Ordinal);
    }

    private static JourneyEngine Engine(BuyingGroupDefinition definition)
        => new JourneyEngineBuilder().Configure(o => o.BuyingGroup = definition).Build();
}
