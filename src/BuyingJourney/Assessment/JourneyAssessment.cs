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
    private readonly AssessedJourney _journey;

    /// <summary>The assessment of the assessed <paramref name="journey"/> with the advice made from it.</summary>
    internal JourneyAssessment(AssessedJourney journey, ImmutableArray<SellerAction> advice, ImmutableArray<Guardrail> guardrails, ImmutableArray<SellerAction> nextBestActions)
    {
        _journey = journey;
        Advice = advice;
        Guardrails = guardrails;
        NextBestActions = nextBestActions;
    }

    /// <summary>The journey state the assessment was made from.</summary>
    public JourneyState State => _journey.State;

    /// <summary>The journey's id.</summary>
    public string JourneyId => State.JourneyId;

    /// <summary>The time the assessment is about.</summary>
    public DateTimeOffset AsOf => _journey.AsOf;

    /// <summary>The journey's status.</summary>
    public JourneyStatus Status => State.Status;

    /// <summary>
    /// For a won or lost journey that later signals did not reopen, why it stays closed, e.g. "Won since 2026-03-01
    /// (signal s9); the later signals, the last s11 on 2026-03-20, started, reopened or completed no task, so the journey stays
    /// Won". Null when the journey is not won or lost, or no signal came after the one that closed it.
    /// </summary>
    /// <remarks>
    /// A won or lost journey reopens only on evidence that actually starts, reopens or completes a task (a new problem
    /// statement, a new RFP). A weaker touch (a newsletter read, a general inquiry) is applied, stays in the history and
    /// its weight counts (touches add up), but the status stays. Made when read.
    /// </remarks>
    public string? StatusNote
    {
        get
        {
            var state = State;
            if (state.Status is not (JourneyStatus.Won or JourneyStatus.Lost) || state.LastSignalId is not { } last || string.Equals(last, state.StatusSignalId, StringComparison.Ordinal))
            {
                return null;
            }

            var since = state.StatusSince is { } at ? FormattableString.Invariant($" since {at:yyyy-MM-dd}") : string.Empty;
            var cause = state.StatusSignalId is { } id ? $" (signal {id})" : string.Empty;
            return FormattableString.Invariant($"{state.Status}{since}{cause}; the later signals, the last {last} on {state.LastSignalAt:yyyy-MM-dd}, started, reopened or completed no task, so the journey stays {state.Status}");
        }
    }

    /// <summary>One assessment per task, in model order.</summary>
    public ImmutableArray<TaskAssessment> Tasks => _journey.Tasks;

    /// <summary>The ids of the tasks the customer is working on now (active or revisiting), in model order.</summary>
    public ImmutableArray<string> ActiveTasks => _journey.ActiveTasks;

    /// <summary>The journey's loop-backs, oldest first.</summary>
    public ImmutableArray<LoopBack> LoopBacks => State.LoopBacks;

    /// <summary>When the last signal occurred; null before the first.</summary>
    public DateTimeOffset? LastSignalAt => State.LastSignalAt;

    /// <summary>How many signals no rule turned into evidence.</summary>
    public int UnrecognizedSignalCount => State.UnrecognizedSignalCount;

    /// <summary>The name of the rulebook that produced the journey.</summary>
    public string RulebookName => _journey.RulebookName;

    /// <summary>The version of that rulebook.</summary>
    public string RulebookVersion => _journey.RulebookVersion;

    /// <summary>True when each task's <see cref="TaskAssessment.Evidence"/> is filled (the assessment was made from signals).</summary>
    public bool HasEvidenceDetail => _journey.HasEvidenceDetail;

    /// <summary>The buying group as of <see cref="AsOf"/>, in the order they joined.</summary>
    public ImmutableArray<StakeholderAssessment> BuyingGroup => _journey.BuyingGroup;

    /// <summary>How well the buying group covers what the deal needs.</summary>
    public ConsensusCoverage Coverage => _journey.Coverage;

    /// <summary>
    /// Every action the playbooks propose, highest priority first (the playbooks' order kept within a priority),
    /// without those a guardrail blocks and those marked done since the evidence last changed.
    /// </summary>
    public ImmutableArray<SellerAction> Advice { get; }

    /// <summary>What the seller should not do now, and why.</summary>
    public ImmutableArray<Guardrail> Guardrails { get; }

    /// <summary>
    /// The ranked short list the seller can act on this week (at most <c>JourneyEngineOptions.MaxNextBestActions</c>,
    /// best first): taken from <see cref="Advice"/>, never holding a guardrailed action, each citing at least one signal.
    /// </summary>
    public ImmutableArray<SellerAction> NextBestActions { get; }

    /// <summary>
    /// The seller's latest feedback on an action's code, if the evidence has not changed since: no later signal gave
    /// evidence to the action's task (for an action without a task: to any task, or changed the journey's status) or
    /// named the stakeholder it targets. Null when there is none or it no longer counts.
    /// </summary>
    /// <param name="action">An action of this assessment's advice (or one like it); its code, task and target stakeholder are what count.</param>
    /// <exception cref="ArgumentNullException">A null action.</exception>
    public ActionFeedback? CurrentFeedback(SellerAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return _journey.CurrentFeedback(action.Code, action.TaskId, action.TargetStakeholderId);
    }

    /// <summary>The assessment of the task with this id.</summary>
    /// <param name="taskId">The task's id in the buying model.</param>
    /// <exception cref="ArgumentException">The model has no such task.</exception>
    public TaskAssessment Task(string taskId) => _journey.Task(taskId);

    /// <summary>The assessed facts the advice was made from.</summary>
    internal AssessedJourney Journey => _journey;

    /// <summary>"acme-42 as of ...: Open, active SupplierSelection, Validation".</summary>
    public override string ToString()
        => $"{JourneyId} as of {AsOf:O}: {Status}, active {(ActiveTasks.IsEmpty ? "none" : string.Join(", ", ActiveTasks))}";
}
