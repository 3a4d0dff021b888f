namespace BuyingJourney.Phases;

/// <summary>
/// Which of a journey's tasks are active (<see cref="TaskLifecycle.IsActive"/>) and which are completed, one bit per
/// task in model order. The fold keeps them with its working copy, so the task step visits only the tasks that can
/// fade instead of reading every task's phase on every signal.
/// </summary>
internal struct TaskPhaseMasks
{
    /// <summary>The active or revisiting tasks.</summary>
    public uint Active;

    /// <summary>The completed tasks.</summary>
    public uint Completed;

    /// <summary>Sets task <paramref name="task"/>'s bits for <paramref name="phase"/>.</summary>
    public void Set(int task, TaskPhase phase)
    {
        var bit = 1u << task;
        Active = TaskLifecycle.IsActive(phase) ? Active | bit : Active & ~bit;
        Completed = phase == TaskPhase.Completed ? Completed | bit : Completed & ~bit;
    }
}
