using System;
using System.Collections.Immutable;
using BuyingJourney.Signals;

namespace BuyingJourney.Rules.Json;

/// <summary>One attribute test of a JSON rule: the attribute equals a value, is one of several, exists, or is absent.</summary>
internal sealed class AttributeCondition
{
    private AttributeCondition(string key, ImmutableArray<string> values, bool? exists)
    {
        Key = key;
        Values = values;
        Exists = exists;
    }

    public string Key { get; }

    /// <summary>The accepted values (one for "equals", several for "oneOf"); empty for an existence test.</summary>
    public ImmutableArray<string> Values { get; }

    /// <summary>True: the attribute must be present; false: it must be absent; null: a value test.</summary>
    public bool? Exists { get; }

    public static AttributeCondition OneOf(string key, ImmutableArray<string> values) => new(key, values, null);

    public static AttributeCondition Presence(string key, bool exists) => new(key, [], exists);

    public bool Matches(Signal signal)
    {
        var found = signal.Attributes.TryGetValue(Key, out var value);
        if (Exists is { } exists)
        {
            return found == exists;
        }

        if (!found)
        {
            return false;
        }

        foreach (var accepted in Values)
        {
            if (string.Equals(accepted, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
