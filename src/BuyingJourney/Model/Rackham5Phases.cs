namespace BuyingJourney.Model;

/// <summary>The stable ids of Rackham's five buying phases, the ordered stages of <see cref="BuyingModels.Rackham5"/>.</summary>
public static class Rackham5Phases
{
    /// <summary>Stage 1, recognition of needs.</summary>
    public const string RecognitionOfNeeds = "RecognitionOfNeeds";

    /// <summary>Stage 2, evaluation of options.</summary>
    public const string EvaluationOfOptions = "EvaluationOfOptions";

    /// <summary>Stage 3, resolution of concerns.</summary>
    public const string ResolutionOfConcerns = "ResolutionOfConcerns";

    /// <summary>Stage 4, decision.</summary>
    public const string Decision = "Decision";

    /// <summary>Stage 5, implementation.</summary>
    public const string Implementation = "Implementation";
}
