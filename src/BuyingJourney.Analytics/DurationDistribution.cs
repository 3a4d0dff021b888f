using System;
using System.Collections.Immutable;
using BuyingJourney.Analytics.Internal;

namespace BuyingJourney.Analytics;

/// <summary>
/// How long a set of journeys has been somewhere (in a stage, in a phase, from first signal to close): the count, fixed
/// day buckets, the mean, and percentiles from a bounded sketch.
/// </summary>
/// <remarks>
/// <para>
/// Accuracy: <see cref="Percentile"/> is within <see cref="RelativeAccuracy"/> (1%) of the exact nearest-rank percentile
/// (the value at rank ⌈q·n⌉ of the sorted durations) for durations from one second to 100 years: durations under one
/// second count as zero (reported as zero), longer than 100 years as 100 years. The sketch is DDSketch's: logarithmic
/// buckets of ratio γ = (1 + α)/(1 − α), at most about 1,100 counters, so memory does not grow with the number of journeys.
/// The bucket counts and the mean are exact.
/// </para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class DurationDistribution
{
    /// <summary>The relative accuracy α of <see cref="Percentile"/>: 0.01.</summary>
    public const double RelativeAccuracy = 0.01;

    private readonly ImmutableArray<(int Index, long Count)> _sketch;
    private readonly long _zeros;

    internal DurationDistribution(long count, long zeros, TimeSpan mean, ImmutableArray<long> buckets, ImmutableArray<(int Index, long Count)> sketch)
    {
        Count = count;
        _zeros = zeros;
        Mean = mean;
        BucketCounts = buckets;
        _sketch = sketch;
    }

    /// <summary>
    /// The upper bounds (exclusive) of the fixed buckets: under 1 day, 7, 14, 30, 60, 90, 180 and 365 days; a last bucket,
    /// without bound, holds a year and longer. <see cref="BucketCounts"/> has one more entry than this.
    /// </summary>
    public static ImmutableArray<TimeSpan> BucketBounds { get; } =
        [TimeSpan.FromDays(1), TimeSpan.FromDays(7), TimeSpan.FromDays(14), TimeSpan.FromDays(30), TimeSpan.FromDays(60), TimeSpan.FromDays(90), TimeSpan.FromDays(180), TimeSpan.FromDays(365)];

    /// <summary>How many durations were counted.</summary>
    public long Count { get; }

    /// <summary>The exact mean; zero when <see cref="Count"/> is zero.</summary>
    public TimeSpan Mean { get; }

    /// <summary>How many durations fall in each fixed bucket (see <see cref="BucketBounds"/>), exactly.</summary>
    public ImmutableArray<long> BucketCounts { get; }

    /// <summary>The median (<see cref="Percentile"/> of 0.5); null when <see cref="Count"/> is zero.</summary>
    public TimeSpan? Median => Percentile(0.5);

    /// <summary>The 90th percentile; null when <see cref="Count"/> is zero.</summary>
    public TimeSpan? P90 => Percentile(0.9);

    /// <summary>
    /// The nearest-rank percentile <paramref name="quantile"/> (the duration at rank ⌈q·n⌉, at least 1, of the sorted
    /// durations), within <see cref="RelativeAccuracy"/>; null when <see cref="Count"/> is zero.
    /// </summary>
    /// <param name="quantile">From 0 to 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quantile"/> is not in [0, 1].</exception>
    public TimeSpan? Percentile(double quantile)
    {
        if (double.IsNaN(quantile) || quantile < 0 || quantile > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "quantile must be between 0 and 1.");
        }

        if (Count == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * Count));
        if (rank <= _zeros)
        {
            return TimeSpan.Zero;
        }

        var seen = _zeros;
        foreach (var (index, count) in _sketch)
        {
            seen += count;
            if (seen >= rank)
            {
                return TimeSpan.FromSeconds(DurationSketch.Value(index));
            }
        }

        return TimeSpan.FromSeconds(DurationSketch.Value(_sketch[^1].Index));
    }

    /// <summary>"n=12, median 9.5 d, p90 30.2 d".</summary>
    public override string ToString()
        => Count == 0 ? "n=0" : FormattableString.Invariant($"n={Count}, median {Median!.Value.TotalDays:0.0} d, p90 {P90!.Value.TotalDays:0.0} d");
}
