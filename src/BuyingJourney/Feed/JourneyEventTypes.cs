namespace BuyingJourney.Feed;

/// <summary>
/// The stable type names of <see cref="JourneyEvent"/>s. A name never changes meaning; a new meaning gets a new name,
/// and a new layout of the same meaning a new <see cref="JourneyEvent.SchemaVersion"/>.
/// </summary>
public static class JourneyEventTypes
{
    /// <summary>A task changed phase (<see cref="JourneyEvent.TaskId"/>, from and to a <c>TaskPhase</c> name). With no signal, the task faded: it went dormant, or a revisit fizzled.</summary>
    public const string TaskPhaseChanged = "task.phase_changed";

    /// <summary>The customer came back to a task (<see cref="JourneyEvent.TaskId"/>): a loop-back; <see cref="JourneyEvent.To"/> is the task's loop-back count.</summary>
    public const string TaskLoopedBack = "task.looped_back";

    /// <summary>A correction: a loop-back reported earlier no longer holds (a late signal, or a new rulebook, changed the fold); <see cref="JourneyEvent.To"/> is the task's loop-back count now.</summary>
    public const string TaskLoopBackWithdrawn = "task.loop_back_withdrawn";

    /// <summary>A task that was started and not completed has had no evidence for its configured quiet period (<see cref="JourneyServiceOptions.QuietAfter"/>); <see cref="JourneyEvent.From"/> is the last evidence's time (round-trip format), <see cref="JourneyEvent.To"/> the quiet period (<c>d.hh:mm:ss</c>).</summary>
    public const string TaskQuiet = "task.quiet";

    /// <summary>The journey's status changed (from and to a <c>JourneyStatus</c> name): stalled, at risk, reopened (to Open), won, lost.</summary>
    public const string StatusChanged = "journey.status_changed";

    /// <summary>A sign-off role that was covered is no longer covered (<see cref="JourneyEvent.To"/> is the role id): its people left the buying group.</summary>
    public const string SignOffRoleLost = "group.sign_off_role_lost";

    /// <summary>A sign-off role that was missing is now covered (<see cref="JourneyEvent.To"/> is the role id).</summary>
    public const string SignOffRoleCovered = "group.sign_off_role_covered";

    /// <summary>The top next best action changed (from and to an action code; null when there was or is none).</summary>
    public const string NextBestActionChanged = "advice.next_best_action_changed";

    /// <summary>True for one of the names above.</summary>
    /// <param name="type">A type name.</param>
    public static bool IsKnown(string? type) => type is TaskPhaseChanged or TaskLoopedBack or TaskLoopBackWithdrawn or TaskQuiet
        or StatusChanged or SignOffRoleLost or SignOffRoleCovered or NextBestActionChanged;
}
