using System;
using System.Collections.Immutable;
using System.Globalization;
using BuyingJourney.Advice;
using BuyingJourney.Evidence;
using BuyingJourney.Group;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Rules;
using BuyingJourney.Signals;

namespace BuyingJourney.Journeys;

/// <summary>
/// One step of the left fold: a signal through the rules into evidence, the evidence into task phases,
/// the phases into the journey. The only code that changes a journey; replay, apply and trace all call it.
/// </summary>
internal sealed class JourneyFold
{
    private readonly BuyingModel _model;
    private readonly CompiledRulebook _rules;
    private readonly TaskParameters[] _parameters;
    private readonly int _maxLoopBacks;
    private readonly int _maxStakeholders;
    private readonly int _maxFeedback;
    private readonly BuyingGroupDefinition _group;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<uint, ImmutableArray<string>> _taskIdSets = new();
    private readonly Func<uint, ImmutableArray<string>> _makeTaskIds;

    // Plans by interned signal type key (grown copy-on-write: readers never lock), and by rules array for any type.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<EvidenceRule[], SignalPlan> _plansByRules = new(System.Collections.Generic.ReferenceEqualityComparer.Instance);
    private readonly Func<EvidenceRule[], SignalPlan> _makePlan;
    private readonly object _plansGate = new();
    private SignalPlan?[] _plansByKey = [];

    public JourneyFold(BuyingModel model, CompiledRulebook rules, JourneyEngineOptions options)
    {
        _model = model;
        _rules = rules;
        _maxLoopBacks = options.MaxLoopBacksRetained;
        _maxStakeholders = options.MaxStakeholdersRetained;
        _maxFeedback = options.MaxFeedbackRetained;
        _group = options.BuyingGroup;
        _makeTaskIds = MakeTaskIds;
        _makePlan = rules => SignalPlan.For(rules, _model, _parameters);
        _parameters = new TaskParameters[model.Tasks.Length];
        for (var i = 0; i < _parameters.Length; i++)
        {
            _parameters[i] = new TaskParameters(model.SettingsAt(i));
        }
    }

    public BuyingModel Model => _model;

    public TaskParameters ParametersAt(int index) => _parameters[index];

    /// <summary>
    /// Folds <paramref name="signal"/> into <paramref name="journey"/>. On any outcome but
    /// <see cref="SignalOutcome.Applied"/> the journey is untouched and <paramref name="reason"/> says why.
    /// </summary>
    public SignalOutcome Step(JourneyAccumulator journey, Signal signal, EvidenceCollector collector, StepRecorder? recorder, out string? reason)
    {
        var ticks = signal.OccurredAt.UtcTicks;
        if (journey.LastSignalId is { } lastId)
        {
            if (string.Equals(lastId, signal.Id, StringComparison.Ordinal))
            {
                reason = $"signal \"{signal.Id}\" was already applied.";
                return SignalOutcome.Duplicate;
            }

            if (ticks < journey.LastSignalTicks
                || (ticks == journey.LastSignalTicks && string.CompareOrdinal(signal.Id, lastId) < 0))
            {
                reason = $"signal \"{signal.Id}\" at {signal.OccurredAt:O} sorts before the last applied signal \"{lastId}\" at {new DateTimeOffset(journey.LastSignalTicks, TimeSpan.Zero):O}; it is late or repeats an earlier signal. Rebuild the journey with Replay.";
                return SignalOutcome.Late;
            }
        }

        // 0. Seller feedback must name the action it is about.
        var isFeedback = SignalTypeKeys.IsFeedback(signal.TypeKey);
        string? feedbackCode = null;
        if (isFeedback && !TryFeedbackCode(signal, out feedbackCode, out reason))
        {
            return SignalOutcome.RuleFailed;
        }

        // 1. Rules → evidence. Nothing is changed until every rule has run and its evidence is checked. Without a
        //    recorder, the leading data rules' evidence comes pre-summed from the type's plan and only the rest run.
        var taskCount = _parameters.Length;
        var weights = collector.Weights.AsSpan(0, taskCount);
        var plan = PlanFor(signal);
        var rules = plan.Rules;
        var first = recorder is null ? plan.StaticRuleCount : 0;
        uint weighted = 0;
        uint completed = 0;
        var effect = JourneyEffect.None;
        if (first > 0)
        {
            plan.Weights.AsSpan().CopyTo(weights);
            weighted = plan.Weighted;
            completed = plan.Completed;
            effect = plan.Effect;
            collector.Reset(plan.StaticItemCount, plan.Weights);
        }
        else
        {
            weights.Clear();
            collector.Reset(0, null);
        }

        if (first < rules.Length && (first == 0 || signal.Stakeholder is not null || !plan.RestRequireStakeholder) && !RunRules(rules, first, new RuleContext(signal, _model, journey), collector, out reason))
        {
            return SignalOutcome.RuleFailed;
        }

        for (var i = 0; i < collector.Count; i++)
        {
            ref readonly var item = ref collector.ItemAt(i);
            if (item.Kind == EvidenceKind.JourneyEffect)
            {
                effect = item.Effect;
                continue;
            }

            var task = item.TaskId is null ? -1 : TaskIndex(item.TaskId);
            if (task < 0)
            {
                reason = $"rule \"{rules[collector.RuleAt(i)].Id}\" gave evidence for task \"{item.TaskId}\", which model \"{_model.Name}\" does not have.";
                return SignalOutcome.RuleFailed;
            }

            if (item.Kind == EvidenceKind.Completion)
            {
                completed |= 1u << task;
                continue;
            }

            var weight = _parameters[task].WeightOf(item);
            if (!TaskSettings.InRange(weight))
            {
                reason = $"rule \"{rules[collector.RuleAt(i)].Id}\" gave task \"{item.TaskId}\" the weight {weight.ToString(CultureInfo.InvariantCulture)}; a weight must be finite, above 0 and at most {TaskSettings.MaxValue}.";
                return SignalOutcome.RuleFailed;
            }

            weights[task] += weight;
            weighted |= 1u << task;
        }

        if (recorder is not null)
        {
            for (var i = 0; i < collector.Count; i++)
            {
                ref readonly var item = ref collector.ItemAt(i);
                var weight = item.Kind != EvidenceKind.Weight ? 0
                    : _parameters[TaskIndex(item.TaskId!)].WeightOf(item);
                recorder.Evidence.Add(new EvidenceRecord(signal.Id, signal.Type, signal.OccurredAt, rules[collector.RuleAt(i)].Id, item.Kind, item.TaskId, weight, item.Effect, item.Reason));
            }
        }

        // 2. Decay: active tasks whose score fell below dormancy before this signal go dormant (or their revisit fizzles).
        var tasks = journey.Tasks;
        uint active = 0;
        uint done = 0;
        for (var i = 0; i < taskCount; i++)
        {
            ref var task = ref tasks[i];
            if (ticks >= task.FadesAtTicks && TaskLifecycle.IsActive(task.Phase))
            {
                var faded = TaskLifecycle.Fade(task);
                recorder?.Transitions.Add(Transition(i, task.Phase, faded.Phase, faded.SinceTicks, TransitionCause.Decay, null, "the score decayed below the dormancy threshold"));
                task = faded;
            }

            var phase = task.Phase;
            if (TaskLifecycle.IsActive(phase))
            {
                active |= 1u << i;
            }
            else if (phase == TaskPhase.Completed)
            {
                done |= 1u << i;
            }
        }

        // 3. A closed or stalled journey reopens on task evidence.
        if ((weighted | completed) != 0 && journey.Status is JourneyStatus.Stalled or JourneyStatus.Won or JourneyStatus.Lost)
        {
            journey.Status = JourneyStatus.Open;
            journey.StatusSinceTicks = ticks;
            journey.StatusSignalId = signal.Id;
        }

        // 4. Weight: activation, resumption, loop-back. A loop-back is a completed task reopened (Completed → Revisiting);
        //    in an ordered model also a task becoming active while a later stage was active or completed before this
        //    signal (a return to an earlier stage). Both use the phases after decay and before this signal's evidence.
        var ordered = _model.IsOrdered;
        for (var i = 0; i < taskCount; i++)
        {
            if ((weighted & (1u << i)) == 0)
            {
                continue;
            }

            var before = tasks[i];
            var after = TaskLifecycle.AddWeight(before, _parameters[i], ticks, weights[i], signal.Id);
            var later = i == 31 ? 0u : uint.MaxValue << (i + 1);
            var backToEarlierStage = ordered && after.Phase == TaskPhase.Active && before.Phase != TaskPhase.Active && ((active | done) & later) != 0;
            if (backToEarlierStage)
            {
                after = new TaskState(after.Phase, after.SinceTicks, after.Score, after.ScoredAtTicks, after.FadesAtTicks, after.LoopBackCount + 1, after.LastEvidenceSignalId);
            }

            tasks[i] = after;
            if (after.Phase != before.Phase)
            {
                if (recorder is not null)
                {
                    var why = WeightReason(before.Phase, after.Score);
                    recorder.Transitions.Add(Transition(i, before.Phase, after.Phase, ticks, TransitionCause.Evidence, signal.Id, backToEarlierStage ? why + "; a return to an earlier stage (loop-back)" : why));
                }

                if (after.Phase == TaskPhase.Revisiting || backToEarlierStage)
                {
                    var from = !ordered ? active & ~(1u << i)
                        : (active & later) != 0 ? active & later
                        : done & later;
                    var loopBack = new LoopBack(_model.Tasks[i].Id, new DateTimeOffset(ticks, TimeSpan.Zero), signal.Id, TaskIds(from));
                    journey.AddLoopBack(loopBack, _maxLoopBacks);
                    recorder?.LoopBacks.Add(loopBack);
                }
            }
        }

        // 5. Completion.
        for (var i = 0; i < taskCount; i++)
        {
            if ((completed & (1u << i)) == 0)
            {
                continue;
            }

            var before = tasks[i];
            tasks[i] = TaskLifecycle.Complete(before, ticks, signal.Id);
            if (before.Phase != TaskPhase.Completed)
            {
                recorder?.Transitions.Add(Transition(i, before.Phase, TaskPhase.Completed, ticks, TransitionCause.Completion, signal.Id, "completion evidence"));
            }
        }

        // 6. The buying group: the named stakeholder joins, changes role, leaves, and gets this signal's evidence.
        if (signal.Stakeholder is { } stakeholder && !isFeedback)
        {
            var person = journey.Group.Observe(
                stakeholder.Id,
                stakeholder.Role,
                replaceRoles: signal.TypeKey == SignalTypeKeys.StakeholderRoleChanged,
                leaves: signal.TypeKey == SignalTypeKeys.StakeholderLeft,
                ticks,
                signal.Id,
                weights,
                weighted,
                completed,
                _parameters,
                _maxStakeholders);

            // Someone in a risk role back in the group ends the risk.
            if (journey.Status == JourneyStatus.AtRisk && effect != JourneyEffect.AtRisk && journey.Group.IsPresent(person) && journey.Group.HoldsAny(person, _group.RiskRoles))
            {
                journey.Status = JourneyStatus.Open;
                journey.StatusSinceTicks = ticks;
                journey.StatusSignalId = signal.Id;
            }
        }

        // 7. At risk: the status changes; scores and phases stay.
        if (effect == JourneyEffect.AtRisk && journey.Status is JourneyStatus.Open or JourneyStatus.AtRisk)
        {
            if (journey.Status != JourneyStatus.AtRisk)
            {
                journey.Status = JourneyStatus.AtRisk;
                journey.StatusSinceTicks = ticks;
                journey.StatusSignalId = signal.Id;
            }
        }

        // 8. Stall, win, loss: every score drops to zero (the stakeholders' too); no task stays active.
        else if (effect is JourneyEffect.Stall or JourneyEffect.Won or JourneyEffect.Lost)
        {
            var status = effect switch
            {
                JourneyEffect.Stall => JourneyStatus.Stalled,
                JourneyEffect.Won => JourneyStatus.Won,
                _ => JourneyStatus.Lost,
            };
            journey.Group.Reset(ticks);
            if (journey.Status != status)
            {
                journey.Status = status;
                journey.StatusSinceTicks = ticks;
                journey.StatusSignalId = signal.Id;
            }

            for (var i = 0; i < taskCount; i++)
            {
                var before = tasks[i];
                tasks[i] = TaskLifecycle.Reset(before, ticks);
                if (tasks[i].Phase != before.Phase)
                {
                    recorder?.Transitions.Add(Transition(i, before.Phase, tasks[i].Phase, ticks, TransitionCause.JourneyEffect, signal.Id, $"the journey is {status}"));
                }
            }
        }

        if (feedbackCode is not null)
        {
            var kind = signal.Type switch
            {
                SignalTypes.ActionAccepted => FeedbackKind.Accepted,
                SignalTypes.ActionRejected => FeedbackKind.Rejected,
                _ => FeedbackKind.Done,
            };
            journey.AddFeedback(new ActionFeedback(feedbackCode, kind, ticks, signal.Id), _maxFeedback);
        }

        journey.SignalCount++;
        if (collector.Count + collector.Reserved == 0 && !isFeedback)
        {
            journey.UnrecognizedSignalCount++;
        }

        journey.LastSignalTicks = ticks;
        journey.LastSignalId = signal.Id;
        reason = null;
        return SignalOutcome.Applied;
    }

    /// <summary>
    /// Runs <paramref name="rules"/> from <paramref name="first"/> on; false, with the reason, when one throws. Kept out
    /// of <see cref="Step"/> so the step's own code has no exception handling to work around.
    /// </summary>
    private static bool RunRules(EvidenceRule[] rules, int first, RuleContext context, EvidenceCollector collector, out string? reason)
    {
        for (var i = first; i < rules.Length; i++)
        {
            collector.CurrentRule = i;
            try
            {
                rules[i].Evaluate(context, collector);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                reason = $"rule \"{rules[i].Id}\" threw {ex.GetType().Name}: {ex.Message}";
                return false;
            }
        }

        reason = null;
        return true;
    }

    /// <summary>The plan for the signal's type: an array index by its interned type key, built the first time a type is seen.</summary>
    private SignalPlan PlanFor(Signal signal)
    {
        var key = signal.TypeKey;
        var plans = _plansByKey;
        if ((uint)key < (uint)plans.Length && plans[key] is { } plan)
        {
            return plan;
        }

        plan = _plansByRules.GetOrAdd(_rules.For(signal.Type), _makePlan);
        if (key >= 0)
        {
            lock (_plansGate)
            {
                plans = _plansByKey;
                if (key >= plans.Length)
                {
                    Array.Resize(ref plans, Math.Max(key + 1, Math.Min(SignalTypeKeys.SharedCapacity, Math.Max(64, plans.Length * 2))));
                }

                plans[key] = plan;
                System.Threading.Volatile.Write(ref _plansByKey, plans);
            }
        }

        return plan;
    }

    /// <summary>The model index of a task id: rules usually pass the model's own id strings, so try references first.</summary>
    private int TaskIndex(string taskId)
    {
        var tasks = _model.Tasks;
        for (var i = 0; i < tasks.Length; i++)
        {
            if (ReferenceEquals(tasks[i].Id, taskId))
            {
                return i;
            }
        }

        return _model.IndexOf(taskId);
    }

    private static bool TryFeedbackCode(Signal signal, out string? code, out string? reason)
    {
        if (!signal.Attributes.TryGetValue(ActionFeedback.ActionAttribute, out code) || string.IsNullOrWhiteSpace(code) || code.Length > SellerAction.MaxCodeLength)
        {
            code = null;
            reason = $"feedback signal \"{signal.Id}\" ({signal.Type}) needs the attribute \"{ActionFeedback.ActionAttribute}\" holding the code of the action it is about (at most {SellerAction.MaxCodeLength} characters).";
            return false;
        }

        reason = null;
        return true;
    }

    /// <summary>The ids of the tasks in <paramref name="mask"/>, in model order (made once per mask and shared: loop-backs reuse them).</summary>
    public ImmutableArray<string> TaskIds(uint mask)
    {
        if (mask == 0)
        {
            return ImmutableArray<string>.Empty;
        }

        return _taskIdSets.GetOrAdd(mask, _makeTaskIds);
    }

    private ImmutableArray<string> MakeTaskIds(uint mask)
    {
        var builder = ImmutableArray.CreateBuilder<string>(System.Numerics.BitOperations.PopCount(mask));
        for (var i = 0; i < _model.Tasks.Length; i++)
        {
            if ((mask & (1u << i)) != 0)
            {
                builder.Add(_model.Tasks[i].Id);
            }
        }

        return builder.MoveToImmutable();
    }

    private static string WeightReason(TaskPhase before, double score) => before switch
    {
        TaskPhase.Completed => $"evidence after completion reached the reopen threshold (score {score.ToString("0.###", CultureInfo.InvariantCulture)})",
        TaskPhase.Dormant => $"evidence resumed the task (score {score.ToString("0.###", CultureInfo.InvariantCulture)})",
        _ => $"evidence reached the activation threshold (score {score.ToString("0.###", CultureInfo.InvariantCulture)})",
    };

    private TaskTransition Transition(int task, TaskPhase from, TaskPhase to, long ticks, TransitionCause cause, string? signalId, string reason)
        => new(_model.Tasks[task].Id, from, to, new DateTimeOffset(ticks, TimeSpan.Zero), cause, signalId, reason);
}
