using System;

namespace BuyingJourney;

/// <summary>Options of a <see cref="JourneyScheduler"/>, validated when the scheduler is created.</summary>
/// <remarks>Not thread-safe while being configured; the scheduler keeps its own copy.</remarks>
public sealed class JourneySchedulerOptions
{
    /// <summary>How long a claimed due journey stays this scheduler's: if it dies, another takes the journey after this. 1 second to 1 day.</summary>
    /// <value>1 minute.</value>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many due journeys one claim takes. 1 to 10,000.</summary>
    /// <value>100.</value>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long <see cref="JourneyScheduler.RunAsync"/> waits between runs when nothing was due. 10 ms to 1 hour.</summary>
    /// <value>5 seconds.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    internal JourneySchedulerOptions Validated()
    {
        if (Lease < TimeSpan.FromSeconds(1) || Lease > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(Lease), Lease, $"{nameof(JourneySchedulerOptions)}.{nameof(Lease)} is {Lease}; it must be between 00:00:01 and 1.00:00:00.");
        }

        if (BatchSize is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"{nameof(JourneySchedulerOptions)}.{nameof(BatchSize)} is {BatchSize}; it must be between 1 and 10000.");
        }

        if (PollInterval < TimeSpan.FromMilliseconds(10) || PollInterval > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(PollInterval), PollInterval, $"{nameof(JourneySchedulerOptions)}.{nameof(PollInterval)} is {PollInterval}; it must be between 00:00:00.010 and 01:00:00.");
        }

        return new JourneySchedulerOptions { Lease = Lease, BatchSize = BatchSize, PollInterval = PollInterval };
    }
}
