using System.Collections.Immutable;
using BuyingJourney.Journeys;

namespace BuyingJourney.Persistence;

/// <summary>What <c>JourneyService.RecordAsync</c> did: one outcome per signal, in the order given, and the journeys' new states.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class RecordResult
{
    internal RecordResult(ImmutableArray<SignalRecordOutcome> signals, ImmutableDictionary<string, JourneyState> journeys, int conflictRetries)
    {
        Signals = signals;
        Journeys = journeys;
        ConflictRetries = conflictRetries;
    }

    /// <summary>One outcome per signal, in the order given.</summary>
    public ImmutableArray<SignalRecordOutcome> Signals { get; }

    /// <summary>The state of each journey the call touched, after the call, by journey id.</summary>
    public ImmutableDictionary<string, JourneyState> Journeys { get; }

    /// <summary>How many times an append was retried because another writer won the race.</summary>
    public int ConflictRetries { get; }
}
