using System.Collections.Immutable;
using System.Linq;

namespace BuyingJourney.Analytics;

/// <summary>
/// The forecast: the open journeys weighted by the win rate the tenant's own closed journeys show for their current
/// stage and loop-back pattern, one <see cref="ForecastLine"/> per (stage, pattern), with the sample behind every rate.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class PortfolioForecast
{
    internal PortfolioForecast(ImmutableArray<ForecastLine> lines, int minClosedDeals)
    {
        Lines = lines;
        MinClosedDeals = minClosedDeals;
        OpenJourneys = lines.Sum(line => line.OpenJourneys);
        ExpectedWins = lines.Sum(line => line.ExpectedWins);
        Warnings = [.. lines.Where(line => line.Warning is not null).Select(line => $"{line.StageId} / {line.LoopBackPattern}: {line.Warning}")];
    }

    /// <summary>One line per (current stage, loop-back pattern) with open journeys, in stage order, then by pattern label.</summary>
    public ImmutableArray<ForecastLine> Lines { get; }

    /// <summary>The threshold the rates were judged by (<see cref="PortfolioOptions.MinClosedDeals"/>).</summary>
    public int MinClosedDeals { get; }

    /// <summary>How many open journeys are forecast.</summary>
    public int OpenJourneys { get; }

    /// <summary>The sum of the lines' expected wins: how many of the open journeys the tenant's history says will be won.</summary>
    public double ExpectedWins { get; }

    /// <summary>Every line's warning, prefixed with its stage and pattern.</summary>
    public ImmutableArray<string> Warnings { get; }

    /// <summary>"40 open, 11.5 expected wins".</summary>
    public override string ToString() => System.FormattableString.Invariant($"{OpenJourneys} open, {ExpectedWins:0.0} expected wins");
}
