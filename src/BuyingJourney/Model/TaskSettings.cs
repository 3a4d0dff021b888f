using System;

namespace BuyingJourney.Model;

/// <summary>
/// The numbers that drive one task's lifecycle: how fast evidence fades, the thresholds between phases,
/// and what each evidence strength is worth. A model has defaults; a task may override them.
/// </summary>
/// <remarks>
/// Scores decay exponentially: after one <see cref="HalfLife"/> a contribution is worth half.
/// The thresholds must satisfy 0 &lt; <see cref="DormancyThreshold"/> &lt; <see cref="ActivationThreshold"/>
/// ≤ <see cref="ReopenThreshold"/>; weights must be positive. Checked when a <see cref="BuyingModel"/> is built.
/// Immutable and thread-safe.
/// </remarks>
public sealed record TaskSettings
{
    /// <summary>The longest accepted <see cref="HalfLife"/>: ten years.</summary>
    public static readonly TimeSpan MaxHalfLife = TimeSpan.FromDays(3650);

    /// <summary>The largest accepted threshold or weight.</summary>
    public const double MaxValue = 1000;

    /// <summary>The defaults from the engine's contract.</summary>
    public static TaskSettings Default { get; } = new();

    /// <summary>How long until a piece of evidence is worth half. Between one second and ten years.</summary>
    /// <value>14 days.</value>
    public TimeSpan HalfLife { get; init; } = TimeSpan.FromDays(14);

    /// <summary>The decayed score at which a not-started or dormant task becomes active.</summary>
    /// <value>0.5.</value>
    public double ActivationThreshold { get; init; } = 0.5;

    /// <summary>The evidence after completion at which a completed task is revisited (a loop-back). Higher than activation, so one stray page view does not count as a loop-back.</summary>
    /// <value>0.8.</value>
    public double ReopenThreshold { get; init; } = 0.8;

    /// <summary>The decayed score below which an active task goes dormant, and a revisit fizzles.</summary>
    /// <value>0.2.</value>
    public double DormancyThreshold { get; init; } = 0.2;

    /// <summary>The weight of strong evidence (starts or reopens a task on its own).</summary>
    /// <value>1.0.</value>
    public double StrongWeight { get; init; } = 1.0;

    /// <summary>The weight of normal evidence (starts a task on its own).</summary>
    /// <value>0.6.</value>
    public double NormalWeight { get; init; } = 0.6;

    /// <summary>The weight of weak evidence (needs company).</summary>
    /// <value>0.3.</value>
    public double WeakWeight { get; init; } = 0.3;

    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="owner"/> and the setting that is out of range.</summary>
    internal void Validate(string owner)
    {
        if (HalfLife < TimeSpan.FromSeconds(1) || HalfLife > MaxHalfLife)
        {
            throw Invalid(owner, nameof(HalfLife), $"is {HalfLife}; it must be between 00:00:01 and {MaxHalfLife.TotalDays:0} days");
        }

        CheckRange(owner, nameof(ActivationThreshold), ActivationThreshold);
        CheckRange(owner, nameof(ReopenThreshold), ReopenThreshold);
        CheckRange(owner, nameof(DormancyThreshold), DormancyThreshold);
        CheckRange(owner, nameof(StrongWeight), StrongWeight);
        CheckRange(owner, nameof(NormalWeight), NormalWeight);
        CheckRange(owner, nameof(WeakWeight), WeakWeight);
        if (!(DormancyThreshold < ActivationThreshold))
        {
            throw Invalid(owner, nameof(DormancyThreshold), $"is {DormancyThreshold}; it must be below {nameof(ActivationThreshold)} ({ActivationThreshold})");
        }

        if (!(ActivationThreshold <= ReopenThreshold))
        {
            throw Invalid(owner, nameof(ReopenThreshold), $"is {ReopenThreshold}; it must be at least {nameof(ActivationThreshold)} ({ActivationThreshold})");
        }
    }

    /// <summary>True for a finite number above 0 and at most <see cref="MaxValue"/>: a valid setting, and a valid weight of one piece of evidence.</summary>
    internal static bool InRange(double value) => double.IsFinite(value) && value > 0 && value <= MaxValue;

    private static void CheckRange(string owner, string name, double value)
    {
        if (!InRange(value))
        {
            throw Invalid(owner, name, $"is {value}; it must be a finite number above 0 and at most {MaxValue}");
        }
    }

    private static ArgumentException Invalid(string owner, string name, string problem)
        => new($"{owner}: {name} {problem}.", name);

    /// <summary>These settings pre-computed for the fold, with the model's compiled task lifecycle.</summary>
    /// <param name="lifecycle">The model's task lifecycle (<c>BuyingModel.Lifecycle</c>).</param>
    internal Phases.TaskParameters ToParameters(Phases.TaskLifecycleTable lifecycle)
        => new(ActivationThreshold, ReopenThreshold, DormancyThreshold, HalfLife, StrongWeight, NormalWeight, WeakWeight, lifecycle);
}
