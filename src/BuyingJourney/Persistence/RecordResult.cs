using System.Collections.Immutable;
using BuyingJourney.Feed;
using BuyingJourney.Journeys;

namespace BuyingJourney.Persistence;

/// <summary>What <c>JourneyService.RecordAsync</c> did: one outcome per signal, in the order given, the journeys' new states and the change-feed events stored with them.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class RecordResult
{
    internal RecordResult(ImmutableArray<SignalRecordOutcome> signals, ImmutableDictionary<string, JourneyState> journeys, int conflictRetries, ImmutableArray<JourneyEvent> events)
    {
        Events = events;
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

    /// <summary>The change-feed events the call stored with the signals (a loop-back, a task gone dormant, a new top action...), per journey in the order stored.</summary>
    public ImmutableArray<JourneyEvent> Events { get; }
}
