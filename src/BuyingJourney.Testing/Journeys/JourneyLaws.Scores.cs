using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BuyingJourney.Phases;

namespace BuyingJourney.Testing;

// The journey laws, part: the score laws (scores stay finite, non-negative and only decay without new evidence; far in
// the future no task is active).
public static partial class JourneyLaws
{
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
}
