using System;
using System.Collections.Generic;
using BuyingJourney.Rules.Json;

namespace BuyingJourney.Rules;

/// <summary>
/// The most pieces of evidence the data rules for one signal type can give a single signal together, checked against
/// <see cref="EvidenceCollector.MaxPerSignal"/> when a rulebook is loaded or an engine built.
/// </summary>
/// <remarks>
/// <para>Data rules without conditions (<c>EvidenceRule.ForSignalType</c>, JSON rules without <c>"when"</c>) all apply
/// to every signal of their type, so for them the count is exact: the sum of their evidence. Rules of code (any other
/// <see cref="EvidenceRule"/>) give evidence only a run can tell, and are not counted.</para>
/// <para>Conditional JSON rules may exclude one another. A signal has one stakeholder role (or none) and, for each
/// attribute key, one value (or none); a rule that needs <c>"stakeholderRole": "user"</c> and one that needs
/// <c>"decision-maker"</c>, or one that needs <c>k</c> to equal 1 and one that needs it to equal 2 (or to be absent),
/// never apply to the same signal. So for the role and for each attribute key the rules test, the count takes the
/// largest total any one role or value (or absence) of it can reach, every rule that does not test it counting in
/// each total, and the result is the smallest of these totals. It never undercounts: whatever the signal, the rules
/// that apply to it are among those counted for its role and for its value of each key. It can overcount rules that are
/// told apart only by two keys together, which then count as if they could apply together.</para>
/// </remarks>
internal static class EvidenceBudget
{
    /// <summary>The most pieces of evidence the data rules among <paramref name="rules"/> (all for one signal type) can give one signal together.</summary>
    public static int MostAtOnce(IReadOnlyList<EvidenceRule> rules)
    {
        var total = 0;
        var roles = new Tally();
        Dictionary<string, Tally>? keys = null;
        foreach (var rule in rules)
        {
            switch (rule)
            {
                case { AlwaysGivesDeclaredEvidence: true }:
                    total += rule.DeclaredEvidence.Length;
                    break;
                case JsonRule data:
                    var count = data.Items.Length;
                    total += count;
                    if (data.StakeholderRole is { } role)
                    {
                        roles.Constrained += count;
                        roles.AddValue(role, count);
                    }

                    var conditions = data.Conditions;
                    for (var i = 0; i < conditions.Length; i++)
                    {
                        if (FirstWithKey(conditions, conditions[i].Key) == i)
                        {
                            keys ??= new Dictionary<string, Tally>(StringComparer.Ordinal);
                            if (!keys.TryGetValue(conditions[i].Key, out var tally))
                            {
                                keys[conditions[i].Key] = tally = new Tally();
                            }

                            tally.Add(conditions, i, count);
                        }
                    }

                    break;
            }
        }

        var most = Math.Min(total, total - roles.Constrained + roles.MostForOneValue);
        if (keys is not null)
        {
            foreach (var tally in keys.Values)
            {
                most = Math.Min(most, total - tally.Constrained + Math.Max(tally.Present + tally.MostForOneValue, tally.Absent));
            }
        }

        return most;
    }

    private static int FirstWithKey(System.Collections.Immutable.ImmutableArray<AttributeCondition> conditions, string key)
    {
        for (var i = 0; ; i++)
        {
            if (string.Equals(conditions[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }
    }

    /// <summary>The evidence of the rules that test one key (or the role), by what they accept.</summary>
    private sealed class Tally
    {
        private Dictionary<string, int>? _byValue;

        /// <summary>The evidence of every rule that tests the key.</summary>
        public int Constrained { get; set; }

        /// <summary>The evidence of the rules that accept any value, as long as there is one.</summary>
        public int Present { get; private set; }

        /// <summary>The evidence of the rules that need the key absent.</summary>
        public int Absent { get; private set; }

        /// <summary>The largest evidence of the rules that need one particular value.</summary>
        public int MostForOneValue { get; private set; }

        public void AddValue(string value, int count)
        {
            _byValue ??= new Dictionary<string, int>(StringComparer.Ordinal);
            _byValue.TryGetValue(value, out var sum);
            _byValue[value] = sum += count;
            MostForOneValue = Math.Max(MostForOneValue, sum);
        }

        /// <summary>Adds a rule whose conditions on this key start at <paramref name="first"/>: it accepts what all of them accept.</summary>
        public void Add(System.Collections.Immutable.ImmutableArray<AttributeCondition> conditions, int first, int count)
        {
            Constrained += count;
            var key = conditions[first].Key;
            bool? present = null; // null: no existence test yet
            HashSet<string>? values = null;
            for (var i = first; i < conditions.Length; i++)
            {
                var condition = conditions[i];
                if (!string.Equals(condition.Key, key, StringComparison.Ordinal))
                {
                    continue;
                }

                if (condition.Exists is { } exists)
                {
                    if (present is { } earlier && earlier != exists)
                    {
                        return; // present and absent at once: the rule never applies
                    }

                    present = exists;
                }
                else if (values is null)
                {
                    values = new HashSet<string>(condition.Values, StringComparer.Ordinal);
                }
                else
                {
                    values.IntersectWith(condition.Values);
                }
            }

            if (values is not null)
            {
                if (present == false)
                {
                    return; // a value and absent at once: the rule never applies
                }

                foreach (var value in values)
                {
                    AddValue(value, count);
                }
            }
            else if (present == false)
            {
                Absent += count;
            }
            else
            {
                Present += count;
            }
        }
    }
}
