using System;

namespace BuyingJourney.Evidence;

/// <summary>
/// One piece of evidence a rule draws from a signal: weight for a task, completion of a task, or a
/// journey-wide effect, always with a short reason a seller can read.
/// </summary>
/// <remarks>
/// The factories do not judge the numbers: a rule that produces a NaN, infinite, zero or negative weight,
/// or names a task the model lacks, gets the whole signal refused with a result naming the rule.
/// Immutable and thread-safe.
/// </remarks>
public readonly record struct EvidenceItem
{
    private EvidenceItem(EvidenceKind kind, string? taskId, EvidenceStrength? strength, double weight, JourneyEffect effect, string reason)
    {
        Kind = kind;
        TaskId = taskId;
        Strength = strength;
        Weight = weight;
        Effect = effect;
        Reason = reason;
    }

    /// <summary>What the evidence does.</summary>
    public EvidenceKind Kind { get; }

    /// <summary>The task it is about; null for a journey effect.</summary>
    public string? TaskId { get; }

    /// <summary>The strength, when the weight is the task's weight for that strength; otherwise null.</summary>
    public EvidenceStrength? Strength { get; }

    /// <summary>The explicit weight; used when <see cref="Strength"/> is null and <see cref="Kind"/> is <see cref="EvidenceKind.Weight"/>.</summary>
    public double Weight { get; }

    /// <summary>The journey effect; <see cref="JourneyEffect.None"/> unless <see cref="Kind"/> is <see cref="EvidenceKind.JourneyEffect"/>.</summary>
    public JourneyEffect Effect { get; }

    /// <summary>Why, in words a seller understands.</summary>
    public string Reason { get; }

    /// <summary>Evidence of the given strength for a task.</summary>
    /// <param name="taskId">The task of the buying model; a task the model lacks gets the signal refused.</param>
    /// <param name="strength">How strong the evidence is; the task's settings give its weight.</param>
    /// <param name="reason">Why, in words a seller understands.</param>
    /// <exception cref="ArgumentNullException">A null task id or reason.</exception>
    public static EvidenceItem For(string taskId, EvidenceStrength strength, string reason)
        => new(EvidenceKind.Weight, Required(taskId, nameof(taskId)), strength, 0, JourneyEffect.None, Required(reason, nameof(reason)));

    /// <summary>Evidence with an explicit weight for a task (the weight must be finite and positive, or the signal is refused).</summary>
    /// <param name="taskId">The task of the buying model; a task the model lacks gets the signal refused.</param>
    /// <param name="weight">The weight it adds to the task; finite and positive, or the signal is refused.</param>
    /// <param name="reason">Why, in words a seller understands.</param>
    /// <exception cref="ArgumentNullException">A null task id or reason.</exception>
    public static EvidenceItem For(string taskId, double weight, string reason)
        => new(EvidenceKind.Weight, Required(taskId, nameof(taskId)), null, weight, JourneyEffect.None, Required(reason, nameof(reason)));

    /// <summary>Evidence that completes a task.</summary>
    /// <param name="taskId">The task of the buying model that is completed; a task the model lacks gets the signal refused.</param>
    /// <param name="reason">Why, in words a seller understands.</param>
    /// <exception cref="ArgumentNullException">A null task id or reason.</exception>
    public static EvidenceItem Completes(string taskId, string reason)
        => new(EvidenceKind.Completion, Required(taskId, nameof(taskId)), null, 0, JourneyEffect.None, Required(reason, nameof(reason)));

    /// <summary>Evidence of a journey-wide effect.</summary>
    /// <param name="effect">The effect: <see cref="JourneyEffect.Stall"/>, <see cref="JourneyEffect.Won"/>, <see cref="JourneyEffect.Lost"/> or <see cref="JourneyEffect.AtRisk"/>.</param>
    /// <param name="reason">Why, in words a seller understands.</param>
    /// <exception cref="ArgumentNullException">A null reason.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="effect"/> is <see cref="JourneyEffect.None"/> or not defined.</exception>
    public static EvidenceItem ForJourney(JourneyEffect effect, string reason)
    {
        if (effect is not (JourneyEffect.Stall or JourneyEffect.Won or JourneyEffect.Lost or JourneyEffect.AtRisk))
        {
            throw new ArgumentOutOfRangeException(nameof(effect), effect, "A journey effect must be Stall, Won, Lost or AtRisk.");
        }

        return new(EvidenceKind.JourneyEffect, null, null, 0, effect, Required(reason, nameof(reason)));
    }

    /// <summary>A short description: "Weight Validation Strong: reference call requested".</summary>
    public override string ToString() => Kind switch
    {
        EvidenceKind.Weight => $"{TaskId} +{(Strength is { } s ? s.ToString() : Weight.ToString(System.Globalization.CultureInfo.InvariantCulture))}: {Reason}",
        EvidenceKind.Completion => $"{TaskId} completed: {Reason}",
        _ => $"journey {Effect}: {Reason}",
    };

    private static string Required(string value, string name)
        => value ?? throw new ArgumentNullException(name);
}
