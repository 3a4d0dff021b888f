using System;
using System.Collections.Generic;
using System.Linq;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;

namespace BuyingJourney.Testing;

// The journey laws, part: the loop-back laws (each loop-back is a completed task reopened by evidence, counted once;
// time passing alone makes none).
public static partial class JourneyLaws
{
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
}
