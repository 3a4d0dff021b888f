using System.Collections.Generic;
using System.Collections.Immutable;
using BuyingJourney.Evidence;
using BuyingJourney.Phases;
using BuyingJourney.Rules;
using BuyingJourney.Signals;

namespace BuyingJourney.Journeys;

/// <summary>
/// Collects what one fold step did, for <c>Apply</c>'s result and for traces: the evidence (with the rule that gave
/// it and its weight as the tally valued it), the phase changes, the loop-backs, and which tasks' scores the
/// lifecycle reset. Replay runs without one.
/// </summary>
internal sealed class StepRecorder
{
    public List<EvidenceRecord> Evidence { get; } = [];

    public List<TaskTransition> Transitions { get; } = [];

    public List<LoopBack> LoopBacks { get; } = [];

    /// <summary>The tasks the step completed (their score reset to zero by completion).</summary>
    public uint Completed { get; set; }

    /// <summary>True when the step reset every score (a stall, win or loss).</summary>
    public bool ScoresReset { get; set; }

    /// <summary>Records the signal's evidence: the plan's data rules' pieces, then those of the rules that ran, in order.</summary>
    public void RecordEvidence(Signal signal, EvidenceCollector collector)
    {
        var plan = collector.Plan;
        for (var i = 0; i < plan.DataItems.Length; i++)
        {
            Record(signal, plan.Rules[plan.DataItemRules[i]].Id, plan.DataItems[i], collector.Tally);
        }

        for (var i = 0; i < collector.Count; i++)
        {
            Record(signal, plan.Rules[collector.RuleAt(i)].Id, collector.ItemAt(i), collector.Tally);
        }
    }

    public void Clear()
    {
        Evidence.Clear();
        Transitions.Clear();
        LoopBacks.Clear();
        Completed = 0;
        ScoresReset = false;
    }

    public (ImmutableArray<EvidenceRecord> Evidence, ImmutableArray<TaskTransition> Transitions, ImmutableArray<LoopBack> LoopBacks) Take()
        => ([.. Evidence], [.. Transitions], [.. LoopBacks]);

    private void Record(Signal signal, string ruleId, in EvidenceItem item, EvidenceTally tally)
    {
        tally.TryValue(item, ruleId, out _, out var weight, out _);
        Evidence.Add(new EvidenceRecord(signal.Id, signal.Type, signal.OccurredAt, ruleId, item.Kind, item.TaskId, weight, item.Effect, item.Reason));
    }
}
