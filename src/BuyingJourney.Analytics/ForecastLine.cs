namespace BuyingJourney.Analytics;

/// <summary>
/// One line of the forecast: the open journeys now in one stage with one loop-back pattern, weighted by the win rate the
/// tenant's closed journeys show for them.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ForecastLine
{
    internal ForecastLine(string stageId, string loopBackPattern, int openJourneys, ForecastBasis basis, WinRate rate, string? warning)
    {
        StageId = stageId;
        LoopBackPattern = loopBackPattern;
        OpenJourneys = openJourneys;
        Basis = basis;
        Rate = rate;
        ExpectedWins = openJourneys * (rate.Rate ?? 0);
        Warning = warning;
    }

    /// <summary>The stage the journeys are in now.</summary>
    public string StageId { get; }

    /// <summary>Their loop-back pattern so far (<see cref="OutcomeGroup.Label"/> of <see cref="PortfolioAnalysis.ByLoopBackPattern"/>).</summary>
    public string LoopBackPattern { get; }

    /// <summary>How many open journeys (status Open, Stalled or AtRisk).</summary>
    public int OpenJourneys { get; }

    /// <summary>
    /// Where the rate comes from: the closed journeys that reached the stage with the same pattern when at least
    /// <see cref="PortfolioOptions.MinClosedDeals"/> did; else those that reached the stage when enough did; else all closed journeys.
    /// </summary>
    public ForecastBasis Basis { get; }

    /// <summary>The win rate used, with its sample (<see cref="WinRate.Closed"/>).</summary>
    public WinRate Rate { get; }

    /// <summary><see cref="OpenJourneys"/> × the rate (0 when no journey closed at all).</summary>
    public double ExpectedWins { get; }

    /// <summary>A plain warning when the rate used rests on fewer than <see cref="PortfolioOptions.MinClosedDeals"/> closed deals, or when a broader rate had to stand in; null otherwise.</summary>
    public string? Warning { get; }

    /// <summary>"RiskAssessment / none: 12 open × 40% = 4.8".</summary>
    public override string ToString()
        => System.FormattableString.Invariant($"{StageId} / {LoopBackPattern}: {OpenJourneys} open × {Rate.Rate ?? 0:P0} = {ExpectedWins:0.0}");
}
