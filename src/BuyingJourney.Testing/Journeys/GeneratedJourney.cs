using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using BuyingJourney.Journeys;
using BuyingJourney.Signals;

namespace BuyingJourney.Testing;

/// <summary>
/// One journey's signals as a CRM delivered them: out of order, with repeats of a signal and corrected copies of an
/// id, equal timestamps, and types the rules refuse or do not know. Made by a <see cref="JourneyGenerator"/>, or from
/// signals of your own with <see cref="GeneratedJourney(IEnumerable{Signal})"/> (to pin a counterexample as a fact).
/// Prints as a readable timeline followed by the C# that rebuilds it.
/// </summary>
public sealed class GeneratedJourney : IEquatable<GeneratedJourney>
{
    /// <summary>A journey of <paramref name="deliveries"/>, in the order they were delivered.</summary>
    /// <param name="deliveries">The signals, repeats included; all of one journey.</param>
    /// <exception cref="ArgumentNullException"><paramref name="deliveries"/> or one of its signals is null.</exception>
    /// <exception cref="ArgumentException">The signals name more than one journey, or none are given and no journey id could be known.</exception>
    public GeneratedJourney(IEnumerable<Signal> deliveries)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        var list = deliveries.ToImmutableArray();
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentNullException(nameof(deliveries), $"delivery {i} is null.");
            }
        }

        var ids = list.Select(static s => s.JourneyId).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count > 1)
        {
            throw new ArgumentException($"The signals name {ids.Count} journeys ({string.Join(", ", ids.Take(3).Select(static id => $"\"{id}\""))}); a generated journey is one journey.", nameof(deliveries));
        }

        JourneyId = ids.Count == 1 ? ids[0] : JourneyGeneratorOptions.Default.JourneyId;
        Deliveries = list;
        Sorted = [.. list.OrderBy(static s => s, SignalOrder.Instance)];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Canonical = [.. Sorted.Where(s => seen.Add(s.Id))];
    }

    /// <summary>The journey the signals belong to.</summary>
    public string JourneyId { get; }

    /// <summary>The signals in delivery order, repeats included.</summary>
    public ImmutableArray<Signal> Deliveries { get; }

    /// <summary>The signals in the engine's journey order (time, then id), repeats included: the order a trace walks them in.</summary>
    public ImmutableArray<Signal> Sorted { get; }

    /// <summary>The sorted distinct signals: the first copy of each id in journey order, as a replay keeps them.</summary>
    public ImmutableArray<Signal> Canonical { get; }

    /// <summary>The time of the last signal, or null when there are none.</summary>
    public DateTimeOffset? LastSignalAt => Sorted.IsEmpty ? null : Sorted[^1].OccurredAt;

    /// <summary>True when both hold the same deliveries in the same order.</summary>
    /// <param name="other">The journey to compare with.</param>
    public bool Equals(GeneratedJourney? other) => other is not null && Deliveries.SequenceEqual(other.Deliveries);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as GeneratedJourney);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(JourneyId, Deliveries.Length);

    /// <summary>The deliveries as a timeline (days after the first signal) and as C# that rebuilds this journey.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        var first = Sorted.IsEmpty ? (DateTimeOffset?)null : Sorted[0].OccurredAt;
        text.Append(CultureInfo.InvariantCulture, $"{Deliveries.Length} deliveries of journey \"{JourneyId}\", {Canonical.Length} distinct signals");
        if (first is { } start)
        {
            text.Append(CultureInfo.InvariantCulture, $", day 0 = {start:O}");
        }

        text.AppendLine(":");
        foreach (var signal in Deliveries)
        {
            var day = (signal.OccurredAt - first!.Value).TotalDays;
            text.Append(CultureInfo.InvariantCulture, $"  day {day,8:0.000}  {signal.Id,-6} {signal.Type}");
            if (signal.Stakeholder is { } person)
            {
                text.Append(CultureInfo.InvariantCulture, $"  by {person.Id}{(person.Role is null ? string.Empty : $" ({person.Role})")}");
            }

            foreach (var (key, value) in signal.Attributes)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {key}={value}");
            }

            text.AppendLine();
        }

        text.AppendLine("new GeneratedJourney([");
        foreach (var signal in Deliveries)
        {
            text.Append("    ").Append(Code(signal)).AppendLine(",");
        }

        return text.Append("])").ToString();
    }

    /// <summary>The C# expression that rebuilds <paramref name="signal"/>.</summary>
    internal static string Code(Signal signal)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"new Signal({Quote(signal.Id)}, {Quote(signal.JourneyId)}, DateTimeOffset.Parse({Quote(signal.OccurredAt.ToString("O", CultureInfo.InvariantCulture))}, CultureInfo.InvariantCulture), {Quote(signal.Type)}");
        if (signal.Stakeholder is { } person)
        {
            text.Append(CultureInfo.InvariantCulture, $", new Stakeholder({Quote(person.Id)}{(person.Role is null ? string.Empty : ", " + Quote(person.Role))})");
        }
        else if (signal.Source is not null || signal.Attributes.Count > 0)
        {
            text.Append(", null");
        }

        if (signal.Source is not null || signal.Attributes.Count > 0)
        {
            text.Append(", ").Append(signal.Source is null ? "null" : Quote(signal.Source));
        }

        if (signal.Attributes.Count > 0)
        {
            text.Append(", new Dictionary<string, string> { ");
            text.AppendJoin(", ", signal.Attributes.Select(static a => $"[{Quote(a.Key)}] = {Quote(a.Value)}"));
            text.Append(" }");
        }

        return text.Append(')').ToString();
    }

    private static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                _ when char.IsControl(c) || char.IsSurrogate(c) => text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }
}
