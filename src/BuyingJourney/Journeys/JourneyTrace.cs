using System.Collections.Immutable;

namespace BuyingJourney.Journeys;

/// <summary>
/// A replay with tracing on: every signal in journey order (repeated ids included, as duplicates) with the
/// evidence, transitions and loop-backs it caused. The explanation trail the compact <see cref="JourneyState"/> does not keep.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class JourneyTrace
{
    internal JourneyTrace(string journeyId, JourneyState state, ImmutableArray<TraceStep> steps)
    {
        JourneyId = journeyId;
        State = state;
        Steps = steps;
    }

    /// <summary>The journey's id.</summary>
    public string JourneyId { get; }

    /// <summary>The journey after the last step; equal to <c>JourneyEngine.Replay</c> of the same signals.</summary>
    public JourneyState State { get; }

    /// <summary>One step per signal, in journey order.</summary>
    public ImmutableArray<TraceStep> Steps { get; }
}
