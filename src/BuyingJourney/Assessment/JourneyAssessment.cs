using System;
using System.Collections.Immutable;
using BuyingJourney.Advice;
using BuyingJourney.Group;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;

namespace BuyingJourney.Assessment;

/// <summary>
/// A journey as of a point in time: its status, every task's phase and score with the evidence behind it,
/// the loop-backs, the buying group and its consensus coverage, and the advice for the seller: every action the
/// playbooks propose, the guardrails (what not to do now), and the ranked next best actions.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class JourneyAssessment
{
    internal JourneyAssessment(
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
        Plan = plan;
        State = state;
        AsOf = asOf;
        Tasks = tasks;
        ActiveTasks = activeTasks;
        RulebookName = rulebookName;
        RulebookVersion = rulebookVersion;
        HasEvidenceDetail = hasEvidenceDetail;
        BuyingGroup = buyingGroup;
        Coverage = coverage;
        Advice = ImmutableArray<SellerAction>.Empty;
        Guardrails = ImmutableArray<Guardrail>.Empty;
        NextBestActions = ImmutableArray<SellerAction>.Empty;
    }

    /// <summary>The journey state the assessment was made from.</summary>
    public JourneyState State { get; }

    /// <summary>The journey's id.</summary>
    public string JourneyId => State.JourneyId;

    /// <summary>The time the assessment is about.</summary>
    public DateTimeOffset AsOf { get; }

    /// <summary>The journey's status.</summary>
    public JourneyStatus Status => State.Status;

    /// <summary>One assessment per task, in model order.</summary>
    public ImmutableArray<TaskAssessment> Tasks { get; }

    /// <summary>The ids of the tasks the customer is working on now (active or revisiting), in model order.</summary>
    public ImmutableArray<string> ActiveTasks { get; }

    /// <summary>The journey's loop-backs, oldest first.</summary>
    public ImmutableArray<LoopBack> LoopBacks => State.LoopBacks;

    /// <summary>When the last signal occurred; null before the first.</summary>
    public DateTimeOffset? LastSignalAt => State.LastSignalAt;

    /// <summary>How many signals no rule turned into evidence.</summary>
    public int UnrecognizedSignalCount => State.UnrecognizedSignalCount;

    /// <summary>The name of the rulebook that produced the journey.</summary>
    public string RulebookName { get; }

    /// <summary>The version of that rulebook.</summary>
    public string RulebookVersion { get; }

    /// <summary>True when each task's <see cref="TaskAssessment.Evidence"/> is filled (the assessment was made from signals).</summary>
    public bool HasEvidenceDetail { get; }

    /// <summary>The buying group as of <see cref="AsOf"/>, in the order they joined.</summary>
    public ImmutableArray<StakeholderAssessment> BuyingGroup { get; }

    /// <summary>How well the buying group covers what the deal needs.</summary>
    public ConsensusCoverage Coverage { get; }

    /// <summary>
    /// Every action the playbooks propose, highest priority first (the playbooks' order kept within a priority),
    /// without those a guardrail blocks and those marked done since the evidence last changed.
    /// </summary>
    public ImmutableArray<SellerAction> Advice { get; private init; }

    /// <summary>What the seller should not do now, and why.</summary>
    public ImmutableArray<Guardrail> Guardrails { get; private set; }

    /// <summary>
    /// The ranked short list the seller can act on this week (at most <c>JourneyEngineOptions.MaxNextBestActions</c>,
    /// best first): taken from <see cref="Advice"/>, never holding a guardrailed action, each citing at least one signal.
    /// </summary>
    public ImmutableArray<SellerAction> NextBestActions { get; private init; }

    /// <summary>
    /// The seller's latest feedback on an action's code, if the evidence has not changed since: no later signal gave
    /// evidence to the action's task (for an action without a task: to any task, or changed the journey's status) or
    /// named the stakeholder it targets. Null when there is none or it no longer counts.
    /// </summary>
    /// <exception cref="ArgumentNullException">A null action.</exception>
    public ActionFeedback? CurrentFeedback(SellerAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        ActionFeedback? feedback = null;
        foreach (var item in State.Feedback)
        {
            if (string.Equals(item.ActionCode, action.Code, StringComparison.Ordinal))
            {
                feedback = item;
            }
        }

        return feedback is null || EvidenceChangedSince(action, feedback.AtTicks) ? null : feedback;
    }

    /// <summary>The assessment of the task with this id.</summary>
    /// <exception cref="ArgumentException">The model has no such task.</exception>
    public TaskAssessment Task(string taskId)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        foreach (var task in Tasks)
        {
            if (string.Equals(task.TaskId, taskId, StringComparison.Ordinal))
            {
                return task;
            }
        }

        throw new ArgumentException($"journey \"{JourneyId}\" (model \"{State.ModelName}\") has no task \"{taskId}\".", nameof(taskId));
    }

    /// <summary>What the engine that made the assessment worked out once for its model and buying group definition.</summary>
    internal AssessmentPlan Plan { get; }

    internal JourneyAssessment WithAdvice(ImmutableArray<SellerAction> advice, ImmutableArray<Guardrail> guardrails, ImmutableArray<SellerAction> nextBestActions)
        => new(State, AsOf, Tasks, ActiveTasks, RulebookName, RulebookVersion, HasEvidenceDetail, BuyingGroup, Coverage, Plan)
        {
            Advice = advice,
            Guardrails = guardrails,
            NextBestActions = nextBestActions,
        };

    /// <summary>Sets the guardrails of an assessment the engine is still building (before anyone else sees it).</summary>
    internal void SetGuardrails(ImmutableArray<Guardrail> guardrails) => Guardrails = guardrails;

    private bool EvidenceChangedSince(SellerAction action, long ticks)
    {
        if (action.TargetStakeholderId is { } target)
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
            var relevant = action.TaskId is null || string.Equals(Tasks[i].TaskId, action.TaskId, StringComparison.Ordinal);
            if (relevant && State.Tasks[i].ScoredAtTicks > ticks)
            {
                return true;
            }
        }

        return action.TaskId is null && State.StatusSinceTicks > ticks;
    }

    /// <summary>"acme-42 as of ...: Open, active SupplierSelection, Validation".</summary>
    public override string ToString()
        => $"{JourneyId} as of {AsOf:O}: {Status}, active {(ActiveTasks.IsEmpty ? "none" : string.Join(", ", ActiveTasks))}";
}
