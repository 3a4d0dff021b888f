namespace BuyingJourney.Signals;

/// <summary>
/// The well-known signal types the default rulebook understands. The vocabulary is open: any other
/// type is accepted, recorded, and contributes no evidence unless a rule of yours gives it some.
/// </summary>
public static class SignalTypes
{
    /// <summary>The customer states a pain ("deliveries are late"). Problem identification, strong.</summary>
    public const string ProblemStated = "problem.stated";

    /// <summary>A target the customer tracks was missed. Problem identification, strong.</summary>
    public const string ProblemMetricMissed = "problem.metric-missed";

    /// <summary>The customer has put the problem into words they agree on. Completes problem identification.</summary>
    public const string ProblemDefined = "problem.defined";

    /// <summary>The customer read an insight or trend piece. Problem identification and solution exploration, weak.</summary>
    public const string ContentInsightRead = "content.insight-read";

    /// <summary>The customer researches kinds of solution. Solution exploration, normal.</summary>
    public const string SolutionResearched = "solution.researched";

    /// <summary>The customer attended a fair, forum or webinar. Solution exploration, weak.</summary>
    public const string EventAttended = "event.attended";

    /// <summary>A vague "anything new?" inquiry. Solution exploration, weak.</summary>
    public const string InquiryGeneral = "inquiry.general";

    /// <summary>The customer settled on a kind of solution. Completes solution exploration.</summary>
    public const string SolutionApproachChosen = "solution.approach-chosen";

    /// <summary>A question about specifications (capacity, reliability, compatibility). Requirements building, normal.</summary>
    public const string RequirementsQuestion = "requirements.question";

    /// <summary>The customer set a deadline. Requirements building, normal.</summary>
    public const string DeadlineSet = "deadline.set";

    /// <summary>The customer wrote requirements down. Requirements building, strong.</summary>
    public const string RequirementsDrafted = "requirements.drafted";

    /// <summary>The customer set a budget. Requirements building normal, consensus creation weak.</summary>
    public const string BudgetSet = "budget.set";

    /// <summary>A request for information went out. Requirements building normal, solution exploration weak.</summary>
    public const string RfiIssued = "rfi.issued";

    /// <summary>The requirements were signed off. Completes requirements building.</summary>
    public const string RequirementsApproved = "requirements.approved";

    /// <summary>A request for proposal went out. Supplier selection strong; completes requirements building.</summary>
    public const string RfpIssued = "rfp.issued";

    /// <summary>The customer asked for a demo. Supplier selection, normal.</summary>
    public const string DemoRequested = "demo.requested";

    /// <summary>The customer asked for prices. Supplier selection, normal.</summary>
    public const string PricingRequested = "pricing.requested";

    /// <summary>The seller is on the customer's shortlist. Supplier selection, normal.</summary>
    public const string ShortlistAdded = "shortlist.added";

    /// <summary>The customer asked for samples. Supplier selection normal, validation weak.</summary>
    public const string SampleRequested = "sample.requested";

    /// <summary>The customer visited the supplier's site or a reference line. Supplier selection and validation, normal.</summary>
    public const string SiteVisited = "site.visited";

    /// <summary>The customer chose a supplier. Completes supplier selection.</summary>
    public const string SupplierChosen = "supplier.chosen";

    /// <summary>The customer asked to talk to a reference customer. Validation, strong.</summary>
    public const string ReferenceRequested = "reference.requested";

    /// <summary>The customer read a case study. Validation, weak.</summary>
    public const string CaseStudyRead = "case-study.read";

    /// <summary>A trial or test use started. Validation normal, supplier selection weak.</summary>
    public const string TrialStarted = "trial.started";

    /// <summary>A security review of the offering. Validation, normal.</summary>
    public const string SecurityReview = "security.review";

    /// <summary>The customer reviewed the business case. Validation normal, consensus creation weak.</summary>
    public const string RoiReviewed = "roi.reviewed";

    /// <summary>The customer's checks came out positive. Completes validation.</summary>
    public const string ValidationPassed = "validation.passed";

    /// <summary>A new person joined the buying group. Consensus creation, strong.</summary>
    public const string StakeholderJoined = "stakeholder.joined";

    /// <summary>A meeting with several stakeholders. Consensus creation, normal.</summary>
    public const string MeetingMultiStakeholder = "meeting.multi-stakeholder";

    /// <summary>An executive was introduced or took part. Consensus creation, normal.</summary>
    public const string ExecutiveEngaged = "executive.engaged";

    /// <summary>Legal reviews the contract. Consensus creation, normal.</summary>
    public const string LegalReview = "legal.review";

    /// <summary>Someone raised an objection. Consensus creation and validation, normal.</summary>
    public const string ObjectionRaised = "objection.raised";

    /// <summary>Procurement joined. Consensus creation normal, supplier selection weak.</summary>
    public const string ProcurementEngaged = "procurement.engaged";

    /// <summary>A person left the buying group. Consensus creation, normal.</summary>
    public const string StakeholderLeft = "stakeholder.left";

    /// <summary>The buying group agreed. Completes consensus creation.</summary>
    public const string ConsensusReached = "consensus.reached";

    /// <summary>The budget was frozen or deferred. Stalls the journey.</summary>
    public const string BudgetFrozen = "budget.frozen";

    /// <summary>The project was postponed. Stalls the journey.</summary>
    public const string ProjectPostponed = "project.postponed";

    /// <summary>The order or contract was signed. The journey is won.</summary>
    public const string DealWon = "deal.won";

    /// <summary>The customer chose a competitor or decided to do without. The journey is lost.</summary>
    public const string DealLost = "deal.lost";

    /// <summary>
    /// A stakeholder's role changed: the role on the signal's <see cref="Stakeholder"/> replaces the roles they held
    /// (every other signal adds its role to theirs). Read by the engine's buying-group tracking, not by a rulebook.
    /// </summary>
    public const string StakeholderRoleChanged = "stakeholder.role-changed";

    /// <summary>
    /// Seller feedback: the seller took on a recommended action. The attribute <c>action</c>
    /// (<see cref="Advice.ActionFeedback.ActionAttribute"/>) holds the action's code. Read by the engine, not by a rulebook.
    /// </summary>
    public const string ActionAccepted = "action.accepted";

    /// <summary>Seller feedback: the seller rejected a recommended action (attribute <c>action</c>: its code); it is demoted.</summary>
    public const string ActionRejected = "action.rejected";

    /// <summary>Seller feedback: the seller did a recommended action (attribute <c>action</c>: its code); it is not recommended again until the evidence changes.</summary>
    public const string ActionDone = "action.done";
}
