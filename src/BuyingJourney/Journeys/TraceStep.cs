using System.Collections.Immutable;
using BuyingJourney.Evidence;
using BuyingJourney.Phases;
using BuyingJourney.Signals;

namespace BuyingJourney.Journeys;

/// <summary>One signal's step in a <see cref="JourneyTrace"/>: what it did and the journey after it.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class TraceStep
{
    internal TraceStep(Signal signal, SignalOutcome outcome, string? reason, ImmutableArray<EvidenceRecord> evidence, ImmutableArray<TaskTransition> transitions, ImmutableArray<LoopBack> loopBacks, JourneyState state)
    {
        Signal = signal;
        Outcome = outcome;
        Reason = reason;
        Evidence = evidence;
        Transitions = transitions;
        LoopBacks = loopBacks;
        State = state;
    }

    /// <summary>The signal.</summary>
    public Signal Signal { get; }

    /// <summary>What happened to it.</summary>
    public SignalOutcome Outcome { get; }

    /// <summary>Why it was refused; null when applied.</summary>
    public string? Reason { get; }

    /// <summary>The evidence the rules drew from it.</summary>
    public ImmutableArray<EvidenceRecord> Evidence { get; }

    /// <summary>The phase changes it caused (decay before it included).</summary>
    public ImmutableArray<TaskTransition> Transitions { get; }

    /// <summary>The loop-backs it caused.</summary>
    public ImmutableArray<LoopBack> LoopBacks { get; }

    /// <summary>The journey after this step.</summary>
    public JourneyState State { get; }
}
