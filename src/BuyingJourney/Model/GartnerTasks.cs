namespace BuyingJourney.Model;

/// <summary>The stable ids of Gartner's six buying tasks, the tasks of <see cref="BuyingModels.Gartner"/>.</summary>
public static class GartnerTasks
{
    /// <summary>"We need to do something."</summary>
    public const string ProblemIdentification = "ProblemIdentification";

    /// <summary>"What's out there to solve our problem?"</summary>
    public const string SolutionExploration = "SolutionExploration";

    /// <summary>"What exactly do we need the purchase to do?"</summary>
    public const string RequirementsBuilding = "RequirementsBuilding";

    /// <summary>"Does this do what we want it to do?"</summary>
    public const string SupplierSelection = "SupplierSelection";

    /// <summary>"We think we know the answer, but we need to be sure." Always on.</summary>
    public const string Validation = "Validation";

    /// <summary>"We need to get everyone on board." Always on.</summary>
    public const string ConsensusCreation = "ConsensusCreation";
}
