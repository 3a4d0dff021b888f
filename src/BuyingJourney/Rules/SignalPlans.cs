using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Signals;

namespace BuyingJourney.Rules;

/// <summary>An engine's signal plans, one per signal type, made the first time a type is seen. Thread-safe.</summary>
internal sealed class SignalPlans
{
    private readonly CompiledRulebook _rules;
    private readonly TaskParameterTable _table;

    // By rules array (types with the same rules share a plan), and by interned type key: an array grown copy-on-write,
    // so readers never lock.
    private readonly ConcurrentDictionary<EvidenceRule[], SignalPlan> _byRules = new(ReferenceEqualityComparer.Instance);
    private readonly Func<EvidenceRule[], SignalPlan> _make;
    private readonly object _gate = new();
    private SignalPlan?[] _byKey = [];

    public SignalPlans(CompiledRulebook rules, TaskParameterTable table)
    {
        _rules = rules;
        _table = table;
        _make = rulesOfType => SignalPlan.For(rulesOfType, _table);
    }

    /// <summary>The plan for the signal's type: an array index by its interned type key.</summary>
    public SignalPlan For(Signal signal)
    {
        var key = signal.TypeKey;
        var plans = _byKey;
        if ((uint)key < (uint)plans.Length && plans[key] is { } plan)
        {
            return plan;
        }

        plan = _byRules.GetOrAdd(_rules.For(signal.Type), _make);
        if (key >= 0)
        {
            lock (_gate)
            {
                plans = _byKey;
                if (key >= plans.Length)
                {
                    Array.Resize(ref plans, Math.Max(key + 1, Math.Min(SignalTypeKeys.SharedCapacity, Math.Max(64, plans.Length * 2))));
                }

                plans[key] = plan;
                Volatile.Write(ref _byKey, plans);
            }
        }

        return plan;
    }
}
