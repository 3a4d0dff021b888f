using System;
using System.Collections.Generic;
using BuyingJourney.Journeys;
using BuyingJourney.Signals;

namespace BuyingJourney.Tests.Support;

/// <summary>Short-hand for signals of journey "j" at day offsets from a fixed start.</summary>
internal static class TestSignals
{
    /// <summary>The journey every helper signal belongs to.</summary>
    public const string JourneyId = "j";

    /// <summary>Day zero: Monday 2 March 2026, 09:00 UTC.</summary>
    public static readonly DateTimeOffset Day0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Day zero plus <paramref name="days"/> (fractions allowed).</summary>
    public static DateTimeOffset Day(double days) => Day0.AddDays(days);

    /// <summary>A signal of journey "j" on day <paramref name="days"/>.</summary>
    public static Signal At(double days, string id, string type) => new(id, JourneyId, Day(days), type);

    /// <summary>A signal of journey "j" at an exact time.</summary>
    public static Signal At(DateTimeOffset at, string id, string type) => new(id, JourneyId, at, type);

    /// <summary>Signals s1, s2, ... one per (day, type) pair, in the order given.</summary>
    public static Signal[] Script(params (double Day, string Type)[] steps)
    {
        var signals = new Signal[steps.Length];
        for (var i = 0; i < steps.Length; i++)
        {
            signals[i] = At(steps[i].Day, "s" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), steps[i].Type);
        }

        return signals;
    }

    /// <summary>Applies the signals one by one from <c>Start(journeyId)</c>, keeping the state when one is refused.</summary>
    public static JourneyState ApplyEach(JourneyEngine engine, string journeyId, IEnumerable<Signal> signals)
    {
        var state = engine.Start(journeyId);
        foreach (var signal in signals)
        {
            var result = engine.Apply(state, signal);
            state = result.IsApplied ? result.State : state;
        }

        return state;
    }

    /// <summary>Applies the signals one by one and returns the final state (every signal must be applied).</summary>
    public static JourneyState ApplyAll(JourneyEngine engine, IEnumerable<Signal> signals)
    {
        var state = engine.Start(JourneyId);
        foreach (var signal in signals)
        {
            var result = engine.Apply(state, signal);
            if (!result.IsApplied)
            {
                throw new InvalidOperationException($"{signal} was not applied: {result.Outcome} {result.Reason}");
            }

            state = result.State;
        }

        return state;
    }
}
