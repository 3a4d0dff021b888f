using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Numerics;
using BuyingJourney.Evidence;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;
using BuyingJourney.Signals;

namespace BuyingJourney.Benchmarks;

/// <summary>
/// A hand-written ceiling of the whole fold of the benchmark stream, buying group included: the library's scoring
/// (weights per task, exponential decay, the activation, reopen and dormancy thresholds with the exact tick a task
/// fades, loop-backs, the journey status and the tick it changed) plus the buying group, folded in place into arrays with no library call on the hot path. The group is what the library keeps of it:
/// each stakeholder's id, roles (a role-change replaces them, at most 16 kept), when they joined, were last seen and
/// left, their signal count and their own decayed score, last evidence and approval per task; the engine's two group
/// rules (a newcomer after consensus tops consensus up to its reopen threshold; someone in a risk role leaving puts the
/// journey at risk and gives consensus the reopen threshold); a risk role named by a signal while in the group ends
/// at-risk; a stall, win or loss drops every stakeholder's scores to zero; a full group evicts the least recently seen,
/// preferring those who left.
/// </summary>
/// <remarks>
/// What each signal type does is read once from the engine through the public API (a probe of each type, with no stakeholder, traced with <see cref="JourneyEngine.Trace"/>); the group rules'
/// parameters from the engine's <see cref="Group.BuyingGroupDefinition"/> and model. Feedback signals
/// (<c>action.*</c>) are outside it and throw. <see cref="Verify"/> compares it with the library on every journey.
/// </remarks>
internal sealed partial class GroupScoringBaseline
{
    private const byte NotStarted = (byte)TaskPhase.NotStarted;
    private const byte Active = (byte)TaskPhase.Active;
    private const byte Dormant = (byte)TaskPhase.Dormant;
    private const byte Completed = (byte)TaskPhase.Completed;
    private const byte Revisiting = (byte)TaskPhase.Revisiting;
    private const long Never = long.MaxValue;
    private static readonly long MaxTicks = DateTime.MaxValue.Ticks;

    private readonly FrozenDictionary<string, TypeEffect> _types;
    private readonly double[] _activation;
    private readonly double[] _reopen;
    private readonly double[] _dormancy;
    private readonly double[] _halfLifeTicks;
    private readonly double[] _decayRate;
    private readonly int _consensus;
    private readonly double _riskWeight;
    private readonly string[] _riskRoles;
    private readonly int _maxStakeholders;
    private readonly string[] _taskIds;

    /// <summary>Reads the effect of each of the rulebook's signal types, the model's thresholds and the buying group's rules.</summary>
    /// <param name="engine">The engine whose rules, model and buying group the ceiling reproduces (an unordered model).</param>
    public GroupScoringBaseline(JourneyEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (engine.Model.IsOrdered)
        {
            throw new ArgumentException("The group ceiling reproduces unordered models only.", nameof(engine));
        }

        var model = engine.Model;
        TaskCount = model.Tasks.Length;
        _activation = new double[TaskCount];
        _reopen = new double[TaskCount];
        _dormancy = new double[TaskCount];
        _halfLifeTicks = new double[TaskCount];
        _decayRate = new double[TaskCount];
        _taskIds = new string[TaskCount];
        for (var i = 0; i < TaskCount; i++)
        {
            var settings = model.SettingsOf(model.Tasks[i].Id);
            _taskIds[i] = model.Tasks[i].Id;
            _activation[i] = settings.ActivationThreshold;
            _reopen[i] = settings.ReopenThreshold;
            _dormancy[i] = settings.DormancyThreshold;
            _halfLifeTicks[i] = settings.HalfLife.Ticks;
            _decayRate[i] = Math.Log(2) / settings.HalfLife.Ticks;
        }

        var options = engine.Options;
        var group = options.BuyingGroup;
        _maxStakeholders = options.MaxStakeholdersRetained;
        _consensus = group.ConsensusTaskId is { } consensus ? model.IndexOf(consensus) : -1;
        _riskWeight = _consensus >= 0 ? _reopen[_consensus] : 0;
        _riskRoles = [.. group.RiskRoles];

        var types = new Dictionary<string, TypeEffect>(StringComparer.Ordinal);
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var rule in engine.Rulebook.Rules)
        {
            foreach (var type in rule.AppliesTo)
            {
                if (types.ContainsKey(type))
                {
                    continue;
                }

                var weights = new double[TaskCount];
                uint weighted = 0;
                uint completes = 0;
                var effect = JourneyEffect.None;
                var trace = engine.Trace("probe", [new Signal("probe", "probe", at, type)]);
                foreach (var record in trace.Steps[0].Evidence)
                {
                    switch (record.Kind)
                    {
                        case EvidenceKind.JourneyEffect:
                            effect = record.Effect;
                            break;
                        case EvidenceKind.Completion:
                            completes |= 1u << model.IndexOf(record.TaskId!);
                            break;
                        default:
                            var task = model.IndexOf(record.TaskId!);
                            weights[task] += record.Weight;
                            weighted |= 1u << task;
                            break;
                    }
                }

                types[type] = new TypeEffect(weights, weighted, completes, effect, trace.Steps[0].Evidence.Length > 0, Kind(type));
            }
        }

        foreach (var type in (string[])[SignalTypes.StakeholderLeft, SignalTypes.StakeholderRoleChanged, SignalTypes.ActionAccepted, SignalTypes.ActionRejected, SignalTypes.ActionDone])
        {
            if (!types.ContainsKey(type))
            {
                types[type] = new TypeEffect(null, 0, 0, JourneyEffect.None, false, Kind(type));
            }
        }

        _types = types.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private enum GroupKind : byte
    {
        None,
        Leaves,
        ReplacesRoles,
        Feedback,
    }

    /// <summary>How many tasks each journey has.</summary>
    public int TaskCount { get; }

    /// <summary>A fresh journey.</summary>
    public Journey Start() => new(TaskCount);

    /// <summary>Folds one journey's signals into a fresh journey.</summary>
    /// <param name="signals">The journey's signals, in order.</param>
    public Journey Replay(Signal[] signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var journey = new Journey(TaskCount);
        foreach (var signal in signals)
        {
            Apply(journey, signal);
        }

        return journey;
    }

    /// <summary>Applies one signal to <paramref name="journey"/> in place; false for a duplicate or late signal.</summary>
    /// <exception cref="NotSupportedException">A feedback signal (<c>action.*</c>), which the ceiling does not reproduce.</exception>
    public bool Apply(Journey journey, Signal signal)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(signal);
        var ticks = signal.OccurredAt.UtcTicks;
        if (journey.LastSignalId is { } lastId
            && (ticks < journey.LastSignalTicks || (ticks == journey.LastSignalTicks && string.CompareOrdinal(signal.Id, lastId) <= 0)))
        {
            return false;
        }

        _types.TryGetValue(signal.Type, out var type);
        if (type.Kind == GroupKind.Feedback)
        {
            throw new NotSupportedException("Feedback signals are outside the group ceiling.");
        }

        var weighted = type.Weighted;
        var completes = type.Completes;
        var effect = type.Effect;
        var phases = journey.Phases;
        var scores = journey.Scores;
        var scoredAt = journey.ScoredAt;
        var fadesAt = journey.FadesAt;
        var since = journey.Since;

        // Decay up to this signal.
        uint active = 0;
        for (var i = 0; i < phases.Length; i++)
        {
            var phase = phases[i];
            if (phase is Active or Revisiting)
            {
                if (ticks >= fadesAt[i])
                {
                    phases[i] = phase == Revisiting ? Completed : Dormant;
                    since[i] = fadesAt[i];
                    fadesAt[i] = Never;
                }
                else
                {
                    active |= 1u << i;
                }
            }
        }

        // The buying group's rules, after the type's own evidence: they read the group before this signal.
        var consensus = _consensus;
        var consensusWeight = consensus >= 0 && (weighted & (1u << consensus)) != 0 ? type.Weights![consensus] : 0;
        var stakeholder = signal.Stakeholder;
        var person = -1;
        var ruleEvidence = false;
        if (stakeholder is not null)
        {
            person = journey.IndexOf(stakeholder.Id);
            if (person < 0 && consensus >= 0 && phases[consensus] == Completed)
            {
                var missing = _reopen[consensus] - consensusWeight;
                if (missing > 0)
                {
                    consensusWeight += missing;
                    weighted |= 1u << consensus;
                    ruleEvidence = true;
                }
            }

            if (type.Kind == GroupKind.Leaves && _riskRoles.Length != 0 && (person < 0 || journey.Members[person].Left == 0)
                && (IsRiskRole(stakeholder.Role) || (person >= 0 && journey.Members[person].HoldsRiskRole)))
            {
                effect = JourneyEffect.AtRisk;
                ruleEvidence = true;
                if (consensus >= 0)
                {
                    consensusWeight += _riskWeight;
                    weighted |= 1u << consensus;
                }
            }
        }

        // Weight: activation, resumption, reopening (a loop-back).
        for (var bits = weighted; bits != 0; bits &= bits - 1)
        {
            var i = BitOperations.TrailingZeroCount(bits);
            var score = scores[i];
            if (score != 0 && ticks > scoredAt[i])
            {
                score *= Math.Exp(-(ticks - scoredAt[i]) * _decayRate[i]);
            }

            score += i == consensus ? consensusWeight : type.Weights![i];
            var phase = phases[i];
            if (phase is NotStarted or Dormant && score >= _activation[i])
            {
                phases[i] = Active;
                since[i] = ticks;
            }
            else if (phase == Completed && score >= _reopen[i])
            {
                phases[i] = Revisiting;
                since[i] = ticks;
                journey.TaskLoopBacks[i]++;
                journey.LoopBackCount++;
                journey.LastLoopBackFrom = active & ~(1u << i);
            }

            scores[i] = score;
            scoredAt[i] = ticks;
            fadesAt[i] = phases[i] is Active or Revisiting ? FadesAt(score, ticks, i) : Never;
        }

        // Completion.
        for (var bits = completes; bits != 0; bits &= bits - 1)
        {
            var i = BitOperations.TrailingZeroCount(bits);
            if (phases[i] != Completed)
            {
                since[i] = ticks;
            }

            phases[i] = Completed;
            scores[i] = 0;
            scoredAt[i] = ticks;
            fadesAt[i] = Never;
        }

        var resets = effect is JourneyEffect.Stall or JourneyEffect.Won or JourneyEffect.Lost;
        if (resets)
        {
            for (var i = 0; i < phases.Length; i++)
            {
                var phase = phases[i];
                if (phase is Active or Revisiting)
                {
                    phases[i] = phase == Revisiting ? Completed : Dormant;
                    since[i] = ticks;
                }

                scores[i] = 0;
                scoredAt[i] = ticks;
                fadesAt[i] = Never;
            }
        }

        // The buying group: the stakeholder joins, changes roles or leaves, and gets the evidence on their own scores.
        var riskRoleInGroup = false;
        if (stakeholder is not null)
        {
            person = Observe(journey, person, stakeholder, type, ticks, signal.Id, weighted, completes, consensusWeight);
            ref readonly var member = ref journey.Members[person];
            riskRoleInGroup = member.Left == 0 && member.HoldsRiskRole;
        }

        if (resets)
        {
            journey.ResetGroupScores(ticks);
        }

        // Journey status: task evidence, a risk role back in the group, the effect; the since-tick moves with any change.
        var status = journey.Status;
        var changed = false;
        if ((weighted | completes) != 0 && status is JourneyStatus.Stalled or JourneyStatus.Won or JourneyStatus.Lost)
        {
            status = JourneyStatus.Open;
            changed = true;
        }

        if (riskRoleInGroup && effect != JourneyEffect.AtRisk && status == JourneyStatus.AtRisk)
        {
            status = JourneyStatus.Open;
            changed = true;
        }

        var next = effect switch
        {
            JourneyEffect.AtRisk => status == JourneyStatus.Open ? JourneyStatus.AtRisk : status,
            JourneyEffect.Stall => JourneyStatus.Stalled,
            JourneyEffect.Won => JourneyStatus.Won,
            JourneyEffect.Lost => JourneyStatus.Lost,
            _ => status,
        };
        if (next != status || changed)
        {
            journey.Status = next;
            journey.StatusSinceTicks = ticks;
        }

        journey.SignalCount++;
        if (!type.Recognized && !ruleEvidence)
        {
            journey.Unrecognized++;
        }

        journey.LastSignalTicks = ticks;
        journey.LastSignalId = signal.Id;
        return true;
    }

    private static GroupKind Kind(string type) => type switch
    {
        SignalTypes.StakeholderLeft => GroupKind.Leaves,
        SignalTypes.StakeholderRoleChanged => GroupKind.ReplacesRoles,
        SignalTypes.ActionAccepted or SignalTypes.ActionRejected or SignalTypes.ActionDone => GroupKind.Feedback,
        _ => GroupKind.None,
    };

    private bool IsRiskRole(string? role)
    {
        if (role is null)
        {
            return false;
        }

        foreach (var risk in _riskRoles)
        {
            if (string.Equals(role, risk, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The group step for the stakeholder <paramref name="stakeholder"/> (at <paramref name="person"/>, or -1 when new); returns their index.</summary>
    private int Observe(Journey journey, int person, Stakeholder stakeholder, in TypeEffect type, long ticks, string signalId, uint weighted, uint completes, double consensusWeight)
    {
        if (person < 0)
        {
            person = journey.Join(stakeholder.Id, ticks, _maxStakeholders);
        }

        ref var member = ref journey.Members[person];
        var rolesChanged = false;
        if (type.Kind == GroupKind.ReplacesRoles)
        {
            rolesChanged = member.RoleCount != 0;
            member.RoleCount = 0;
        }

        if (stakeholder.Role is { } role && !member.HasRole(role))
        {
            member.AddRole(role);
            rolesChanged = true;
        }

        if (rolesChanged)
        {
            var holds = false;
            foreach (var risk in _riskRoles)
            {
                holds |= member.HasRole(risk);
            }

            member.HoldsRiskRole = holds;
        }

        member.LastSeen = ticks;
        member.LastSignalId = signalId;
        member.Left = type.Kind == GroupKind.Leaves ? ticks : 0;
        member.SignalCount++;
        var tasks = journey.MemberTasks.AsSpan(person * TaskCount, TaskCount);
        for (var bits = weighted | completes; bits != 0; bits &= bits - 1)
        {
            var i = BitOperations.TrailingZeroCount(bits);
            var bit = 1u << i;
            ref var task = ref tasks[i];
            if ((weighted & bit) != 0)
            {
                var score = task.Score;
                if (score != 0 && ticks > task.ScoredAt)
                {
                    score *= Math.Exp(-(ticks - task.ScoredAt) * _decayRate[i]);
                }

                task.Score = score + (i == _consensus ? consensusWeight : type.Weights![i]);
                task.ScoredAt = ticks;
                task.LastEvidence = ticks;
                task.LastEvidenceId = signalId;
            }

            if ((completes & bit) != 0)
            {
                task.Score = 0;
                task.ScoredAt = ticks;
                task.Approved = ticks;
                task.ApprovedId = signalId;
            }
        }

        return person;
    }

    private long FadesAt(double score, long ticks, int task)
    {
        if (score <= _dormancy[task])
        {
            return ticks;
        }

        var delta = Math.Ceiling(Math.Log2(score / _dormancy[task]) * _halfLifeTicks[task]);
        return delta >= MaxTicks - ticks ? MaxTicks : ticks + (long)delta;
    }

    private readonly record struct TypeEffect(double[]? Weights, uint Weighted, uint Completes, JourneyEffect Effect, bool Recognized, GroupKind Kind);
}
