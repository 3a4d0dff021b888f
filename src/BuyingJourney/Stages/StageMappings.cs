using BuyingJourney.Model;
using BuyingJourney.Phases;
using static BuyingJourney.Model.GartnerTasks;
using static BuyingJourney.Stages.StageRequirement;

namespace BuyingJourney.Stages;

/// <summary>
/// The built-in stage mappings, both for <see cref="BuyingModels.Gartner"/>. Each stage is confirmed by the customer's
/// own evidence (<c>domain.md</c> §3, seed 002: a seller's stage is real only when the customer confirmed it), the
/// furthest confirmed stage wins (later evidence confirms what it presupposes), and the closing stages are reached only
/// by the journey's status: "won" only on a signed order (<c>deal.won</c>), never on the supplier choice alone.
/// Immutable and thread-safe.
/// </summary>
public static class StageMappings
{
    /// <summary>
    /// The seven seller stages keyed to the buyer (<c>domain.md</c> §3), name "seller-stages", each confirmed when the
    /// customer shows it (the signals in brackets are the default rulebook's):
    /// Lead (start) →
    /// Opportunity: a real need, problem identification or requirements building entered (<c>problem.stated</c>, <c>requirements.question</c>, <c>budget.set</c>) →
    /// Needs confirmed: problem identification or requirements building completed (<c>problem.defined</c>, <c>requirements.approved</c>, or an RFP, which presupposes them) →
    /// Customer recognition: supplier selection or validation entered (a demo, prices, the shortlist, a sample request, a site visit, a reference call) →
    /// Solution confirmed: solution exploration and requirements building completed →
    /// Risk assessment: on the shortlist under evaluation (requirements or solution approach completed, with supplier selection and validation entered), or the supplier chosen and the order not yet signed →
    /// Order confirmed: the journey is won (a signed order, <c>deal.won</c>).
    /// Requirements building or problem identification reopened undoes the stages that need them completed.
    /// </summary>
    public static StageMapping SellerStages { get; } = new(
        "seller-stages",
        BuyingModels.Gartner,
        [
            new("Lead", "Lead", []),
            new StageDefinition("Opportunity", "Opportunity", [Entered(ProblemIdentification)]).Or([Entered(RequirementsBuilding)]),
            new StageDefinition("NeedsConfirmed", "Needs confirmed", [Complete(ProblemIdentification)]).Or([Complete(RequirementsBuilding)]),
            new StageDefinition("CustomerRecognition", "Customer recognition", [Entered(SupplierSelection)]).Or([Entered(Validation)]),
            new("SolutionConfirmed", "Solution confirmed", [Complete(SolutionExploration), Complete(RequirementsBuilding)]),
            new StageDefinition("RiskAssessment", "Risk assessment", [Complete(RequirementsBuilding), Entered(SupplierSelection), Entered(Validation)])
                .Or([Complete(SolutionExploration), Entered(SupplierSelection), Entered(Validation)])
                .Or([Complete(SupplierSelection)]),
            new("OrderConfirmed", "Order confirmed", [], JourneyStatus.Won),
        ]);

    /// <summary>
    /// Salesforce's standard opportunity stages, name "salesforce-standard", each confirmed when the customer shows it:
    /// Prospecting (start) →
    /// Qualification: problem identification or requirements building entered →
    /// Needs Analysis: problem identification or requirements building completed →
    /// Value Proposition: solution exploration completed, or supplier selection entered →
    /// Id. Decision Makers: consensus creation entered →
    /// Perception Analysis: validation entered →
    /// Proposal/Price Quote: requirements building completed and supplier selection entered (an RFP) →
    /// Negotiation/Review: the supplier chosen, with neither validation nor consensus creation reopened since (a reopening moves the stage back) →
    /// Closed Won: the journey is won (a signed order, <c>deal.won</c>) →
    /// Closed Lost: the journey is lost.
    /// </summary>
    public static StageMapping Salesforce { get; } = new(
        "salesforce-standard",
        BuyingModels.Gartner,
        [
            new("Prospecting", "Prospecting", []),
            new StageDefinition("Qualification", "Qualification", [Entered(ProblemIdentification)]).Or([Entered(RequirementsBuilding)]),
            new StageDefinition("Needs Analysis", "Needs Analysis", [Complete(ProblemIdentification)]).Or([Complete(RequirementsBuilding)]),
            new StageDefinition("Value Proposition", "Value Proposition", [Complete(SolutionExploration)]).Or([Entered(SupplierSelection)]),
            new("Id. Decision Makers", "Id. Decision Makers", [Entered(ConsensusCreation)]),
            new("Perception Analysis", "Perception Analysis", [Entered(Validation)]),
            new("Proposal/Price Quote", "Proposal/Price Quote", [Complete(RequirementsBuilding), Entered(SupplierSelection)]),
            new("Negotiation/Review", "Negotiation/Review", [Complete(SupplierSelection), NotReopened(Validation), NotReopened(ConsensusCreation)]),
            new("Closed Won", "Closed Won", [], JourneyStatus.Won),
            new("Closed Lost", "Closed Lost", [], JourneyStatus.Lost),
        ]);
}
