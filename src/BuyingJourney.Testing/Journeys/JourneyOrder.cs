using System.Collections.Generic;
using System.Linq;
using BuyingJourney.Signals;

namespace BuyingJourney.Testing;

/// <summary>
/// The engine's journey order, for sorting generated deliveries: the instant a signal occurred, then its id
/// (ordinal); only between conflicting copies of one id, the rest of the content (type, offset, source, stakeholder,
/// attributes), so that a sort is total and a replay's "first copy of an id" is well defined.
/// </summary>
internal static class JourneyOrder
{
    public static IComparer<Signal> Comparer { get; } = Comparer<Signal>.Create(Compare);

    private static int Compare(Signal? x, Signal? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var order = x.OccurredAt.UtcTicks.CompareTo(y.OccurredAt.UtcTicks);
        if (order == 0)
        {
            order = string.CompareOrdinal(x.Id, y.Id);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(x.Type, y.Type);
        }

        if (order == 0)
        {
            order = x.OccurredAt.Offset.CompareTo(y.OccurredAt.Offset);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(x.Source, y.Source);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(x.Stakeholder?.Id, y.Stakeholder?.Id);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(x.Stakeholder?.Role, y.Stakeholder?.Role);
        }

        if (order == 0)
        {
            order = x.Attributes.Count.CompareTo(y.Attributes.Count);
        }

        if (order == 0)
        {
            foreach (var (left, right) in x.Attributes.Zip(y.Attributes))
            {
                order = string.CompareOrdinal(left.Key, right.Key);
                if (order == 0)
                {
                    order = string.CompareOrdinal(left.Value, right.Value);
                }

                if (order != 0)
                {
                    break;
                }
            }
        }

        return order;
    }
}
