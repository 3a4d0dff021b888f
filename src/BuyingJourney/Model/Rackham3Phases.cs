namespace BuyingJourney.Model;

/// <summary>The stable ids of Rackham's three buying phases, the ordered stages of <see cref="BuyingModels.Rackham3"/>.</summary>
public static class Rackham3Phases
{
    /// <summary>Stage 1, need formation: a clear need first, cost second; price talk is premature.</summary>
    public const string NeedFormation = "NeedFormation";

    /// <summary>Stage 2, option evaluation: which option solves the problem; price matters least.</summary>
    public const string OptionEvaluation = "OptionEvaluation";

    /// <summary>Stage 3, purchase decision: reducing the risk of the decision; price is pushed but does not block.</summary>
    public const string PurchaseDecision = "PurchaseDecision";
}
