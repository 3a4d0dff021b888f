using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using BuyingJourney.Signals;

namespace BuyingJourney.Testing;

/// <summary>
/// A signal type with the attributes a rule reads, for <see cref="JourneyGeneratorOptions.Variants"/>: for example
/// <c>new SignalVariant(SignalTypes.EventAttended, new Dictionary&lt;string, string&gt; { ["topic"] = "pricing" })</c>.
/// </summary>
/// <remarks>Immutable; equal when the type and the attributes are.</remarks>
public sealed class SignalVariant : IEquatable<SignalVariant>
{
    /// <summary>A variant of <paramref name="type"/> carrying <paramref name="attributes"/>.</summary>
    /// <param name="type">The signal type, as a <see cref="Signal"/> accepts it.</param>
    /// <param name="attributes">The attributes, as a <see cref="Signal"/> accepts them; none when null.</param>
    /// <exception cref="ArgumentException"><paramref name="type"/> or <paramref name="attributes"/> is not what a <see cref="Signal"/> accepts (the message says why).</exception>
    public SignalVariant(string type, IReadOnlyDictionary<string, string>? attributes = null)
    {
        // The signal's own checks, once, so that a bad variant fails here and not in the middle of a property.
        var probe = new Signal("variant", "variant", DateTimeOffset.UnixEpoch, type, attributes: attributes);
        Type = probe.Type;
        Attributes = probe.Attributes;
    }

    /// <summary>The signal type.</summary>
    public string Type { get; }

    /// <summary>The attributes (ordinal order of keys).</summary>
    public ImmutableSortedDictionary<string, string> Attributes { get; }

    /// <summary>True when both have the same type and attributes.</summary>
    /// <param name="other">The variant to compare with.</param>
    public bool Equals(SignalVariant? other)
        => other is not null && string.Equals(Type, other.Type, StringComparison.Ordinal) && Attributes.SequenceEqual(other.Attributes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SignalVariant);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Type), Attributes.Count);

    /// <summary>"event.attended {topic=pricing}", or the type alone.</summary>
    public override string ToString()
        => Attributes.Count == 0 ? Type : $"{Type} {{{string.Join(", ", Attributes.Select(static a => $"{a.Key}={a.Value}"))}}}";

    /// <summary>A signal of this variant.</summary>
    internal Signal ToSignal(string id, string journeyId, DateTimeOffset at, Stakeholder? stakeholder)
        => new(id, journeyId, at, Type, stakeholder, attributes: Attributes);
}
