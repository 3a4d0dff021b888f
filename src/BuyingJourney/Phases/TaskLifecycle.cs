using System;

namespace BuyingJourney.Phases;

/// <summary>
/// The task lifecycle and its decay: pure functions from one <see cref="TaskState"/> to the next. Every phase
/// decision is a lookup in the compiled lifecycle (<see cref="TaskParameters.Lifecycle"/>, a
/// <see cref="TaskLifecycleTable"/>); the data effects (score, since, loop-back count) are the code here, keyed by
/// the trigger and the row. Every phase decision for decay uses the crossing tick (<see cref="FadesAtTicks"/>, a
/// function of the state's score, when it was scored and the task's parameters), so replay, incremental apply and
/// assessment agree to the tick. The fold keeps a cheap lower bound of it per task (<see cref="FadeBoundTicks"/>) and
/// computes the crossing tick (a logarithm) only once a signal reaches the bound.
/// </summary>
internal static class TaskLifecycle
{
    /// <summary>The fade tick of a task that cannot fade (one that is not active or revisiting).</summary>
    public const long Never = long.MaxValue;

    private static readonly long MaxTicks = DateTime.MaxValue.Ticks;

    /// <summary>The score decayed from its last update to <paramref name="ticks"/>.</summary>
    public static double DecayedScore(in TaskState state, in TaskParameters parameters, long ticks)
    {
        return parameters.Decay(state.Score, state.ScoredAtTicks, ticks);
    }

    /// <summary>True when the task is active or revisiting: the customer is working on it, and its score can fade (what the phases mean; every lifecycle keeps it).</summary>
    public static bool IsActive(TaskPhase phase) => phase is TaskPhase.Active or TaskPhase.Revisiting;

    /// <summary>
    /// For an active or revisiting task, the first UTC tick at which its decayed score is below the dormancy
    /// threshold; <see cref="Never"/> for any other phase. The fold keeps it per task while it runs (computed when a
    /// task's score changes), so the states need not store it.
    /// </summary>
    public static long FadesAtTicks(in TaskState state, in TaskParameters parameters)
        => IsActive(state.Phase) ? FadesAt(state.Score, state.ScoredAtTicks, parameters) : Never;

    /// <summary>
    /// A tick before which the task cannot fade: never after <see cref="FadesAtTicks"/> and within a tenth of a
    /// half-life of it, found without a logarithm; <see cref="Never"/> for a task that is not active or revisiting.
    /// The fold keeps it per task and computes <see cref="FadesAtTicks"/> only for a signal at or after it.
    /// </summary>
    public static long FadeBoundTicks(in TaskState state, in TaskParameters parameters)
        => IsActive(state.Phase) ? FadeBound(state.Score, state.ScoredAtTicks, parameters) : Never;

    /// <summary>The phase the task is in at <paramref name="ticks"/> when no evidence arrives (an active task may have faded).</summary>
    public static TaskPhase PhaseAt(in TaskState state, in TaskParameters parameters, long ticks)
        => PhaseAt(state, FadesAtTicks(state, parameters), parameters.Lifecycle, ticks);

    /// <summary>The phase the task is in at <paramref name="ticks"/>, given its <see cref="FadesAtTicks"/>, when no evidence arrives.</summary>
    public static TaskPhase PhaseAt(in TaskState state, long fadesAtTicks, TaskLifecycleTable lifecycle, long ticks)
        => IsActive(state.Phase) && ticks >= fadesAtTicks ? lifecycle.Next(state.Phase, TaskTrigger.Fade) : state.Phase;


    /// <summary>
    /// The state after an active or revisiting task's score crossed the dormancy threshold at
    /// <paramref name="fadesAtTicks"/> (its <see cref="FadesAtTicks"/>): the <see cref="TaskTrigger.Fade"/> row's
    /// phase (never an active one: the lifecycle's validation sees to it), since the crossing.
    /// </summary>
    public static TaskState Fade(in TaskState state, in TaskParameters parameters, long fadesAtTicks)
    {
        var phase = parameters.Lifecycle.Next(state.Phase, TaskTrigger.Fade);
        var since = phase == state.Phase ? state.SinceTicks : fadesAtTicks;
        return new(phase, since, state.Score, state.ScoredAtTicks, state.LoopBackCount + LoopBacks(parameters, state.Phase, TaskTrigger.Fade), state.LastEvidenceSignalId);
    }

    /// <summary>Applies decay up to <paramref name="ticks"/>: returns true, with the new state, when the task faded.</summary>
    public static bool TryFade(in TaskState state, in TaskParameters parameters, long ticks, out TaskState faded)
    {
        faded = state;
        var fadeBound = FadeBoundTicks(state, parameters);
        return TryFade(ref faded, ref fadeBound, parameters, ticks);
    }

    /// <summary>
    /// Applies decay up to <paramref name="ticks"/> in place, given a tick before which the task cannot fade
    /// (<see cref="FadeBoundTicks"/>, or <see cref="FadesAtTicks"/> itself): returns true when the task faded.
    /// <paramref name="fadeBoundTicks"/> stays such a tick: <see cref="Never"/> once the task faded, its
    /// <see cref="FadesAtTicks"/> once a signal reached the bound but not the crossing.
    /// </summary>
    public static bool TryFade(ref TaskState state, ref long fadeBoundTicks, in TaskParameters parameters, long ticks)
    {
        if (ticks < fadeBoundTicks || !IsActive(state.Phase))
        {
            return false;
        }

        var fadesAt = FadesAtTicks(state, parameters);
        if (ticks < fadesAt)
        {
            fadeBoundTicks = fadesAt;
            return false;
        }

        state = Fade(state, parameters, fadesAt);
        fadeBoundTicks = Never;
        return true;
    }


    /// <summary>
    /// Adds weight at <paramref name="ticks"/> (the task must already be faded to that time): the new score picks the
    /// trigger (<see cref="TaskLifecycleTable.Classify"/>), its row the phase.
    /// </summary>
    public static TaskState AddWeight(in TaskState state, in TaskParameters parameters, long ticks, double weight, string signalId)
        => AddWeight(state, parameters, ticks, weight, signalId, out _);

    /// <inheritdoc cref="AddWeight(in TaskState, in TaskParameters, long, double, string)"/>
    /// <param name="state">The task before the weight.</param>
    /// <param name="parameters">The task's parameters and lifecycle.</param>
    /// <param name="ticks">When the weight arrives.</param>
    /// <param name="weight">The weight.</param>
    /// <param name="signalId">The signal that carries it.</param>
    /// <param name="trigger">The weight trigger the score picked: with the state's phase, the row that made the step (its reason, cause and loop-back flag).</param>
    public static TaskState AddWeight(in TaskState state, in TaskParameters parameters, long ticks, double weight, string signalId, out TaskTrigger trigger)
    {
        var score = DecayedScore(state, parameters, ticks) + weight;
        trigger = TaskLifecycleTable.Classify(score, parameters);
        return Step(state, parameters, trigger, ticks, score, signalId);
    }

    /// <summary>Completes the task at <paramref name="ticks"/>: the <see cref="TaskTrigger.Completion"/> row's phase, score reset to zero.</summary>
    public static TaskState Complete(in TaskState state, in TaskParameters parameters, long ticks, string signalId)
        => Step(state, parameters, TaskTrigger.Completion, ticks, 0, signalId);


    /// <summary>Drops the score to zero at <paramref name="ticks"/> (a stall, win or loss): the <see cref="TaskTrigger.JourneyEffect"/> row's phase.</summary>
    public static TaskState Reset(in TaskState state, in TaskParameters parameters, long ticks)
        => Step(state, parameters, TaskTrigger.JourneyEffect, ticks, 0, state.LastEvidenceSignalId);


    /// <summary>
    /// One row's data effects: the row's phase, since <paramref name="ticks"/> when it changed, the new score as of
    /// <paramref name="ticks"/>, one more loop-back for a loop-back row.
    /// </summary>
    private static TaskState Step(in TaskState state, in TaskParameters parameters, TaskTrigger trigger, long ticks, double score, string? signalId)
    {
        var phase = parameters.Lifecycle.Next(state.Phase, trigger);
        var since = phase == state.Phase ? state.SinceTicks : ticks;
        return new TaskState(phase, since, score, ticks, state.LoopBackCount + LoopBacks(parameters, state.Phase, trigger), signalId);
    }

    private static int LoopBacks(in TaskParameters parameters, TaskPhase phase, TaskTrigger trigger)
        => parameters.Lifecycle.IsLoopBack(phase, trigger) ? 1 : 0;

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

    /// <summary>
    /// A tick no later than <see cref="FadesAt"/>: with the ratio r = score / dormancy written as m·2^e (m in [1, 2)),
    /// log2(r) is at least e + m - 1 (the chord under the concave log2 between m = 1 and m = 2, at most 0.09 below
    /// it). The ratio is taken with the reciprocal of dormancy (off by at most two units in the last place, at most 7e-16
    /// in log2, 3 ticks at the longest half-life); a margin of 1e-9 of the bound and 4 ticks covers that and the
    /// rounding of the logarithm and the products.
    /// </summary>
    private static long FadeBound(double score, long ticks, in TaskParameters parameters)
    {
        if (score <= parameters.Dormancy)
        {
            return ticks;
        }

        // The ratio is positive and not NaN (at worst a hair below 1, giving a bound of ticks): its bits hold e (biased by 1023) and m's fraction.
        var bits = BitConverter.DoubleToInt64Bits(score * parameters.InverseDormancy);
        var exponent = (int)(bits >> 52) - 1023;
        if (exponent == 1024)
        {
            return FadesAt(score, ticks, parameters); // an infinite ratio (a dormancy threshold near zero): no bound to be had
        }

        var mantissa = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000);
        var log2Below = exponent + mantissa - 1;
        var delta = (log2Below * parameters.HalfLifeTicks * (1 - 1e-9)) - 4;
        return delta <= 0 ? ticks : delta >= MaxTicks - ticks ? MaxTicks : ticks + (long)delta;
    }
}
