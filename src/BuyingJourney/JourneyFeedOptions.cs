using System;

namespace BuyingJourney;

/// <summary>Options of a <see cref="JourneyFeed"/>, validated when the feed is created.</summary>
/// <remarks>Not thread-safe while being configured; the feed keeps its own copy.</remarks>
public sealed class JourneyFeedOptions
{
    /// <summary>
    /// How often a follower (<see cref="JourneyFeed.FollowAsync"/>) polls the store when nothing woke it: appends through
    /// a service in this process wake it at once; writers in other processes are seen at the next poll. 10 ms to 1 hour.
    /// </summary>
    /// <value>1 second.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many events a follower reads per query. 1 to 10,000.</summary>
    /// <value>500.</value>
    public int PageSize { get; set; } = 500;

    internal JourneyFeedOptions Validated()
    {
        if (PollInterval < TimeSpan.FromMilliseconds(10) || PollInterval > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(PollInterval), PollInterval, $"{nameof(JourneyFeedOptions)}.{nameof(PollInterval)} is {PollInterval}; it must be between 00:00:00.010 and 01:00:00.");
        }

        if (PageSize is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(PageSize), PageSize, $"{nameof(JourneyFeedOptions)}.{nameof(PageSize)} is {PageSize}; it must be between 1 and 10000.");
        }

        return new JourneyFeedOptions { PollInterval = PollInterval, PageSize = PageSize };
    }
}
