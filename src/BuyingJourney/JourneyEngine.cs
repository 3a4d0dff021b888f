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
    private readonly JourneyRuns _runs;
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
        var table = new TaskParameterTable(model);
        var limits = new JourneyFoldLimits(options.MaxLoopBacksRetained, options.MaxStakeholdersRetained, options.MaxFeedbackRetained);
        _runs = new JourneyRuns(new JourneyFold(table, new CompiledRulebook(rulebook, model, options.BuyingGroup), limits, options.BuyingGroup));
        _assessor = new JourneyAssessor(new AssessmentPlan(model, options.BuyingGroup, i => table[i]), rulebook.Name, rulebook.Version);
        _advice = new AdvicePipeline(playbook, additionalPlaybooks, ranker, options.MaxNextBestActions);
        FoldFingerprint = Journeys.FoldFingerprint.For(model, limits, options.BuyingGroup);
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
    /// <param name="timeProvider">The clock for "now"; null means the system clock.</param>
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
    /// <param name="journeyId">The journey's id; not blank, at most <see cref="Signal.MaxIdLength"/> characters.</param>
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
    /// <param name="state">The journey so far, built by this engine's model.</param>
    /// <param name="signal">The next signal of the same journey.</param>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentException">The signal belongs to another journey, or the state was built with another model.</exception>
    public ApplyResult Apply(JourneyState state, Signal signal)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(signal);
        CheckState(state);
        SignalStream.CheckJourney(state.JourneyId, signal, nameof(signal));

        return _runs.Apply(state, signal);
    }

    /// <summary>
    /// Rebuilds a journey from its signals: sorts them into journey order, keeps the first of each id, and folds.
    /// Signals a rule refuses are skipped, exactly as <see cref="Apply"/> would refuse them (their ids still count
    /// as seen, so a later copy of a refused id is dropped too). The input may be in any order and hold repeats.
    /// </summary>
    /// <param name="journeyId">The journey's id; every signal must belong to it.</param>
    /// <param name="signals">The journey's signals, in any order, repeats allowed.</param>
    /// <exception cref="ArgumentNullException">A null argument or signal.</exception>
    /// <exception cref="ArgumentException">A signal of another journey.</exception>
    public JourneyState Replay(string journeyId, IEnumerable<Signal> signals)
    {
        return _runs.Replay(journeyId, null, signals, null);
    }

    /// <summary>
    /// Continues a journey from a state (a snapshot) with more signals, as in-order <see cref="Apply"/> calls would:
    /// sorts them into journey order, keeps the first of each id, and skips those that do not sort after the
    /// state's last signal (<see cref="Apply"/> would refuse them as duplicates or late).
    /// </summary>
    /// <param name="state">The state to continue from (a snapshot), built by this engine's model.</param>
    /// <param name="signals">More signals of the same journey, in any order; those not after the state's last signal are skipped.</param>
    /// <exception cref="ArgumentNullException">A null argument or signal.</exception>
    /// <exception cref="ArgumentException">A signal of another journey, or a state built with another model.</exception>
    public JourneyState ReplayFrom(JourneyState state, IEnumerable<Signal> signals)
    {
        ArgumentNullException.ThrowIfNull(state);
        CheckState(state);
        return _runs.Replay(state.JourneyId, state, signals, null);
    }

    /// <summary>Replay from <paramref name="state"/> (null: from the start) that also reports, by signal id, the signals a rule refused.</summary>
    internal JourneyState Replay(string journeyId, JourneyState? state, IEnumerable<Signal> signals, Dictionary<string, string> failures)
    {
        if (state is not null)
        {
            CheckState(state);
        }

        return _runs.Replay(journeyId, state, signals, failures);
    }

    /// <summary>
    /// Replays with tracing on: every signal in journey order with the evidence, transitions and loop-backs it
    /// caused, and the state after it. Slower than <see cref="Replay(string, IEnumerable{Signal})"/>; use it to explain.
    /// </summary>
    /// <param name="journeyId">The journey's id; every signal must belong to it.</param>
    /// <param name="signals">The journey's signals, in any order, repeats allowed.</param>
    /// <exception cref="ArgumentNullException">A null argument or signal.</exception>
    /// <exception cref="ArgumentException">A signal of another journey.</exception>
    public JourneyTrace Trace(string journeyId, IEnumerable<Signal> signals)
        => _runs.Trace(journeyId, SignalStream.Sorted(journeyId, signals), null);

    /// <summary>
    /// What-if: the journey assessed as of <paramref name="asOf"/> from its signals, and again as if the
    /// <paramref name="hypothetical"/> signals had also happened (an action done, a stakeholder met), so a seller sees
    /// what an action would change. Pure: nothing is stored, the inputs are not changed.
    /// </summary>
    /// <param name="journeyId">The journey's id; every signal must belong to it.</param>
    /// <param name="signals">The signals that really happened, in any order.</param>
    /// <param name="hypothetical">The signals that might happen; their ids must not reuse a real signal's, and none may occur after <paramref name="asOf"/>.</param>
    /// <param name="asOf">The moment both assessments are made as of.</param>
    /// <returns>The difference: <see cref="JourneyDiff.Before"/> is the journey as it is, <see cref="JourneyDiff.After"/> as it would be.</returns>
    /// <exception cref="ArgumentNullException">A null argument or signal.</exception>
    /// <exception cref="ArgumentException">A signal of another journey, or a hypothetical signal that reuses the id of a real one.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hypothetical signal occurs after <paramref name="asOf"/>.</exception>
    public JourneyDiff WhatIf(string journeyId, IEnumerable<Signal> signals, IEnumerable<Signal> hypothetical, DateTimeOffset asOf)
    {
        var actual = SignalStream.Sorted(journeyId, signals);
        var extra = SignalStream.Sorted(journeyId, hypothetical, nameof(hypothetical));
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
    /// <param name="state">The journey, built by this engine's model.</param>
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
    /// <param name="state">The journey, built by this engine's model.</param>
    /// <param name="asOf">The moment to assess as of; not before the journey's last signal.</param>
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
    /// <param name="journeyId">The journey's id; every signal must belong to it.</param>
    /// <param name="signals">The journey's signals, in any order; those after <paramref name="asOf"/> are left out.</param>
    /// <param name="asOf">The moment to assess as of.</param>
    /// <exception cref="ArgumentNullException">A null argument or signal.</exception>
    /// <exception cref="ArgumentException">A signal of another journey.</exception>
    public JourneyAssessment Assess(string journeyId, IEnumerable<Signal> signals, DateTimeOffset asOf)
    {
        var sorted = SignalStream.Sorted(journeyId, signals);
        var cut = sorted.Length;
        while (cut > 0 && sorted[cut - 1].OccurredAt > asOf)
        {
            cut--;
        }

        var trail = new EvidenceTrail(Model);
        var trace = _runs.Trace(journeyId, sorted.AsSpan(0, cut).ToArray(), trail);
        return Assess(trace.State, asOf, trail.Tasks);
    }

    private JourneyAssessment Assess(JourneyState state, DateTimeOffset asOf, List<EvidenceRecord>[]? evidence)
        => _advice.Advise(_assessor.Assess(state, asOf, evidence));

    private void CheckState(JourneyState state)
    {
        if (!string.Equals(state.ModelName, Model.Name, StringComparison.Ordinal) || state.Tasks.Length != Model.Tasks.Length)
        {
            throw new ArgumentException(
                $"journey \"{state.JourneyId}\" was built with model \"{state.ModelName}\" ({state.Tasks.Length} tasks); this engine uses model \"{Model.Name}\" ({Model.Tasks.Length} tasks).",
                nameof(state));
        }
    }
}
