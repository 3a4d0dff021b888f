using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BuyingJourney.Advice;
using BuyingJourney.Assessment;
using BuyingJourney.Evidence;
using BuyingJourney.Group;
using BuyingJourney.Internal;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Playbooks;
using BuyingJourney.Rules;
using BuyingJourney.Signals;

namespace BuyingJourney;

/// <summary>
/// The engine: a pure function of its definitions (model, rulebook, playbook) and a journey's signals. Folds
/// signals into a <see cref="JourneyState"/>, assesses it as of a time, and advises the seller.
/// </summary>
/// <remarks>
/// Build one with <see cref="JourneyEngineBuilder"/> (or <see cref="CreateDefault"/>, or DI) and share it: it is
/// immutable and thread-safe. Journeys are ordered by (<see cref="Signal.OccurredAt"/>, then <see cref="Signal.Id"/>
/// ordinal); <see cref="Apply"/> only accepts a signal after the last applied one, <see cref="Replay(string, IEnumerable{Signal})"/> sorts and
/// drops repeated ids, and both give equal states for the same signals when their ids are distinct.
/// </remarks>
public sealed class JourneyEngine
{
    [ThreadStatic]
    private static EvidenceCollector? t_collector;

    private readonly JourneyFold _fold;
    private readonly TimeProvider _timeProvider;
    private readonly JourneyEngineOptions _options;
    private readonly JourneyAssessor _assessor;
    private readonly AdvicePipeline _advice;

    internal JourneyEngine(BuyingModel model, Rulebook rulebook, IPlaybook playbook, ImmutableArray<IPlaybook> additionalPlaybooks, IActionRanker ranker, TimeProvider timeProvider, JourneyEngineOptions options)
    {
        Model = model;
        Rulebook = rulebook;
        Playbook = playbook;
        AdditionalPlaybooks = additionalPlaybooks;
        Ranker = ranker;
        _options = options;
        _timeProvider = timeProvider;
        _fold = new JourneyFold(model, new CompiledRulebook(rulebook, model, BuyingGroupRules.For(options.BuyingGroup, model)), options);
        _assessor = new JourneyAssessor(new AssessmentPlan(model, options, _fold.ParametersAt), rulebook.Name, rulebook.Version);
        _advice = new AdvicePipeline(playbook, additionalPlaybooks, ranker, options.MaxNextBestActions);
        FoldFingerprint = Journeys.FoldFingerprint.For(model, options);
    }

    /// <summary>The buying model.</summary>
    public BuyingModel Model { get; }

    /// <summary>The rulebook (the base rulebook plus any rules added to the builder).</summary>
    public Rulebook Rulebook { get; }

    /// <summary>The playbook.</summary>
    public IPlaybook Playbook { get; }

    /// <summary>Playbooks whose actions are added to <see cref="Playbook"/>'s, in order.</summary>
    public ImmutableArray<IPlaybook> AdditionalPlaybooks { get; }

    /// <summary>The ranking policy of the next best actions.</summary>
    public IActionRanker Ranker { get; }

    /// <summary>What besides the rulebook decides this engine's states (see <see cref="Journeys.FoldFingerprint"/>); snapshots record it.</summary>
    internal string FoldFingerprint { get; }

    /// <summary>A copy of the options the engine was built with.</summary>
    public JourneyEngineOptions Options => _options.Validated();

    /// <summary>An engine with the defaults: Gartner's model, rulebook and playbook, and the system clock (or <paramref name="timeProvider"/>).</summary>
    public static JourneyEngine CreateDefault(TimeProvider? timeProvider = null)
    {
        var builder = new JourneyEngineBuilder();
        if (timeProvider is not null)
        {
            builder.UseTimeProvider(timeProvider);
        }

        return builder.Build();
    }

    /// <summary>The state of a journey with no signals yet.</summary>
    /// <exception cref="ArgumentException">A blank or too long id.</exception>
    public JourneyState Start(string journeyId)
    {
        Guard.Text(journeyId, nameof(journeyId), Signal.MaxIdLength);
        return JourneyAccumulator.Start(journeyId, Model).Complete();
    }

    /// <summary>
    /// Folds one signal into a journey. Accepts only a signal that sorts after the journey's last one; a repeat
    /// of the last id comes back as <see cref="SignalOutcome.Duplicate"/>, an earlier one as
    /// <see cref="SignalOutcome.Late"/> (rebuild with <see cref="Replay(string, IEnumerable{Signal})"/>), a failing rule as
    /// <see cref="SignalOutcome.RuleFailed"/>; in all three the state is returned unchanged.
    /// </summary>
    /// <remarks>
    /// To stay small, a state remembers only its last signal's id, not every id. A signal that reuses an older id
    /// with a later time therefore looks new to <see cref="Apply"/>, while <see cref="Replay(string, IEnumerable{Signal})"/> keeps only the first
    /// copy. Ids must be unique within a journey; where delivery may repeat them, check ids against the stored
    /// signals before applying, or rebuild with <see cref="Replay(string, IEnumerable{Signal})"/>.
    /// </remarks>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentException">The signal belongs to another journey, or the state was built with another model.</exception>
    public ApplyResult Apply(JourneyState state, Signal signal)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(signal);
        CheckState(state);
        CheckJourney(state.JourneyId, signal, nameof(signal));

        var journey = JourneyAccumulator.From(state, Model);
        var collector = RentCollector();
        var recorder = collector.Recorder ??= new StepRecorder(); // per thread, like the collector; emptied after each use
        try
        {
            var outcome = _fold.Step(journey, signal, collector, recorder, out var reason);
            if (outcome != SignalOutcome.Applied)
            {
                return new ApplyResult(state, outcome, reason, [], [], []);
            }

            var (evidence, transitions, loopBacks) = recorder.Take();
            return new ApplyResult(journey.Complete(), outcome, null, evidence, transitions, loopBacks);
        }
        finally
        {
            recorder.Clear();
            ReturnCollector(collector);
        }
    }

    /// <summary>
    /// Rebuilds a journey from its signals: sorts them into journey order, keeps the first of each id, and folds.
    /// Signals a rule refuses are skipped, exactly as <see cref="Apply"/> would refuse them (their ids still count
    /// as seen, so a later copy of a refused id is dropped too). The input may be in any order and hold repeats.
    /// </summary>
    /// <exception cref="ArgumentNullException">A null argument or signal.</exception>
    /// <exception cref="ArgumentException">A signal of another journey.</exception>
    public JourneyState Replay(string journeyId, IEnumerable<Signal> signals)
    {
        return ReplayCore(JourneyAccumulator.Start(journeyId, Model), journeyId, signals, null);
    }

    /// <summary>
    /// Continues a journey from a state (a snapshot) with more signals, as in-order <see cref="Apply"/> calls would:
    /// sorts them into journey order, keeps the first of each id, and skips those that do not sort after the
    /// state's last signal (<see cref="Apply"/> would refuse them as duplicates or late).
    /// </summary>
    /// <exception cref="ArgumentNullException">A null argument or signal.</exception>
    /// <exception cref="ArgumentException">A signal of another journey, or a state built with another model.</exception>
    public JourneyState ReplayFrom(JourneyState state, IEnumerable<Signal> signals)
    {
        ArgumentNullException.ThrowIfNull(state);
        CheckState(state);
        return ReplayCore(JourneyAccumulator.From(state, Model), state.JourneyId, signals, null);
    }

    /// <summary>Replay from <paramref name="state"/> (null: from the start) that also reports, by signal id, the signals a rule refused.</summary>
    internal JourneyState Replay(string journeyId, JourneyState? state, IEnumerable<Signal> signals, Dictionary<string, string> failures)
    {
        if (state is not null)
        {
            CheckState(state);
        }

        var journey = state is null ? JourneyAccumulator.Start(journeyId, Model) : JourneyAccumulator.From(state, Model);
        return ReplayCore(journey, journeyId, signals, failures);
    }

    /// <summary>
    /// The replay loop. Allocation-free per signal in steady state: the sorted copy of the input and the set of
    /// seen ids are per-thread buffers reused from one replay to the next; only the final state is allocated
    /// (plus whatever the journey itself adds: loop-backs, stakeholders, feedback).
    /// </summary>
    private JourneyState ReplayCore(JourneyAccumulator journey, string journeyId, IEnumerable<Signal> signals, Dictionary<string, string>? failures)
    {
        var buffers = ReplayBuffers.Rent();
        var collector = RentCollector();
        try
        {
            var sorted = InOrder(journeyId, signals, ref buffers.Signals);
            buffers.Used = sorted.Length;
            var seen = buffers.Seen;
            for (var i = 0; i < sorted.Length; i++)
            {
                var signal = sorted[i];
                if (!seen.Add(signal.Id))
                {
                    continue;
                }

                if (_fold.Step(journey, signal, collector, null, out var reason) == SignalOutcome.RuleFailed && failures is not null)
                {
                    failures[signal.Id] = reason!;
                }
            }
        }
        finally
        {
            ReturnCollector(collector);
            ReplayBuffers.Return(buffers);
        }

        return journey.Complete();
    }

    /// <summary>
    /// <paramref name="signals"/> checked and in journey order. An array or list already in order is read where it is
    /// (no copy); anything else is copied into <paramref name="buffer"/> (grown as needed) and sorted there.
    /// </summary>
    private static ReadOnlySpan<Signal> InOrder(string journeyId, IEnumerable<Signal> signals, ref Signal[] buffer, string parameter = "signals")
    {
        Guard.Text(journeyId, nameof(journeyId), Signal.MaxIdLength);
        ReadOnlySpan<Signal> span;
        switch (signals)
        {
            case null:
                throw new ArgumentNullException(parameter);
            case Signal[] array:
                span = array;
                break;
            case List<Signal> list:
                span = CollectionsMarshal.AsSpan(list);
                break;
            default:
                var count = CopyInto(signals, ref buffer); // may replace the buffer: take the span after
                span = buffer.AsSpan(0, count);
                break;
        }

        if (Check(journeyId, span, parameter, buffer))
        {
            return span;
        }

        if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(span), ref MemoryMarshal.GetArrayDataReference(buffer)))
        {
            if (buffer.Length < span.Length)
            {
                buffer = new Signal[Math.Max(span.Length, buffer.Length * 2)];
            }

            span.CopyTo(buffer);
        }

        Array.Sort(buffer, 0, span.Length, SignalOrder.Instance);
        return buffer.AsSpan(0, span.Length);
    }

    private static int CopyInto(IEnumerable<Signal> signals, ref Signal[] buffer)
    {
        var count = 0;
        if (signals is IReadOnlyList<Signal> list)
        {
            if (buffer.Length < list.Count)
            {
                buffer = new Signal[Math.Max(list.Count, buffer.Length * 2)];
            }

            for (var i = 0; i < list.Count; i++)
            {
                buffer[count++] = list[i];
            }

            return count;
        }

        foreach (var signal in signals)
        {
            if (count == buffer.Length)
            {
                Array.Resize(ref buffer, Math.Max(16, buffer.Length * 2));
            }

            buffer[count++] = signal;
        }

        return count;
    }

    /// <summary>
    /// Throws, naming <paramref name="parameter"/>, on a null signal or one of another journey (clearing
    /// <paramref name="buffer"/> first, so a pooled buffer keeps no references); returns true when the signals are in journey order.
    /// </summary>
    private static bool Check(string journeyId, ReadOnlySpan<Signal> signals, string parameter, Signal[] buffer)
    {
        var ordered = true;
        for (var i = 0; i < signals.Length; i++)
        {
            var signal = signals[i];
            if (signal is null)
            {
                Array.Clear(buffer);
                throw new ArgumentException($"{parameter}[{i}] is null.", parameter);
            }

            if (!string.Equals(signal.JourneyId, journeyId, StringComparison.Ordinal))
            {
                Array.Clear(buffer);
                CheckJourney(journeyId, signal, parameter);
            }

            if (ordered && i > 0 && SignalOrder.Instance.Compare(signals[i - 1], signal) > 0)
            {
                ordered = false;
            }
        }

        return ordered;
    }

    /// <summary>
    /// Replays with tracing on: every signal in journey order with the evidence, transitions and loop-backs it
    /// caused, and the state after it. Slower than <see cref="Replay(string, IEnumerable{Signal})"/>; use it to explain.
    /// </summary>
    /// <exception cref="ArgumentNullException">A null argument or signal.</exception>
    /// <exception cref="ArgumentException">A signal of another journey.</exception>
    public JourneyTrace Trace(string journeyId, IEnumerable<Signal> signals)
        => Trace(journeyId, Sorted(journeyId, signals), null);

    /// <summary>
    /// What-if: the journey assessed as of <paramref name="asOf"/> from its signals, and again as if the
    /// <paramref name="hypothetical"/> signals had also happened (an action done, a stakeholder met), so a seller sees
    /// what an action would change. Pure: nothing is stored, the inputs are not changed.
    /// </summary>
    /// <returns>The difference: <see cref="JourneyDiff.Before"/> is the journey as it is, <see cref="JourneyDiff.After"/> as it would be.</returns>
    /// <exception cref="ArgumentNullException">A null argument or signal.</exception>
    /// <exception cref="ArgumentException">A signal of another journey, or a hypothetical signal that reuses the id of a real one.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hypothetical signal occurs after <paramref name="asOf"/>.</exception>
    public JourneyDiff WhatIf(string journeyId, IEnumerable<Signal> signals, IEnumerable<Signal> hypothetical, DateTimeOffset asOf)
    {
        var actual = Sorted(journeyId, signals);
        var extra = Sorted(journeyId, hypothetical, nameof(hypothetical));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var signal in actual)
        {
            ids.Add(signal.Id);
        }

        foreach (var signal in extra)
        {
            if (ids.Contains(signal.Id))
            {
                throw new ArgumentException($"hypothetical signal \"{signal.Id}\" reuses the id of a signal of journey \"{journeyId}\"; give hypothetical signals ids of their own.", nameof(hypothetical));
            }

            if (signal.OccurredAt > asOf)
            {
                throw new ArgumentOutOfRangeException(nameof(asOf), asOf, $"hypothetical signal \"{signal.Id}\" occurs at {signal.OccurredAt:O}, after asOf {asOf:O}; assess as of a time after every hypothetical signal.");
            }
        }

        var before = Assess(journeyId, actual, asOf);
        var after = Assess(journeyId, [.. actual, .. extra], asOf);
        return JourneyDiff.Compare(before, after);
    }

    /// <summary>Assesses a journey as of now (the engine's <see cref="TimeProvider"/>), or as of its last signal if that is later (clock skew).</summary>
    /// <exception cref="ArgumentNullException">A null state.</exception>
    /// <exception cref="ArgumentException">The state was built with another model.</exception>
    public JourneyAssessment Assess(JourneyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var now = _timeProvider.GetUtcNow();
        if (state.LastSignalAt is { } last && last > now)
        {
            now = last;
        }

        return Assess(state, now);
    }

    /// <summary>
    /// Assesses a journey as of <paramref name="asOf"/>: every task's phase (decay applied), score, time in phase
    /// and loop-backs, and the advice. The state keeps no explanation trail, so each task's evidence list is empty;
    /// use <see cref="Assess(string, IEnumerable{Signal}, DateTimeOffset)"/> for the evidence.
    /// </summary>
    /// <exception cref="ArgumentNullException">A null state.</exception>
    /// <exception cref="ArgumentException">The state was built with another model.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="asOf"/> is before the journey's last signal (to look at the past, assess from the signals).</exception>
    public JourneyAssessment Assess(JourneyState state, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(state);
        CheckState(state);
        return Assess(state, asOf, null);
    }

    /// <summary>
    /// Time travel with explanations: replays the signals that occurred at or before <paramref name="asOf"/> with
    /// tracing on and assesses the journey as of then, each task's evidence filled (largest contribution first).
    /// </summary>
    /// <exception cref="ArgumentNullException">A null argument or signal.</exception>
    /// <exception cref="ArgumentException">A signal of another journey.</exception>
    public JourneyAssessment Assess(string journeyId, IEnumerable<Signal> signals, DateTimeOffset asOf)
    {
        var sorted = Sorted(journeyId, signals);
        var cut = sorted.Length;
        while (cut > 0 && sorted[cut - 1].OccurredAt > asOf)
        {
            cut--;
        }

        var evidence = new List<EvidenceRecord>[Model.Tasks.Length];
        for (var i = 0; i < evidence.Length; i++)
        {
            evidence[i] = [];
        }

        var trace = Trace(journeyId, sorted.AsSpan(0, cut).ToArray(), evidence);
        return Assess(trace.State, asOf, evidence);
    }

    private JourneyAssessment Assess(JourneyState state, DateTimeOffset asOf, List<EvidenceRecord>[]? evidence)
        => _advice.Advise(_assessor.Assess(state, asOf, evidence));

    private JourneyTrace Trace(string journeyId, Signal[] sorted, List<EvidenceRecord>[]? evidence)
    {
        var journey = JourneyAccumulator.Start(journeyId, Model);
        var steps = ImmutableArray.CreateBuilder<TraceStep>(sorted.Length);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var recorder = new StepRecorder();
        var collector = RentCollector();
        try
        {
            foreach (var signal in sorted)
            {
                recorder.Clear();
                SignalOutcome outcome;
                string? reason;
                if (seen.Add(signal.Id))
                {
                    outcome = _fold.Step(journey, signal, collector, recorder, out reason);
                }
                else
                {
                    outcome = SignalOutcome.Duplicate;
                    reason = $"signal \"{signal.Id}\" appears earlier in the journey; this copy is ignored.";
                }

                if (outcome == SignalOutcome.Applied && evidence is not null)
                {
                    Attribute(evidence, recorder);
                }

                var (records, transitions, loopBacks) = outcome == SignalOutcome.Applied ? recorder.Take() : ([], [], []);
                steps.Add(new TraceStep(signal, outcome, reason, records, transitions, loopBacks, journey.Snapshot()));
            }
        }
        finally
        {
            ReturnCollector(collector);
        }

        return new JourneyTrace(journeyId, journey.Complete(), steps.MoveToImmutable());
    }

    /// <summary>Keeps, per task, the evidence since its score was last reset (by completion or a journey effect).</summary>
    private void Attribute(List<EvidenceRecord>[] evidence, StepRecorder recorder)
    {
        foreach (var record in recorder.Evidence)
        {
            if (record.Kind == EvidenceKind.Weight)
            {
                evidence[Model.IndexOf(record.TaskId!)].Add(record);
            }
        }

        foreach (var record in recorder.Evidence)
        {
            if (record.Kind == EvidenceKind.Completion)
            {
                var list = evidence[Model.IndexOf(record.TaskId!)];
                list.Clear();
                list.Add(record);
            }
        }

        foreach (var record in recorder.Evidence)
        {
            if (record.Kind == EvidenceKind.JourneyEffect && record.Effect is JourneyEffect.Stall or JourneyEffect.Won or JourneyEffect.Lost)
            {
                foreach (var list in evidence)
                {
                    list.RemoveAll(static r => r.Kind == EvidenceKind.Weight);
                }
            }
        }
    }

    /// <summary>A checked copy of <paramref name="signals"/> in journey order; errors name <paramref name="parameter"/>.</summary>
    private static Signal[] Sorted(string journeyId, IEnumerable<Signal> signals, string parameter = "signals")
    {
        Signal[] buffer = [];
        return InOrder(journeyId, signals, ref buffer, parameter).ToArray();
    }

    private void CheckState(JourneyState state)
    {
        if (!string.Equals(state.ModelName, Model.Name, StringComparison.Ordinal) || state.Tasks.Length != Model.Tasks.Length)
        {
            throw new ArgumentException(
                $"journey \"{state.JourneyId}\" was built with model \"{state.ModelName}\" ({state.Tasks.Length} tasks); this engine uses model \"{Model.Name}\" ({Model.Tasks.Length} tasks).",
                nameof(state));
        }
    }

    private static void CheckJourney(string journeyId, Signal signal, string parameter)
    {
        if (!string.Equals(signal.JourneyId, journeyId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"signal \"{signal.Id}\" belongs to journey \"{signal.JourneyId}\", not \"{journeyId}\".", parameter);
        }
    }

    /// <summary>Per-thread replay buffers: the sorted copy of a journey's signals and the set of ids seen.</summary>
    private sealed class ReplayBuffers
    {
        [ThreadStatic]
        private static ReplayBuffers? t_buffers;

        public Signal[] Signals = new Signal[128];

        /// <summary>How many leading entries of <see cref="Signals"/> the last replay may have filled.</summary>
        public int Used;

        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);

        public static ReplayBuffers Rent()
        {
            var buffers = t_buffers ?? new ReplayBuffers();
            t_buffers = null;
            return buffers;
        }

        public static void Return(ReplayBuffers buffers)
        {
            if (buffers.Signals.Length > 1 << 16 || buffers.Seen.Count > 1 << 16)
            {
                return; // an unusually long journey: let the big buffers go
            }

            Array.Clear(buffers.Signals, 0, Math.Min(buffers.Used, buffers.Signals.Length));
            buffers.Used = 0;
            buffers.Seen.Clear();
            t_buffers = buffers;
        }
    }

    private static EvidenceCollector RentCollector()
    {
        var collector = t_collector;
        if (collector is null || collector.InUse)
        {
            collector = new EvidenceCollector();
            t_collector ??= collector;
        }

        collector.InUse = true;
        return collector;
    }

    private static void ReturnCollector(EvidenceCollector collector) => collector.InUse = false;
}
