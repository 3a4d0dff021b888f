using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;
using BuyingJourney.Testing;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using static BuyingJourney.Tests.Properties.JourneyArbitraries;

namespace BuyingJourney.Tests.Properties;

/// <summary>The generators are worth their cases: most journeys loop back, stall, end, fade, repeat and arrive out of order.</summary>
public sealed partial class JourneyPropertyTests
{
    [Fact]
    public void Journeys_Generated_CoverTheInterestingCases()
    {
        var samples = JourneyCases().Generator.Sample(400, new Rnd(20260101UL), 100);
        var features = new Dictionary<string, (int Count, double Minimum)>(StringComparer.Ordinal);
        void Count(string feature, double minimum, Func<GeneratedJourney, JourneyTrace, bool> test)
            => features[feature] = (samples.Count(journey => test(journey, Engine.Trace(JourneyId, journey.Deliveries))), minimum);

        Count("a loop-back", 0.40, static (_, t) => t.State.LoopBackCount > 0);
        Count("two or more loop-backs", 0.20, static (_, t) => t.State.LoopBackCount > 1);
        Count("a fizzled revisit", 0.10, static (_, t) => Transitions(t).Any(static x => x.From == TaskPhase.Revisiting && x.To == TaskPhase.Completed));
        Count("a completion", 0.60, static (_, t) => Transitions(t).Any(static x => x.To == TaskPhase.Completed));
        Count("decay to dormant", 0.40, static (_, t) => Transitions(t).Any(static x => x.Cause == TransitionCause.Decay));
        Count("a resumption", 0.15, static (_, t) => Transitions(t).Any(static x => x.IsResumption));
        Count("a stall", 0.40, static (_, t) => t.Steps.Any(static s => s.IsApplied() && s.State.Status == JourneyStatus.Stalled));
        Count("won or lost", 0.30, static (_, t) => t.Steps.Any(static s => s.IsApplied() && s.State.Status is JourneyStatus.Won or JourneyStatus.Lost));
        Count("reopened after an end", 0.15, static (_, t) => t.Steps.Any(static s => s.IsApplied() && s.State.Status == JourneyStatus.Open && s.State.StatusSignalId is not null));
        Count("an unknown type", 0.40, static (j, _) => j.Deliveries.Any(static s => !KnownTypes.Contains(s.Type)));
        Count("a boom signal", 0.30, static (j, _) => j.Deliveries.Any(static s => s.Type == BoomType));
        Count("a repeated signal", 0.40, static (j, _) => j.Deliveries.GroupBy(static s => s.Id).Any(static g => g.Distinct().Count() < g.Count()));
        Count("a conflicting copy", 0.40, static (j, _) => j.Deliveries.GroupBy(static s => s.Id).Any(static g => g.Distinct().Count() > 1));
        Count("equal timestamps", 0.50, static (j, _) => j.Canonical.GroupBy(static s => s.OccurredAt.UtcTicks).Any(static g => g.Count() > 1));
        Count("out of order", 0.50, static (j, _) => !j.Deliveries.SequenceEqual(j.Sorted));
        Count("a gap of 60 days", 0.30, static (j, _) => j.Sorted.Zip(j.Sorted.Skip(1)).Any(static p => p.Second.OccurredAt - p.First.OccurredAt >= TimeSpan.FromDays(60)));

        var report = string.Join("\n", features.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Key}: {f.Value.Count}/{samples.Length} (need {f.Value.Minimum:P0})")));
        Assert.True(features.Values.All(f => f.Count >= f.Minimum * samples.Length), report);
        Assert.True(samples.Max(static j => (j.Sorted.Length == 0 ? TimeSpan.Zero : j.Sorted[^1].OccurredAt - j.Sorted[0].OccurredAt).TotalDays) < 1000, "journeys span too long");
    }

    private static IEnumerable<TaskTransition> Transitions(JourneyTrace trace) => trace.Steps.SelectMany(static s => s.Transitions);
}

internal static class TraceStepExtensions
{
    public static bool IsApplied(this TraceStep step) => step.Outcome == SignalOutcome.Applied;
}
