using System;
using System.Collections.Generic;

namespace BuyingJourney;

/// <summary>Options of a <see cref="JourneyService"/>, validated when the service is created.</summary>
/// <remarks>Not thread-safe while being configured; the service keeps its own copy.</remarks>
public sealed class JourneyServiceOptions
{
    /// <summary>How far in the future (by the service's clock) a signal may be and still be accepted; later ones are refused. Zero to one day.</summary>
    /// <value>5 minutes.</value>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A snapshot is saved each time a journey's stream passes a multiple of this many signals. 1 to 1,000,000.</summary>
    /// <value>100.</value>
    public int SnapshotEvery { get; set; } = 100;

    /// <summary>How many times a journey's append is retried when a writer that takes no turn (another process without the store's write lock, a tool writing to the store directly) appended first. 1 to 1,000.</summary>
    /// <value>50.</value>
    public int MaxConflictRetries { get; set; } = 50;

    /// <summary>
    /// The most signals of one journey that one append carries. A <see cref="JourneyService.RecordAsync"/> with more
    /// signals for a journey stores them in several appends, in the order given, each atomic on its own. 1 to 10,000.
    /// </summary>
    /// <value>500 (well inside every built-in store's limit on one append, even for signals at their size limits).</value>
    public int MaxSignalsPerAppend { get; set; } = 500;

    /// <summary>
    /// Per task id, how long a started, uncompleted task may go without evidence before the change feed reports it as
    /// quiet (<c>task.quiet</c>, once, until new evidence); tasks not named are never reported quiet. Each period is 1
    /// minute to 3,650 days; every key must be a task of the service's model.
    /// </summary>
    /// <value>Empty.</value>
    public IDictionary<string, TimeSpan> QuietAfter { get; } = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);

    internal JourneyServiceOptions Validated()
    {
        foreach (var (task, period) in QuietAfter)
        {
            if (period < TimeSpan.FromMinutes(1) || period > TimeSpan.FromDays(3650))
            {
                throw new ArgumentOutOfRangeException(nameof(QuietAfter), period, $"{nameof(JourneyServiceOptions)}.{nameof(QuietAfter)}[\"{task}\"] is {period}; it must be between 00:01:00 and 3650.00:00:00.");
            }
        }

        if (MaxClockSkew < TimeSpan.Zero || MaxClockSkew > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxClockSkew), MaxClockSkew, $"{nameof(JourneyServiceOptions)}.{nameof(MaxClockSkew)} is {MaxClockSkew}; it must be between 00:00:00 and 1.00:00:00.");
        }

        if (SnapshotEvery is < 1 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(SnapshotEvery), SnapshotEvery, $"{nameof(JourneyServiceOptions)}.{nameof(SnapshotEvery)} is {SnapshotEvery}; it must be between 1 and 1000000.");
        }

        if (MaxConflictRetries is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConflictRetries), MaxConflictRetries, $"{nameof(JourneyServiceOptions)}.{nameof(MaxConflictRetries)} is {MaxConflictRetries}; it must be between 1 and 1000.");
        }

        if (MaxSignalsPerAppend is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSignalsPerAppend), MaxSignalsPerAppend, $"{nameof(JourneyServiceOptions)}.{nameof(MaxSignalsPerAppend)} is {MaxSignalsPerAppend}; it must be between 1 and 10000.");
        }

        var copy = new JourneyServiceOptions { MaxClockSkew = MaxClockSkew, SnapshotEvery = SnapshotEvery, MaxConflictRetries = MaxConflictRetries, MaxSignalsPerAppend = MaxSignalsPerAppend };
        foreach (var (task, period) in QuietAfter)
        {
            copy.QuietAfter[task] = period;
        }

        return copy;
    }
}
