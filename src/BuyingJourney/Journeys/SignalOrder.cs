using System;
using System.Collections.Generic;
using BuyingJourney.Signals;

namespace BuyingJourney.Journeys;

/// <summary>
/// Journey order, made total: (occurred at, id) first, as the contract says; then, only to break ties between
/// conflicting copies of one id, the rest of the content. So replay keeps the same copy whatever the input order.
/// </summary>
internal sealed class SignalOrder : IComparer<Signal>
{
    public static SignalOrder Instance { get; } = new();

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
