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
    /// <summary>Moves <paramref name="tasks"/> to the signal at <paramref name="ticks"/>; the result says which tasks looped back, and from where.</summary>
    /// <param name="tasks">The journey's task states, changed in place.</param>
    /// <param name="fadeBounds">Each task's tick before which it cannot fade (<see cref="TaskLifecycle.FadeBoundTicks"/>), kept up to date in place.</param>
    /// <param name="parameters">Each task's parameters (with the model's lifecycle), in model order.</param>
    /// <param name="ordered">True for an ordered model (its stages can loop back to earlier ones).</param>
    /// <param name="tally">The signal's evidence.</param>
    /// <param name="ticks">The signal's time.</param>
    /// <param name="signalId">The signal's id.</param>
    /// <param name="transitions">Where the phase changes go, with their reasons; null to skip them.</param>
    /// <param name="resetStatus">The journey status a reset is named after (read only when the tally resets scores).</param>
    /// <param name="masks">Which tasks are active and completed (of <paramref name="tasks"/>: <see cref="TaskPhaseMasks.Set"/> of each task's phase), kept up to date in place.</param>
    /// <remarks>
    /// Not inlined into the fold step: on its own its loops keep their values in registers, where inside the whole
    /// step they were spilled to the stack on every task (in alternating A/B runs replay without stakeholders was 8–13% faster this way, with them 1–9%).
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static TaskStepResult Apply(Span<TaskState> tasks, Span<long> fadeBounds, ReadOnlySpan<TaskParameters> parameters, bool ordered, in TaskTally tally, long ticks, string signalId, List<TransitionNote>? transitions, JourneyStatus resetStatus, ref TaskPhaseMasks masks)
    {
        var count = tasks.Length;

        // Decay: only an active task can fade.
        var active = masks.Active;
        var done = masks.Completed;
        for (var bits = active; bits != 0; bits &= bits - 1)
        {
            var i = System.Numerics.BitOperations.TrailingZeroCount(bits);
            ref var task = ref tasks[i];
            var phase = task.Phase;
            if (TaskLifecycle.TryFade(ref task, ref fadeBounds[i], parameters[i], ticks))
            {
                transitions?.Add(new TransitionNote(i, phase, task.Phase, task.SinceTicks, TaskTrigger.Fade, false, 0, resetStatus));
                var bit = 1u << i;
                active = TaskLifecycle.IsActive(task.Phase) ? active : active & ~bit;
                done = task.Phase == TaskPhase.Completed ? done | bit : done & ~bit;
            }
        }

        // Weight.
        uint loopedBack = 0;
        uint moved = 0;
        for (var bits = tally.Weighted; bits != 0; bits &= bits - 1)
        {
            var i = System.Numerics.BitOperations.TrailingZeroCount(bits);
            var before = tasks[i];
            var after = TaskLifecycle.AddWeight(before, parameters[i], ticks, tally.Weights[i], signalId, out var trigger);
            var backToEarlierStage = ordered && after.Phase == TaskPhase.Active && before.Phase != TaskPhase.Active && ((active | done) & TaskStepResult.Later(i)) != 0;
            if (backToEarlierStage)
            {
                after = new TaskState(after.Phase, after.SinceTicks, after.Score, after.ScoredAtTicks, after.LoopBackCount + 1, after.LastEvidenceSignalId);
            }

            tasks[i] = after;
            fadeBounds[i] = TaskLifecycle.FadeBoundTicks(after, parameters[i]);
            if (after.Phase == before.Phase)
            {
                continue;
            }

            moved |= 1u << i;
            transitions?.Add(new TransitionNote(i, before.Phase, after.Phase, ticks, trigger, backToEarlierStage, after.Score, resetStatus));
            if (parameters[i].Lifecycle.IsLoopBack(before.Phase, trigger) || backToEarlierStage)
            {
                loopedBack |= 1u << i;
            }
        }

        // Completion.
        for (var bits = tally.Completed; bits != 0; bits &= bits - 1)
        {
            var i = System.Numerics.BitOperations.TrailingZeroCount(bits);
            var before = tasks[i];
            tasks[i] = TaskLifecycle.Complete(before, parameters[i], ticks, signalId);
            fadeBounds[i] = TaskLifecycle.FadeBoundTicks(tasks[i], parameters[i]);
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
                fadeBounds[i] = TaskLifecycle.FadeBoundTicks(tasks[i], parameters[i]);
                if (tasks[i].Phase != before.Phase)
                {
                    transitions?.Add(new TransitionNote(i, before.Phase, tasks[i].Phase, ticks, TaskTrigger.JourneyEffect, false, 0, resetStatus));
                }
            }
        }

        // The phases after this signal: only the tasks the weight, completion or a reset reached can have moved.
        masks.Active = active;
        masks.Completed = done;
        var reached = tally.ResetsScores ? (uint)((1UL << count) - 1) : tally.Weighted | tally.Completed;
        for (var bits = reached; bits != 0; bits &= bits - 1)
        {
            var i = System.Numerics.BitOperations.TrailingZeroCount(bits);
            masks.Set(i, tasks[i].Phase);
        }

        return new TaskStepResult(loopedBack, moved, active, done, ordered);
    }
}

/// <summary>What the task step did that the journey keeps: the tasks that looped back, and the phases they came back from; the tasks the signal's weight moved.</summary>
internal readonly struct TaskStepResult
{
    private readonly uint _active;
    private readonly uint _done;
    private readonly bool _ordered;

    public TaskStepResult(uint loopedBack, uint weightMoved, uint active, uint done, bool ordered)
    {
        LoopedBack = loopedBack;
        WeightMoved = weightMoved;
        _active = active;
        _done = done;
        _ordered = ordered;
    }

    /// <summary>The tasks that looped back (bit i: the model's task i).</summary>
    public uint LoopedBack { get; }

    /// <summary>The tasks whose phase this signal's weight changed (it started, resumed or reopened them), before any reset.</summary>
    public uint WeightMoved { get; }

    /// <summary>
    /// The tasks task <paramref name="task"/> came back from: the other tasks the customer was working on before the
    /// signal; in an ordered model the later stages that were active, or else those that were completed.
    /// </summary>
    public uint From(int task)
    {
        var later = Later(task);
        return !_ordered ? _active & ~(1u << task)
            : (_active & later) != 0 ? _active & later
            : _done & later;
    }

    /// <summary>The tasks after <paramref name="task"/> in model order.</summary>
    public static uint Later(int task) => task == 31 ? 0u : uint.MaxValue << (task + 1);
}
