using BuyingJourney.Evidence;
using BuyingJourney.Model;
using BuyingJourney.Signals;
using static BuyingJourney.Evidence.EvidenceStrength;

namespace BuyingJourney.Rules;

/// <summary>The built-in rulebooks of the ordered buying models.</summary>
/// <remarks>
/// Each maps every well-known signal type in <see cref="SignalTypes"/> to the stage of its model where Gartner's
/// rulebook (<see cref="Gartner"/>) puts the matching task: problem signals to the need stage; solution research,
/// demos, samples, trials and proposals to the option stage; references, security and business-case reviews,
/// objections, stakeholders, legal and procurement to the stage where the customer reduces the risk of deciding.
/// The frozen budget and the postponed project stall the journey, the signature wins it and a loss loses it, as in
/// Gartner's rulebook. Rule ids are the model's name, a colon and the signal type; every rulebook has version "1.0.0".
/// Stages with no well-known signal (Rackham's implementation, BuyGrid's performance review) need the CRM's own
/// signals and rules. Immutable and thread-safe.
/// </remarks>
public static partial class Rulebooks
{
    /// <summary>
    /// The default rulebook for <see cref="BuyingModels.Rackham3"/>, name "rackham-3-default".
    /// Need formation: problem.stated, problem.metric-missed, requirements.drafted (strong); problem.defined,
    /// requirements.question, deadline.set, budget.set (normal); content.insight-read (weak); completed by
    /// requirements.approved or rfp.issued. Option evaluation: rfp.issued (strong); solution.researched,
    /// solution.approach-chosen, rfi.issued, demo.requested, pricing.requested, shortlist.added, sample.requested,
    /// site.visited, trial.started (normal); event.attended, inquiry.general, case-study.read (weak); completed by
    /// supplier.chosen. Purchase decision: supplier.chosen, reference.requested (strong); security.review,
    /// roi.reviewed, validation.passed, stakeholder.joined, meeting.multi-stakeholder, executive.engaged,
    /// legal.review, objection.raised, procurement.engaged, consensus.reached (normal); stakeholder.left (weak);
    /// completed by deal.won.
    /// </summary>
    public static Rulebook Rackham3 { get; } = Build(
        BuyingModels.Rackham3,
        Rackham3Phases.NeedFormation,
        Rackham3Phases.OptionEvaluation,
        Rackham3Phases.PurchaseDecision,
        Rackham3Phases.PurchaseDecision,
        Rackham3Phases.PurchaseDecision);

    /// <summary>
    /// The default rulebook for <see cref="BuyingModels.Rackham5"/>, name "rackham-5-default". Recognition of needs and
    /// evaluation of options as <see cref="Rackham3"/>'s need formation and option evaluation. Resolution of concerns:
    /// reference.requested, objection.raised (strong); security.review, roi.reviewed, stakeholder.joined,
    /// meeting.multi-stakeholder, legal.review (normal); stakeholder.left (weak); completed by validation.passed or
    /// consensus.reached. Decision: supplier.chosen (strong); executive.engaged, procurement.engaged,
    /// consensus.reached (normal); completed by deal.won. Implementation: no well-known signal.
    /// </summary>
    public static Rulebook Rackham5 { get; } = Build(
        BuyingModels.Rackham5,
        Rackham5Phases.RecognitionOfNeeds,
        Rackham5Phases.EvaluationOfOptions,
        Rackham5Phases.ResolutionOfConcerns,
        Rackham5Phases.Decision,
        Rackham5Phases.Decision);

    /// <summary>
    /// The default rulebook for <see cref="BuyingModels.Practitioner"/>, name "practitioner-3-default". Awareness of the
    /// need: problem.stated, problem.metric-missed (strong); content.insight-read (weak); completed by problem.defined.
    /// Market monitoring: rfp.issued (strong); solution.researched, inquiry.general, solution.approach-chosen,
    /// requirements.question, requirements.drafted, requirements.approved, rfi.issued, demo.requested,
    /// pricing.requested, shortlist.added, sample.requested, site.visited, trial.started (normal); event.attended,
    /// case-study.read (weak); completed by supplier.chosen. Choosing the moment: supplier.chosen, deadline.set
    /// (strong); budget.set, reference.requested, security.review, roi.reviewed, validation.passed, stakeholder.joined,
    /// executive.engaged, legal.review, objection.raised, procurement.engaged, consensus.reached (normal);
    /// meeting.multi-stakeholder, stakeholder.left (weak); completed by deal.won. budget.frozen and project.postponed
    /// (a stall) and deal.lost ("we'll do without it") drop a stage-3 customer straight back to zero.
    /// </summary>
    public static Rulebook Practitioner { get; } = new(
        "practitioner-3-default",
        "1.0.0",
        [
            R("practitioner-3", SignalTypes.ProblemStated, EvidenceItem.For(PractitionerStages.AwarenessOfNeed, Strong, "the customer stated a problem")),
            R("practitioner-3", SignalTypes.ProblemMetricMissed, EvidenceItem.For(PractitionerStages.AwarenessOfNeed, Strong, "the customer missed a target they track")),
            R("practitioner-3", SignalTypes.ContentInsightRead, EvidenceItem.For(PractitionerStages.AwarenessOfNeed, Weak, "the customer read an insight piece")),
            R("practitioner-3", SignalTypes.ProblemDefined, EvidenceItem.Completes(PractitionerStages.AwarenessOfNeed, "the customer knows what they need")),
            R("practitioner-3", SignalTypes.SolutionResearched, EvidenceItem.For(PractitionerStages.MarketMonitoring, Normal, "the customer researched the market")),
            R("practitioner-3", SignalTypes.EventAttended, EvidenceItem.For(PractitionerStages.MarketMonitoring, Weak, "the customer attended an industry event")),
            R("practitioner-3", SignalTypes.InquiryGeneral, EvidenceItem.For(PractitionerStages.MarketMonitoring, Normal, "the customer asked what is new")),
            R("practitioner-3", SignalTypes.SolutionApproachChosen, EvidenceItem.For(PractitionerStages.MarketMonitoring, Normal, "the customer narrowed the kind of offer they watch")),
            R("practitioner-3", SignalTypes.RequirementsQuestion, EvidenceItem.For(PractitionerStages.MarketMonitoring, Normal, "the customer compared specifications")),
            R("practitioner-3", SignalTypes.RequirementsDrafted, EvidenceItem.For(PractitionerStages.MarketMonitoring, Normal, "the customer wrote down what an offer must meet")),
            R("practitioner-3", SignalTypes.RequirementsApproved, EvidenceItem.For(PractitionerStages.MarketMonitoring, Normal, "the customer agreed what an offer must meet")),
            R("practitioner-3", SignalTypes.RfiIssued, EvidenceItem.For(PractitionerStages.MarketMonitoring, Normal, "the customer surveyed the market")),
            R("practitioner-3", SignalTypes.RfpIssued, EvidenceItem.For(PractitionerStages.MarketMonitoring, Strong, "the customer asked the market for offers")),
            R("practitioner-3", SignalTypes.DemoRequested, EvidenceItem.For(PractitionerStages.MarketMonitoring, Normal, "the customer asked for a demo")),
            R("practitioner-3", SignalTypes.PricingRequested, EvidenceItem.For(PractitionerStages.MarketMonitoring, Normal, "the customer compared prices")),
            R("practitioner-3", SignalTypes.ShortlistAdded, EvidenceItem.For(PractitionerStages.MarketMonitoring, Normal, "the customer shortlisted us")),
            R("practitioner-3", SignalTypes.SampleRequested, EvidenceItem.For(PractitionerStages.MarketMonitoring, Normal, "the customer asked for samples")),
            R("practitioner-3", SignalTypes.SiteVisited, EvidenceItem.For(PractitionerStages.MarketMonitoring, Normal, "the customer visited a site")),
            R("practitioner-3", SignalTypes.TrialStarted, EvidenceItem.For(PractitionerStages.MarketMonitoring, Normal, "the customer started a trial")),
            R("practitioner-3", SignalTypes.CaseStudyRead, EvidenceItem.For(PractitionerStages.MarketMonitoring, Weak, "the customer read a case study")),
            R(
                "practitioner-3",
                SignalTypes.SupplierChosen,
                EvidenceItem.For(PractitionerStages.ChoosingTheMoment, Strong, "the best offer is found; now the customer picks the moment"),
                EvidenceItem.Completes(PractitionerStages.MarketMonitoring, "the customer chose the best offer")),
            R("practitioner-3", SignalTypes.DeadlineSet, EvidenceItem.For(PractitionerStages.ChoosingTheMoment, Strong, "the customer set a date")),
            R("practitioner-3", SignalTypes.BudgetSet, EvidenceItem.For(PractitionerStages.ChoosingTheMoment, Normal, "the customer set a budget")),
            R("practitioner-3", SignalTypes.ReferenceRequested, EvidenceItem.For(PractitionerStages.ChoosingTheMoment, Normal, "the customer checks a doubt with a reference")),
            R("practitioner-3", SignalTypes.SecurityReview, EvidenceItem.For(PractitionerStages.ChoosingTheMoment, Normal, "the customer reviewed our security")),
            R("practitioner-3", SignalTypes.RoiReviewed, EvidenceItem.For(PractitionerStages.ChoosingTheMoment, Normal, "the customer weighed the business case")),
            R("practitioner-3", SignalTypes.ValidationPassed, EvidenceItem.For(PractitionerStages.ChoosingTheMoment, Normal, "the customer's checks passed")),
            R("practitioner-3", SignalTypes.StakeholderJoined, EvidenceItem.For(PractitionerStages.ChoosingTheMoment, Normal, "a new stakeholder weighs in on the timing")),
            R("practitioner-3", SignalTypes.MeetingMultiStakeholder, EvidenceItem.For(PractitionerStages.ChoosingTheMoment, Weak, "several stakeholders met")),
            R("practitioner-3", SignalTypes.ExecutiveEngaged, EvidenceItem.For(PractitionerStages.ChoosingTheMoment, Normal, "an executive got involved")),
            R("practitioner-3", SignalTypes.LegalReview, EvidenceItem.For(PractitionerStages.ChoosingTheMoment, Normal, "legal is reviewing")),
            R("practitioner-3", SignalTypes.ObjectionRaised, EvidenceItem.For(PractitionerStages.ChoosingTheMoment, Normal, "the customer has doubts")),
            R("practitioner-3", SignalTypes.ProcurementEngaged, EvidenceItem.For(PractitionerStages.ChoosingTheMoment, Normal, "procurement joined")),
            R("practitioner-3", SignalTypes.StakeholderLeft, EvidenceItem.For(PractitionerStages.ChoosingTheMoment, Weak, "a stakeholder left")),
            R("practitioner-3", SignalTypes.ConsensusReached, EvidenceItem.For(PractitionerStages.ChoosingTheMoment, Normal, "the buying group agreed")),
            .. Endings("practitioner-3", PractitionerStages.ChoosingTheMoment),
        ]);

    /// <summary>
    /// The default rulebook for <see cref="BuyingModels.BuyGrid"/>, name "buygrid-8-default". 1 problem recognition:
    /// problem.stated, problem.metric-missed (strong); content.insight-read (weak); completed by problem.defined.
    /// 2 determination: solution.researched, requirements.question (normal); event.attended, inquiry.general (weak);
    /// completed by solution.approach-chosen. 3 description: requirements.drafted (strong); deadline.set, budget.set
    /// (normal); completed by requirements.approved or rfp.issued. 4 search and qualification: rfi.issued (strong);
    /// shortlist.added, reference.requested, security.review (normal); case-study.read (weak). 5 proposals: rfp.issued
    /// (strong); pricing.requested, demo.requested, sample.requested, site.visited, trial.started (normal).
    /// 6 evaluation and selection: roi.reviewed, validation.passed, objection.raised, stakeholder.joined,
    /// meeting.multi-stakeholder, executive.engaged, consensus.reached (normal); stakeholder.left (weak); completed by
    /// supplier.chosen. 7 order routine: supplier.chosen, procurement.engaged (strong); legal.review (normal);
    /// completed by deal.won. 8 performance review: no well-known signal.
    /// </summary>
    public static Rulebook BuyGrid { get; } = new(
        "buygrid-8-default",
        "1.0.0",
        [
            R("buygrid-8", SignalTypes.ProblemStated, EvidenceItem.For(BuyGridPhases.ProblemRecognition, Strong, "the customer stated a problem")),
            R("buygrid-8", SignalTypes.ProblemMetricMissed, EvidenceItem.For(BuyGridPhases.ProblemRecognition, Strong, "the customer missed a target they track")),
            R("buygrid-8", SignalTypes.ContentInsightRead, EvidenceItem.For(BuyGridPhases.ProblemRecognition, Weak, "the customer read an insight piece")),
            R("buygrid-8", SignalTypes.ProblemDefined, EvidenceItem.Completes(BuyGridPhases.ProblemRecognition, "the customer defined the problem")),
            R("buygrid-8", SignalTypes.SolutionResearched, EvidenceItem.For(BuyGridPhases.CharacteristicsDetermination, Normal, "the customer researched kinds of solution")),
            R("buygrid-8", SignalTypes.RequirementsQuestion, EvidenceItem.For(BuyGridPhases.CharacteristicsDetermination, Normal, "the customer asked about specifications")),
            R("buygrid-8", SignalTypes.EventAttended, EvidenceItem.For(BuyGridPhases.CharacteristicsDetermination, Weak, "the customer attended an industry event")),
            R("buygrid-8", SignalTypes.InquiryGeneral, EvidenceItem.For(BuyGridPhases.CharacteristicsDetermination, Weak, "the customer asked what is new")),
            R("buygrid-8", SignalTypes.SolutionApproachChosen, EvidenceItem.Completes(BuyGridPhases.CharacteristicsDetermination, "the customer chose the kind of item")),
            R("buygrid-8", SignalTypes.RequirementsDrafted, EvidenceItem.For(BuyGridPhases.CharacteristicsDescription, Strong, "the customer drafted a specification")),
            R("buygrid-8", SignalTypes.DeadlineSet, EvidenceItem.For(BuyGridPhases.CharacteristicsDescription, Normal, "the customer set a deadline")),
            R("buygrid-8", SignalTypes.BudgetSet, EvidenceItem.For(BuyGridPhases.CharacteristicsDescription, Normal, "the customer set a budget")),
            R("buygrid-8", SignalTypes.RequirementsApproved, EvidenceItem.Completes(BuyGridPhases.CharacteristicsDescription, "the customer approved the specification")),
            R("buygrid-8", SignalTypes.RfiIssued, EvidenceItem.For(BuyGridPhases.SupplierSearch, Strong, "the customer is searching for sources")),
            R("buygrid-8", SignalTypes.ShortlistAdded, EvidenceItem.For(BuyGridPhases.SupplierSearch, Normal, "the customer qualified us as a source")),
            R("buygrid-8", SignalTypes.ReferenceRequested, EvidenceItem.For(BuyGridPhases.SupplierSearch, Normal, "the customer is qualifying us through a reference")),
            R("buygrid-8", SignalTypes.SecurityReview, EvidenceItem.For(BuyGridPhases.SupplierSearch, Normal, "the customer is qualifying us on security")),
            R("buygrid-8", SignalTypes.CaseStudyRead, EvidenceItem.For(BuyGridPhases.SupplierSearch, Weak, "the customer read a case study")),
            R(
                "buygrid-8",
                SignalTypes.RfpIssued,
                EvidenceItem.For(BuyGridPhases.ProposalAcquisition, Strong, "the customer requested proposals"),
                EvidenceItem.Completes(BuyGridPhases.CharacteristicsDescription, "an RFP presupposes a written specification")),
            R("buygrid-8", SignalTypes.PricingRequested, EvidenceItem.For(BuyGridPhases.ProposalAcquisition, Normal, "the customer asked for prices")),
            R("buygrid-8", SignalTypes.DemoRequested, EvidenceItem.For(BuyGridPhases.ProposalAcquisition, Normal, "the customer asked for a demo")),
            R("buygrid-8", SignalTypes.SampleRequested, EvidenceItem.For(BuyGridPhases.ProposalAcquisition, Normal, "the customer asked for samples")),
            R("buygrid-8", SignalTypes.SiteVisited, EvidenceItem.For(BuyGridPhases.ProposalAcquisition, Normal, "the customer visited a site")),
            R("buygrid-8", SignalTypes.TrialStarted, EvidenceItem.For(BuyGridPhases.ProposalAcquisition, Normal, "the customer started a trial")),
            R("buygrid-8", SignalTypes.RoiReviewed, EvidenceItem.For(BuyGridPhases.ProposalEvaluation, Normal, "the customer reviewed the business case")),
            R("buygrid-8", SignalTypes.ValidationPassed, EvidenceItem.For(BuyGridPhases.ProposalEvaluation, Normal, "our proposal passed the customer's checks")),
            R("buygrid-8", SignalTypes.ObjectionRaised, EvidenceItem.For(BuyGridPhases.ProposalEvaluation, Normal, "someone objected to a proposal")),
            R("buygrid-8", SignalTypes.StakeholderJoined, EvidenceItem.For(BuyGridPhases.ProposalEvaluation, Normal, "a new stakeholder joined the evaluation")),
            R("buygrid-8", SignalTypes.MeetingMultiStakeholder, EvidenceItem.For(BuyGridPhases.ProposalEvaluation, Normal, "several stakeholders met")),
            R("buygrid-8", SignalTypes.ExecutiveEngaged, EvidenceItem.For(BuyGridPhases.ProposalEvaluation, Normal, "an executive got involved")),
            R("buygrid-8", SignalTypes.ConsensusReached, EvidenceItem.For(BuyGridPhases.ProposalEvaluation, Normal, "the buying group agreed")),
            R("buygrid-8", SignalTypes.StakeholderLeft, EvidenceItem.For(BuyGridPhases.ProposalEvaluation, Weak, "a stakeholder left")),
            R(
                "buygrid-8",
                SignalTypes.SupplierChosen,
                EvidenceItem.For(BuyGridPhases.OrderRoutineSelection, Strong, "the supplier is chosen; now the order routine"),
                EvidenceItem.Completes(BuyGridPhases.ProposalEvaluation, "the customer chose a supplier")),
            R("buygrid-8", SignalTypes.ProcurementEngaged, EvidenceItem.For(BuyGridPhases.OrderRoutineSelection, Strong, "procurement is setting up the order")),
            R("buygrid-8", SignalTypes.LegalReview, EvidenceItem.For(BuyGridPhases.OrderRoutineSelection, Normal, "legal is reviewing the contract")),
            .. Endings("buygrid-8", BuyGridPhases.OrderRoutineSelection),
        ]);

    /// <summary>
    /// The Rackham rulebooks: need stage, option stage, the stage of concerns (references, objections, reviews), the
    /// stage of the decision (supplier chosen, executives, procurement), the stage deal.won completes.
    /// </summary>
    private static Rulebook Build(BuyingModel model, string need, string options, string concerns, string decision, string signed)
    {
        var m = model.Name;
        return new Rulebook(
            m + "-default",
            "1.0.0",
            [
                R(m, SignalTypes.ProblemStated, EvidenceItem.For(need, Strong, "the customer stated a problem")),
                R(m, SignalTypes.ProblemMetricMissed, EvidenceItem.For(need, Strong, "the customer missed a target they track")),
                R(m, SignalTypes.ProblemDefined, EvidenceItem.For(need, Normal, "the customer defined the problem")),
                R(m, SignalTypes.ContentInsightRead, EvidenceItem.For(need, Weak, "the customer read an insight piece")),
                R(m, SignalTypes.RequirementsQuestion, EvidenceItem.For(need, Normal, "the customer asked about specifications")),
                R(m, SignalTypes.DeadlineSet, EvidenceItem.For(need, Normal, "the customer set a deadline")),
                R(m, SignalTypes.RequirementsDrafted, EvidenceItem.For(need, Strong, "the customer drafted requirements")),
                R(m, SignalTypes.BudgetSet, EvidenceItem.For(need, Normal, "the customer set a budget")),
                R(m, SignalTypes.RequirementsApproved, EvidenceItem.Completes(need, "the customer approved the requirements: the need is clear")),
                R(m, SignalTypes.SolutionResearched, EvidenceItem.For(options, Normal, "the customer researched kinds of solution")),
                R(m, SignalTypes.EventAttended, EvidenceItem.For(options, Weak, "the customer attended an industry event")),
                R(m, SignalTypes.InquiryGeneral, EvidenceItem.For(options, Weak, "the customer asked what is new")),
                R(m, SignalTypes.SolutionApproachChosen, EvidenceItem.For(options, Normal, "the customer chose a solution approach and compares offers")),
                R(m, SignalTypes.RfiIssued, EvidenceItem.For(options, Normal, "the customer issued a request for information")),
                R(
                    m,
                    SignalTypes.RfpIssued,
                    EvidenceItem.For(options, Strong, "the customer issued a request for proposal"),
                    EvidenceItem.Completes(need, "an RFP presupposes written requirements")),
                R(m, SignalTypes.DemoRequested, EvidenceItem.For(options, Normal, "the customer asked for a demo")),
                R(m, SignalTypes.PricingRequested, EvidenceItem.For(options, Normal, "the customer asked for prices to compare options")),
                R(m, SignalTypes.ShortlistAdded, EvidenceItem.For(options, Normal, "the customer shortlisted us")),
                R(m, SignalTypes.SampleRequested, EvidenceItem.For(options, Normal, "the customer asked for samples")),
                R(m, SignalTypes.SiteVisited, EvidenceItem.For(options, Normal, "the customer visited a site")),
                R(m, SignalTypes.TrialStarted, EvidenceItem.For(options, Normal, "the customer started a trial")),
                R(m, SignalTypes.CaseStudyRead, EvidenceItem.For(options, Weak, "the customer read a case study")),
                R(
                    m,
                    SignalTypes.SupplierChosen,
                    EvidenceItem.For(decision, Strong, "the customer chose a supplier and must now commit"),
                    EvidenceItem.Completes(options, "the customer chose a supplier")),
                R(m, SignalTypes.ReferenceRequested, EvidenceItem.For(concerns, Strong, "the customer asked for a reference to reduce the risk")),
                R(m, SignalTypes.ObjectionRaised, EvidenceItem.For(concerns, concerns == decision ? Normal : Strong, "someone in the buying group raised a concern")),
                R(m, SignalTypes.SecurityReview, EvidenceItem.For(concerns, Normal, "the customer reviewed our security")),
                R(m, SignalTypes.RoiReviewed, EvidenceItem.For(concerns, Normal, "the customer reviewed the business case")),
                R(m, SignalTypes.StakeholderJoined, EvidenceItem.For(concerns, Normal, "a new stakeholder joined the buying group")),
                R(m, SignalTypes.MeetingMultiStakeholder, EvidenceItem.For(concerns, Normal, "several stakeholders met")),
                R(m, SignalTypes.LegalReview, EvidenceItem.For(concerns, Normal, "legal is reviewing")),
                R(m, SignalTypes.StakeholderLeft, EvidenceItem.For(concerns, Weak, "a stakeholder left the buying group")),
                concerns == decision
                    ? R(m, SignalTypes.ValidationPassed, EvidenceItem.For(decision, Normal, "the customer's checks passed"))
                    : R(m, SignalTypes.ValidationPassed, EvidenceItem.Completes(concerns, "the customer's checks passed: the concerns are resolved")),
                concerns == decision
                    ? R(m, SignalTypes.ConsensusReached, EvidenceItem.For(decision, Normal, "the buying group agreed"))
                    : R(
                        m,
                        SignalTypes.ConsensusReached,
                        EvidenceItem.For(decision, Normal, "the buying group agreed to decide"),
                        EvidenceItem.Completes(concerns, "the buying group agreed: the concerns are resolved")),
                R(m, SignalTypes.ExecutiveEngaged, EvidenceItem.For(decision, Normal, "an executive got involved")),
                R(m, SignalTypes.ProcurementEngaged, EvidenceItem.For(decision, Normal, "procurement joined")),
                .. Endings(m, signed),
            ]);
    }

    /// <summary>budget.frozen and project.postponed stall; deal.won completes <paramref name="signed"/> and wins; deal.lost loses.</summary>
    private static SignalTypeRule[] Endings(string model, string signed) =>
    [
        R(model, SignalTypes.BudgetFrozen, EvidenceItem.ForJourney(JourneyEffect.Stall, "the budget was frozen")),
        R(model, SignalTypes.ProjectPostponed, EvidenceItem.ForJourney(JourneyEffect.Stall, "the project was postponed")),
        R(
            model,
            SignalTypes.DealWon,
            EvidenceItem.Completes(signed, "the customer signed"),
            EvidenceItem.ForJourney(JourneyEffect.Won, "the customer signed")),
        R(model, SignalTypes.DealLost, EvidenceItem.ForJourney(JourneyEffect.Lost, "the customer went elsewhere or did without")),
    ];

    private static SignalTypeRule R(string model, string signalType, params EvidenceItem[] evidence)
        => new(model + ":" + signalType, signalType, evidence);
}
