using System;
using BuyingJourney.Evidence;
using BuyingJourney.Model;

namespace BuyingJourney.Phases;

/// <summary>One task's settings, pre-computed for the fold: thresholds, weights, the decay rate per tick and the compiled lifecycle.</summary>
internal readonly struct TaskParameters
{
    /// <summary>The settings with the built-in models' lifecycle.</summary>
    public TaskParameters(TaskSettings settings)
        : this(settings, TaskLifecycleTable.BuiltIn)
    {
    }

    /// <summary>The settings with the model's lifecycle (<c>BuyingModel.Lifecycle</c>).</summary>
    public TaskParameters(TaskSettings settings, TaskLifecycleTable lifecycle)
    {
        Lifecycle = lifecycle;
        Activation = settings.ActivationThreshold;
        Reopen = settings.ReopenThreshold;
        Dormancy = settings.DormancyThreshold;
        HalfLifeTicks = settings.HalfLife.Ticks;
        DecayRatePerTick = Math.Log(2) / settings.HalfLife.Ticks;
        Strong = settings.StrongWeight;
        Normal = settings.NormalWeight;
        Weak = settings.WeakWeight;
    }

    /// <summary>The compiled task lifecycle every phase decision reads.</summary>
    public TaskLifecycleTable Lifecycle { get; }

    public double Activation { get; }

    public double Reopen { get; }

    public double Dormancy { get; }

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
