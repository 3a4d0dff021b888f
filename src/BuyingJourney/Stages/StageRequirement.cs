using BuyingJourney.Internal;

namespace BuyingJourney.Stages;

/// <summary>
/// One condition of a pipeline stage: a task of the buying model the customer has entered (any phase but
/// NotStarted), or has completed (phase Completed now: a reopened task no longer counts).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record StageRequirement
{
    /// <summary>Creates a requirement.</summary>
    /// <param name="taskId">The task of the buying model.</param>
    /// <param name="completed">True when the task must be Completed; false when any phase but NotStarted will do.</param>
    /// <exception cref="System.ArgumentException"><paramref name="taskId"/> is empty or too long.</exception>
    public StageRequirement(string taskId, bool completed)
    {
        TaskId = Guard.Text(taskId, "taskId", Model.TaskDefinition.MaxIdLength);
        Completed = completed;
    }

    /// <summary>The task of the buying model.</summary>
    public string TaskId { get; }

    /// <summary>True when the task must be Completed; false when it must have been entered.</summary>
    public bool Completed { get; }

    /// <summary>The customer has entered the task (any phase but NotStarted).</summary>
    /// <param name="taskId">The task of the buying model.</param>
    public static StageRequirement Entered(string taskId) => new(taskId, false);

    /// <summary>The customer has completed the task and not reopened it.</summary>
    /// <param name="taskId">The task of the buying model.</param>
    public static StageRequirement Complete(string taskId) => new(taskId, true);

    /// <summary>"SupplierSelection completed" or "SupplierSelection entered".</summary>
    public override string ToString() => $"{TaskId} {(Completed ? "completed" : "entered")}";
}
