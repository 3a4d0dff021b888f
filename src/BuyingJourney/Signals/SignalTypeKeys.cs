using System;
using System.Collections.Concurrent;
using System.Threading;

namespace BuyingJourney.Signals;

/// <summary>
/// Signal types interned to small integers, once per <see cref="Signal"/> when it is made, so the fold finds a
/// type's plan with an array index instead of hashing the type string on every replay. The first
/// <see cref="Capacity"/> distinct types get a key; any further type gets <see cref="None"/> and is looked up by
/// name (so an unbounded vocabulary cannot grow the table without limit).
/// </summary>
/// <remarks>Thread-safe: lookups never lock; adding a type locks once.</remarks>
internal sealed class SignalTypeKeys
{
    /// <summary>The key of a type that was not interned: look it up by name.</summary>
    public const int None = -1;

    /// <summary>The most types the process-wide table interns.</summary>
    public const int SharedCapacity = 4096;

    // The types the fold itself tests for have fixed keys in every table, so those tests are integer comparisons.
    public const int ActionAccepted = 0;
    public const int ActionRejected = 1;
    public const int ActionDone = 2;
    public const int StakeholderRoleChanged = 3;
    public const int StakeholderLeft = 4;

    private readonly ConcurrentDictionary<string, int> _keys = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private int _count;

    /// <summary>A table that interns at most <paramref name="capacity"/> types (the five fixed ones included).</summary>
    public SignalTypeKeys(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, StakeholderLeft + 1);
        Capacity = capacity;
        Add(SignalTypes.ActionAccepted);
        Add(SignalTypes.ActionRejected);
        Add(SignalTypes.ActionDone);
        Add(SignalTypes.StakeholderRoleChanged);
        Add(SignalTypes.StakeholderLeft);
    }

    /// <summary>The process-wide table every <see cref="Signal"/> uses.</summary>
    public static SignalTypeKeys Shared { get; } = new(SharedCapacity);

    /// <summary>The most types this table interns.</summary>
    public int Capacity { get; }

    /// <summary>How many keys have been handed out; every key is below this.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>True for the seller-feedback types (action accepted, rejected, done).</summary>
    public static bool IsFeedback(int key) => (uint)key <= ActionDone;

    /// <summary>The key of <paramref name="type"/>, interning it if there is room; <see cref="None"/> when the table is full.</summary>
    public int Of(string type)
    {
        if (_keys.TryGetValue(type, out var key))
        {
            return key;
        }

        lock (_gate)
        {
            return _keys.TryGetValue(type, out key) ? key : Add(type);
        }
    }

    private int Add(string type)
    {
        if (_count >= Capacity)
        {
            return None;
        }

        var key = _count;
        _keys[type] = key;
        Volatile.Write(ref _count, key + 1);
        return key;
    }
}
