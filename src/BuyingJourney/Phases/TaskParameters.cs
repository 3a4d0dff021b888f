using System;
using BuyingJourney.Evidence;

namespace BuyingJourney.Phases;

/// <summary>One task's settings, pre-computed for the fold: thresholds, weights, the decay rate per tick and the compiled lifecycle.</summary>
internal readonly struct TaskParameters
{
    /// <summary>A task's validated settings (made by <c>TaskSettings.ToParameters</c>) with its model's lifecycle.</summary>
    /// <param name="activation">The activation threshold.</param>
    /// <param name="reopen">The reopen threshold.</param>
    /// <param name="dormancy">The dormancy threshold.</param>
    /// <param name="halfLife">The score's half-life.</param>
    /// <param name="strong">The weight of strong evidence.</param>
    /// <param name="normal">The weight of normal evidence.</param>
    /// <param name="weak">The weight of weak evidence.</param>
    /// <param name="lifecycle">The model's compiled task lifecycle.</param>
    public TaskParameters(double activation, double reopen, double dormancy, TimeSpan halfLife, double strong, double normal, double weak, TaskLifecycleTable lifecycle)
    {
        Lifecycle = lifecycle;
        Activation = activation;
        Reopen = reopen;
        Dormancy = dormancy;
        InverseDormancy = 1 / dormancy;
        HalfLifeTicks = halfLife.Ticks;
        DecayRatePerTick = Math.Log(2) / halfLife.Ticks;
        Strong = strong;
        Normal = normal;
        Weak = weak;
    }

    /// <summary>The compiled task lifecycle every phase decision reads.</summary>
    public TaskLifecycleTable Lifecycle { get; }

    public double Activation { get; }

    public double Reopen { get; }

    public double Dormancy { get; }

    /// <summary>1 / <see cref="Dormancy"/>, for the fade bound (a multiplication where a division would do).</summary>
    public double InverseDormancy { get; }

    public double HalfLifeTicks { get; }

    public double DecayRatePerTick { get; }

    public double Strong { get; }

    public double Normal { get; }

    public double Weak { get; }

    /// <summary>The weight a piece of evidence gives: its strength's weight here, or its explicit weight.</summary>
    public double WeightOf(in EvidenceItem item) => item.Strength is { } strength ? WeightOf(strength) : item.Weight;

    /// <summary><paramref name="value"/>, set at <paramref name="fromTicks"/>, decayed to <paramref name="toTicks"/> (unchanged when not later).</summary>
    public double Decay(double value, long fromTicks, long toTicks)
        => value == 0 || toTicks <= fromTicks ? value : value * Math.Exp(-(toTicks - fromTicks) * DecayRatePerTick);

    public double WeightOf(EvidenceStrength strength) => strength switch
    {
        EvidenceStrength.Strong => Strong,
        EvidenceStrength.Normal => Normal,
        _ => Weak,
    };
}
