using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using BuyingJourney.Feed;
using BuyingJourney.Journeys;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;

namespace BuyingJourney.Orleans;

/// <summary>
/// What crosses the wire between clients and journey grains: the library's own versioned records
/// (<see cref="JourneyRecords"/>: signals, journey states as snapshots, events), so a cluster's silos and clients of
/// different builds read each other as the stores do, and nothing but strings goes through Orleans' serializer.
/// </summary>
internal static class JourneyWire
{
    /// <summary>The signals' records.</summary>
    public static string[] Records(IEnumerable<Signal> signals) => [.. signals.Select(JourneyRecords.SerializeSignal)];

    /// <summary>The signals of a journey's records.</summary>
    /// <exception cref="JourneyRecordException">A record cannot be read.</exception>
    public static Signal[] Signals(string[] records, string journeyId)
    {
        ArgumentNullException.ThrowIfNull(records);
        var signals = new Signal[records.Length];
        for (var i = 0; i < records.Length; i++)
        {
            signals[i] = JourneyRecords.DeserializeSignal(records[i], journeyId, "signal " + i.ToString(CultureInfo.InvariantCulture));
        }

        return signals;
    }

    /// <summary>A grain's reply: <paramref name="result"/>'s outcomes and events, and the journey's state as the grain holds it.</summary>
    public static JourneyReply Reply(RecordResult result, JourneyState? state, long version, JourneyEngine engine) => new()
    {
        Statuses = [.. result.Signals.Select(s => (int)s.Status)],
        Reasons = [.. result.Signals.Select(s => s.Reason)],
        State = state is { SignalCount: > 0 } ? JourneyRecords.SerializeSnapshot(new JourneySnapshot(state, version, engine.Rulebook.Name, engine.Rulebook.Version)) : null,
        Version = version,
        ConflictRetries = result.ConflictRetries,
        Events = [.. result.Events.Select(JourneyRecords.SerializeEvent)],
    };

    /// <summary>The journey state of a reply; null when it carries none.</summary>
    /// <exception cref="JourneyRecordException">The record cannot be read.</exception>
    public static JourneyState? State(JourneyReply reply, string journeyId)
        => reply.State is { } json ? JourneyRecords.DeserializeSnapshot(json, journeyId, "grain state").State : null;

    /// <summary>The events of a reply.</summary>
    /// <exception cref="JourneyRecordException">A record cannot be read.</exception>
    public static ImmutableArray<JourneyEvent> Events(string[] records, string journeyId)
        => [.. records.Select((json, i) => JourneyRecords.DeserializeEventRow(json, journeyId, i + 1, DateTimeOffset.UnixEpoch).Event)];

    /// <summary>One outcome per given signal of a reply.</summary>
    /// <exception cref="JourneyRecordException">The reply does not answer every signal.</exception>
    public static SignalRecordOutcome[] Outcomes(JourneyReply reply, IReadOnlyList<Signal> given, string journeyId)
    {
        if (reply.Statuses.Length != given.Count || reply.Reasons.Length != given.Count)
        {
            throw new JourneyRecordException(journeyId, "grain reply", $"it answers {reply.Statuses.Length} signals of {given.Count}.");
        }

        var outcomes = new SignalRecordOutcome[given.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            outcomes[i] = new SignalRecordOutcome(given[i], (RecordStatus)reply.Statuses[i], reply.Reasons[i]);
        }

        return outcomes;
    }
}
