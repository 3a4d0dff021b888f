using System.Collections.Generic;
using System.Collections.Immutable;
using BuyingJourney.Evidence;
using BuyingJourney.Phases;

namespace BuyingJourney.Journeys;

/// <summary>Collects what one fold step did, for <c>Apply</c>'s result and for traces. Replay runs without one.</summary>
internal sealed class StepRecorder
{
    public List<EvidenceRecord> Evidence { get; } = [];

    public List<TaskTransition> Transitions { get; } = [];

    public List<LoopBack> LoopBacks { get; } = [];

    public void Clear()
    {
        Evidence.Clear();
        Transitions.Clear();
        LoopBacks.Clear();
    }

    public (ImmutableArray<EvidenceRecord> Evidence, ImmutableArray<TaskTransition> Transitions, ImmutableArray<LoopBack> LoopBacks) Take()
        => ([.. Evidence], [.. Transitions], [.. LoopBacks]);
}
