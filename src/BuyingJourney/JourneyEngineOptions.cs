using System;
using BuyingJourney.Group;

namespace BuyingJourney;

/// <summary>Options of a <see cref="JourneyEngine"/>, validated when the engine is built.</summary>
/// <remarks>Not thread-safe while being configured; the engine keeps its own copy.</remarks>
public sealed class JourneyEngineOptions
{
    /// <summary>The largest accepted <see cref="MaxLoopBacksRetained"/>.</summary>
    public const int MaxLoopBacksLimit = 100_000;

    /// <summary>The largest accepted <see cref="MaxStakeholdersRetained"/> and <see cref="MaxFeedbackRetained"/>.</summary>
    public const int MaxRetainedLimit = 1_000;

    /// <summary>The largest accepted <see cref="MaxNextBestActions"/>.</summary>
    public const int MaxNextBestActionsLimit = 50;

    /// <summary>
    /// How many of a journey's most recent loop-backs its state keeps, so that a journey that loops back
    /// forever stays small. Loop-back counts stay exact. Between 1 and <see cref="MaxLoopBacksLimit"/>.
    /// </summary>
    /// <value>100.</value>
    public int MaxLoopBacksRetained { get; set; } = 100;

    /// <summary>
    /// How many stakeholders a journey's buying group keeps. When a new one joins a full group, the least recently
    /// seen makes room, preferring those who left. Between 1 and <see cref="MaxRetainedLimit"/>.
    /// </summary>
    /// <value>50 (a complex purchase involves 6 to 10 people).</value>
    public int MaxStakeholdersRetained { get; set; } = 50;

    /// <summary>How many action codes' latest feedback a journey keeps (the oldest is dropped). Between 1 and <see cref="MaxRetainedLimit"/>.</summary>
    /// <value>64.</value>
    public int MaxFeedbackRetained { get; set; } = 64;

    /// <summary>How many actions <c>JourneyAssessment.NextBestActions</c> holds at most. Between 1 and <see cref="MaxNextBestActionsLimit"/>.</summary>
    /// <value>3.</value>
    public int MaxNextBestActions { get; set; } = 3;

    /// <summary>The roles, expectations and risk rules of buying groups.</summary>
    /// <value><see cref="BuyingGroupDefinition.Default"/>.</value>
    public BuyingGroupDefinition BuyingGroup { get; set; } = BuyingGroupDefinition.Default;

    internal JourneyEngineOptions Validated()
    {
        Check(nameof(MaxLoopBacksRetained), MaxLoopBacksRetained, MaxLoopBacksLimit);
        Check(nameof(MaxStakeholdersRetained), MaxStakeholdersRetained, MaxRetainedLimit);
        Check(nameof(MaxFeedbackRetained), MaxFeedbackRetained, MaxRetainedLimit);
        Check(nameof(MaxNextBestActions), MaxNextBestActions, MaxNextBestActionsLimit);
        if (BuyingGroup is null)
        {
            throw new ArgumentNullException(nameof(BuyingGroup), $"{nameof(JourneyEngineOptions)}.{nameof(BuyingGroup)} is null; use BuyingGroupDefinition.Default or a definition of your own.");
        }

        return new JourneyEngineOptions
        {
            MaxLoopBacksRetained = MaxLoopBacksRetained,
            MaxStakeholdersRetained = MaxStakeholdersRetained,
            MaxFeedbackRetained = MaxFeedbackRetained,
            MaxNextBestActions = MaxNextBestActions,
            BuyingGroup = BuyingGroup,
        };
    }

    private static void Check(string name, int value, int max)
    {
        if (value < 1 || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{nameof(JourneyEngineOptions)}.{name} is {value}; it must be between 1 and {max}.");
        }
    }
}
