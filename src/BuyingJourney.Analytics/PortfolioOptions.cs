using System;

namespace BuyingJourney.Analytics;

/// <summary>How a <see cref="PortfolioAnalyzer"/> counts; validated when the analyzer is built (a copy is kept).</summary>
/// <remarks>Not thread-safe while being set; the analyzer keeps its own copy.</remarks>
public sealed class PortfolioOptions
{
    /// <summary>The largest <see cref="MaxGroups"/>.</summary>
    public const int MaxGroupsLimit = 4096;

    /// <summary>The largest <see cref="QuietJourneysListed"/>.</summary>
    public const int MaxQuietJourneysListed = 1000;

    /// <summary>The period of the flow over time.</summary>
    /// <value>Default <see cref="PortfolioPeriod.Month"/>.</value>
    public PortfolioPeriod Period { get; set; } = PortfolioPeriod.Month;

    /// <summary>
    /// The fewest closed (won or lost) deals a win rate must rest on before the forecast uses it without a warning; below
    /// it the forecast falls back to a broader rate and says so. 1 to 1,000,000.
    /// </summary>
    /// <value>
    /// Default 20: with fewer than about 20 deals a win rate's 95% interval is wider than ±20 points (for a rate near
    /// one half, 1.96·√(0.25/20) ≈ 0.22).
    /// </value>
    public int MinClosedDeals { get; set; } = 20;

    /// <summary>An open journey with no signal for at least this long, as of the analysis time, is quiet. 1 hour to 10 years.</summary>
    /// <value>Default 30 days.</value>
    public TimeSpan QuietAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>An open journey is fading when a task it works on goes dormant within this time if no new evidence comes (<c>TaskAssessment.FadesAt</c>). 0 to 10 years.</summary>
    /// <value>Default 14 days.</value>
    public TimeSpan FadingWithin { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How many quiet journeys <see cref="PortfolioAnalysis.QuietJourneys"/> lists (the longest silent first). 0 to <see cref="MaxQuietJourneysListed"/>.</summary>
    /// <value>Default 20.</value>
    public int QuietJourneysListed { get; set; } = 20;

    /// <summary>
    /// How many distinct task configurations and loop-back patterns are counted apart; journeys of any further one are
    /// counted together in a group labelled "other" (so memory stays bounded for models with many tasks). 1 to
    /// <see cref="MaxGroupsLimit"/>.
    /// </summary>
    /// <value>Default 64, every combination of Gartner's six tasks.</value>
    public int MaxGroups { get; set; } = 64;

    /// <summary>
    /// How many threads count the journeys. 1 to 64. <see cref="PortfolioAnalyzer.Analyze"/> with 1 counts on the calling
    /// thread; the async and store paths always count on worker threads while the next journeys are read, so reading and
    /// counting overlap. The figures are the same whatever the number, except that when more distinct sets appear than
    /// <see cref="MaxGroups"/> which ones get a group of their own depends on the order the journeys are counted in, and
    /// sums of durations and shares may differ in their last bits.
    /// </summary>
    /// <value>Default 1.</value>
    public int MaxDegreeOfParallelism { get; set; } = 1;

    internal PortfolioOptions Validated()
    {
        Check(Enum.IsDefined(Period), nameof(Period), Period, "must be Month or Week");
        Check(MinClosedDeals is >= 1 and <= 1_000_000, nameof(MinClosedDeals), MinClosedDeals, "must be between 1 and 1000000");
        Check(QuietAfter >= TimeSpan.FromHours(1) && QuietAfter <= TimeSpan.FromDays(3653), nameof(QuietAfter), QuietAfter, "must be between 1 hour and 10 years");
        Check(FadingWithin >= TimeSpan.Zero && FadingWithin <= TimeSpan.FromDays(3653), nameof(FadingWithin), FadingWithin, "must be between 0 and 10 years");
        Check(QuietJourneysListed is >= 0 and <= MaxQuietJourneysListed, nameof(QuietJourneysListed), QuietJourneysListed, "must be between 0 and 1000");
        Check(MaxGroups is >= 1 and <= MaxGroupsLimit, nameof(MaxGroups), MaxGroups, "must be between 1 and 4096");
        Check(MaxDegreeOfParallelism is >= 1 and <= 64, nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "must be between 1 and 64");
        return new PortfolioOptions
        {
            Period = Period,
            MinClosedDeals = MinClosedDeals,
            QuietAfter = QuietAfter,
            FadingWithin = FadingWithin,
            QuietJourneysListed = QuietJourneysListed,
            MaxGroups = MaxGroups,
            MaxDegreeOfParallelism = MaxDegreeOfParallelism,
        };
    }

    private static void Check(bool ok, string name, object value, string rule)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException($"options.{name}", value, $"PortfolioOptions.{name} {rule} (got {value}).");
        }
    }
}
