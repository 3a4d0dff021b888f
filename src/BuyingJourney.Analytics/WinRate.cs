using System;

namespace BuyingJourney.Analytics;

/// <summary>
/// A win rate with the counts behind it: of a set of closed journeys (status Won or Lost as of the analysis time), how
/// many were won, and the lift against the tenant's overall win rate.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class WinRate
{
    internal WinRate(int won, int lost, double? overall)
    {
        Won = won;
        Lost = lost;
        Rate = won + lost == 0 ? null : (double)won / (won + lost);
        Lift = Rate is { } rate && overall is > 0 ? rate / overall.Value : null;
    }

    /// <summary>How many of the journeys were won.</summary>
    public int Won { get; }

    /// <summary>How many were lost.</summary>
    public int Lost { get; }

    /// <summary>How many were closed: <see cref="Won"/> + <see cref="Lost"/>, the sample the rate rests on.</summary>
    public int Closed => Won + Lost;

    /// <summary><see cref="Won"/> / <see cref="Closed"/>; null when none closed.</summary>
    public double? Rate { get; }

    /// <summary>
    /// <see cref="Rate"/> divided by the tenant's overall win rate (<see cref="PortfolioAnalysis.Overall"/>): above 1 these
    /// journeys win more often than the tenant's average, below 1 less often. Null when either rate is unknown or the
    /// overall rate is zero.
    /// </summary>
    public double? Lift { get; }

    /// <summary>"12 of 40 won (30%), lift 1.20".</summary>
    public override string ToString()
        => Rate is { } rate
            ? FormattableString.Invariant($"{Won} of {Closed} won ({rate * 100:0}%){(Lift is { } lift ? FormattableString.Invariant($", lift {lift:0.00}") : string.Empty)}")
            : "none closed";
}
