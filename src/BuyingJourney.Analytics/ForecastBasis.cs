namespace BuyingJourney.Analytics;

/// <summary>Which closed journeys a forecast line's win rate comes from.</summary>
public enum ForecastBasis
{
    /// <summary>The closed journeys that reached the line's stage and had its loop-back pattern.</summary>
    StageAndPattern = 0,

    /// <summary>The closed journeys that reached the line's stage, whatever their loop-backs (too few had the pattern).</summary>
    Stage = 1,

    /// <summary>Every closed journey (too few reached the stage).</summary>
    Overall = 2,
}
