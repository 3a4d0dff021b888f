using System.Collections.Generic;
using System.Collections.Immutable;
using BuyingJourney.Model;

namespace BuyingJourney.Analytics.Internal;

/// <summary>
/// Journeys counted by a set of tasks (a bit per task in model order): closed won, closed lost and open per set, the sets
/// in order of first appearance, at most <c>max</c> of them, then one "other" group. Thread-safe: the tallies of a parallel pass share one.
/// </summary>
internal sealed class GroupTable
{
    private readonly Dictionary<ulong, int> _index = [];
    private readonly List<ulong> _keys = [];
    private readonly List<int[]> _counts = [];
    private readonly int _max;
    private int _other = -1;

    public GroupTable(int max) => _max = max;

    /// <summary>The group of <paramref name="mask"/>: its own, or "other" once <c>max</c> sets are counted.</summary>
    public int Group(ulong mask)
    {
        lock (_index)
        {
            return GroupLocked(mask);
        }
    }

    /// <summary>Counts one journey in <paramref name="group"/>: won, lost, or open.</summary>
    public void Count(int group, bool closed, bool won)
    {
        lock (_index)
        {
            _counts[group][closed ? (won ? 0 : 1) : 2]++;
        }
    }

    private int GroupLocked(ulong mask)
    {
        if (_index.TryGetValue(mask, out var group))
        {
            return group;
        }

        if (_keys.Count - (_other >= 0 ? 1 : 0) >= _max)
        {
            if (_other < 0)
            {
                _other = _keys.Count;
                _keys.Add(ulong.MaxValue);
                _counts.Add(new int[3]);
            }

            return _other;
        }

        group = _keys.Count;
        _index[mask] = group;
        _keys.Add(mask);
        _counts.Add(new int[3]);
        return group;
    }


    /// <summary>The groups, in order of first appearance, "other" where it first appeared.</summary>
    public ImmutableArray<OutcomeGroup> Complete(BuyingModel model, double? overall)
    {
        var groups = ImmutableArray.CreateBuilder<OutcomeGroup>(_keys.Count);
        for (var i = 0; i < _keys.Count; i++)
        {
            var other = i == _other;
            groups.Add(new OutcomeGroup(other ? [] : Tasks(model, _keys[i]), other, new WinRate(_counts[i][0], _counts[i][1], overall), _counts[i][2]));
        }

        return groups.MoveToImmutable();
    }

    /// <summary>The label of <paramref name="group"/> (as <see cref="OutcomeGroup.Label"/>).</summary>
    public string Label(BuyingModel model, int group)
    {
        if (group == _other)
        {
            return "other";
        }

        var tasks = Tasks(model, _keys[group]);
        return tasks.IsEmpty ? "none" : string.Join(" + ", tasks);
    }

    /// <summary>The task ids of <paramref name="mask"/>, in model order.</summary>
    public static ImmutableArray<string> Tasks(BuyingModel model, ulong mask)
    {
        var tasks = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < model.Tasks.Length; i++)
        {
            if ((mask & (1UL << i)) != 0)
            {
                tasks.Add(model.Tasks[i].Id);
            }
        }

        return tasks.ToImmutable();
    }
}
