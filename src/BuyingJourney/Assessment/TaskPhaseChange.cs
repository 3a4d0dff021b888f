using BuyingJourney.Phases;

namespace BuyingJourney.Assessment;

/// <summary>One task that differs between two assessments of the same journey: its phase and loop-back count before and after.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record TaskPhaseChange
{
    internal TaskPhaseChange(string taskId, TaskPhase before, TaskPhase after, int loopBacksBefore, int loopBacksAfter)
    {
        TaskId = taskId;
        Before = before;
        After = after;
        LoopBacksBefore = loopBacksBefore;
        LoopBacksAfter = loopBacksAfter;
    }

    /// <summary>The task.</summary>
    public string TaskId { get; }

    /// <summary>The phase in the first assessment.</summary>
    public TaskPhase Before { get; }

    /// <summary>The phase in the second assessment.</summary>
    public TaskPhase After { get; }

    /// <summary>The task's loop-back count in the first assessment.</summary>
    public int LoopBacksBefore { get; }

    /// <summary>The task's loop-back count in the second assessment.</summary>
    public int LoopBacksAfter { get; }

    /// <summary>"Validation: Active → Completed".</summary>
    public override string ToString() => $"{TaskId}: {Before} → {After}";
}
