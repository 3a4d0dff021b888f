namespace BuyingJourney.Analytics;

/// <summary>The period the flow over time (<see cref="PortfolioAnalysis.Periods"/>) is counted in, in UTC.</summary>
public enum PortfolioPeriod
{
    /// <summary>Calendar months, from the 1st at 00:00 UTC.</summary>
    Month = 0,

    /// <summary>ISO weeks, from Monday 00:00 UTC.</summary>
    Week = 1,
}
