using System;
using BuyingJourney.Internal;
using BuyingJourney.Phases;

namespace BuyingJourney.Stages;

/// <summary>
/// One condition of a pipeline stage, read from a task's phase: the customer has entered the task (any phase but
/// NotStarted), has completed it (phase Completed now: a reopened task no longer counts), or is not revisiting it.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record StageRequirement
{
    /// <summary>Creates a requirement that the task is completed or entered.</summary>
    /// <param name="taskId">The task of the buying model.</param>
    /// <param name="completed">True when the task must be Completed; false when any phase but NotStarted will do.</param>
    /// <exception cref="ArgumentException"><paramref name="taskId"/> is empty or too long.</exception>
    public StageRequirement(string taskId, bool completed)
        : this(taskId, completed ? StageCondition.Completed : StageCondition.Entered)
    {
    }

    /// <summary>Creates a requirement.</summary>
    /// <param name="taskId">The task of the buying model.</param>
    /// <param name="condition">What the task's phase must be.</param>
    /// <exception cref="ArgumentException"><paramref name="taskId"/> is empty or too long, or <paramref name="condition"/> is not a <see cref="StageCondition"/>.</exception>
    public StageRequirement(string taskId, StageCondition condition)
    {
        TaskId = Guard.Text(taskId, "taskId", Model.TaskDefinition.MaxIdLength);
        if (!Enum.IsDefined(condition))
        {
            throw new ArgumentException($"condition {(int)condition} is not a StageCondition.", nameof(condition));
        }

        Condition = condition;
    }

    /// <summary>The task of the buying model.</summary>
    public string TaskId { get; }

    /// <summary>What the task's phase must be.</summary>
    public StageCondition Condition { get; }

    /// <summary>True when the task must be Completed.</summary>
    public bool Completed => Condition == StageCondition.Completed;

    /// <summary>The customer has entered the task (any phase but NotStarted).</summary>
    /// <param name="taskId">The task of the buying model.</param>
    public static StageRequirement Entered(string taskId) => new(taskId, StageCondition.Entered);

    /// <summary>The customer has completed the task and not reopened it.</summary>
    /// <param name="taskId">The task of the buying model.</param>
    public static StageRequirement Complete(string taskId) => new(taskId, StageCondition.Completed);

    /// <summary>The customer is not revisiting the task (e.g. validation or consensus reopened after the choice).</summary>
    /// <param name="taskId">The task of the buying model.</param>
    public static StageRequirement NotReopened(string taskId) => new(taskId, StageCondition.NotReopened);

    /// <summary>True when the task's <paramref name="phase"/> meets the condition.</summary>
    internal bool Holds(TaskPhase phase) => Condition switch
    {
        StageCondition.Entered => phase != TaskPhase.NotStarted,
        StageCondition.Completed => phase == TaskPhase.Completed,
        _ => phase != TaskPhase.Revisiting,
    };

    /// <summary>True when the condition fails because the customer reopened the task (it is Revisiting): what it confirmed is undone.</summary>
    internal bool IsUndoneBy(TaskPhase phase) => phase == TaskPhase.Revisiting && Condition != StageCondition.Entered;

    /// <summary>"SupplierSelection completed", "SupplierSelection entered" or "Validation not reopened".</summary>
    public override string ToString() => Condition switch
    {
        StageCondition.Entered => $"{TaskId} entered",
        StageCondition.Completed => $"{TaskId} completed",
        _ => $"{TaskId} not reopened",
    };
}
