using System;

namespace BuyingJourney.Evidence;

/// <summary>What one signal's evidence amounts to, as the fold's steps read it: per-task weights, completions and the journey effect.</summary>
internal readonly ref struct TaskTally
{
    /// <param name="weights">Each task's weight sum, in model order.</param>
    /// <param name="weighted">The tasks given weight (bit i: the model's task i).</param>
    /// <param name="completed">The tasks completed.</param>
    /// <param name="effect">The journey effect, or <see cref="JourneyEffect.None"/>.</param>
    public TaskTally(ReadOnlySpan<double> weights, uint weighted, uint completed, JourneyEffect effect)
    {
        Weights = weights;
        Weighted = weighted;
        Completed = completed;
        Effect = effect;
    }

    /// <summary>Each task's weight sum, in model order.</summary>
    public ReadOnlySpan<double> Weights { get; }

    /// <summary>The tasks given weight (bit i: the model's task i).</summary>
    public uint Weighted { get; }

    /// <summary>The tasks completed.</summary>
    public uint Completed { get; }

    /// <summary>The journey effect, or <see cref="JourneyEffect.None"/>.</summary>
    public JourneyEffect Effect { get; }

    /// <summary>True when the signal gave any task evidence (weight or completion).</summary>
    public bool HasTaskEvidence => (Weighted | Completed) != 0;

    /// <summary>True when the effect drops every score to zero (a stall, a win or a loss).</summary>
    public bool ResetsScores => Effect is JourneyEffect.Stall or JourneyEffect.Won or JourneyEffect.Lost;
}
