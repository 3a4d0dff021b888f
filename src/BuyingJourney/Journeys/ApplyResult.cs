using System.Collections.Immutable;
using BuyingJourney.Evidence;
using BuyingJourney.Phases;

namespace BuyingJourney.Journeys;

/// <summary>
/// What <c>JourneyEngine.Apply</c> did with one signal: the new state, the outcome, and (when applied) the
/// evidence recorded, the phase transitions and the loop-backs.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ApplyResult
{
    private readonly StepExplanation _explanation;

    /// <summary>A refused signal: the state unchanged, the reason.</summary>
    internal ApplyResult(JourneyState state, SignalOutcome outcome, string reason)
    {
        State = state;
        Outcome = outcome;
        Reason = reason;
    }

    /// <summary>An applied signal: the new state and what the step did.</summary>
    internal ApplyResult(JourneyState state, StepExplanation explanation)
    {
        State = state;
        Outcome = SignalOutcome.Applied;
        _explanation = explanation;
    }

    /// <summary>The journey after the signal; the very same instance as before when the signal was refused.</summary>
    public JourneyState State { get; }

    /// <summary>What happened to the signal.</summary>
    public SignalOutcome Outcome { get; }

    /// <summary>True when the signal was folded into the journey.</summary>
    public bool IsApplied => Outcome == SignalOutcome.Applied;

    /// <summary>Why the signal was refused; null when applied.</summary>
    public string? Reason { get; }

    /// <summary>The evidence the rules drew from the signal, in rule order; empty when refused.</summary>
    /// <remarks>Made when read (equal values on every read): keep the array rather than reading it in a loop.</remarks>
    public ImmutableArray<EvidenceRecord> Evidence => _explanation.Evidence();

    /// <summary>The phase changes, in the order they happened (decay first, then the signal's own).</summary>
    /// <remarks>Made when read (equal values on every read): keep the array rather than reading it in a loop.</remarks>
    public ImmutableArray<TaskTransition> Transitions => _explanation.Transitions();

    /// <summary>The loop-backs this signal caused.</summary>
    public ImmutableArray<LoopBack> LoopBacks => _explanation.LoopBacks;

    /// <summary>"Applied: 2 transitions, 1 loop-back" or "Late: ...".</summary>
    public override string ToString()
        => IsApplied ? $"Applied: {Transitions.Length} transitions, {LoopBacks.Length} loop-backs" : $"{Outcome}: {Reason}";
}
