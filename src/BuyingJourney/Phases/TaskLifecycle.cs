using System;

namespace BuyingJourney.Phases;

/// <summary>
/// The task lifecycle and its decay: pure functions from one <see cref="TaskState"/> to the next.
/// Every phase decision for decay uses the pre-computed crossing tick (<see cref="TaskState.FadesAtTicks"/>),
/// so replay, incremental apply and assessment agree to the tick.
/// </summary>
internal static class TaskLifecycle
{
    private static readonly long MaxTicks = DateTime.MaxValue.Ticks;

    /// <summary>The score decayed from its last update to <paramref name="ticks"/>.</summary>
    public static double DecayedScore(in TaskState state, in TaskParameters parameters, long ticks)
    {
        return parameters.Decay(state.Score, state.ScoredAtTicks, ticks);
    }

    /// <summary>True when the task is active or revisiting: the customer is working on it.</summary>
    public static bool IsActive(TaskPhase phase) => phase is TaskPhase.Active or TaskPhase.Revisiting;

    /// <summary>The phase the task is in at <paramref name="ticks"/> when no evidence arrives (an active task may have gone dormant, a revisit may have fizzled).</summary>
    public static TaskPhase PhaseAt(in TaskState state, long ticks)
        => IsActive(state.Phase) && ticks >= state.FadesAtTicks ? FadedPhase(state.Phase) : state.Phase;

    /// <summary>
    /// The state after an active or revisiting task's score crossed the dormancy threshold (at its
    /// <see cref="TaskState.FadesAtTicks"/>, which is <see cref="TaskState.Never"/> for any other phase).
    /// </summary>
    public static TaskState Fade(in TaskState state)
        => new(FadedPhase(state.Phase), state.FadesAtTicks, state.Score, state.ScoredAtTicks, TaskState.Never, state.LoopBackCount, state.LastEvidenceSignalId);

    /// <summary>Applies decay up to <paramref name="ticks"/>: returns true, with the new state, when the task faded.</summary>
    public static bool TryFade(in TaskState state, long ticks, out TaskState faded)
    {
        if (ticks >= state.FadesAtTicks && IsActive(state.Phase))
        {
            faded = Fade(state);
            return true;
        }

        faded = state;
        return false;
    }

    /// <summary>Adds weight at <paramref name="ticks"/> (the task must already be faded to that time).</summary>
    public static TaskState AddWeight(in TaskState state, in TaskParameters parameters, long ticks, double weight, string signalId)
    {
        var score = DecayedScore(state, parameters, ticks) + weight;
        var phase = state.Phase;
        var since = state.SinceTicks;
        var loopBacks = state.LoopBackCount;
        switch (phase)
        {
            case TaskPhase.NotStarted or TaskPhase.Dormant when score >= parameters.Activation:
                phase = TaskPhase.Active;
                since = ticks;
                break;
            case TaskPhase.Completed when score >= parameters.Reopen:
                phase = TaskPhase.Revisiting;
                since = ticks;
                loopBacks++;
                break;
        }

        var fadesAt = IsActive(phase) ? FadesAt(score, ticks, parameters) : TaskState.Never;
        return new TaskState(phase, since, score, ticks, fadesAt, loopBacks, signalId);
    }

    /// <summary>Completes the task at <paramref name="ticks"/>: phase Completed, score reset to zero.</summary>
    public static TaskState Complete(in TaskState state, long ticks, string signalId)
    {
        var since = state.Phase == TaskPhase.Completed ? state.SinceTicks : ticks;
        return new TaskState(TaskPhase.Completed, since, 0, ticks, TaskState.Never, state.LoopBackCount, signalId);
    }

    /// <summary>Drops the score to zero at <paramref name="ticks"/> (a stall, win or loss): active tasks go dormant, revisits end.</summary>
    public static TaskState Reset(in TaskState state, long ticks)
    {
        var phase = IsActive(state.Phase) ? FadedPhase(state.Phase) : state.Phase;
        var since = phase == state.Phase ? state.SinceTicks : ticks;
        return new TaskState(phase, since, 0, ticks, TaskState.Never, state.LoopBackCount, state.LastEvidenceSignalId);
    }

    private static TaskPhase FadedPhase(TaskPhase phase) => phase == TaskPhase.Revisiting ? TaskPhase.Completed : TaskPhase.Dormant;

    /// <summary>The first tick at which <paramref name="score"/>, decaying from <paramref name="ticks"/>, is below the dormancy threshold.</summary>
    private static long FadesAt(double score, long ticks, in TaskParameters parameters)
    {
        if (score <= parameters.Dormancy)
        {
            return ticks;
        }

        var delta = Math.Ceiling(Math.Log2(score / parameters.Dormancy) * parameters.HalfLifeTicks);
        return delta >= MaxTicks - ticks ? MaxTicks : ticks + (long)delta;
    }
}
