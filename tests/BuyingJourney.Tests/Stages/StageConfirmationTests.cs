using System;
using System.Linq;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Signals;
using BuyingJourney.Stages;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Stages;

/// <summary>
/// Seed 002: a seller's stage is real only when the customer confirmed it. Scripted journeys for each principle: later
/// evidence confirms what it presupposes, "order confirmed" only on a signed order, a reopening after the choice and a
/// loop-back move the stage back to what the customer still confirms; both built-in mappings alike.
/// </summary>
public sealed class StageConfirmationTests
{
    private static readonly JourneyEngine Engine = JourneyEngine.CreateDefault();

    /// <summary>A customer who buys by RFP: never a problem statement, never a chosen solution approach.</summary>
    private static readonly Signal[] RfpBuyer = Script(
        (0, SignalTypes.RfpIssued),            // s1 requirements written (completed), supplier selection entered
        (1, SignalTypes.ShortlistAdded),       // s2 on the shortlist
        (2, SignalTypes.TrialStarted),         // s3 a trial: under evaluation
        (3, SignalTypes.ReferenceRequested));  // s4 a reference call

    /// <summary>A journey up to the supplier choice: requirements approved, a demo, references, then the choice, validation and consensus.</summary>
    private static readonly Signal[] Chosen = Script(
        (0, SignalTypes.ProblemStated),         // s1
        (1, SignalTypes.ProblemDefined),        // s2
        (2, SignalTypes.RequirementsApproved),  // s3
        (3, SignalTypes.DemoRequested),         // s4
        (4, SignalTypes.ReferenceRequested),    // s5
        (5, SignalTypes.SupplierChosen),        // s6 the choice: not yet a signed order
        (6, SignalTypes.ValidationPassed),      // s7
        (7, SignalTypes.ConsensusReached));     // s8

    private static StageProjection Project(StageMapping mapping, params Signal[] signals)
        => mapping.Project(Engine.Assess(JourneyId, signals, signals[^1].OccurredAt));

    private static Signal[] Then(Signal[] journey, params (double Day, string Type)[] more)
        => [.. journey, .. more.Select((step, i) => At(step.Day, $"s{journey.Length + i + 1}", step.Type))];

    [Fact]
    public void SellerStages_RfpShortlistTrialReferences_WithoutProblemDefined_IsRiskAssessment()
    {
        var projection = Project(StageMappings.SellerStages, RfpBuyer);

        Assert.Equal("RiskAssessment", projection.Stage.Id);
        Assert.Equal(
            [
                "RiskAssessment: RequirementsBuilding Completed (signal s1)",
                "RiskAssessment: SupplierSelection Active (signals s1, s2, s3)",
                "RiskAssessment: Validation Active (signals s4, s3)",
            ],
            projection.Justification);
        Assert.Equal(["s1", "s2", "s3", "s4"], projection.SignalIds);
        Assert.Equal("journey status Won (now Open)", projection.NextStageWaitsFor);
    }

    [Fact]
    public void SellerStages_FromAStateAlone_ReachTheSameStage_CitingEachTasksLastSignal()
    {
        var state = Engine.Replay(JourneyId, RfpBuyer);

        var projection = StageMappings.SellerStages.Project(Engine.Assess(state, Day(3)));

        Assert.Equal("RiskAssessment", projection.Stage.Id);
        Assert.Equal(["s1", "s3", "s4"], projection.SignalIds);
    }

    [Fact]
    public void SellerStages_AnRfpAlone_IsRecognition_AndSalesforceIsTheProposal()
    {
        Assert.Equal("CustomerRecognition", Project(StageMappings.SellerStages, RfpBuyer[0]).Stage.Id);
        Assert.Equal("Proposal/Price Quote", Project(StageMappings.Salesforce, RfpBuyer[0]).Stage.Id);
        Assert.Equal("Proposal/Price Quote", Project(StageMappings.Salesforce, RfpBuyer).Stage.Id);
    }

    [Fact]
    public void SellerStages_ASampleRequestOrAShortlist_IsRecognition()
    {
        Assert.Equal("CustomerRecognition", Project(StageMappings.SellerStages, Script((0, SignalTypes.SampleRequested), (1, SignalTypes.ShortlistAdded))).Stage.Id);
        Assert.Equal("Value Proposition", Project(StageMappings.Salesforce, Script((0, SignalTypes.ShortlistAdded))).Stage.Id);
    }

    [Fact]
    public void SupplierChosen_WithoutDealWon_IsNotOrderConfirmed()
    {
        var seller = Project(StageMappings.SellerStages, Chosen);
        Assert.Equal("RiskAssessment", seller.Stage.Id);
        Assert.Contains("RiskAssessment: SupplierSelection Completed (signal s6)", seller.Justification);
        Assert.Equal("journey status Won (now Open)", seller.NextStageWaitsFor);

        var salesforce = Project(StageMappings.Salesforce, Chosen);
        Assert.Equal("Negotiation/Review", salesforce.Stage.Id);
        Assert.Equal("journey status Won (now Open)", salesforce.NextStageWaitsFor);

        // The choice alone, with nothing before it.
        Assert.Equal("RiskAssessment", Project(StageMappings.SellerStages, Script((0, SignalTypes.SupplierChosen))).Stage.Id);
    }

    [Fact]
    public void DealWon_TheSignedOrder_IsOrderConfirmed()
    {
        var signed = Then(Chosen, (9, SignalTypes.DealWon));

        var seller = Project(StageMappings.SellerStages, signed);
        Assert.Equal("OrderConfirmed", seller.Stage.Id);
        Assert.Equal(["s9"], seller.SignalIds);
        Assert.Equal("Closed Won", Project(StageMappings.Salesforce, signed).Stage.Id);
    }

    [Theory]
    [InlineData(SignalTypes.ReferenceRequested, GartnerTasks.Validation)]
    [InlineData(SignalTypes.StakeholderJoined, GartnerTasks.ConsensusCreation)]
    public void ValidationOrConsensusReopenedAfterTheChoice_MovesTheStageBackToRiskAssessment(string reopening, string task)
    {
        var reopened = Then(Chosen, (9, reopening));
        Assert.Equal(TaskPhase.Revisiting, Engine.Assess(JourneyId, reopened, Day(9)).Task(task).Phase);

        var seller = Project(StageMappings.SellerStages, reopened);
        Assert.Equal("RiskAssessment", seller.Stage.Id);

        // Salesforce: the negotiation is undone; the furthest stage still confirmed is the proposal.
        var salesforce = Project(StageMappings.Salesforce, reopened);
        Assert.Equal("Proposal/Price Quote", salesforce.Stage.Id);
        Assert.Equal($"{task} not reopened (now Revisiting)", salesforce.NextStageWaitsFor);
    }

    [Fact]
    public void ValidationReopenedAfterTheSignature_ReopensTheJourney_AndMovesTheStageBackToRiskAssessment()
    {
        var reopened = Then(Chosen, (9, SignalTypes.DealWon), (10, SignalTypes.ReferenceRequested));

        var assessment = Engine.Assess(JourneyId, reopened, Day(10));
        Assert.Equal(JourneyStatus.Open, assessment.Status);
        Assert.Equal("RiskAssessment", StageMappings.SellerStages.Project(assessment).Stage.Id);
        Assert.Equal("Proposal/Price Quote", StageMappings.Salesforce.Project(assessment).Stage.Id);
    }

    [Fact]
    public void LoopBackToTheProblem_MovesBothMappingsBackToWhatTheCustomerStillConfirms()
    {
        var recognised = Script((0, SignalTypes.ProblemStated), (1, SignalTypes.ProblemDefined), (2, SignalTypes.DemoRequested));
        Assert.Equal("CustomerRecognition", Project(StageMappings.SellerStages, recognised).Stage.Id);
        Assert.Equal("Value Proposition", Project(StageMappings.Salesforce, recognised).Stage.Id);

        // The problem was not quite right: the customer redefines it (problem identification reopened).
        var back = Then(recognised, (3, SignalTypes.ProblemStated));
        Assert.Contains(Engine.Replay(JourneyId, back).LoopBacks, static l => l.TaskId == GartnerTasks.ProblemIdentification);

        var seller = Project(StageMappings.SellerStages, back);
        Assert.Equal("Opportunity", seller.Stage.Id);
        Assert.Equal("ProblemIdentification completed (now Revisiting) or RequirementsBuilding completed (now NotStarted)", seller.NextStageWaitsFor);
        var salesforce = Project(StageMappings.Salesforce, back);
        Assert.Equal("Qualification", salesforce.Stage.Id);

        // Defined again: the stages come back.
        var redefined = Then(back, (4, SignalTypes.ProblemDefined));
        Assert.Equal("CustomerRecognition", Project(StageMappings.SellerStages, redefined).Stage.Id);
        Assert.Equal("Value Proposition", Project(StageMappings.Salesforce, redefined).Stage.Id);
    }

    [Fact]
    public void LoopBackToRequirements_FromRiskAssessment_MovesBothMappingsBack()
    {
        // The RFP buyer rewrites the requirements its needs were confirmed by: shortlist and trial presuppose them.
        var back = Then(RfpBuyer, (4, SignalTypes.RequirementsDrafted));
        Assert.Equal(TaskPhase.Revisiting, Engine.Assess(JourneyId, back, Day(4)).Task(GartnerTasks.RequirementsBuilding).Phase);

        var seller = Project(StageMappings.SellerStages, back);
        Assert.Equal("Opportunity", seller.Stage.Id);
        Assert.Equal(["Opportunity: RequirementsBuilding Revisiting (signals s5, s1)"], seller.Justification);
        Assert.Equal("Qualification", Project(StageMappings.Salesforce, back).Stage.Id);

        // Approved again: back to risk assessment.
        var approved = Then(back, (5, SignalTypes.RequirementsApproved));
        Assert.Equal("RiskAssessment", Project(StageMappings.SellerStages, approved).Stage.Id);
        Assert.Equal("Proposal/Price Quote", Project(StageMappings.Salesforce, approved).Stage.Id);
    }

    [Fact]
    public void Requirement_Conditions_ReadThePhase()
    {
        var notReopened = StageRequirement.NotReopened(GartnerTasks.Validation);
        Assert.Equal(StageCondition.NotReopened, notReopened.Condition);
        Assert.False(notReopened.Completed);
        Assert.Equal("Validation not reopened", notReopened.ToString());
        Assert.Equal(StageRequirement.Complete(GartnerTasks.Validation), new StageRequirement(GartnerTasks.Validation, true));
        Assert.NotEqual(StageRequirement.Complete(GartnerTasks.Validation), notReopened);

        var stage = new StageDefinition("b", "B", [StageRequirement.Entered(GartnerTasks.Validation)]).Or([notReopened]);
        Assert.Equal(2, stage.Confirmations.Length);
        Assert.Equal([StageRequirement.Entered(GartnerTasks.Validation)], stage.Requirements);
        Assert.Empty(new StageDefinition("a", "A", []).Requirements);
    }
}
