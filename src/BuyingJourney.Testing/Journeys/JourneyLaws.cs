using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;
using BuyingJourney.Signals;
using Xunit;

namespace BuyingJourney.Testing;

/// <summary>
/// The engine's laws as one-call checks, for any engine you build (your model, rulebook, rules, playbook, ranker):
/// call one from a <c>[Property]</c> test with a <see cref="GeneratedJourney"/>. Each law fails with an xunit
/// assertion that says what broke, on which signal and at what time; a law that holds returns.
/// </summary>
/// <remarks>
/// <see cref="All"/> checks every law of one engine; <see cref="RulebooksAgree"/> compares two engines, such as
/// your JSON rulebook's and your code rulebook's. Where a law looks at later times it uses a fixed set (the
/// journey's last signal, a tick, an hour, two weeks, three months and three years later) plus the
/// <c>later</c> offsets you pass, for example <see cref="JourneyGenerator.LaterOffsets"/>.
/// </remarks>
public static class JourneyLaws
{
    private const double Tolerance = 1e-9;

    private static readonly TimeSpan[] FixedLater =
        [TimeSpan.Zero, TimeSpan.FromTicks(1), TimeSpan.FromHours(1), TimeSpan.FromDays(14), TimeSpan.FromDays(90), TimeSpan.FromDays(3 * 365)];

    /// <summary>Every law of one engine on <paramref name="journey"/>.</summary>
    /// <param name="engine">The engine under test.</param>
    /// <param name="journey">The signals, as delivered.</param>
    /// <param name="later">More times after the last signal to look at (besides the fixed ones); none when null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void All(JourneyEngine engine, GeneratedJourney journey, IReadOnlyList<TimeSpan>? later = null)
    {
        ReplayIsDeterministic(engine, journey);
        ReplayIgnoresOrderAndRepeats(engine, journey);
        ApplyInOrderEqualsReplay(engine, journey);
        RefusedSignalChangesNothing(engine, journey);
        ScoresAreNeverNegativeOrNaN(engine, journey, later);
        LoopBacksAreCompletedTasksReopenedOnce(engine, journey);
        DecayAloneMakesNoLoopBack(engine, journey, later);
        FarFutureHasNoActiveTask(engine, journey);
        EveryActiveTaskHasAdvice(engine, journey, later);
        GuardrailedActionsAreNeverRanked(engine, journey, later);
    }

    /// <summary>Replaying the same signals twice, as a lazy sequence, or with a second engine of the same definitions gives equal states (and equal hash codes).</summary>
    /// <param name="engine">The engine under test.</param>
    /// <param name="journey">The signals, as delivered.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void ReplayIsDeterministic(JourneyEngine engine, GeneratedJourney journey)
    {
        Check(engine, journey);
        var first = engine.Replay(journey.JourneyId, journey.Deliveries);
        var second = engine.Replay(journey.JourneyId, journey.Deliveries);
        SameState(first, second, "a second replay of the same deliveries", journey);
        if (first.GetHashCode() != second.GetHashCode())
        {
            Fail("two equal replays have different hash codes", journey);
        }

        SameState(first, engine.Replay(journey.JourneyId, journey.Deliveries.Select(static s => s)), "a replay of the deliveries as a lazy sequence", journey);
    }

    /// <summary>A replay depends only on which signals there are: any delivery order, repeats, the deliveries reversed or twice, all equal the replay of the sorted distinct signals.</summary>
    /// <param name="engine">The engine under test.</param>
    /// <param name="journey">The signals, as delivered.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void ReplayIgnoresOrderAndRepeats(JourneyEngine engine, GeneratedJourney journey)
    {
        Check(engine, journey);
        var expected = engine.Replay(journey.JourneyId, journey.Canonical);
        SameState(expected, engine.Replay(journey.JourneyId, journey.Deliveries), "the replay of the deliveries (out of order, with repeats)", journey);
        SameState(expected, engine.Replay(journey.JourneyId, journey.Deliveries.Reverse()), "the replay of the deliveries reversed", journey);
        SameState(expected, engine.Replay(journey.JourneyId, [.. journey.Deliveries, .. journey.Deliveries]), "the replay of every delivery twice", journey);
        SameState(expected, engine.Replay(journey.JourneyId, journey.Sorted), "the replay of the sorted deliveries", journey);
    }

    /// <summary>Applying the sorted distinct signals one by one (each applied, or refused by a failing rule) ends in the state their replay gives.</summary>
    /// <param name="engine">The engine under test.</param>
    /// <param name="journey">The signals, as delivered.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void ApplyInOrderEqualsReplay(JourneyEngine engine, GeneratedJourney journey)
    {
        Check(engine, journey);
        var state = engine.Start(journey.JourneyId);
        foreach (var signal in journey.Canonical)
        {
            var result = engine.Apply(state, signal);
            if (result.Outcome is not (SignalOutcome.Applied or SignalOutcome.RuleFailed))
            {
                Fail($"Apply of {Describe(signal)}, next in journey order, gave {result}; expected Applied (or RuleFailed)", journey);
            }

            state = result.State;
        }

        SameState(engine.Replay(journey.JourneyId, journey.Canonical), state, "the state after applying the sorted distinct signals one by one", journey);
    }

    /// <summary>
    /// A refused signal changes nothing: after each signal, the same signal again, an equal copy and a conflicting copy
    /// of its id (another type, a day later, where the accepted times allow) are duplicates,
    /// every earlier one and a new signal a tick earlier are late, and a signal a rule fails on is refused; each
    /// returns the very same state instance, says why, and reports no evidence, transition or loop-back.
    /// </summary>
    /// <param name="engine">The engine under test.</param>
    /// <param name="journey">The signals, as delivered.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void RefusedSignalChangesNothing(JourneyEngine engine, GeneratedJourney journey)
    {
        Check(engine, journey);
        var state = engine.Start(journey.JourneyId);
        var applied = new List<Signal>();
        var ids = journey.Deliveries.Select(static s => s.Id).ToHashSet(StringComparer.Ordinal);
        var lateId = "!late";
        while (ids.Contains(lateId))
        {
            lateId += "!";
        }

        foreach (var signal in journey.Canonical)
        {
            var result = engine.Apply(state, signal);
            if (result.Outcome == SignalOutcome.RuleFailed)
            {
                Refused(state, result, signal, SignalOutcome.RuleFailed, journey);
                continue;
            }

            state = result.State;
            applied.Add(signal);
            Refused(state, engine.Apply(state, signal), signal, SignalOutcome.Duplicate, journey);
            var copy = new Signal(signal.Id, signal.JourneyId, signal.OccurredAt, signal.Type, signal.Stakeholder, signal.Source, signal.Attributes);
            Refused(state, engine.Apply(state, copy), copy, SignalOutcome.Duplicate, journey);
            if (signal.OccurredAt.AddDays(1) <= Signal.LatestOccurredAt)
            {
                var conflicting = new Signal(signal.Id, signal.JourneyId, signal.OccurredAt.AddDays(1), signal.Type == "x.corrected" ? "y.corrected" : "x.corrected", signal.Stakeholder);
                Refused(state, engine.Apply(state, conflicting), conflicting, SignalOutcome.Duplicate, journey);
            }

            for (var i = 0; i < applied.Count - 1; i++)
            {
                Refused(state, engine.Apply(state, applied[i]), applied[i], SignalOutcome.Late, journey);
            }

            if (signal.OccurredAt > Signal.EarliestOccurredAt)
            {
                var early = new Signal(lateId, signal.JourneyId, signal.OccurredAt.AddTicks(-1), signal.Type, signal.Stakeholder);
                Refused(state, engine.Apply(state, early), early, SignalOutcome.Late, journey);
            }
        }
    }

    /// <summary>
    /// Every task's score is a finite number, never negative, after every step and at every later time; with no new
    /// evidence a score only decays; an active task is not below its dormancy threshold; time in a phase is never negative.
    /// </summary>
    /// <param name="engine">The engine under test.</param>
    /// <param name="journey">The signals, as delivered.</param>
    /// <param name="later">More times after each step to look at (besides the fixed ones); none when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> or <paramref name="journey"/> is null.</exception>
    public static void ScoresAreNeverNegativeOrNaN(JourneyEngine engine, GeneratedJourney journey, IReadOnlyList<TimeSpan>? later = null)
    {
        Check(engine, journey);
        var offsets = Later(later);
        foreach (var state in States(engine, journey))
        {
            foreach (var task in state.Tasks)
            {
                Sane(task.Score, $"after {Step(state)}: {task}", journey);
            }

            var from = state.LastSignalAt ?? journey.LastSignalAt ?? DateTimeOffset.UnixEpoch;
            var previous = Enumerable.Repeat(double.PositiveInfinity, state.Tasks.Length).ToArray();
            foreach (var offset in offsets.Where(o => Fits(from, o)))
            {
                var assessment = engine.Assess(state, from + offset);
                for (var i = 0; i < assessment.Tasks.Length; i++)
                {
                    var task = assessment.Tasks[i];
                    var where = $"after {Step(state)}, assessed {offset} later: {task}";
                    Sane(task.Score, where, journey);
                    var dormancy = engine.Model.SettingsOf(task.TaskId).DormancyThreshold;
                    if (task.IsActive && task.Score < dormancy * (1 - Tolerance))
                    {
                        Fail($"{where} is active below its dormancy threshold {dormancy.ToString("R", CultureInfo.InvariantCulture)}", journey);
                    }

                    if (task.TimeInPhase < TimeSpan.Zero)
                    {
                        Fail($"{where} has been in its phase for {task.TimeInPhase}", journey);
                    }

                    if (task.Score > previous[i] * (1 + Tolerance))
                    {
                        Fail($"{where}: the score grew from {previous[i].ToString("R", CultureInfo.InvariantCulture)} with no new evidence", journey);
                    }

                    previous[i] = task.Score;
                }
            }
        }
    }

    /// <summary>
    /// Every loop-back is a completed task reopened by evidence (in an ordered model also a return to an earlier stage
    /// while a later one was active or completed), counted exactly once: one per loop-back transition, naming its
    /// signal; it looped back from the tasks active just before (in an ordered model the later stages); the journey's
    /// and each task's counts grow by exactly the loop-backs, and the state keeps the latest ones.
    /// </summary>
    /// <param name="engine">The engine under test.</param>
    /// <param name="journey">The signals, as delivered.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void LoopBacksAreCompletedTasksReopenedOnce(JourneyEngine engine, GeneratedJourney journey)
    {
        Check(engine, journey);
        var trace = engine.Trace(journey.JourneyId, journey.Deliveries);
        var previous = engine.Start(journey.JourneyId);
        var all = new List<LoopBack>();
        var count = 0;
        foreach (var step in trace.Steps)
        {
            var where = $"step {Describe(step.Signal)}";
            var rows = step.Transitions.Where(static t => t.IsLoopBack).ToList();
            var before = engine.Assess(previous, step.Signal.OccurredAt);
            foreach (var transition in rows)
            {
                if (transition.Cause != TransitionCause.Evidence || transition.SignalId != step.Signal.Id || transition.From != TaskPhase.Completed)
                {
                    Fail($"{where}: loop-back transition {transition} is not a completed task reopened by this signal's evidence", journey);
                }
            }

            // In an ordered model a return to an earlier stage is a loop-back too: the stage becomes active while a
            // later one was active or completed just before.
            var returns = !engine.Model.IsOrdered ? [] : step.Transitions.Where(t => !t.IsLoopBack && t.To == TaskPhase.Active && t.From != TaskPhase.Active
                && step.LoopBacks.Any(l => l.TaskId == t.TaskId)).ToList();
            var loops = rows.Concat(returns).ToList();
            if (loops.Count != step.LoopBacks.Length || step.LoopBacks.Select(static l => l.TaskId).Distinct().Count() != step.LoopBacks.Length)
            {
                Fail($"{where}: {loops.Count} loop-back transitions but {step.LoopBacks.Length} loop-backs ({string.Join("; ", step.Transitions)}; {string.Join("; ", step.LoopBacks)})", journey);
            }

            foreach (var transition in loops)
            {
                if (step.LoopBacks.Count(l => l.TaskId == transition.TaskId && l.SignalId == step.Signal.Id && l.At == transition.At) != 1)
                {
                    Fail($"{where}: not exactly one loop-back matches {transition}", journey);
                }
            }

            foreach (var loopBack in step.LoopBacks)
            {
                var phase = before.Task(loopBack.TaskId).Phase;
                var index = engine.Model.IndexOf(loopBack.TaskId);
                var laterStages = before.Tasks.Skip(index + 1).Where(static t => t.IsActive || t.Phase == TaskPhase.Completed).Select(static t => t.TaskId).ToList();
                if (phase != TaskPhase.Completed && !(engine.Model.IsOrdered && laterStages.Count > 0))
                {
                    Fail($"{where}: {loopBack.TaskId} looped back but was {phase} just before{(engine.Model.IsOrdered ? " and no later stage was active or completed" : string.Empty)}", journey);
                }

                var laterActive = laterStages.Where(t => before.Task(t).IsActive).ToList();
                var from = !engine.Model.IsOrdered ? before.ActiveTasks.Where(t => t != loopBack.TaskId).ToList()
                    : laterActive.Count > 0 ? laterActive
                    : laterStages;
                if (!from.SequenceEqual(loopBack.LoopedBackFrom))
                {
                    Fail($"{where}: {loopBack} looped back from [{string.Join(", ", loopBack.LoopedBackFrom)}], but the tasks it came back from were [{string.Join(", ", from)}]", journey);
                }
            }

            if (previous.LoopBackCount + loops.Count != step.State.LoopBackCount)
            {
                Fail($"{where}: the loop-back count went from {previous.LoopBackCount} to {step.State.LoopBackCount} with {loops.Count} loop-backs", journey);
            }

            for (var i = 0; i < engine.Model.Tasks.Length; i++)
            {
                var id = engine.Model.Tasks[i].Id;
                var expected = previous.Tasks[i].LoopBackCount + loops.Count(t => t.TaskId == id);
                if (expected != step.State.Tasks[i].LoopBackCount)
                {
                    Fail($"{where}: {id} has {step.State.Tasks[i].LoopBackCount} loop-backs; expected {expected}", journey);
                }
            }

            count += loops.Count;
            all.AddRange(step.LoopBacks);
            previous = step.State;
        }

        var state = trace.State;
        if (state.LoopBackCount != count || state.Tasks.Sum(static t => t.LoopBackCount) != count)
        {
            Fail($"the journey counts {state.LoopBackCount} loop-backs (its tasks {state.Tasks.Sum(static t => t.LoopBackCount)}), but there were {count}", journey);
        }

        if (!state.LoopBacks.SequenceEqual(all.TakeLast(engine.Options.MaxLoopBacksRetained)))
        {
            Fail($"the state keeps [{string.Join("; ", state.LoopBacks)}], not the latest {engine.Options.MaxLoopBacksRetained} loop-backs", journey);
        }
    }

    /// <summary>Time passing alone never makes a loop-back: assessed at any later time, a state has the same loop-backs and counts, and no task becomes a revisit that was not one.</summary>
    /// <param name="engine">The engine under test.</param>
    /// <param name="journey">The signals, as delivered.</param>
    /// <param name="later">More times after each step to look at (besides the fixed ones); none when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> or <paramref name="journey"/> is null.</exception>
    public static void DecayAloneMakesNoLoopBack(JourneyEngine engine, GeneratedJourney journey, IReadOnlyList<TimeSpan>? later = null)
    {
        Check(engine, journey);
        var offsets = Later(later);
        foreach (var state in States(engine, journey))
        {
            var from = state.LastSignalAt ?? journey.LastSignalAt ?? DateTimeOffset.UnixEpoch;
            foreach (var offset in offsets.Where(o => Fits(from, o)))
            {
                var assessment = engine.Assess(state, from + offset);
                var where = $"after {Step(state)}, assessed {offset} later";
                if (!assessment.LoopBacks.SequenceEqual(state.LoopBacks) || assessment.State.LoopBackCount != state.LoopBackCount)
                {
                    Fail($"{where}: the loop-backs changed with time alone ({state.LoopBackCount} → {assessment.State.LoopBackCount})", journey);
                }

                for (var i = 0; i < assessment.Tasks.Length; i++)
                {
                    var task = assessment.Tasks[i];
                    if (task.LoopBackCount != state.Tasks[i].LoopBackCount || (task.Phase == TaskPhase.Revisiting && state.Tasks[i].Phase != TaskPhase.Revisiting))
                    {
                        Fail($"{where}: {task} was {state.Tasks[i]}; time alone reopened it", journey);
                    }
                }
            }
        }
    }

    /// <summary>
    /// A journey far in the future has no active task: after every step, assessed long enough after its last signal
    /// for every score to decay below its dormancy threshold (ten years, or more for long half-lives), no task is active
    /// and none is in the Active or Revisiting phase.
    /// </summary>
    /// <param name="engine">The engine under test.</param>
    /// <param name="journey">The signals, as delivered.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void FarFutureHasNoActiveTask(JourneyEngine engine, GeneratedJourney journey)
    {
        Check(engine, journey);
        foreach (var state in States(engine, journey))
        {
            var horizon = TimeSpan.FromDays(3653);
            for (var i = 0; i < state.Tasks.Length; i++)
            {
                var settings = engine.Model.SettingsOf(engine.Model.Tasks[i].Id);
                var halvings = Math.Log2(Math.Max(state.Tasks[i].Score, 1) / settings.DormancyThreshold) + 2;
                var fade = TimeSpan.FromTicks((long)Math.Min(TimeSpan.MaxValue.Ticks / 4.0, settings.HalfLife.Ticks * halvings));
                horizon = fade > horizon ? fade : horizon;
            }

            var from = state.LastSignalAt ?? journey.LastSignalAt ?? DateTimeOffset.UnixEpoch;
            var asOf = DateTimeOffset.MaxValue - from > horizon + TimeSpan.FromDays(1) ? from + horizon : DateTimeOffset.MaxValue.AddDays(-1);
            var assessment = engine.Assess(state, asOf);
            if (!assessment.ActiveTasks.IsEmpty || assessment.Tasks.Any(static t => t.IsActive || t.Phase is TaskPhase.Active or TaskPhase.Revisiting))
            {
                Fail($"after {Step(state)}, assessed at {asOf:O}: tasks [{string.Join(", ", assessment.ActiveTasks)}] are still active", journey);
            }
        }
    }

    /// <summary>
    /// Every active task has advice: on the journey without seller feedback (which may dismiss advice on purpose),
    /// at every signal's time and at later times, each active task is named by at least one advised action, and the
    /// assessment's active tasks are exactly the tasks it says are active.
    /// </summary>
    /// <param name="engine">The engine under test.</param>
    /// <param name="journey">The signals, as delivered.</param>
    /// <param name="later">More times after the last signal to look at (besides the fixed ones); none when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> or <paramref name="journey"/> is null.</exception>
    public static void EveryActiveTaskHasAdvice(JourneyEngine engine, GeneratedJourney journey, IReadOnlyList<TimeSpan>? later = null)
    {
        Check(engine, journey);
        var withoutFeedback = new GeneratedJourney(journey.Deliveries.Where(static s => s.Type is not (SignalTypes.ActionAccepted or SignalTypes.ActionRejected or SignalTypes.ActionDone)));
        foreach (var (state, asOf) in Probes(engine, withoutFeedback, later))
        {
            var assessment = engine.Assess(state, asOf);
            var active = assessment.Tasks.Where(static t => t.IsActive).Select(static t => t.TaskId).ToList();
            if (!active.SequenceEqual(assessment.ActiveTasks))
            {
                Fail($"after {Step(state)} at {asOf:O}: ActiveTasks are [{string.Join(", ", assessment.ActiveTasks)}] but the active tasks are [{string.Join(", ", active)}]", withoutFeedback);
            }

            foreach (var task in active.Where(t => !assessment.Advice.Any(a => a.TaskId == t)))
            {
                Fail($"after {Step(state)} at {asOf:O}: no advice for active task {assessment.Task(task)}; advice: [{string.Join(", ", assessment.Advice.Select(static a => a.Code))}]", withoutFeedback);
            }
        }
    }

    /// <summary>
    /// Guardrailed actions are never ranked: at every signal's time and at later times, no next best action and no
    /// advice uses a tactic a guardrail blocks or a code it names; the next best actions are advice, distinct, and
    /// at most the engine's maximum.
    /// </summary>
    /// <param name="engine">The engine under test.</param>
    /// <param name="journey">The signals, as delivered.</param>
    /// <param name="later">More times after the last signal to look at (besides the fixed ones); none when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> or <paramref name="journey"/> is null.</exception>
    public static void GuardrailedActionsAreNeverRanked(JourneyEngine engine, GeneratedJourney journey, IReadOnlyList<TimeSpan>? later = null)
    {
        Check(engine, journey);
        foreach (var (state, asOf) in Probes(engine, journey, later))
        {
            var assessment = engine.Assess(state, asOf);
            var where = $"after {Step(state)} at {asOf:O}";
            var tactics = assessment.Guardrails.Select(static g => g.Tactic).ToHashSet();
            var codes = assessment.Guardrails.SelectMany(static g => g.BlockedActionCodes).ToHashSet(StringComparer.Ordinal);
            foreach (var action in assessment.NextBestActions.Concat(assessment.Advice))
            {
                if (tactics.Contains(action.Tactic) || codes.Contains(action.Code))
                {
                    Fail($"{where}: {action.Code} ({action.Tactic}) is advised or ranked although a guardrail blocks it: [{string.Join("; ", assessment.Guardrails)}]", journey);
                }
            }

            if (assessment.NextBestActions.Length > engine.Options.MaxNextBestActions
                || !assessment.NextBestActions.All(assessment.Advice.Contains)
                || assessment.NextBestActions.Distinct().Count() != assessment.NextBestActions.Length)
            {
                Fail($"{where}: next best actions [{string.Join(", ", assessment.NextBestActions.Select(static a => a.Code))}] are not at most {engine.Options.MaxNextBestActions} distinct actions of the advice [{string.Join(", ", assessment.Advice.Select(static a => a.Code))}]", journey);
            }
        }
    }

    /// <summary>
    /// Two engines that claim to judge alike do: for example your JSON rulebook's engine and your code rulebook's. Step
    /// by step, each signal has the same outcome and the same evidence (task, kind, weight, effect; rule ids and
    /// reasons may differ), the states are equal, and at later times both advise the same actions on the same tasks.
    /// </summary>
    /// <param name="expected">The engine taken as right (say, the code rulebook's).</param>
    /// <param name="actual">The engine that claims to equal it (say, the JSON rulebook's).</param>
    /// <param name="journey">The signals, as delivered.</param>
    /// <param name="later">More times after the last signal to look at (besides the fixed ones); none when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="expected"/>, <paramref name="actual"/> or <paramref name="journey"/> is null.</exception>
    public static void RulebooksAgree(JourneyEngine expected, JourneyEngine actual, GeneratedJourney journey, IReadOnlyList<TimeSpan>? later = null)
    {
        ArgumentNullException.ThrowIfNull(actual);
        Check(expected, journey);
        var left = expected.Trace(journey.JourneyId, journey.Deliveries).Steps;
        var right = actual.Trace(journey.JourneyId, journey.Deliveries).Steps;
        if (left.Length != right.Length)
        {
            Fail($"{expected.Rulebook} traces {left.Length} steps, {actual.Rulebook} {right.Length}", journey);
        }

        for (var i = 0; i < left.Length; i++)
        {
            var where = $"step {Describe(left[i].Signal)}";
            var leftEvidence = left[i].Evidence.Select(static e => (e.TaskId, e.Kind, e.Weight, e.Effect)).Order().ToList();
            var rightEvidence = right[i].Evidence.Select(static e => (e.TaskId, e.Kind, e.Weight, e.Effect)).Order().ToList();
            if (left[i].Outcome != right[i].Outcome)
            {
                Fail($"{where}: {expected.Rulebook} gives {left[i].Outcome}, {actual.Rulebook} gives {right[i].Outcome} ({right[i].Reason})", journey);
            }

            if (!leftEvidence.SequenceEqual(rightEvidence))
            {
                Fail($"{where}: {expected.Rulebook} finds [{string.Join("; ", leftEvidence)}], {actual.Rulebook} finds [{string.Join("; ", rightEvidence)}]", journey);
            }

            SameState(left[i].State, right[i].State, $"{actual.Rulebook}'s state after {where}", journey);
        }

        var state = expected.Replay(journey.JourneyId, journey.Deliveries);
        var other = actual.Replay(journey.JourneyId, journey.Deliveries);
        var from = state.LastSignalAt ?? journey.LastSignalAt ?? DateTimeOffset.UnixEpoch;
        foreach (var offset in Later(later).Where(o => Fits(from, o)))
        {
            var a = expected.Assess(state, from + offset);
            var b = actual.Assess(other, from + offset);
            var adviceA = a.Advice.Select(static x => (x.Code, x.TaskId)).ToList();
            var adviceB = b.Advice.Select(static x => (x.Code, x.TaskId)).ToList();
            if (!adviceA.SequenceEqual(adviceB) || !a.ActiveTasks.SequenceEqual(b.ActiveTasks))
            {
                Fail($"{offset} after the last signal: {expected.Rulebook} advises [{string.Join(", ", adviceA)}] on [{string.Join(", ", a.ActiveTasks)}], {actual.Rulebook} advises [{string.Join(", ", adviceB)}] on [{string.Join(", ", b.ActiveTasks)}]", journey);
            }
        }
    }

    private static void Check(JourneyEngine engine, GeneratedJourney journey)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(journey);
    }

    /// <summary>True when <paramref name="offset"/> after <paramref name="from"/> is still a time (journeys near the end of the calendar skip the later ones).</summary>
    private static bool Fits(DateTimeOffset from, TimeSpan offset) => DateTimeOffset.MaxValue - from > offset;

    private static TimeSpan[] Later(IReadOnlyList<TimeSpan>? later)
        => [.. FixedLater.Concat(later?.Where(static t => t >= TimeSpan.Zero && t <= TimeSpan.FromDays(36_500)) ?? []).Distinct().Order()];

    /// <summary>The start state and the state after each signal of the sorted distinct stream, by Apply (refused signals leave it as it was).</summary>
    private static List<JourneyState> States(JourneyEngine engine, GeneratedJourney journey)
    {
        var states = new List<JourneyState> { engine.Start(journey.JourneyId) };
        foreach (var signal in journey.Canonical)
        {
            var result = engine.Apply(states[^1], signal);
            if (result.IsApplied)
            {
                states.Add(result.State);
            }
        }

        return states;
    }

    /// <summary>Each state at its last signal's time, and the final state at the later times.</summary>
    private static IEnumerable<(JourneyState State, DateTimeOffset AsOf)> Probes(JourneyEngine engine, GeneratedJourney journey, IReadOnlyList<TimeSpan>? later)
    {
        var states = States(engine, journey);
        var final = states[^1];
        var end = final.LastSignalAt ?? journey.LastSignalAt ?? DateTimeOffset.UnixEpoch;
        return states.Select(static s => (s, s.LastSignalAt ?? DateTimeOffset.UnixEpoch)).Concat(Later(later).Where(o => Fits(end, o)).Select(o => (final, end + o)));
    }

    private static void Refused(JourneyState state, ApplyResult result, Signal signal, SignalOutcome expected, GeneratedJourney journey)
    {
        var where = $"Apply of {Describe(signal)} after {state.LastSignalId ?? "nothing"}";
        if (result.Outcome != expected)
        {
            Fail($"{where} gave {result}; expected {expected}", journey);
        }

        if (!ReferenceEquals(state, result.State))
        {
            Fail($"{where} was refused ({expected}) but returned another state", journey);
        }

        if (string.IsNullOrWhiteSpace(result.Reason))
        {
            Fail($"{where} was refused ({expected}) without saying why", journey);
        }

        if (!result.Evidence.IsEmpty || !result.Transitions.IsEmpty || !result.LoopBacks.IsEmpty)
        {
            Fail($"{where} was refused ({expected}) but reports evidence, transitions or loop-backs", journey);
        }
    }

    private static void SameState(JourneyState expected, JourneyState actual, string what, GeneratedJourney journey)
    {
        if (!expected.Equals(actual))
        {
            Fail($"{what} differs from what was expected.{Environment.NewLine}expected:{Environment.NewLine}{Describe(expected)}actual:{Environment.NewLine}{Describe(actual)}", journey);
        }
    }

    private static void Sane(double score, string what, GeneratedJourney journey)
    {
        if (!double.IsFinite(score) || score < 0)
        {
            Fail($"score {score.ToString("R", CultureInfo.InvariantCulture)} is not a finite, non-negative number: {what}", journey);
        }
    }

    private static string Step(JourneyState state) => state.LastSignalId is { } id ? $"signal {id}" : "no signal";

    private static string Describe(Signal signal)
        => string.Create(CultureInfo.InvariantCulture, $"{signal.Id} ({signal.Type} at {signal.OccurredAt:O})");

    private static string Describe(JourneyState state)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"  {state.Status} since {state.StatusSince:O}; {state.SignalCount} signals ({state.UnrecognizedSignalCount} unrecognized), last {state.LastSignalId ?? "-"} at {state.LastSignalAt:O}; {state.LoopBackCount} loop-backs; {state.BuyingGroup}");
        text.AppendLine();
        foreach (var task in state.Tasks)
        {
            text.Append("  ").Append(task).AppendLine();
        }

        return text.ToString();
    }

    private static void Fail(string message, GeneratedJourney journey)
        => Assert.Fail($"{message}.{Environment.NewLine}The journey:{Environment.NewLine}{journey}");
}
