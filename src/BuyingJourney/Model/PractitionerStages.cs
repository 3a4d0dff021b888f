namespace BuyingJourney.Model;

/// <summary>The stable ids of the practitioner's three buying stages, the ordered stages of <see cref="BuyingModels.Practitioner"/>.</summary>
public static class PractitionerStages
{
    /// <summary>Stage 1, awareness of the need.</summary>
    public const string AwarenessOfNeed = "AwarenessOfNeed";

    /// <summary>Stage 2, monitoring the market for the best offer.</summary>
    public const string MarketMonitoring = "MarketMonitoring";

    /// <summary>Stage 3, choosing the best moment (doubts, timing); a customer here can drop straight back to zero.</summary>
    public const string ChoosingTheMoment = "ChoosingTheMoment";
}
