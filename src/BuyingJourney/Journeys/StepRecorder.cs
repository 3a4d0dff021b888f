using System;
using System.Collections.Generic;
using BuyingJourney.Evidence;
using BuyingJourney.Phases;
using BuyingJourney.Rules;
using BuyingJourney.Signals;

namespace BuyingJourney.Journeys;

/// <summary>
/// Notes what one fold step did, for <c>Apply</c>'s result and for traces: the signal and its plan (which already hold
/// the data rules' evidence), the evidence of the rules that ran, the phase changes, the loop-backs, and which tasks'
/// scores the lifecycle reset. Notes only: <see cref="StepExplanation"/> makes the public records when they are read.
/// Replay runs without one.
/// </summary>
internal sealed class StepRecorder
{
    private readonly List<EvidenceNote> _ran = [];
    private Signal? _signal;
    private SignalPlan? _plan;

    public List<TransitionNote> Transitions { get; } = [];

    public List<LoopBack> LoopBacks { get; } = [];

    /// <summary>The tasks the step completed (their score reset to zero by completion).</summary>
    public uint Completed { get; set; }

    /// <summary>True when the step reset every score (a stall, win or loss).</summary>
    public bool ScoresReset { get; set; }

    /// <summary>Notes the signal's evidence: its plan (the data rules') and a copy of what the rules that ran added.</summary>
    public void RecordEvidence(Signal signal, EvidenceCollector collector)
    {
        _signal = signal;
        _plan = collector.Plan;
        for (var i = 0; i < collector.Count; i++)
        {
            _ran.Add(new EvidenceNote(collector.ItemAt(i), collector.RuleAt(i)));
        }
    }

    /// <summary>The step's explanation, detached from this recorder (which can be cleared and reused).</summary>
    public StepExplanation Freeze()
        => new(_signal!, _plan!, _ran.Count == 0 ? [] : _ran.ToArray(), Transitions.Count == 0 ? [] : Transitions.ToArray(), [.. LoopBacks]);

    public void Clear()
    {
        _ran.Clear();
        _signal = null;
        _plan = null;
        Transitions.Clear();
        LoopBacks.Clear();
        Completed = 0;
        ScoresReset = false;
    }
}

/// <summary>A piece of evidence a rule that ran added, with the rule's index in the plan.</summary>
internal readonly record struct EvidenceNote(EvidenceItem Item, int Rule);
