using System;
using System.Collections.Generic;
using BuyingJourney.Advice;

namespace BuyingJourney.Playbooks;

/// <summary>
/// Where a playbook puts its actions, and a ranker its picks. The engine hands one to each call and reuses it from one
/// assessment to the next, so adding an action allocates nothing.
/// </summary>
/// <remarks>Not thread-safe; valid only during the call it is passed to.</remarks>
public sealed class ActionCollector
{
    /// <summary>Above this capacity a collector is not kept for reuse.</summary>
    private const int MaxRetainedCapacity = 1024;

    private readonly List<SellerAction> _items = new(32);

    internal ActionCollector()
    {
    }

    /// <summary>How many actions have been added so far (by every playbook of the call, for the playbooks' collector).</summary>
    public int Count => _items.Count;

    /// <summary>The actions, in the order added.</summary>
    internal List<SellerAction> Items => _items;

    /// <summary>Adds an action.</summary>
    /// <param name="action">The action.</param>
    /// <exception cref="ArgumentNullException">A null action.</exception>
    public void Add(SellerAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _items.Add(action);
    }

    /// <summary>Empties the collector for reuse; false when it grew too large to keep.</summary>
    internal bool Reset()
    {
        _items.Clear();
        return _items.Capacity <= MaxRetainedCapacity;
    }

    /// <summary>Per-thread collectors, reused from one assessment to the next.</summary>
    internal static class Pool
    {
        [ThreadStatic]
        private static ActionCollector? t_first;

        [ThreadStatic]
        private static ActionCollector? t_second;

        public static ActionCollector Rent()
        {
            if (t_first is { } first)
            {
                t_first = null;
                return first;
            }

            if (t_second is { } second)
            {
                t_second = null;
                return second;
            }

            return new ActionCollector();
        }

        public static void Return(ActionCollector collector)
        {
            if (!collector.Reset())
            {
                return; // an unusually long list of actions: let it go
            }

            if (t_first is null)
            {
                t_first = collector;
            }
            else
            {
                t_second ??= collector;
            }
        }
    }
}
