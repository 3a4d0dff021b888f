using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using static BuyingJourney.Model.GartnerTasks;
using static BuyingJourney.Stages.StageRequirement;

namespace BuyingJourney.Stages;

/// <summary>The built-in stage mappings, both for <see cref="BuyingModels.Gartner"/>. Immutable and thread-safe.</summary>
public static class StageMappings
{
    /// <summary>
    /// The seven seller stages keyed to the buyer (<c>domain.md</c> §3), name "seller-stages": Lead (start) →
    /// Opportunity (problem identification entered) → Needs confirmed (problem identification completed) → Customer
    /// recognition (supplier selection entered: demos, samples) → Solution confirmed (solution exploration and
    /// requirements building completed) → Risk assessment (validation entered) → Order confirmed (supplier selection
    /// completed, or the journey won).
    /// </summary>
    public static StageMapping SellerStages { get; } = new(
        "seller-stages",
        BuyingModels.Gartner,
        [
            new("Lead", "Lead", []),
            new("Opportunity", "Opportunity", [Entered(ProblemIdentification)]),
            new("NeedsConfirmed", "Needs confirmed", [Complete(ProblemIdentification)]),
            new("CustomerRecognition", "Customer recognition", [Entered(SupplierSelection)]),
            new("SolutionConfirmed", "Solution confirmed", [Complete(SolutionExploration), Complete(RequirementsBuilding)]),
            new("RiskAssessment", "Risk assessment", [Entered(Validation)]),
            new("OrderConfirmed", "Order confirmed", [Complete(SupplierSelection)], JourneyStatus.Won),
        ]);

    /// <summary>
    /// Salesforce's standard opportunity stages, name "salesforce-standard": Prospecting (start) → Qualification
    /// (problem identification entered) → Needs Analysis (problem identification completed) → Value Proposition
    /// (solution exploration completed) → Id. Decision Makers (consensus creation entered) → Perception Analysis
    /// (validation entered) → Proposal/Price Quote (requirements building completed, supplier selection entered) →
    /// Negotiation/Review (supplier selection completed) → Closed Won (journey won) → Closed Lost (journey lost).
    /// </summary>
    public static StageMapping Salesforce { get; } = new(
        "salesforce-standard",
        BuyingModels.Gartner,
        [
            new("Prospecting", "Prospecting", []),
            new("Qualification", "Qualification", [Entered(ProblemIdentification)]),
            new("Needs Analysis", "Needs Analysis", [Complete(ProblemIdentification)]),
            new("Value Proposition", "Value Proposition", [Complete(SolutionExploration)]),
            new("Id. Decision Makers", "Id. Decision Makers", [Entered(ConsensusCreation)]),
            new("Perception Analysis", "Perception Analysis", [Entered(Validation)]),
            new("Proposal/Price Quote", "Proposal/Price Quote", [Complete(RequirementsBuilding), Entered(SupplierSelection)]),
            new("Negotiation/Review", "Negotiation/Review", [Complete(SupplierSelection)]),
            new("Closed Won", "Closed Won", [], JourneyStatus.Won),
            new("Closed Lost", "Closed Lost", [], JourneyStatus.Lost),
        ]);
}
