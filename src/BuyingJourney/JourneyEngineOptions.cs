using System;

namespace BuyingJourney;

/// <summary>Options of a <see cref="JourneyEngine"/>, validated when the engine is built.</summary>
/// <remarks>Not thread-safe while being configured; the engine keeps its own copy.</remarks>
public sealed class JourneyEngineOptions
{
    /// <summary>The largest accepted <see cref="MaxLoopBacksRetained"/>.</summary>
    public const int MaxLoopBacksLimit = 100_000;

    /// <summary>
    /// How many of a journey's most recent loop-backs its state keeps, so that a journey that loops back
    /// forever stays small. Loop-back counts stay exact. Between 1 and <see cref="MaxLoopBacksLimit"/>.
    /// </summary>
    /// <value>100.</value>
    public int MaxLoopBacksRetained { get; set; } = 100;

    internal JourneyEngineOptions Validated()
    {
        if (MaxLoopBacksRetained < 1 || MaxLoopBacksRetained > MaxLoopBacksLimit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxLoopBacksRetained),
                MaxLoopBacksRetained,
                $"{nameof(JourneyEngineOptions)}.{nameof(MaxLoopBacksRetained)} is {MaxLoopBacksRetained}; it must be between 1 and {MaxLoopBacksLimit}.");
        }

        return new JourneyEngineOptions { MaxLoopBacksRetained = MaxLoopBacksRetained };
    }
}
