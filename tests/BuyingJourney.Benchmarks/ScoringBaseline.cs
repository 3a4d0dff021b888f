using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Globalization;
using BuyingJourney.Evidence;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;
using BuyingJourney.Signals;

namespace BuyingJourney.Benchmarks;

/// <summary>
/// A hand-written ceiling with the scoring: the library's task lifecycle (weights, exponential decay, the activation,
/// reopen and dormancy thresholds, the exact tick a task fades, loop-backs) and journey status (stall, win, loss, at
/// risk, reopening), folded in place into arrays, with no library call on the hot path. Not the buying group: signals
/// that name a stakeholder are outside what it reproduces, so it is compared with the library on the stream's signals
/// with the stakeholder removed.
/// </summary>
/// <remarks>
/// What each signal type does is read once from the engine through the public API (a probe signal of each type traced
/// with <see cref="JourneyEngine.Trace"/>: its weight per task, the tasks it completes, its journey effect), and the
/// thresholds from the model's task settings. <see cref="Verify"/> compares its results with the library's on every
/// journey and throws on the first difference, so the ceiling cannot drift from the semantics it stands for.
/// </remarks>
internal sealed class ScoringBaseline
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

    /// <summary>Reads the effect of each of the rulebook's signal types and the model's thresholds.</summary>
    /// <param name="engine">The engine whose rules and model the ceiling reproduces (an unordered model).</param>
    public ScoringBaseline(JourneyEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (engine.Model.IsOrdered)
        {
            throw new ArgumentException("The scoring ceiling reproduces unordered models only.", nameof(engine));
        }

        TaskCount = engine.Model.Tasks.Length;
        _activation = new double[TaskCount];
        _reopen = new double[TaskCount];
        _dormancy = new double[TaskCount];
        _halfLifeTicks = new double[TaskCount];
        _decayRate = new double[TaskCount];
        for (var i = 0; i < TaskCount; i++)
        {
            var settings = engine.Model.SettingsOf(engine.Model.Tasks[i].Id);
            _activation[i] = settings.ActivationThreshold;
            _reopen[i] = settings.ReopenThreshold;
            _dormancy[i] = settings.DormancyThreshold;
            _halfLifeTicks[i] = settings.HalfLife.Ticks;
            _decayRate[i] = Math.Log(2) / settings.HalfLife.Ticks;
        }

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
                            completes |= 1u << engine.Model.IndexOf(record.TaskId!);
                            break;
                        default:
                            var task = engine.Model.IndexOf(record.TaskId!);
                            weights[task] += record.Weight;
                            weighted |= 1u << task;
                            break;
                    }
                }

                types[type] = new TypeEffect(weights, weighted, completes, effect, trace.Steps[0].Evidence.Length > 0);
            }
        }

        _types = types.ToFrozenDictionary(StringComparer.Ordinal);
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
        var weighted = type.Weighted;
        var completes = type.Completes;
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

        if ((weighted | completes) != 0 && journey.Status is JourneyStatus.Stalled or JourneyStatus.Won or JourneyStatus.Lost)
        {
            journey.Status = JourneyStatus.Open;
        }

        // Weight: activation, resumption, reopening (a loop-back).
        for (var i = 0; weighted != 0 && i < phases.Length; i++)
        {
            if ((weighted & (1u << i)) == 0)
            {
                continue;
            }

            var score = scores[i];
            if (score != 0 && ticks > scoredAt[i])
            {
                score *= Math.Exp(-(ticks - scoredAt[i]) * _decayRate[i]);
            }

            score += type.Weights![i];
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
        for (var i = 0; completes != 0 && i < phases.Length; i++)
        {
            if ((completes & (1u << i)) != 0)
            {
                if (phases[i] != Completed)
                {
                    since[i] = ticks;
                }

                phases[i] = Completed;
                scores[i] = 0;
                scoredAt[i] = ticks;
                fadesAt[i] = Never;
            }
        }

        switch (type.Effect)
        {
            case JourneyEffect.AtRisk when journey.Status is JourneyStatus.Open or JourneyStatus.AtRisk:
                journey.Status = JourneyStatus.AtRisk;
                break;
            case JourneyEffect.Stall or JourneyEffect.Won or JourneyEffect.Lost:
                journey.Status = type.Effect switch
                {
                    JourneyEffect.Stall => JourneyStatus.Stalled,
                    JourneyEffect.Won => JourneyStatus.Won,
                    _ => JourneyStatus.Lost,
                };
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

                break;
        }

        journey.SignalCount++;
        if (!type.Recognized)
        {
            journey.Unrecognized++;
        }

        journey.LastSignalTicks = ticks;
        journey.LastSignalId = signal.Id;
        return true;
    }

    /// <summary>Throws, naming the journey and the field, when the ceiling's result differs from the library's state.</summary>
    /// <param name="journeyId">The journey, for the message.</param>
    /// <param name="ceiling">The ceiling's result.</param>
    /// <param name="library">The library's state for the same signals.</param>
    public static void Verify(string journeyId, Journey ceiling, JourneyState library)
    {
        ArgumentNullException.ThrowIfNull(ceiling);
        ArgumentNullException.ThrowIfNull(library);
        void Check<T>(string what, T expected, T actual)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, actual))
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The scoring ceiling differs from the library on journey \"{journeyId}\": {what} is {actual}, the library's {expected}."));
            }
        }

        Check("the status", library.Status, ceiling.Status);
        Check("the loop-back count", library.LoopBackCount, ceiling.LoopBackCount);
        Check("the signal count", library.SignalCount, ceiling.SignalCount);
        Check("the unrecognized count", library.UnrecognizedSignalCount, ceiling.Unrecognized);
        for (var i = 0; i < ceiling.Phases.Length; i++)
        {
            var task = library.Tasks[i];
            Check($"task {i}'s phase", task.Phase, (TaskPhase)ceiling.Phases[i]);
            Check($"task {i}'s score", task.Score, ceiling.Scores[i]);
            Check($"task {i}'s scoring time", task.ScoredAt?.UtcTicks ?? 0, ceiling.ScoredAt[i]);
            Check($"task {i}'s phase start", task.Since?.UtcTicks ?? 0, ceiling.Since[i]);
            Check($"task {i}'s loop-backs", task.LoopBackCount, ceiling.TaskLoopBacks[i]);
        }
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

    /// <summary>One journey of the ceiling: task fields in arrays, changed in place.</summary>
    internal sealed class Journey
    {
        internal Journey(int tasks)
        {
            Phases = new byte[tasks];
            Scores = new double[tasks];
            ScoredAt = new long[tasks];
            FadesAt = new long[tasks];
            Since = new long[tasks];
            TaskLoopBacks = new int[tasks];
            Array.Fill(FadesAt, Never);
        }

        /// <summary>Each task's <see cref="TaskPhase"/>.</summary>
        public byte[] Phases { get; }

        /// <summary>Each task's score at <see cref="ScoredAt"/>.</summary>
        public double[] Scores { get; }

        /// <summary>When each score was last set (UTC ticks, 0 before).</summary>
        public long[] ScoredAt { get; }

        /// <summary>The tick at which each active task fades.</summary>
        public long[] FadesAt { get; }

        /// <summary>When each task entered its phase (UTC ticks, 0 before).</summary>
        public long[] Since { get; }

        /// <summary>Each task's loop-backs.</summary>
        public int[] TaskLoopBacks { get; }

        /// <summary>The journey's status.</summary>
        public JourneyStatus Status { get; internal set; }

        /// <summary>The journey's loop-backs.</summary>
        public int LoopBackCount { get; internal set; }

        /// <summary>The tasks active when the last loop-back happened (a bit per task).</summary>
        public uint LastLoopBackFrom { get; internal set; }

        /// <summary>Signals applied.</summary>
        public int SignalCount { get; internal set; }

        /// <summary>Signals that gave no evidence.</summary>
        public int Unrecognized { get; internal set; }

        /// <summary>The last signal's UTC ticks.</summary>
        public long LastSignalTicks { get; internal set; }

        /// <summary>The last signal's id.</summary>
        public string? LastSignalId { get; internal set; }

        /// <summary>A checksum of the phases and loop-backs.</summary>
        public long Checksum()
        {
            long sum = LoopBackCount + ((long)Status << 40);
            for (var t = 0; t < Phases.Length; t++)
            {
                sum += (long)Phases[t] << (3 * t);
            }

            return sum;
        }
    }

    private readonly record struct TypeEffect(double[]? Weights, uint Weighted, uint Completes, JourneyEffect Effect, bool Recognized);
}
