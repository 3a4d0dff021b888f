using System;
using BuyingJourney.Internal;

namespace BuyingJourney.Feed;

/// <summary>A <see cref="JourneyEvent"/> as the store keeps it: with its position in the tenant's feed.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class StoredJourneyEvent
{
    /// <summary>Creates a stored event.</summary>
    /// <param name="event">The event.</param>
    /// <param name="position">Its position in the tenant's feed (1-based; positions grow in commit order).</param>
    /// <param name="recordedAt">When the store recorded it.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="position"/> is below 1.</exception>
    public StoredJourneyEvent(JourneyEvent @event, long position, DateTimeOffset recordedAt)
    {
        Event = Guard.NotNull(@event);
        ArgumentOutOfRangeException.ThrowIfLessThan(position, 1);
        Position = position;
        RecordedAt = recordedAt;
    }

    /// <summary>The event.</summary>
    public JourneyEvent Event { get; }

    /// <summary>Its position in the tenant's feed: 1, 2, 3... in the order the store committed them, so a reader that has seen position N has seen every event up to N.</summary>
    public long Position { get; }

    /// <summary>When the store recorded it.</summary>
    public DateTimeOffset RecordedAt { get; }

    /// <summary>"#12 j-1 task.phase_changed ...".</summary>
    public override string ToString() => $"#{Position} {Event}";
}
