namespace BuyingJourney.Model;

/// <summary>The built-in buying models.</summary>
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
            new(GartnerTasks.ProblemIdentification, "Problem identification", "We need to do something."),
            new(GartnerTasks.SolutionExploration, "Solution exploration", "What's out there to solve our problem?"),
            new(GartnerTasks.RequirementsBuilding, "Requirements building", "What exactly do we need the purchase to do?"),
            new(GartnerTasks.SupplierSelection, "Supplier selection", "Does this do what we want it to do?"),
            new(GartnerTasks.Validation, "Validation", "We think we know the answer, but we need to be sure.", alwaysOn: true),
            new(GartnerTasks.ConsensusCreation, "Consensus creation", "We need to get everyone on board.", alwaysOn: true),
        ]);
}
