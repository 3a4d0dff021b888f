using BuyingJourney.Group;
using BuyingJourney.Phases;

namespace BuyingJourney.Rules;

/// <summary>The journey as a rule sees it through <see cref="RuleContext"/>: before the signal being evaluated.</summary>
internal interface IRuleJourney
{
    /// <summary>The journey's status.</summary>
    JourneyStatus Status { get; }

    /// <summary>How many signals the journey has had.</summary>
    int SignalCount { get; }

    /// <summary>The buying group.</summary>
    BuyingGroupWork Group { get; }

    /// <summary>The tasks' states, in model order (not yet faded to the signal's time).</summary>
    TaskState[] Tasks { get; }

    /// <summary>Each task's tick before which it cannot fade (<see cref="TaskLifecycle.FadeBoundTicks"/>), in model order.</summary>
    long[] FadeBounds { get; }
}
