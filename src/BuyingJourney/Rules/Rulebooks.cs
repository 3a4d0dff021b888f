using BuyingJourney.Evidence;
using BuyingJourney.Model;
using BuyingJourney.Signals;
using static BuyingJourney.Evidence.EvidenceStrength;
using static BuyingJourney.Model.GartnerTasks;

namespace BuyingJourney.Rules;

/// <summary>The built-in rulebooks.</summary>
public static partial class Rulebooks
{
    /// <summary>
    /// The default rulebook for <see cref="BuyingModels.Gartner"/>: one data rule per well-known signal type in
    /// <see cref="SignalTypes"/>, with the evidence listed there (strong, normal or weak weight; completion; or a
    /// journey effect). Rule ids are "gartner:" followed by the signal type. Name "gartner-default", version "1.0.0".
    /// </summary>
    public static Rulebook Gartner { get; } = new(
        "gartner-default",
        "1.0.0",
        [
            Rule(SignalTypes.ProblemStated, EvidenceItem.For(ProblemIdentification, Strong, "the customer stated a problem")),
            Rule(SignalTypes.ProblemMetricMissed, EvidenceItem.For(ProblemIdentification, Strong, "the customer missed a target they track")),
            Rule(SignalTypes.ProblemDefined, EvidenceItem.Completes(ProblemIdentification, "the customer defined the problem")),
            Rule(
                SignalTypes.ContentInsightRead,
                EvidenceItem.For(ProblemIdentification, Weak, "the customer read an insight piece"),
                EvidenceItem.For(SolutionExploration, Weak, "the customer read an insight piece")),
            Rule(SignalTypes.SolutionResearched, EvidenceItem.For(SolutionExploration, Normal, "the customer researched kinds of solution")),
            Rule(SignalTypes.EventAttended, EvidenceItem.For(SolutionExploration, Weak, "the customer attended an industry event")),
            Rule(SignalTypes.InquiryGeneral, EvidenceItem.For(SolutionExploration, Weak, "the customer asked what is new")),
            Rule(SignalTypes.SolutionApproachChosen, EvidenceItem.Completes(SolutionExploration, "the customer chose a solution approach")),
            Rule(SignalTypes.RequirementsQuestion, EvidenceItem.For(RequirementsBuilding, Normal, "the customer asked about specifications")),
            Rule(SignalTypes.DeadlineSet, EvidenceItem.For(RequirementsBuilding, Normal, "the customer set a deadline")),
            Rule(SignalTypes.RequirementsDrafted, EvidenceItem.For(RequirementsBuilding, Strong, "the customer drafted requirements")),
            Rule(
                SignalTypes.BudgetSet,
                EvidenceItem.For(RequirementsBuilding, Normal, "the customer set a budget"),
                EvidenceItem.For(ConsensusCreation, Weak, "a budget needs someone to sign it off")),
            Rule(
                SignalTypes.RfiIssued,
                EvidenceItem.For(RequirementsBuilding, Normal, "the customer issued a request for information"),
                EvidenceItem.For(SolutionExploration, Weak, "an RFI surveys the market")),
            Rule(SignalTypes.RequirementsApproved, EvidenceItem.Completes(RequirementsBuilding, "the customer approved the requirements")),
            Rule(
                SignalTypes.RfpIssued,
                EvidenceItem.For(SupplierSelection, Strong, "the customer issued a request for proposal"),
                EvidenceItem.Completes(RequirementsBuilding, "an RFP presupposes written requirements")),
            Rule(SignalTypes.DemoRequested, EvidenceItem.For(SupplierSelection, Normal, "the customer asked for a demo")),
            Rule(SignalTypes.PricingRequested, EvidenceItem.For(SupplierSelection, Normal, "the customer asked for prices")),
            Rule(SignalTypes.ShortlistAdded, EvidenceItem.For(SupplierSelection, Normal, "the customer shortlisted us")),
            Rule(
                SignalTypes.SampleRequested,
                EvidenceItem.For(SupplierSelection, Normal, "the customer asked for samples"),
                EvidenceItem.For(Validation, Weak, "samples let the customer check our claims")),
            Rule(
                SignalTypes.SiteVisited,
                EvidenceItem.For(SupplierSelection, Normal, "the customer visited a site"),
                EvidenceItem.For(Validation, Normal, "a site visit checks our claims first-hand")),
            Rule(SignalTypes.SupplierChosen, EvidenceItem.Completes(SupplierSelection, "the customer chose a supplier")),
            Rule(SignalTypes.ReferenceRequested, EvidenceItem.For(Validation, Strong, "the customer asked for a reference")),
            Rule(SignalTypes.CaseStudyRead, EvidenceItem.For(Validation, Weak, "the customer read a case study")),
            Rule(
                SignalTypes.TrialStarted,
                EvidenceItem.For(Validation, Normal, "the customer started a trial"),
                EvidenceItem.For(SupplierSelection, Weak, "a trial compares us in practice")),
            Rule(SignalTypes.SecurityReview, EvidenceItem.For(Validation, Normal, "the customer reviewed our security")),
            Rule(
                SignalTypes.RoiReviewed,
                EvidenceItem.For(Validation, Normal, "the customer reviewed the business case"),
                EvidenceItem.For(ConsensusCreation, Weak, "a business case is made to convince others")),
            Rule(SignalTypes.ValidationPassed, EvidenceItem.Completes(Validation, "the customer's checks passed")),
            Rule(SignalTypes.StakeholderJoined, EvidenceItem.For(ConsensusCreation, Strong, "a new stakeholder joined the buying group")),
            Rule(SignalTypes.MeetingMultiStakeholder, EvidenceItem.For(ConsensusCreation, Normal, "several stakeholders met")),
            Rule(SignalTypes.ExecutiveEngaged, EvidenceItem.For(ConsensusCreation, Normal, "an executive got involved")),
            Rule(SignalTypes.LegalReview, EvidenceItem.For(ConsensusCreation, Normal, "legal is reviewing")),
            Rule(
                SignalTypes.ObjectionRaised,
                EvidenceItem.For(ConsensusCreation, Normal, "someone in the buying group objected"),
                EvidenceItem.For(Validation, Normal, "an objection needs proof to answer")),
            Rule(
                SignalTypes.ProcurementEngaged,
                EvidenceItem.For(ConsensusCreation, Normal, "procurement joined"),
                EvidenceItem.For(SupplierSelection, Weak, "procurement often picks the shortlist")),
            Rule(SignalTypes.StakeholderLeft, EvidenceItem.For(ConsensusCreation, Normal, "a stakeholder left the buying group")),
            Rule(SignalTypes.ConsensusReached, EvidenceItem.Completes(ConsensusCreation, "the buying group agreed")),
            Rule(SignalTypes.BudgetFrozen, EvidenceItem.ForJourney(JourneyEffect.Stall, "the budget was frozen")),
            Rule(SignalTypes.ProjectPostponed, EvidenceItem.ForJourney(JourneyEffect.Stall, "the project was postponed")),
            Rule(SignalTypes.DealWon, EvidenceItem.ForJourney(JourneyEffect.Won, "the customer signed")),
            Rule(SignalTypes.DealLost, EvidenceItem.ForJourney(JourneyEffect.Lost, "the customer went elsewhere or did without")),
        ]);

    private static SignalTypeRule Rule(string signalType, params EvidenceItem[] evidence)
        => new SignalTypeRule("gartner:" + signalType, signalType, evidence);
}
