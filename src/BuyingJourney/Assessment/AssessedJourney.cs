using System;
using System.Collections.Immutable;
using BuyingJourney.Advice;
using BuyingJourney.Group;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;

namespace BuyingJourney.Assessment;

/// <summary>
/// The assessed facts of a journey as of a time, complete when made: every task's phase and score, the active tasks,
/// the buying group and its coverage. The advice is made from these facts; the <see cref="JourneyAssessment"/> is then
/// built once from them and the advice. Immutable and thread-safe.
/// </summary>
internal sealed class AssessedJourney
{
    public AssessedJourney(
        JourneyState state,
        DateTimeOffset asOf,
        ImmutableArray<TaskAssessment> tasks,
        ImmutableArray<string> activeTasks,
        string rulebookName,
        string rulebookVersion,
        bool hasEvidenceDetail,
        ImmutableArray<StakeholderAssessment> buyingGroup,
        ConsensusCoverage coverage,
        AssessmentPlan plan)
    {
        State = state;
        AsOf = asOf;
        Tasks = tasks;
        ActiveTasks = activeTasks;
        RulebookName = rulebookName;
        RulebookVersion = rulebookVersion;
        HasEvidenceDetail = hasEvidenceDetail;
        BuyingGroup = buyingGroup;
        Coverage = coverage;
        Plan = plan;
    }

    public JourneyState State { get; }

    public string JourneyId => State.JourneyId;

    public DateTimeOffset AsOf { get; }

    public JourneyStatus Status => State.Status;

    public ImmutableArray<TaskAssessment> Tasks { get; }

    public ImmutableArray<string> ActiveTasks { get; }

    public ImmutableArray<LoopBack> LoopBacks => State.LoopBacks;

    public string RulebookName { get; }

    public string RulebookVersion { get; }

    public bool HasEvidenceDetail { get; }

    public ImmutableArray<StakeholderAssessment> BuyingGroup { get; }

    public ConsensusCoverage Coverage { get; }

    /// <summary>What the engine worked out once for its model and buying group definition.</summary>
    public AssessmentPlan Plan { get; }

    /// <summary>The index of the task with this id in <see cref="Tasks"/>; -1 when the model has none.</summary>
    public int IndexOf(string taskId)
    {
        var tasks = Tasks;
        for (var i = 0; i < tasks.Length; i++)
        {
            if (string.Equals(tasks[i].TaskId, taskId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The assessment of the task with this id.</summary>
    /// <exception cref="ArgumentException">The model has no such task.</exception>
    public TaskAssessment Task(string taskId)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        var index = IndexOf(taskId);
        return index >= 0
            ? Tasks[index]
            : throw new ArgumentException($"journey \"{JourneyId}\" (model \"{State.ModelName}\") has no task \"{taskId}\".", nameof(taskId));
    }

    /// <summary>
    /// The latest feedback on <paramref name="actionCode"/> if the evidence has not changed since (see
    /// <see cref="JourneyAssessment.CurrentFeedback"/>), for an action of <paramref name="taskId"/> (null: journey-wide)
    /// targeting <paramref name="targetStakeholderId"/>.
    /// </summary>
    public ActionFeedback? CurrentFeedback(string actionCode, string? taskId, string? targetStakeholderId)
    {
        var all = State.Feedback;
        if (all.IsEmpty)
        {
            return null;
        }

        ActionFeedback? feedback = null;
        foreach (var item in all)
        {
            if (string.Equals(item.ActionCode, actionCode, StringComparison.Ordinal))
            {
                feedback = item;
            }
        }

        return feedback is null || EvidenceChangedSince(taskId, targetStakeholderId, feedback.AtTicks) ? null : feedback;
    }

    private bool EvidenceChangedSince(string? taskId, string? targetStakeholderId, long ticks)
    {
        if (targetStakeholderId is { } target)
        {
            foreach (var member in State.BuyingGroup)
            {
                if (string.Equals(member.Id, target, StringComparison.Ordinal) && member.LastSeenTicks > ticks)
                {
                    return true;
                }
            }
        }

        for (var i = 0; i < State.Tasks.Length; i++)
        {
            var relevant = taskId is null || string.Equals(Tasks[i].TaskId, taskId, StringComparison.Ordinal);
            if (relevant && State.Tasks[i].ScoredAtTicks > ticks)
            {
                return true;
            }
        }

        return taskId is null && State.StatusSinceTicks > ticks;
    }
}
