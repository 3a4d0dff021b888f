using System;
using System.Collections.Generic;
using BuyingJourney.Evidence;

namespace BuyingJourney.Phases;

/// <summary>
/// The task lifecycle step of the fold: one signal's tally moves every task through its lifecycle (the model's
/// compiled <see cref="TaskLifecycleTable"/>, read through <see cref="TaskLifecycle"/>), in this order: decay (the
/// <see cref="TaskTrigger.Fade"/> of tasks whose score fell below dormancy before the signal), weight (the trigger
/// its new score classifies), completion, and the reset of a stall, win or loss.
/// </summary>
/// <remarks>
/// A loop-back is a loop-back row of the lifecycle (built in: Completed to Revisiting); in an ordered model also a task becoming
/// active while a later stage was active or completed before this signal (a return to an earlier stage). Both use the
/// phases after decay and before this signal's evidence. Stateless; the caller owns the spans.
/// </remarks>
internal static class TaskStep
{
    /// <summary>
    /// Moves <paramref name="tasks"/> to the signal at <paramref name="ticks"/>. Returns the tasks that looped back;
    /// <paramref name="loopBackFrom"/> gets, per looped-back task, the tasks it came back from.
    /// </summary>
    /// <param name="tasks">The journey's task states, changed in place.</param>
    /// <param name="parameters">Each task's parameters (with the model's lifecycle), in model order.</param>
    /// <param name="ordered">True for an ordered model (its stages can loop back to earlier ones).</param>
    /// <param name="tally">The signal's evidence.</param>
    /// <param name="ticks">The signal's time.</param>
    /// <param name="signalId">The signal's id.</param>
    /// <param name="transitions">Where the phase changes go, with their reasons; null to skip them.</param>
    /// <param name="resetStatus">The journey status a reset is named after (read only when the tally resets scores).</param>
    /// <param name="loopBackFrom">One slot per task.</param>
    public static uint Apply(Span<TaskState> tasks, ReadOnlySpan<TaskParameters> parameters, bool ordered, in TaskTally tally, long ticks, string signalId, List<TransitionNote>? transitions, JourneyStatus resetStatus, Span<uint> loopBackFrom)
    {
        var count = tasks.Length;

        // Decay.
        uint active = 0;
        uint done = 0;
        for (var i = 0; i < count; i++)
        {
            ref var task = ref tasks[i];
            if (TaskLifecycle.TryFade(task, parameters[i], ticks, out var faded))
            {
                transitions?.Add(new TransitionNote(i, task.Phase, faded.Phase, faded.SinceTicks, TaskTrigger.Fade, false, 0, resetStatus));
                task = faded;
            }

            if (TaskLifecycle.IsActive(task.Phase))
            {
                active |= 1u << i;
            }
            else if (task.Phase == TaskPhase.Completed)
            {
                done |= 1u << i;
            }
        }

        // Weight.
        uint loopedBack = 0;
        for (var bits = tally.Weighted; bits != 0; bits &= bits - 1)
        {
            var i = System.Numerics.BitOperations.TrailingZeroCount(bits);
            var before = tasks[i];
            var after = TaskLifecycle.AddWeight(before, parameters[i], ticks, tally.Weights[i], signalId, out var trigger);
            var later = i == 31 ? 0u : uint.MaxValue << (i + 1);
            var backToEarlierStage = ordered && after.Phase == TaskPhase.Active && before.Phase != TaskPhase.Active && ((active | done) & later) != 0;
            if (backToEarlierStage)
            {
                after = new TaskState(after.Phase, after.SinceTicks, after.Score, after.ScoredAtTicks, after.FadesAtTicks, after.LoopBackCount + 1, after.LastEvidenceSignalId);
            }

            tasks[i] = after;
            if (after.Phase == before.Phase)
            {
                continue;
            }

            transitions?.Add(new TransitionNote(i, before.Phase, after.Phase, ticks, trigger, backToEarlierStage, after.Score, resetStatus));
            if (parameters[i].Lifecycle.IsLoopBack(before.Phase, trigger) || backToEarlierStage)
            {
                loopedBack |= 1u << i;
                loopBackFrom[i] = !ordered ? active & ~(1u << i)
                    : (active & later) != 0 ? active & later
                    : done & later;
            }
        }

        // Completion.
        for (var bits = tally.Completed; bits != 0; bits &= bits - 1)
        {
            var i = System.Numerics.BitOperations.TrailingZeroCount(bits);
            var before = tasks[i];
            tasks[i] = TaskLifecycle.Complete(before, parameters[i], ticks, signalId);
            if (tasks[i].Phase != before.Phase)
            {
                transitions?.Add(new TransitionNote(i, before.Phase, tasks[i].Phase, ticks, TaskTrigger.Completion, false, 0, resetStatus));
            }
        }

        // A stall, win or loss: every score drops to zero; no task stays active.
        if (tally.ResetsScores)
        {
            for (var i = 0; i < count; i++)
            {
                var before = tasks[i];
                tasks[i] = TaskLifecycle.Reset(before, parameters[i], ticks);
                if (tasks[i].Phase != before.Phase)
                {
                    transitions?.Add(new TransitionNote(i, before.Phase, tasks[i].Phase, ticks, TaskTrigger.JourneyEffect, false, 0, resetStatus));
                }
            }
        }

        return loopedBack;
    }
}
