using System;
using System.Collections.Immutable;
using BuyingJourney.Advice;
using BuyingJourney.Assessment;
using BuyingJourney.Group;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;

namespace BuyingJourney.Playbooks;

/// <summary>
/// What a playbook and a ranker see: a read-only view of the finished assessment facts (every task's phase, score and
/// loop-backs with its definition and traits, the buying group and its coverage, the feedback) and the guardrails known
/// before advice. Nothing in it is half-built: the advice is made from these facts, and the
/// <see cref="JourneyAssessment"/> is built once afterwards from them and the advice.
/// </summary>
/// <remarks>A small readonly struct: passing it costs nothing. Valid only during the call it is passed to; do not keep it.</remarks>
public readonly struct AdviceContext
{
    private readonly AssessedJourney _journey;

    internal AdviceContext(AssessedJourney journey, ImmutableArray<Guardrail> guardrails)
    {
        _journey = journey;
        Guardrails = guardrails;
    }

    /// <summary>The journey state the assessment was made from.</summary>
    public JourneyState State => _journey.State;

    /// <summary>The journey's id.</summary>
    public string JourneyId => _journey.JourneyId;

    /// <summary>The time the assessment is about.</summary>
    public DateTimeOffset AsOf => _journey.AsOf;

    /// <summary>The journey's status.</summary>
    public JourneyStatus Status => _journey.Status;

    /// <summary>The buying model the journey follows; its tasks carry their <see cref="TaskDefinition.Traits"/>.</summary>
    public BuyingModel Model => _journey.Plan.Model;

    /// <summary>The engine's buying group definition (roles, sign-off roles, the consensus task).</summary>
    public BuyingGroupDefinition GroupDefinition => _journey.Plan.Group;

    /// <summary>One assessment per task, in model order: phase, score, loop-back count, last evidence and the task's definition.</summary>
    public ImmutableArray<TaskAssessment> Tasks => _journey.Tasks;

    /// <summary>The ids of the tasks the customer is working on now (active or revisiting), in model order.</summary>
    public ImmutableArray<string> ActiveTasks => _journey.ActiveTasks;

    /// <summary>The journey's loop-backs, oldest first.</summary>
    public ImmutableArray<LoopBack> LoopBacks => _journey.LoopBacks;

    /// <summary>True when each task's <see cref="TaskAssessment.Evidence"/> is filled (the assessment was made from signals).</summary>
    public bool HasEvidenceDetail => _journey.HasEvidenceDetail;

    /// <summary>The buying group as of <see cref="AsOf"/>, in the order they joined.</summary>
    public ImmutableArray<StakeholderAssessment> BuyingGroup => _journey.BuyingGroup;

    /// <summary>How well the buying group covers what the deal needs.</summary>
    public ConsensusCoverage Coverage => _journey.Coverage;

    /// <summary>
    /// The guardrails that hold (what the seller should not do now). A playbook sees them before any action is proposed
    /// (their <see cref="Guardrail.BlockedActionCodes"/> empty); a ranker sees them listing the candidates they kept out.
    /// </summary>
    public ImmutableArray<Guardrail> Guardrails { get; }

    /// <summary>The index of the task with this id in <see cref="Tasks"/> (and in the model).</summary>
    /// <param name="taskId">The task's id.</param>
    /// <returns>The index; -1 when the model has no such task.</returns>
    /// <exception cref="ArgumentNullException">A null id.</exception>
    public int IndexOf(string taskId)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        return _journey.IndexOf(taskId);
    }

    /// <summary>The assessment of the task with this id.</summary>
    /// <param name="taskId">The task's id.</param>
    /// <returns>The task's assessment.</returns>
    /// <exception cref="ArgumentNullException">A null id.</exception>
    /// <exception cref="ArgumentException">The model has no such task.</exception>
    public TaskAssessment Task(string taskId) => _journey.Task(taskId);

    /// <summary>
    /// The seller's latest feedback on an action code, if the evidence has not changed since (as
    /// <see cref="JourneyAssessment.CurrentFeedback"/>): no later signal gave evidence to the action's task (for a
    /// journey-wide action: to any task, or changed the journey's status) or named the stakeholder it targets.
    /// </summary>
    /// <param name="actionCode">The action's code.</param>
    /// <param name="taskId">The task the action serves; null for a journey-wide action.</param>
    /// <param name="targetStakeholderId">The stakeholder the action targets, or null.</param>
    /// <returns>The feedback; null when there is none or it no longer counts.</returns>
    /// <exception cref="ArgumentNullException">A null code.</exception>
    public ActionFeedback? CurrentFeedback(string actionCode, string? taskId = null, string? targetStakeholderId = null)
    {
        ArgumentNullException.ThrowIfNull(actionCode);
        return _journey.CurrentFeedback(actionCode, taskId, targetStakeholderId);
    }

    /// <summary>The seller's latest feedback on the action's code, if the evidence has not changed since (see the other overload).</summary>
    /// <param name="action">The action.</param>
    /// <returns>The feedback; null when there is none or it no longer counts.</returns>
    /// <exception cref="ArgumentNullException">A null action.</exception>
    public ActionFeedback? CurrentFeedback(SellerAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return _journey.CurrentFeedback(action.Code, action.TaskId, action.TargetStakeholderId);
    }

    /// <summary>The assessed facts (for the built-in playbook's deferred texts, which are written from them when first read).</summary>
    internal AssessedJourney Journey => _journey;
}
