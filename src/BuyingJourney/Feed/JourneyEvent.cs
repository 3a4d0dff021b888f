using System;
using BuyingJourney.Internal;
using BuyingJourney.Signals;

namespace BuyingJourney.Feed;

/// <summary>
/// A change in what a seller sees of a journey, as the change feed reports it: a task changing phase, a loop-back, a
/// status change, a sign-off role lost, a new top action. Produced by <see cref="JourneyService"/> and stored with the
/// signals that caused it, in the same transaction; read with <see cref="JourneyFeed"/>.
/// </summary>
/// <remarks>Immutable and thread-safe. Its meaning is its <see cref="Type"/> (one of <see cref="JourneyEventTypes"/>).</remarks>
public sealed class JourneyEvent : IEquatable<JourneyEvent>
{
    /// <summary>The schema version this library writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The longest accepted <see cref="From"/> or <see cref="To"/> value.</summary>
    public const int MaxValueLength = 1000;

    /// <summary>Creates an event.</summary>
    /// <param name="journeyId">The journey that changed.</param>
    /// <param name="type">One of <see cref="JourneyEventTypes"/>.</param>
    /// <param name="at">When the change took effect in the journey's time (the signal's time, or the tick a task faded).</param>
    /// <param name="signalId">The signal that caused it; null when it happened with no signal (time passing, a rebuild).</param>
    /// <param name="taskId">The task it is about, for task events; otherwise null.</param>
    /// <param name="from">The value before (a phase, a status, an action code); null when none.</param>
    /// <param name="to">The value after; null when none.</param>
    /// <param name="schemaVersion">The layout's version; <see cref="CurrentSchemaVersion"/> for what this library writes.</param>
    /// <exception cref="ArgumentException">A bad journey, signal or task id, an unknown type, or a value too long; the message names it.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A schema version below 1 or above <see cref="CurrentSchemaVersion"/>.</exception>
    public JourneyEvent(string journeyId, string type, DateTimeOffset at, string? signalId, string? taskId, string? from, string? to, int schemaVersion = CurrentSchemaVersion)
    {
        JourneyId = Guard.Text(journeyId, nameof(journeyId), Signal.MaxIdLength);
        if (!JourneyEventTypes.IsKnown(type))
        {
            throw new ArgumentException($"\"{type}\" is not a journey event type (see JourneyEventTypes).", nameof(type));
        }

        if (schemaVersion is < 1 or > CurrentSchemaVersion)
        {
            throw new ArgumentOutOfRangeException(nameof(schemaVersion), schemaVersion, $"schema versions 1 to {CurrentSchemaVersion} are known.");
        }

        Type = type;
        At = at.ToUniversalTime();
        SignalId = Guard.OptionalText(signalId, nameof(signalId), Signal.MaxIdLength);
        TaskId = Guard.OptionalText(taskId, nameof(taskId), Signal.MaxIdLength);
        From = Guard.OptionalText(from, nameof(from), MaxValueLength);
        To = Guard.OptionalText(to, nameof(to), MaxValueLength);
        SchemaVersion = schemaVersion;
    }

    /// <summary>The journey that changed.</summary>
    public string JourneyId { get; }

    /// <summary>What changed: one of <see cref="JourneyEventTypes"/>.</summary>
    public string Type { get; }

    /// <summary>The layout's version (<see cref="CurrentSchemaVersion"/> for events this library writes).</summary>
    public int SchemaVersion { get; }

    /// <summary>When the change took effect in the journey's time (UTC): the causing signal's time, or the tick a task faded.</summary>
    public DateTimeOffset At { get; }

    /// <summary>The signal that caused the change; null when it happened with no signal (a task fading, a task gone quiet, a rebuild under a new rulebook).</summary>
    public string? SignalId { get; }

    /// <summary>The task the event is about; null for journey, group and advice events.</summary>
    public string? TaskId { get; }

    /// <summary>The value before (a phase, a status, an action code), when there was one.</summary>
    public string? From { get; }

    /// <summary>The value after, when there is one.</summary>
    public string? To { get; }

    /// <inheritdoc />
    public bool Equals(JourneyEvent? other)
        => other is not null
           && string.Equals(JourneyId, other.JourneyId, StringComparison.Ordinal)
           && string.Equals(Type, other.Type, StringComparison.Ordinal)
           && SchemaVersion == other.SchemaVersion
           && At == other.At
           && string.Equals(SignalId, other.SignalId, StringComparison.Ordinal)
           && string.Equals(TaskId, other.TaskId, StringComparison.Ordinal)
           && string.Equals(From, other.From, StringComparison.Ordinal)
           && string.Equals(To, other.To, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as JourneyEvent);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(JourneyId), StringComparer.Ordinal.GetHashCode(Type), At);

    /// <summary>"j-1 task.phase_changed solution-exploration Active → Dormant at 2026-03-01T00:00:00.0000000+00:00".</summary>
    public override string ToString()
        => $"{JourneyId} {Type}{(TaskId is null ? string.Empty : " " + TaskId)} {From ?? "-"} → {To ?? "-"} at {At:O}{(SignalId is null ? string.Empty : " (signal " + SignalId + ")")}";
}
