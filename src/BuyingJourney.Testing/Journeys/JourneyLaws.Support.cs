using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using BuyingJourney.Journeys;
using BuyingJourney.Signals;
using Xunit;

namespace BuyingJourney.Testing;

// The journey laws, part: what the laws share (the argument check, the later times and states they probe, the refusal and
// state comparisons, and failing with a description of the journey).
public static partial class JourneyLaws
{
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
