using System;
using System.Collections.Immutable;

namespace BuyingJourney.Group;

/// <summary>
/// One stakeholder as of an assessment: engaged, quiet or left, and the tasks they are working on now (their own
/// decayed score at or above the task's dormancy threshold).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class StakeholderAssessment
{
    internal StakeholderAssessment(StakeholderState state, EngagementStatus status, ImmutableArray<string> activeTasks, ImmutableArray<double> scores)
    {
        State = state;
        Status = status;
        ActiveTasks = activeTasks;
        Scores = scores;
    }

    /// <summary>The stakeholder as the journey state holds them.</summary>
    public StakeholderState State { get; }

    /// <summary>The CRM's id of the person.</summary>
    public string Id => State.Id;

    /// <summary>The roles they hold.</summary>
    public ImmutableArray<string> Roles => State.Roles;

    /// <summary>Engaged, quiet or left.</summary>
    public EngagementStatus Status { get; }

    /// <summary>The tasks they are working on now, in model order.</summary>
    public ImmutableArray<string> ActiveTasks { get; }

    /// <summary>Their own score per task of the model, decayed to the assessment time, in model order.</summary>
    public ImmutableArray<double> Scores { get; }

    /// <summary>"cfo-1 (approver): Engaged, active Validation".</summary>
    public override string ToString()
        => $"{Id} ({(Roles.IsEmpty ? "no role" : string.Join(", ", Roles))}): {Status}{(ActiveTasks.IsEmpty ? string.Empty : ", active " + string.Join(", ", ActiveTasks))}";
}
