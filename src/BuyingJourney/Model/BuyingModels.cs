namespace BuyingJourney.Model;

/// <summary>
/// The built-in buying models: Gartner's six concurrent tasks (the default) and four ordered (linear)
/// models from <c>domain.md</c> §2: Rackham's three and five phases, the practitioner's three stages and
/// the eight BuyGrid buyphases. Each has a default rulebook in <c>Rulebooks</c> of the same name.
/// </summary>
/// <remarks>
/// The tasks carry their <see cref="TaskDefinition.Traits"/>: need-forming (Gartner's problem identification, solution
/// exploration and requirements building; Rackham's need formation and recognition of needs; the practitioner's awareness
/// of the need; BuyGrid's first three buyphases), risk-evaluation (Gartner's validation; Rackham's purchase decision,
/// resolution of concerns and decision; the practitioner's choosing the moment; BuyGrid's evaluation of proposals),
/// choice (the task <c>supplier.chosen</c> completes: Gartner's supplier selection, Rackham's option evaluation and
/// evaluation of options, the practitioner's market monitoring, BuyGrid's evaluation of proposals) and decision (the
/// stage between the choice and the signature: Rackham's purchase decision and decision, the practitioner's choosing the
/// moment, BuyGrid's selection of an order routine; Gartner's decision runs in validation and consensus creation).
/// Every model here is immutable and thread-safe.
/// </remarks>
public static class BuyingModels
{
    /// <summary>
    /// Gartner's six buying tasks (2019): problem identification, solution exploration, requirements
    /// building, supplier selection, validation and consensus creation. Validation and consensus creation
    /// are always on: they run alongside the others the whole time. Every task uses <see cref="TaskSettings.Default"/>.
    /// </summary>
    public static BuyingModel Gartner { get; } = new(
        "gartner",
        [
            new(GartnerTasks.ProblemIdentification, "Problem identification", "We need to do something.") { Traits = TaskTraits.NeedForming },
            new(GartnerTasks.SolutionExploration, "Solution exploration", "What's out there to solve our problem?") { Traits = TaskTraits.NeedForming },
            new(GartnerTasks.RequirementsBuilding, "Requirements building", "What exactly do we need the purchase to do?") { Traits = TaskTraits.NeedForming },
            new(GartnerTasks.SupplierSelection, "Supplier selection", "Does this do what we want it to do?") { Traits = TaskTraits.Choice },
            new(GartnerTasks.Validation, "Validation", "We think we know the answer, but we need to be sure.", alwaysOn: true) { Traits = TaskTraits.RiskEvaluation },
            new(GartnerTasks.ConsensusCreation, "Consensus creation", "We need to get everyone on board.", alwaysOn: true),
        ]);

    /// <summary>
    /// Rackham's three buying phases, ordered: need formation → option evaluation → purchase decision.
    /// Name "rackham-3"; every stage uses <see cref="TaskSettings.Default"/>. Task ids in <see cref="Rackham3Phases"/>.
    /// </summary>
    public static BuyingModel Rackham3 { get; } = new(
        "rackham-3",
        [
            new(Rackham3Phases.NeedFormation, "Need formation", "What exactly is our need, and what may it cost?") { Traits = TaskTraits.NeedForming },
            new(Rackham3Phases.OptionEvaluation, "Option evaluation", "Which option solves our problem?") { Traits = TaskTraits.Choice },
            new(Rackham3Phases.PurchaseDecision, "Purchase decision", "Is it safe to decide?") { Traits = TaskTraits.RiskEvaluation | TaskTraits.Decision },
        ],
        isOrdered: true);

    /// <summary>
    /// Rackham's five buying phases, ordered: recognition of needs → evaluation of options → resolution of
    /// concerns → decision → implementation. Name "rackham-5"; task ids in <see cref="Rackham5Phases"/>.
    /// </summary>
    public static BuyingModel Rackham5 { get; } = new(
        "rackham-5",
        [
            new(Rackham5Phases.RecognitionOfNeeds, "Recognition of needs", "Do we have a problem worth solving?") { Traits = TaskTraits.NeedForming },
            new(Rackham5Phases.EvaluationOfOptions, "Evaluation of options", "Which of the options is best for us?") { Traits = TaskTraits.Choice },
            new(Rackham5Phases.ResolutionOfConcerns, "Resolution of concerns", "What could go wrong if we do this?") { Traits = TaskTraits.RiskEvaluation },
            new(Rackham5Phases.Decision, "Decision", "Do we sign?") { Traits = TaskTraits.RiskEvaluation | TaskTraits.Decision },
            new(Rackham5Phases.Implementation, "Implementation", "Is it delivering what we bought it for?"),
        ],
        isOrdered: true);

    /// <summary>
    /// The practitioner's three stages, ordered: awareness of the need → monitoring the market for the best
    /// offer → choosing the best moment. Name "practitioner-3"; task ids in <see cref="PractitionerStages"/>.
    /// A stage-3 customer can drop straight back to zero: a journey effect (a stall such as a frozen budget,
    /// or a loss such as "we'll do without it") drops every score to zero and leaves no stage active, and
    /// the customer's next step back into the purchase is a loop-back from the stages they had reached.
    /// </summary>
    public static BuyingModel Practitioner { get; } = new(
        "practitioner-3",
        [
            new(PractitionerStages.AwarenessOfNeed, "Awareness of the need", "Do we need this?") { Traits = TaskTraits.NeedForming },
            new(PractitionerStages.MarketMonitoring, "Market monitoring", "Where is the best offer?") { Traits = TaskTraits.Choice },
            new(PractitionerStages.ChoosingTheMoment, "Choosing the moment", "Is now the right time?") { Traits = TaskTraits.RiskEvaluation | TaskTraits.Decision },
        ],
        isOrdered: true);

    /// <summary>
    /// The eight buyphases of the BuyGrid model (Robinson, Faris and Wind, 1967), ordered. Name "buygrid-8";
    /// task ids in <see cref="BuyGridPhases"/>.
    /// </summary>
    public static BuyingModel BuyGrid { get; } = new(
        "buygrid-8",
        [
            new(BuyGridPhases.ProblemRecognition, "Anticipation or recognition of a problem", "Do we have a need, and what could solve it?") { Traits = TaskTraits.NeedForming },
            new(BuyGridPhases.CharacteristicsDetermination, "Determination of characteristics and quantity", "What kind of item, and how many, do we need?") { Traits = TaskTraits.NeedForming },
            new(BuyGridPhases.CharacteristicsDescription, "Description of characteristics and quantity", "How do we specify it precisely?") { Traits = TaskTraits.NeedForming },
            new(BuyGridPhases.SupplierSearch, "Search for and qualification of sources", "Who could supply it, and are they qualified?"),
            new(BuyGridPhases.ProposalAcquisition, "Acquisition and analysis of proposals", "What do the qualified suppliers offer?"),
            new(BuyGridPhases.ProposalEvaluation, "Evaluation of proposals and selection of suppliers", "Which proposal do we choose?") { Traits = TaskTraits.RiskEvaluation | TaskTraits.Choice },
            new(BuyGridPhases.OrderRoutineSelection, "Selection of an order routine", "How do we order and take delivery?") { Traits = TaskTraits.Decision },
            new(BuyGridPhases.PerformanceReview, "Performance feedback and evaluation", "Did the supplier perform as promised?"),
        ],
        isOrdered: true);
}
