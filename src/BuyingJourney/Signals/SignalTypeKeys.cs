using System;
using System.Collections.Concurrent;
using System.Threading;

namespace BuyingJourney.Signals;

/// <summary>
/// Signal types interned to small integers, once per <see cref="Signal"/> when it is made, so the fold finds a
/// type's rules with an array index instead of hashing the type string on every replay. The first
/// <see cref="Capacity"/> distinct types get a key; any further type gets <see cref="None"/> and is looked up by
/// name (so an unbounded vocabulary cannot grow this table without limit).
/// </summary>
internal static class SignalTypeKeys
{
    /// <summary>The key of a type that was not interned: look it up by name.</summary>
    public const int None = -1;

    /// <summary>The most types interned for the life of the process.</summary>
    public const int Capacity = 4096;

    // The types the fold itself tests for have fixed keys, so those tests are integer comparisons.
    public const int ActionAccepted = 0;
    public const int ActionRejected = 1;
    public const int ActionDone = 2;
    public const int StakeholderRoleChanged = 3;
    public const int StakeholderLeft = 4;

    private static readonly ConcurrentDictionary<string, int> s_keys = new(StringComparer.Ordinal);
    private static readonly object s_gate = new();
    private static int s_count;

    static SignalTypeKeys()
    {
        Add(SignalTypes.ActionAccepted);
        Add(SignalTypes.ActionRejected);
        Add(SignalTypes.ActionDone);
        Add(SignalTypes.StakeholderRoleChanged);
        Add(SignalTypes.StakeholderLeft);
    }

    /// <summary>How many keys have been handed out; every key is below this.</summary>
    public static int Count => Volatile.Read(ref s_count);

    /// <summary>The key of <paramref name="type"/>, interning it if there is room; <see cref="None"/> when the table is full.</summary>
    public static int Of(string type)
    {
        if (s_keys.TryGetValue(type, out var key))
        {
            return key;
        }

        lock (s_gate)
        {
            return s_keys.TryGetValue(type, out key) ? key : Add(type);
        }
    }

    /// <summary>True for the seller-feedback types (action accepted, rejected, done).</summary>
    public static bool IsFeedback(int key) => (uint)key <= ActionDone;

    private static int Add(string type)
    {
        if (s_count >= Capacity)
        {
            return None;
        }

        var key = s_count;
        s_keys[type] = key;
        Volatile.Write(ref s_count, key + 1);
        return key;
    }
}
