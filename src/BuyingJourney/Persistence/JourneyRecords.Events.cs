using System;
using System.Globalization;
using System.Text.Json;
using BuyingJourney.Feed;
using BuyingJourney.Internal;

namespace BuyingJourney.Persistence;

// The JSON form of stored records, part: change-feed events.
public static partial class JourneyRecords
{
    /// <summary>The type name of stored change-feed events.</summary>
    public const string EventType = "journey-event.v1";

    /// <summary>The schema number written for change-feed events.</summary>
    public const int EventSchema = 1;

    /// <summary>The JSON of a change-feed event (its position and recording time are the store's, kept beside it).</summary>
    /// <param name="event">The event to store.</param>
    public static string SerializeEvent(JourneyEvent @event)
    {
        Guard.NotNull(@event);
        var record = new EventRecord
        {
            RecordType = EventType,
            Schema = EventSchema,
            JourneyId = @event.JourneyId,
            EventType = @event.Type,
            EventSchema = @event.SchemaVersion,
            At = @event.At.UtcTicks,
            SignalId = @event.SignalId,
            Task = @event.TaskId,
            From = @event.From,
            To = @event.To,
        };
        return JsonSerializer.Serialize(record, RecordJsonContext.Default.EventRecord);
    }

    /// <summary>Reads a stored change-feed event row.</summary>
    /// <param name="json">The stored JSON.</param>
    /// <param name="journeyId">The journey the row was stored under; the event must belong to it.</param>
    /// <param name="position">The row's feed position; names the record in errors ("event position 7").</param>
    /// <param name="recordedAt">When the store recorded it.</param>
    /// <exception cref="JourneyRecordException">The record cannot be read: malformed, another type or a newer schema, another journey's, or values an event cannot hold.</exception>
    public static StoredJourneyEvent DeserializeEventRow(string json, string journeyId, long position, DateTimeOffset recordedAt)
    {
        Guard.NotNull(json);
        Guard.NotNull(journeyId);
        var record = "event position " + position.ToString(CultureInfo.InvariantCulture);
        var dto = Parse(json, journeyId, record, RecordJsonContext.Default.EventRecord);
        if (dto.RecordType != EventType || dto.Schema != EventSchema)
        {
            throw new JourneyRecordException(journeyId, record, $"type \"{dto.RecordType}\" schema {dto.Schema} is not an event record this version reads ({EventType} schema {EventSchema}).");
        }

        if (!string.Equals(dto.JourneyId, journeyId, StringComparison.Ordinal))
        {
            throw new JourneyRecordException(journeyId, record, $"the record belongs to journey \"{dto.JourneyId}\".");
        }

        if (dto.At is < 0 or > 3_155_378_975_999_999_999 || position < 1)
        {
            throw new JourneyRecordException(journeyId, record, "the event's time or position is out of range.");
        }

        try
        {
            var @event = new JourneyEvent(journeyId, dto.EventType!, new DateTimeOffset(dto.At, TimeSpan.Zero), dto.SignalId, dto.Task, dto.From, dto.To, dto.EventSchema);
            return new StoredJourneyEvent(@event, position, recordedAt);
        }
        catch (ArgumentException ex)
        {
            throw new JourneyRecordException(journeyId, record, "the stored values do not make a valid event: " + ex.Message, ex);
        }
    }
}
