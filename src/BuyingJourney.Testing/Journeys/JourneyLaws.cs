using System;
using System.Collections.Generic;
using System.Linq;
using BuyingJourney.Journeys;
using BuyingJourney.Signals;

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
public static partial class JourneyLaws
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
}
