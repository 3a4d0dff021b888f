using System;
using System.Collections.Generic;
using BuyingJourney.Persistence;

namespace BuyingJourney.PostgreSql;

/// <summary>One journey's stored signals, as <see cref="PostgreSqlJourneyStore.ReadJourneysAsync"/> returns them.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class StoredJourney
{
    internal StoredJourney(string journeyId, StoredSignal[] signals)
    {
        JourneyId = journeyId;
        Signals = signals;
    }

    /// <summary>The journey id.</summary>
    public string JourneyId { get; }

    /// <summary>Every signal of the journey in version order (1, 2, ...); never empty.</summary>
    public IReadOnlyList<StoredSignal> Signals { get; }

    /// <summary>The journey's version when it was read: the version of its last signal.</summary>
    public long Version => Signals[^1].Version;
}
