using System;
using System.Collections.Generic;
using BuyingJourney.Signals;

namespace BuyingJourney.Journeys;

/// <summary>
/// Journey order, made total: (occurred at, id) first, as the contract says; then, only to break ties between
/// conflicting copies of one id, the rest of the content. So replay keeps the same copy whatever the input order.
/// The order <see cref="JourneyEngine.Replay(string, IEnumerable{Signal})"/> and <see cref="JourneyEngine.Trace(string, IEnumerable{Signal})"/> sort signals in, for code that
/// needs to sort them the same way (a replay keeps the first copy of each id in this order).
/// </summary>
/// <remarks>Stateless and thread-safe: use <see cref="Instance"/>.</remarks>
public sealed class SignalOrder : IComparer<Signal>
{
    private SignalOrder()
    {
    }

    /// <summary>The one instance.</summary>
    public static SignalOrder Instance { get; } = new();

    /// <summary>
    /// True when <paramref name="signal"/> sorts after a journey's last signal (<paramref name="lastId"/> at
    /// <paramref name="lastTicks"/>; null before the first). Otherwise <paramref name="outcome"/> says whether it repeats
    /// the last one (<see cref="SignalOutcome.Duplicate"/>) or sorts before it (<see cref="SignalOutcome.Late"/>), and why.
    /// </summary>
    internal static bool After(string? lastId, long lastTicks, Signal signal, out SignalOutcome outcome, out string? reason)
    {
        outcome = SignalOutcome.Applied;
        reason = null;
        if (lastId is null)
        {
            return true;
        }

        if (string.Equals(lastId, signal.Id, StringComparison.Ordinal))
        {
            outcome = SignalOutcome.Duplicate;
            reason = $"signal \"{signal.Id}\" was already applied.";
            return false;
        }

        var ticks = signal.OccurredAt.UtcTicks;
        if (ticks < lastTicks || (ticks == lastTicks && string.CompareOrdinal(signal.Id, lastId) < 0))
        {
            outcome = SignalOutcome.Late;
            reason = $"signal \"{signal.Id}\" at {signal.OccurredAt:O} sorts before the last applied signal \"{lastId}\" at {new DateTimeOffset(lastTicks, TimeSpan.Zero):O}; it is late or repeats an earlier signal. Rebuild the journey with Replay.";
            return false;
        }

        return true;
    }

    /// <summary>Less than zero when <paramref name="x"/> comes first in journey order, zero when both are equal in content, more than zero otherwise; null first.</summary>
    /// <param name="x">A signal, or null.</param>
    /// <param name="y">A signal, or null.</param>
    public int Compare(Signal? x, Signal? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var order = Signal.CompareOrder(x, y);
        if (order != 0)
        {
            return order;
        }

        order = string.CompareOrdinal(x.Type, y.Type);
        if (order != 0)
        {
            return order;
        }

        order = x.OccurredAt.Offset.CompareTo(y.OccurredAt.Offset);
        if (order != 0)
        {
            return order;
        }

        order = string.CompareOrdinal(x.Source, y.Source);
        if (order != 0)
        {
            return order;
        }

        order = string.CompareOrdinal(x.Stakeholder?.Id, y.Stakeholder?.Id);
        if (order != 0)
        {
            return order;
        }

        order = string.CompareOrdinal(x.Stakeholder?.Role, y.Stakeholder?.Role);
        if (order != 0)
        {
            return order;
        }

        order = x.Attributes.Count.CompareTo(y.Attributes.Count);
        if (order != 0)
        {
            return order;
        }

        using var left = x.Attributes.GetEnumerator();
        using var right = y.Attributes.GetEnumerator();
        while (left.MoveNext() && right.MoveNext())
        {
            order = string.CompareOrdinal(left.Current.Key, right.Current.Key);
            if (order == 0)
            {
                order = string.CompareOrdinal(left.Current.Value, right.Current.Value);
            }

            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }
}
