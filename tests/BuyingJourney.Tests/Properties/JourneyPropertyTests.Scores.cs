using System;
using System.Collections.Generic;
using System.Linq;
using BuyingJourney.Advice;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;
using BuyingJourney.Testing;
using FsCheck.Xunit;
using Xunit;
using static BuyingJourney.Tests.Properties.JourneyArbitraries;

namespace BuyingJourney.Tests.Properties;

/// <summary>Laws 5, 7 and 8: scores stay sane, everything fades, and every active task gets advice.</summary>
public sealed partial class JourneyPropertyTests
{
    /// <summary>The default dormancy threshold (every Gartner task uses the defaults).</summary>
    private const double Dormancy = 0.2;

    /// <summary>Relative slack for comparing a decayed score with a threshold.</summary>
    private const double Tolerance = 1e-9;

    private static readonly TimeSpan[] FixedOffsets = [TimeSpan.Zero, TimeSpan.FromDays(14), TimeSpan.FromDays(3653)];

    [Property]
    public void Scores_AfterEveryStepAndAtLaterTimes_AreFiniteAndNotNegative(GeneratedJourney journey, TimeSpan[] offsets) => ScoresAreSane(journey, offsets);

    /// <summary>The kit's law, at the fixed times, ten years on and the generated offsets.</summary>
    internal static void ScoresAreSane(GeneratedJourney journey, TimeSpan[] offsets)
        => JourneyLaws.ScoresAreNeverNegativeOrNaN(Engine, journey, [.. FixedOffsets, .. offsets]);

    [Property]
    public void Assess_TenYearsAfterTheLastSignal_HasNoActiveTask(GeneratedJourney journey) => EverythingFades(journey);

    /// <summary>The kit's law (at least ten years on, longer for long half-lives).</summary>
    internal static void EverythingFades(GeneratedJourney journey) => JourneyLaws.FarFutureHasNoActiveTask(Engine, journey);

    [Property]
    public void Assess_AnyTimeAfterTheLastSignal_AdvisesOnEveryActiveTask(GeneratedJourney journey, TimeSpan[] offsets) => EveryActiveTaskHasAdvice(journey, offsets);

    /// <summary>The kit's law (without seller feedback), and with feedback: the built-in playbook's task action is advised unless marked done since the task's last evidence.</summary>
    internal static void EveryActiveTaskHasAdvice(GeneratedJourney journey, TimeSpan[] offsets)
    {
        JourneyLaws.EveryActiveTaskHasAdvice(Engine, journey, offsets);
        var states = StatesAfterEachStep(journey);
        var final = states[^1];
        var probes = states.Select(static s => (State: s, AsOf: s.LastSignalAt ?? Epoch))
            .Concat(offsets.Select(o => (State: final, AsOf: (final.LastSignalAt ?? Epoch) + o)));
        foreach (var (state, asOf) in probes)
        {
            var assessment = Engine.Assess(state, asOf);
            Assert.Equal(assessment.Tasks.Where(static t => t.IsActive).Select(static t => t.TaskId), assessment.ActiveTasks);
            foreach (var taskId in assessment.ActiveTasks)
            {
                var task = assessment.Task(taskId);
                var code = $"{taskId}.{(task.Phase == TaskPhase.Revisiting ? "revisiting" : "active")}";
                var done = state.Feedback.Any(f => f.ActionCode == code && f.Kind == FeedbackKind.Done && task.LastEvidenceSignalId is not null
                    && state.Tasks[assessment.Tasks.IndexOf(task)].ScoredAt <= f.At);
                Assert.True(
                    done || assessment.Advice.Any(a => a.TaskId == taskId && a.Code == code),
                    $"{assessment}: no advice {code} for active task {task}; advice: {string.Join("; ", assessment.Advice.Select(static a => a.Code))}");
            }
        }
    }

    [Property]
    public void Assess_AtTheFadeTick_ScoreCrossesTheDormancyThreshold(GeneratedJourney journey) => FadeTickIsWhereTheScoreCrossesDormancy(journey);

    internal static void FadeTickIsWhereTheScoreCrossesDormancy(GeneratedJourney journey)
    {
        var states = StatesAfterEachStep(journey);
        foreach (var state in states.Where((_, i) => i % 5 == 0 || i == states.Count - 1))
        {
            var from = (state.LastSignalAt ?? Epoch).UtcTicks;
            var start = Engine.Assess(state, new DateTimeOffset(from, TimeSpan.Zero));
            foreach (var task in start.Tasks.Where(static t => t.IsActive))
            {
                // The first tick at which the task is no longer active (phases only fade with time).
                long active = from, faded = from + TimeSpan.FromDays(3653).Ticks;
                while (faded - active > 1)
                {
                    var middle = active + ((faded - active) / 2);
                    if (Engine.Assess(state, new DateTimeOffset(middle, TimeSpan.Zero)).Task(task.TaskId).IsActive)
                    {
                        active = middle;
                    }
                    else
                    {
                        faded = middle;
                    }
                }

                var before = Engine.Assess(state, new DateTimeOffset(active, TimeSpan.Zero)).Task(task.TaskId);
                var after = Engine.Assess(state, new DateTimeOffset(faded, TimeSpan.Zero)).Task(task.TaskId);
                var where = $"after {state.LastSignalId ?? "nothing"}: {task.TaskId} fades at {new DateTimeOffset(faded, TimeSpan.Zero):O}";
                Assert.True(after.Phase == (task.Phase == TaskPhase.Revisiting ? TaskPhase.Completed : TaskPhase.Dormant), $"{where} into {after.Phase}");
                Assert.True(after.Since == new DateTimeOffset(faded, TimeSpan.Zero), $"{where} but says it is {after.Phase} since {after.Since:O}");
                Assert.True(after.Score <= Dormancy * (1 + Tolerance), $"{where} with score {after.Score:R}, above the dormancy threshold");
                Assert.True(before.Score >= Dormancy * (1 - Tolerance), $"{where}, yet a tick earlier its score was {before.Score:R}, below the dormancy threshold");
            }
        }
    }

    /// <summary>The start state and the state after each applied signal of the canonical stream, by incremental Apply.</summary>
    private static List<JourneyState> StatesAfterEachStep(GeneratedJourney journey)
    {
        var states = new List<JourneyState> { Engine.Start(JourneyId) };
        foreach (var signal in journey.Canonical)
        {
            states.Add(Engine.Apply(states[^1], signal).State);
        }

        return states;
    }
}
