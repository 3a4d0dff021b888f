using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using BuyingJourney.Internal;

namespace BuyingJourney.Signals;

/// <summary>
/// Something a seller observed about one customer account: a stated problem, an RFP, a reference call,
/// a new stakeholder, a frozen budget. Signals are immutable facts; a journey is the fold of its signals.
/// </summary>
/// <remarks>
/// <para>Construction validates every field and throws an <see cref="ArgumentException"/> naming the field:
/// ids and type must be non-blank without control characters (ids and source at most
/// <see cref="MaxIdLength"/> characters, type at most <see cref="MaxTypeLength"/>);
/// <see cref="OccurredAt"/> must lie between <see cref="EarliestOccurredAt"/> and <see cref="LatestOccurredAt"/>
/// (this also rejects <c>default</c>); at most <see cref="MaxAttributes"/> attributes, keys at most
/// <see cref="MaxAttributeKeyLength"/> characters, values at most <see cref="MaxAttributeValueLength"/>. All text,
/// attribute values included, must be well-formed UTF-16: an unpaired surrogate (what a CRM leaves when it cuts a
/// string inside a surrogate pair) is refused, because no store could keep it as given. Attribute values may be
/// empty and may hold any other character, control characters included; they are kept exactly.</para>
/// <para>Signals are ordered by (<see cref="OccurredAt"/>, then <see cref="Id"/> ordinal). Equality is by value,
/// attributes included. Immutable and thread-safe.</para>
/// </remarks>
public sealed class Signal : IEquatable<Signal>
{
    /// <summary>The longest accepted <see cref="Id"/>, <see cref="JourneyId"/> or <see cref="Source"/>.</summary>
    public const int MaxIdLength = 256;

    /// <summary>The longest accepted <see cref="Type"/>.</summary>
    public const int MaxTypeLength = 128;

    /// <summary>The most attributes one signal may carry.</summary>
    public const int MaxAttributes = 32;

    /// <summary>The longest accepted attribute key.</summary>
    public const int MaxAttributeKeyLength = 64;

    /// <summary>The longest accepted attribute value.</summary>
    public const int MaxAttributeValueLength = 1024;

    /// <summary>The earliest accepted <see cref="OccurredAt"/>: 1900-01-01 UTC.</summary>
    public static readonly DateTimeOffset EarliestOccurredAt = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The latest accepted <see cref="OccurredAt"/>: 9000-01-01 UTC (keeps decay arithmetic far from overflow).</summary>
    public static readonly DateTimeOffset LatestOccurredAt = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Creates a validated signal.</summary>
    /// <param name="id">Unique within the journey; a repeated id is a duplicate delivery of the same signal.</param>
    /// <param name="journeyId">The journey (customer account or opportunity) the signal belongs to.</param>
    /// <param name="occurredAt">When it happened (not when it was recorded).</param>
    /// <param name="type">What happened, from an open vocabulary; see <see cref="SignalTypes"/>.</param>
    /// <param name="stakeholder">The person involved, if known.</param>
    /// <param name="source">Where the signal came from (e-mail, web, meeting notes...), if known.</param>
    /// <param name="attributes">Further facts as text; null means none.</param>
    /// <exception cref="ArgumentNullException">A required text is null.</exception>
    /// <exception cref="ArgumentException">A field breaks the limits above; the message names the field.</exception>
    public Signal(
        string id,
        string journeyId,
        DateTimeOffset occurredAt,
        string type,
        Stakeholder? stakeholder = null,
        string? source = null,
        IReadOnlyDictionary<string, string>? attributes = null)
    {
        Id = Guard.Text(id, "id", MaxIdLength);
        JourneyId = Guard.Text(journeyId, "journeyId", MaxIdLength);
        Type = Guard.Text(type, "type", MaxTypeLength);
        TypeKey = SignalTypeKeys.Shared.Of(Type);
        if (occurredAt == default)
        {
            throw new ArgumentException("occurredAt must be set; default(DateTimeOffset) is not a time a signal can occur at.", nameof(occurredAt));
        }

        if (occurredAt < EarliestOccurredAt || occurredAt > LatestOccurredAt)
        {
            throw new ArgumentException(
                $"occurredAt {occurredAt:O} is outside the accepted range {EarliestOccurredAt:O} to {LatestOccurredAt:O}.",
                nameof(occurredAt));
        }

        OccurredAt = occurredAt;
        Stakeholder = stakeholder;
        Source = Guard.OptionalText(source, "source", MaxIdLength);
        Attributes = ValidateAttributes(attributes);
    }

    /// <summary>Unique within the journey; used for idempotency.</summary>
    public string Id { get; }

    /// <summary>The journey the signal belongs to.</summary>
    public string JourneyId { get; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset OccurredAt { get; }

    /// <summary>What happened; an open vocabulary (see <see cref="SignalTypes"/>).</summary>
    public string Type { get; }

    /// <summary>The type interned to a small integer (<see cref="SignalTypeKeys"/>), or <see cref="SignalTypeKeys.None"/>.</summary>
    internal int TypeKey { get; }

    /// <summary>The person involved, or <see langword="null"/>.</summary>
    public Stakeholder? Stakeholder { get; }

    /// <summary>Where the signal came from, or <see langword="null"/>.</summary>
    public string? Source { get; }

    /// <summary>Further facts, ordered by key (ordinal); empty when none.</summary>
    public ImmutableSortedDictionary<string, string> Attributes { get; }

    /// <summary>Compares two signals in journey order: by <see cref="OccurredAt"/> (as an instant), then <see cref="Id"/> ordinal.</summary>
    /// <param name="left">The first signal.</param>
    /// <param name="right">The second signal.</param>
    /// <returns>Negative when <paramref name="left"/> comes first, zero when both are at the same place, positive otherwise.</returns>
    public static int CompareOrder(Signal left, Signal right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var byTime = left.OccurredAt.UtcTicks.CompareTo(right.OccurredAt.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(left.Id, right.Id);
    }

    /// <inheritdoc />
    public bool Equals(Signal? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null
            || !string.Equals(Id, other.Id, StringComparison.Ordinal)
            || !string.Equals(JourneyId, other.JourneyId, StringComparison.Ordinal)
            || OccurredAt != other.OccurredAt
            || OccurredAt.Offset != other.OccurredAt.Offset
            || !string.Equals(Type, other.Type, StringComparison.Ordinal)
            || !Equals(Stakeholder, other.Stakeholder)
            || !string.Equals(Source, other.Source, StringComparison.Ordinal)
            || Attributes.Count != other.Attributes.Count)
        {
            return false;
        }

        foreach (var pair in Attributes)
        {
            if (!other.Attributes.TryGetValue(pair.Key, out var value) || !string.Equals(value, pair.Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Signal);

    /// <inheritdoc />
    public override int GetHashCode()
        => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Id), StringComparer.Ordinal.GetHashCode(JourneyId), OccurredAt.UtcTicks, StringComparer.Ordinal.GetHashCode(Type));

    /// <summary>A short description for logs: type, id and time.</summary>
    public override string ToString() => $"{Type} ({Id} at {OccurredAt:O})";

    private static ImmutableSortedDictionary<string, string> ValidateAttributes(IReadOnlyDictionary<string, string>? attributes)
    {
        if (attributes is null || attributes.Count == 0)
        {
            return ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
        }

        if (attributes.Count > MaxAttributes)
        {
            throw new ArgumentException($"attributes holds {attributes.Count} entries; the limit is {MaxAttributes}.", nameof(attributes));
        }

        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var pair in attributes)
        {
            Guard.Text(pair.Key, "attributes key", MaxAttributeKeyLength);
            if (pair.Value is null)
            {
                throw new ArgumentException($"attributes[\"{pair.Key}\"] is null; use an empty string or leave the key out.", nameof(attributes));
            }

            if (pair.Value.Length > MaxAttributeValueLength)
            {
                throw new ArgumentException(
                    $"attributes[\"{pair.Key}\"] is {pair.Value.Length} characters long; the limit is {MaxAttributeValueLength}.",
                    nameof(attributes));
            }

            builder[pair.Key] = Guard.WellFormed(pair.Value, $"attributes[\"{pair.Key}\"]", nameof(attributes));
        }

        return builder.ToImmutable();
    }
}
