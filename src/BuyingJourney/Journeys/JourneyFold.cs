using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using BuyingJourney.Evidence;
using BuyingJourney.Group;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Rules;
using BuyingJourney.Signals;

namespace BuyingJourney.Journeys;

/// <summary>
/// One step of the left fold, the only code that changes a journey (replay, apply and trace all call it): each
/// concept's step in order: evidence (<see cref="EvidenceCollector.Collect"/>
/// into an <see cref="EvidenceTally"/>), task lifecycle (<see cref="TaskStep"/>), buying group
/// (<see cref="BuyingGroupStep"/>), journey status (<see cref="JourneyStatusStep"/>), feedback (<see cref="FeedbackStep"/>).
/// </summary>
/// <remarks>Immutable after construction apart from caches; thread-safe (each fold has its own accumulator).</remarks>
internal sealed class JourneyFold
{
    private readonly TaskParameterTable _table;
    private readonly SignalPlans _plans;
    private readonly int _maxLoopBacks;
    private readonly int _maxStakeholders;
    private readonly int _maxFeedback;
    private readonly BuyingGroupDefinition _group;
    private readonly ConcurrentDictionary<uint, ImmutableArray<string>> _taskIdSets = new();
    private readonly Func<uint, ImmutableArray<string>> _makeTaskIds;

    public JourneyFold(TaskParameterTable table, CompiledRulebook rules, JourneyFoldLimits limits, BuyingGroupDefinition group)
    {
        _table = table;
        _plans = new SignalPlans(rules, table);
        _maxLoopBacks = limits.MaxLoopBacks;
        _maxStakeholders = limits.MaxStakeholders;
        _maxFeedback = limits.MaxFeedback;
        _group = group;
        _makeTaskIds = MakeTaskIds;
    }

    /// <summary>The model's tasks and their parameters.</summary>
    public TaskParameterTable Table => _table;

    /// <summary>
    /// Folds <paramref name="signal"/>, which must sort after the journey's last signal (the runs see to it:
    /// <see cref="SignalOrder.After"/>), into <paramref name="journey"/>. On any outcome but
    /// <see cref="SignalOutcome.Applied"/> (a rule's refusal) the journey is untouched and <paramref name="reason"/> says why.
    /// </summary>
    public SignalOutcome Step(JourneyAccumulator journey, Signal signal, EvidenceCollector collector, StepRecorder? recorder, out string? reason)
    {
        var ticks = signal.OccurredAt.UtcTicks;
        if (!FeedbackStep.TryRead(signal, out var feedback, out reason)
            || !collector.Collect(_plans.For(signal), new RuleContext(signal, _table, journey), out reason))
        {
            return SignalOutcome.RuleFailed;
        }

        // Nothing has changed so far; from here on every step applies.
        recorder?.RecordEvidence(signal, collector);
        var tally = collector.Tally.View;
        var resetStatus = tally.ResetsScores ? JourneyStatusStep.ResetStatus(journey.Status, tally.Effect) : journey.Status;
        var step = TaskStep.Apply(journey.Tasks, journey.FadeBounds, _table.All, _table.Model.IsOrdered, tally, ticks, signal.Id, recorder?.Transitions, resetStatus, ref journey.Masks);
        for (var bits = step.LoopedBack; bits != 0; bits &= bits - 1)
        {
            var task = System.Numerics.BitOperations.TrailingZeroCount(bits);
            var loopBack = new LoopBack(_table.Model.Tasks[task].Id, new DateTimeOffset(ticks, TimeSpan.Zero), signal.Id, TaskIds(step.From(task)));
            journey.AddLoopBack(loopBack, _maxLoopBacks);
            recorder?.LoopBacks.Add(loopBack);
        }

        if (recorder is not null)
        {
            recorder.Completed = tally.Completed;
            recorder.ScoresReset = tally.ResetsScores;
        }

        var riskRoleInGroup = BuyingGroupStep.Apply(journey.Group, signal, tally, _table.All, _group, _maxStakeholders);
        var status = JourneyStatusStep.Next(journey.Status, tally, step.WeightMoved, riskRoleInGroup, out var statusChanged);
        if (statusChanged)
        {
            journey.Status = status;
            journey.StatusSinceTicks = ticks;
            journey.StatusSignalId = signal.Id;
        }

        if (feedback is not null)
        {
            journey.AddFeedback(feedback, _maxFeedback);
        }

        journey.SignalCount++;
        if (collector.Tally.Count == 0 && feedback is null)
        {
            journey.UnrecognizedSignalCount++;
        }

        journey.LastSignalTicks = ticks;
        journey.LastSignalId = signal.Id;
        return SignalOutcome.Applied;
    }

    /// <summary>The ids of the tasks in <paramref name="mask"/>, in model order (made once per mask and shared: loop-backs reuse them).</summary>
    public ImmutableArray<string> TaskIds(uint mask)
        => mask == 0 ? ImmutableArray<string>.Empty : _taskIdSets.GetOrAdd(mask, _makeTaskIds);

    private ImmutableArray<string> MakeTaskIds(uint mask)
    {
        var tasks = _table.Model.Tasks;
        var builder = ImmutableArray.CreateBuilder<string>(System.Numerics.BitOperations.PopCount(mask));
        for (var i = 0; i < tasks.Length; i++)
        {
            if ((mask & (1u << i)) != 0)
            {
                builder.Add(tasks[i].Id);
            }
        }

        return builder.MoveToImmutable();
    }
}
