using System;
using System.IO;
using BuyingJourney.Evidence;
using BuyingJourney.Rules;
using BuyingJourney.Rules.Json;
using BuyingJourney.Signals;

namespace BuyingJourney.TestingYourRules;

/// <summary>
/// Acme's rules for Gartner's model, twice: as the JSON rulebook the sales team edits (acme.rulebook.json), and the
/// same rules written in code. Either goes into the engine with Acme's own code rule, <see cref="WebinarRule"/>.
/// </summary>
public static class AcmeRules
{
    private const string ProblemIdentification = "ProblemIdentification";
    private const string SolutionExploration = "SolutionExploration";
    private const string RequirementsBuilding = "RequirementsBuilding";
    private const string SupplierSelection = "SupplierSelection";
    private const string Validation = "Validation";
    private const string ConsensusCreation = "ConsensusCreation";

    /// <summary>acme.rulebook.json, copied next to the tests.</summary>
    public static Rulebook Json { get; } = RulebookJson.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "acme.rulebook.json")));

    /// <summary>The rules of acme.rulebook.json, in code.</summary>
    public static Rulebook Code { get; } = new("acme-sales-in-code", "2026.12",
    [
        EvidenceRule.ForSignalType("acme:problem.stated", "problem.stated", EvidenceItem.For(ProblemIdentification, EvidenceStrength.Strong, "the customer stated a problem")),
        EvidenceRule.ForSignalType("acme:problem.defined", "problem.defined", EvidenceItem.Completes(ProblemIdentification, "the customer defined the problem")),
        EvidenceRule.ForSignalType("acme:solution.researched", "solution.researched", EvidenceItem.For(SolutionExploration, EvidenceStrength.Normal, "the customer researched kinds of solution")),
        EvidenceRule.ForSignalType("acme:solution.approach-chosen", "solution.approach-chosen", EvidenceItem.Completes(SolutionExploration, "the customer chose a solution approach")),
        EvidenceRule.ForSignalType("acme:requirements.drafted", "requirements.drafted", EvidenceItem.For(RequirementsBuilding, EvidenceStrength.Strong, "the customer drafted requirements")),
        EvidenceRule.ForSignalType("acme:requirements.approved", "requirements.approved", EvidenceItem.Completes(RequirementsBuilding, "the customer approved the requirements")),
        EvidenceRule.ForSignalType("acme:demo.requested", "demo.requested", EvidenceItem.For(SupplierSelection, EvidenceStrength.Normal, "the customer asked for a demo")),
        EvidenceRule.ForSignalType("acme:supplier.chosen", "supplier.chosen", EvidenceItem.Completes(SupplierSelection, "the customer chose a supplier")),
        EvidenceRule.ForSignalType("acme:reference.requested", "reference.requested", EvidenceItem.For(Validation, EvidenceStrength.Strong, "the customer asked for a reference")),
        EvidenceRule.ForSignalType(
            "acme:trial.started",
            "trial.started",
            EvidenceItem.For(Validation, EvidenceStrength.Normal, "the customer started a trial"),
            EvidenceItem.For(SupplierSelection, EvidenceStrength.Weak, "a trial compares us in practice")),
        EvidenceRule.ForSignalType("acme:validation.passed", "validation.passed", EvidenceItem.Completes(Validation, "the customer's checks passed")),
        EvidenceRule.ForSignalType("acme:stakeholder.joined", "stakeholder.joined", EvidenceItem.For(ConsensusCreation, EvidenceStrength.Strong, "a new stakeholder joined the buying group")),
        EvidenceRule.Create("acme:email.replied.decision-maker", ["email.replied"], static (context, evidence) =>
        {
            if (context.Signal.Stakeholder?.Role == StakeholderRoles.DecisionMaker)
            {
                evidence.Add(ConsensusCreation, EvidenceStrength.Normal, "a decision-maker replied to our email");
            }
        }),
        EvidenceRule.ForSignalType("acme:consensus.reached", "consensus.reached", EvidenceItem.Completes(ConsensusCreation, "the buying group agreed")),
        EvidenceRule.ForSignalType("acme:budget.frozen", "budget.frozen", EvidenceItem.ForJourney(JourneyEffect.Stall, "the budget was frozen")),
        EvidenceRule.ForSignalType("acme:deal.won", "deal.won", EvidenceItem.ForJourney(JourneyEffect.Won, "the customer signed")),
        EvidenceRule.ForSignalType("acme:deal.lost", "deal.lost", EvidenceItem.ForJourney(JourneyEffect.Lost, "the customer went elsewhere or did without")),
    ]);

    /// <summary>The engine Acme runs: Gartner's model, <paramref name="rulebook"/>, then <see cref="WebinarRule"/>.</summary>
    /// <param name="rulebook"><see cref="Json"/> or <see cref="Code"/>.</param>
    public static JourneyEngine Engine(Rulebook rulebook)
        => new JourneyEngineBuilder().UseRulebook(rulebook).AddRule(new WebinarRule()).Build();
}
