using System;
using BuyingJourney.Internal;
using BuyingJourney.Signals;

namespace BuyingJourney.Persistence;

/// <summary>A signal as a store keeps it: the signal, its version in the stream, and when it was stored.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class StoredSignal
{
    /// <summary>Creates a stored signal (for store implementations).</summary>
    /// <param name="signal">The signal.</param>
    /// <param name="version">Its position in the stream (1-based, append order).</param>
    /// <param name="recordedAt">When the store recorded it.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is below 1.</exception>
    public StoredSignal(Signal signal, long version, DateTimeOffset recordedAt)
    {
        Signal = Guard.NotNull(signal);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        Version = version;
        RecordedAt = recordedAt;
    }

    /// <summary>The signal.</summary>
    public Signal Signal { get; }

    /// <summary>Its position in the stream (1-based, append order).</summary>
    public long Version { get; }

    /// <summary>When the store recorded it.</summary>
    public DateTimeOffset RecordedAt { get; }
}
