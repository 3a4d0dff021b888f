using System;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using BuyingJourney.Evidence;
using BuyingJourney.Phases;
using BuyingJourney.Rules;
using BuyingJourney.Signals;

namespace BuyingJourney.Journeys;

/// <summary>
/// What one applied signal did, kept small: the signal, its plan (with the model's parameters), the notes of the rules that
/// ran and of the phase changes, and the loop-backs. The public evidence records and transitions are made from them
/// each time they are asked for (the same values every time). Default: nothing (a refused signal).
/// </summary>
internal readonly struct StepExplanation
{
    private readonly Signal? _signal;
    private readonly SignalPlan? _plan;
    private readonly EvidenceNote[]? _ran;
    private readonly TransitionNote[]? _transitions;
    private readonly ImmutableArray<LoopBack> _loopBacks;

    public StepExplanation(Signal signal, SignalPlan plan, EvidenceNote[] ran, TransitionNote[] transitions, ImmutableArray<LoopBack> loopBacks)
    {
        _signal = signal;
        _plan = plan;
        _ran = ran;
        _transitions = transitions;
        _loopBacks = loopBacks;
    }

    /// <summary>The loop-backs the signal caused.</summary>
    public ImmutableArray<LoopBack> LoopBacks => _loopBacks.IsDefault ? [] : _loopBacks;

    /// <summary>The evidence: the plan's data rules' pieces, then those of the rules that ran, in order, each valued as the fold valued it.</summary>
    public ImmutableArray<EvidenceRecord> Evidence()
    {
        if (_signal is null)
        {
            return [];
        }

        var plan = _plan!;
        var records = new EvidenceRecord[plan.DataItems.Length + _ran!.Length];
        var n = 0;
        for (var i = 0; i < plan.DataItems.Length; i++)
        {
            records[n++] = Record(plan.Rules[plan.DataItemRules[i]].Id, plan.DataItems[i]);
        }

        foreach (var note in _ran)
        {
            records[n++] = Record(plan.Rules[note.Rule].Id, note.Item);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(records);
    }

    /// <summary>The phase changes, in the order they happened, with their reasons in words.</summary>
    public ImmutableArray<TaskTransition> Transitions()
    {
        if (_transitions is null || _transitions.Length == 0)
        {
            return [];
        }

        var ids = _plan!.Table.TaskIds;
        var transitions = new TaskTransition[_transitions.Length];
        for (var i = 0; i < transitions.Length; i++)
        {
            transitions[i] = _transitions[i].ToTransition(_plan.Table.Model.Lifecycle, ids, _signal!.Id);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(transitions);
    }

    private EvidenceRecord Record(string ruleId, in EvidenceItem item)
    {
        var signal = _signal!;
        EvidenceTally.TryValue(_plan!.Table, item, ruleId, out _, out var weight, out _);
        return new EvidenceRecord(signal.Id, signal.Type, signal.OccurredAt, ruleId, item.Kind, item.TaskId, weight, item.Effect, item.Reason);
    }
}
