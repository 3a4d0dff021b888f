using System;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Rules;
using BuyingJourney.Signals;
using BuyingJourney.Stages;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Stages;

public sealed class StageMappingTests
{
    private static readonly JourneyEngine Engine = JourneyEngine.CreateDefault();

    private static readonly Signal[] Journey = Script(
        (0, SignalTypes.ProblemStated),            // s1 Opportunity
        (1, SignalTypes.ProblemDefined),           // s2 Needs confirmed
        (2, SignalTypes.SolutionResearched),       // s3
        (3, SignalTypes.DemoRequested),            // s4 Customer recognition
        (4, SignalTypes.SolutionApproachChosen),   // s5
        (5, SignalTypes.RequirementsApproved),     // s6 Solution confirmed
        (6, SignalTypes.ReferenceRequested),       // s7 Risk assessment
        (7, SignalTypes.RequirementsDrafted),      // s8 requirements reopened: a loop-back
        (9, SignalTypes.RequirementsApproved),     // s9 back to risk assessment
        (12, SignalTypes.DealWon));                // s10 Order confirmed

    private static StageProjection SellerStageAfter(int signals, StageMapping? mapping = null)
        => (mapping ?? StageMappings.SellerStages).Project(Engine.Assess(JourneyId, Journey[..signals], Journey[signals - 1].OccurredAt));

    [Fact]
    public void SellerStages_FollowTheBuyer()
    {
        Assert.Equal("Lead", StageMappings.SellerStages.Project(Engine.Assess(Engine.Start(JourneyId), Day0)).Stage.Id);
        Assert.Equal("Opportunity", SellerStageAfter(1).Stage.Id);
        Assert.Equal("NeedsConfirmed", SellerStageAfter(2).Stage.Id);
        Assert.Equal("NeedsConfirmed", SellerStageAfter(3).Stage.Id);
        Assert.Equal("CustomerRecognition", SellerStageAfter(4).Stage.Id);
        Assert.Equal("SolutionConfirmed", SellerStageAfter(6).Stage.Id);
        var risk = SellerStageAfter(7);
        Assert.Equal("RiskAssessment", risk.Stage.Id);
        Assert.Equal(5, risk.Index);
        Assert.Equal("journey status Won (now Open)", risk.NextStageWaitsFor);
        Assert.Equal("OrderConfirmed", SellerStageAfter(10).Stage.Id);
    }

    [Fact]
    public void Project_JustifiesTheStageWithTheConfirmingSignals()
    {
        var projection = SellerStageAfter(2);

        Assert.Equal(["NeedsConfirmed: ProblemIdentification Completed (signal s2)"], projection.Justification);
        Assert.Equal(["s2"], projection.SignalIds);
        Assert.Equal("SupplierSelection entered (now NotStarted) or Validation entered (now NotStarted)", projection.NextStageWaitsFor);
        Assert.Equal("seller-stages", projection.MappingName);
    }

    [Fact]
    public void Project_LoopBack_MovesTheStageBackwards()
    {
        var state = Engine.Replay(JourneyId, Journey[..8]);
        Assert.Contains(state.LoopBacks, static l => l.TaskId == GartnerTasks.RequirementsBuilding);

        var back = SellerStageAfter(8);

        Assert.Equal("CustomerRecognition", back.Stage.Id);
        Assert.Equal("RequirementsBuilding completed (now Revisiting)", back.NextStageWaitsFor);
        Assert.Equal("RiskAssessment", SellerStageAfter(9).Stage.Id);
    }

    [Fact]
    public void Project_WonOrLost_IsTheClosingStageWithTheStatusSignal()
    {
        var won = SellerStageAfter(10, StageMappings.Salesforce);
        Assert.Equal("Closed Won", won.Stage.Id);
        Assert.Equal(["s10"], won.SignalIds);
        Assert.Null(won.NextStageWaitsFor);

        var lost = StageMappings.Salesforce.Project(Engine.Assess(JourneyId, Script((0, SignalTypes.ProblemStated), (1, SignalTypes.DealLost)), Day(1)));
        Assert.Equal("Closed Lost", lost.Stage.Id);
        Assert.Equal(9, lost.Index);
    }

    [Fact]
    public void Salesforce_IsTheFurthestStageTheCustomerConfirmed()
    {
        // Requirements approved (s6) and a demo (s4) confirm the proposal stage, though no decision maker beyond the
        // contact has shown up: later evidence confirms what it presupposes, the skipped stage does not hold it back.
        var projection = SellerStageAfter(7, StageMappings.Salesforce);

        Assert.Equal("Proposal/Price Quote", projection.Stage.Id);
        Assert.Equal(["Proposal/Price Quote: RequirementsBuilding Completed (signal s6)", "Proposal/Price Quote: SupplierSelection Active (signal s4)"], projection.Justification);
        Assert.Equal("SupplierSelection completed (now Active)", projection.NextStageWaitsFor);
        Assert.Equal(10, StageMappings.Salesforce.Stages.Length);
        Assert.Equal(7, StageMappings.SellerStages.Stages.Length);
    }

    [Fact]
    public void Constructor_InvalidMappings_Throw()
    {
        var gartner = BuyingModels.Gartner;
        Assert.Contains("has no stages", Assert.Throws<ArgumentException>(() => new StageMapping("m", gartner, [])).Message, StringComparison.Ordinal);
        Assert.Contains("first stage", Assert.Throws<ArgumentException>(() => new StageMapping("m", gartner, [new("a", "A", [StageRequirement.Entered(GartnerTasks.Validation)])])).Message, StringComparison.Ordinal);
        Assert.Contains("needs requirements or a status", Assert.Throws<ArgumentException>(() => new StageMapping("m", gartner, [new("a", "A", []), new("b", "B", [])])).Message, StringComparison.Ordinal);
        Assert.Contains("reached by status Won alone", Assert.Throws<ArgumentException>(() => new StageMapping("m", gartner, [new("a", "A", []), new("won", "Won", [StageRequirement.Complete(GartnerTasks.SupplierSelection)], JourneyStatus.Won)])).Message, StringComparison.Ordinal);
        Assert.Contains("does not have", Assert.Throws<ArgumentException>(() => new StageMapping("m", gartner, [new("a", "A", []), new StageDefinition("b", "B", [StageRequirement.Entered(GartnerTasks.Validation)]).Or([StageRequirement.NotReopened("Nope")])])).Message, StringComparison.Ordinal);
        Assert.Contains("at least one requirement", Assert.Throws<ArgumentException>(() => new StageDefinition("b", "B", [StageRequirement.Entered(GartnerTasks.Validation)]).Or([])).Message, StringComparison.Ordinal);
        Assert.Contains("requirements[0] is null", Assert.Throws<ArgumentException>(() => new StageDefinition("b", "B", []).Or([null!])).Message, StringComparison.Ordinal);
        Assert.Equal("requirements", Assert.Throws<ArgumentNullException>(() => new StageDefinition("b", "B", []).Or(null!)).ParamName);
        Assert.Equal("condition", Assert.Throws<ArgumentException>(() => new StageRequirement(GartnerTasks.Validation, (StageCondition)9)).ParamName);
        Assert.Contains("more than once", Assert.Throws<ArgumentException>(() => new StageMapping("m", gartner, [new("a", "A", []), new("a", "A", [], JourneyStatus.Won)])).Message, StringComparison.Ordinal);
        Assert.Contains("does not have", Assert.Throws<ArgumentException>(() => new StageMapping("m", gartner, [new("a", "A", []), new("b", "B", [StageRequirement.Complete("Nope")])])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => new StageMapping("m", null!, []));
        Assert.Throws<ArgumentNullException>(() => StageMappings.SellerStages.Project(null!));
    }

    [Fact]
    public void Project_JourneyOfAnotherModel_Throws()
    {
        var engine = new JourneyEngineBuilder().UseModel(BuyingModels.Rackham3).UseRulebook(Rulebooks.Rackham3).Build();

        var error = Assert.Throws<ArgumentException>(() => StageMappings.SellerStages.Project(engine.Assess(engine.Start(JourneyId), Day0)));

        Assert.Contains("not \"rackham-3\"", error.Message, StringComparison.Ordinal);
    }
}
