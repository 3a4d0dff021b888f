using System;
using System.Collections.Immutable;

namespace BuyingJourney.Analytics.Internal;

/// <summary>
/// A bounded quantile sketch of durations (DDSketch's logarithmic buckets) plus the fixed day buckets of
/// <see cref="DurationDistribution.BucketBounds"/>. Values are whole seconds; below one second they count as zero, above
/// <see cref="MaxSeconds"/> as <see cref="MaxSeconds"/>. Memory is fixed (at most <see cref="Buckets"/> counters,
/// allocated on the first value), whatever the number of values. Not thread-safe.
/// </summary>
internal sealed class DurationSketch
{
    /// <summary>The largest duration kept apart: 100 years in seconds.</summary>
    public const double MaxSeconds = 100 * 365.25 * 86_400;

    /// <summary>γ = (1 + α) / (1 − α) for the relative accuracy α of <see cref="DurationDistribution.RelativeAccuracy"/>.</summary>
    public static readonly double Gamma = (1 + DurationDistribution.RelativeAccuracy) / (1 - DurationDistribution.RelativeAccuracy);

    private static readonly double LogGamma = Math.Log(Gamma);

    /// <summary>How many logarithmic buckets cover 1 s to <see cref="MaxSeconds"/>.</summary>
    public static readonly int Buckets = (int)Math.Ceiling(Math.Log(MaxSeconds) / LogGamma) + 1;

    private readonly long[] _fixed = new long[DurationDistribution.BucketBounds.Length + 1];
    private long[]? _counts;
    private long _zeros;
    private long _count;
    private double _sumSeconds;

    /// <summary>Adds one duration; a negative one counts as zero.</summary>
    public void Add(TimeSpan duration)
    {
        var seconds = Math.Min(Math.Max(duration.TotalSeconds, 0), MaxSeconds);
        _count++;
        _sumSeconds += seconds;
        _fixed[FixedBucket(duration)]++;
        if (seconds < 1)
        {
            _zeros++;
            return;
        }

        _counts ??= new long[Buckets];
        _counts[Math.Min((int)Math.Ceiling(Math.Log(seconds) / LogGamma), Buckets - 1)]++;
    }

    /// <summary>Adds what <paramref name="other"/> counted.</summary>
    public void Merge(DurationSketch other)
    {
        _count += other._count;
        _zeros += other._zeros;
        _sumSeconds += other._sumSeconds;
        for (var i = 0; i < _fixed.Length; i++)
        {
            _fixed[i] += other._fixed[i];
        }

        if (other._counts is not null)
        {
            _counts ??= new long[Buckets];
            for (var i = 0; i < _counts.Length; i++)
            {
                _counts[i] += other._counts[i];
            }
        }
    }

    /// <summary>The distribution of what was added.</summary>
    public DurationDistribution Complete()
    {
        var fixedCounts = ImmutableArray.Create(_fixed);
        var sparse = ImmutableArray.CreateBuilder<(int Index, long Count)>();
        if (_counts is not null)
        {
            for (var i = 0; i < _counts.Length; i++)
            {
                if (_counts[i] > 0)
                {
                    sparse.Add((i, _counts[i]));
                }
            }
        }

        return new DurationDistribution(_count, _zeros, _count == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(_sumSeconds / _count), fixedCounts, sparse.ToImmutable());
    }

    /// <summary>The representative value of logarithmic bucket <paramref name="index"/> in seconds: within α of every value in it.</summary>
    public static double Value(int index) => 2 * Math.Pow(Gamma, index) / (Gamma + 1);

    private static int FixedBucket(TimeSpan duration)
    {
        var bounds = DurationDistribution.BucketBounds;
        for (var i = 0; i < bounds.Length; i++)
        {
            if (duration < bounds[i])
            {
                return i;
            }
        }

        return bounds.Length;
    }
}
