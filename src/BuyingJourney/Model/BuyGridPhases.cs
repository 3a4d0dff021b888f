namespace BuyingJourney.Model;

/// <summary>The stable ids of the eight BuyGrid buyphases, the ordered stages of <see cref="BuyingModels.BuyGrid"/>.</summary>
public static class BuyGridPhases
{
    /// <summary>Buyphase 1, anticipation or recognition of a problem (need) and a general solution.</summary>
    public const string ProblemRecognition = "ProblemRecognition";

    /// <summary>Buyphase 2, determination of the characteristics and quantity of the needed item.</summary>
    public const string CharacteristicsDetermination = "CharacteristicsDetermination";

    /// <summary>Buyphase 3, description of the characteristics and quantity of the needed item.</summary>
    public const string CharacteristicsDescription = "CharacteristicsDescription";

    /// <summary>Buyphase 4, search for and qualification of potential sources.</summary>
    public const string SupplierSearch = "SupplierSearch";

    /// <summary>Buyphase 5, acquisition and analysis of proposals.</summary>
    public const string ProposalAcquisition = "ProposalAcquisition";

    /// <summary>Buyphase 6, evaluation of proposals and selection of suppliers.</summary>
    public const string ProposalEvaluation = "ProposalEvaluation";

    /// <summary>Buyphase 7, selection of an order routine.</summary>
    public const string OrderRoutineSelection = "OrderRoutineSelection";

    /// <summary>Buyphase 8, performance feedback and evaluation.</summary>
    public const string PerformanceReview = "PerformanceReview";
}
