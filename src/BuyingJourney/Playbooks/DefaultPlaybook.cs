using System;
using BuyingJourney.Advice;
using BuyingJourney.Assessment;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;

namespace BuyingJourney.Playbooks;

/// <summary>
/// The built-in playbook, after Gartner's advice per buying task. Phase-aware: a first pass, a revisit
/// (loop-back) and a dormant task each get their own action; an always-on task without evidence (a score of zero: none
/// yet, or none since a stall) while others are active gets a "gap" action; an open journey with no active task gets an
/// anticipatory action for the model's likely next task; a stalled, won or lost journey gets a journey-wide action.
/// Tasks of other models get generic actions built from their buyer question.
/// </summary>
/// <remarks>
/// <para>
/// The built-in ordered models (<see cref="BuyingModels.Rackham3"/>, <see cref="BuyingModels.Rackham5"/>,
/// <see cref="BuyingModels.Practitioner"/>, <see cref="BuyingModels.BuyGrid"/>) have their own active and revisiting
/// texts (Rackham's three phases also dormant ones); other kinds fall back to the generic texts. Rackham's phases carry
/// the price insight: in need formation price talk is premature, in option evaluation fit matters more than price, in the
/// purchase decision the customer is reducing risk and price is held.
/// </para>
/// <para>
/// Action codes are "{taskId}.active", "{taskId}.revisiting", "{taskId}.dormant", "{taskId}.gap", "{taskId}.next" and
/// "journey.stalled", "journey.won", "journey.lost". Priorities: revisiting and stalled High; active Medium;
/// dormant, gap and next Low. A won or lost journey gets only its journey-wide action; journey-wide actions
/// ("journey.*") carry no task. Stateless and thread-safe.
/// </para>
/// <para>
/// The next step ("{taskId}.next", <see cref="ActionTactic.Anticipate"/>, Low): when the journey is open and no task is
/// active or revisiting, the task after the furthest completed one in the model's order (the first task when none is
/// completed), if the customer has not started it yet. After the problem is defined the customer is likely to explore
/// solutions; after the requirements are approved, to select a supplier: the seller shares new information and advice
/// so the customer sees the next step earlier (seed 000). It cites the signal that completed the task before it (or the
/// journey's latest signal).
/// </para>
/// <para>
/// The buying group: task actions target the stakeholder most active on the task (their role too); the consensus gap
/// targets the first missing role, sign-off roles first. Group actions: "journey.at-risk" (High) when a decision maker
/// left; "group.disagreement.{task}" (High) for each disagreement; "group.engage.{role}" for each expected role missing
/// or gone (Medium for sign-off roles, else Low); "group.re-engage.{stakeholder}" (Low) for each quiet stakeholder in
/// an expected role. Engaging or re-engaging someone in a risk role (the decision maker) is High while the gap blocks
/// what the customer is doing: a task of the decision is active (one with the <see cref="TaskTraits.Choice"/>,
/// <see cref="TaskTraits.RiskEvaluation"/> or <see cref="TaskTraits.Decision"/> trait, or the consensus task); otherwise
/// the priorities above hold, and no group action outranks the task work for targeting a person. "deal.ask-for-signature" (Medium, a
/// <see cref="ActionTactic.SignaturePush"/>) once the customer completed a task with the <see cref="TaskTraits.Choice"/>
/// trait (the supplier is chosen), the journey is open and consensus is not being rebuilt after reopening; while a
/// sign-off role (decision maker, purchaser, approver) is missing, gone or quiet, the sign-off guardrail keeps it out
/// and "deal.sign-off-first" (High) names whom to engage first. Every action states its expected effect (the task it
/// helps complete).
/// </para>
/// <para>
/// The texts are data: embedded files, one per built-in model (Texts/{model}.playbook.json: each task's title and
/// explanation per kind of action) and one for what every model shares (Texts/common.playbook.json: the generic task
/// texts, the expected effects, the group, signature and journey actions), loaded and checked once. Texts are looked up
/// by task id alone, so a custom model that reuses a built-in task id gets that task's texts. The texts resolved for a
/// model and buying group definition are cached here, per model.
/// </para>
/// <para>
/// The playbook implements <see cref="IPlaybook"/> like any other: the engine calls it as it calls yours. Each action's
/// code, title, priority, targets, expected effect and cited signals are worked out when it is made; its rationale is
/// written from the assessed facts when first read.
/// </para>
/// </remarks>
public sealed partial class DefaultPlaybook : IPlaybook
{
    private const int ActiveKind = 0;
    private const int RevisitingKind = 1;
    private const int DormantKind = 2;
    private const int GapKind = 3;
    private const int NextKind = 4;

    private const int WonAction = 0;
    private const int LostAction = 1;
    private const int StalledAction = 2;
    private const int AtRiskAction = 3;

    /// <summary>The shared instance.</summary>
    public static DefaultPlaybook Instance { get; } = new();

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException">A null <paramref name="actions"/>.</exception>
    public void Advise(AdviceContext context, ActionCollector actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var journey = context.Journey;
        var texts = ModelTexts.For(journey.Plan);
        switch (journey.Status)
        {
            case JourneyStatus.Won:
                actions.Add(Journey(journey, texts, WonAction, ActionPriority.Medium));
                return;
            case JourneyStatus.Lost:
                actions.Add(Journey(journey, texts, LostAction, ActionPriority.Medium));
                return;
            case JourneyStatus.AtRisk:
                actions.Add(AtRisk(journey, texts));
                break;
            case JourneyStatus.Stalled:
                actions.Add(Journey(journey, texts, StalledAction, ActionPriority.High));
                break;
        }

        var anyActive = !journey.ActiveTasks.IsEmpty;
        var tasks = journey.Tasks;
        for (var i = 0; i < tasks.Length; i++)
        {
            var task = tasks[i];
            var kind = task.Phase switch
            {
                TaskPhase.Active => ActiveKind,
                TaskPhase.Revisiting => RevisitingKind,
                TaskPhase.Dormant => DormantKind,
                TaskPhase.NotStarted when task.Task.AlwaysOn && anyActive && task.Score == 0 => GapKind,
                _ => -1,
            };
            if (kind >= 0)
            {
                actions.Add(ForTask(journey, texts, i, kind));
            }
        }

        if (!anyActive && journey.Status == JourneyStatus.Open)
        {
            AddNextStep(actions, journey, texts);
        }

        // The choice the signature actions stand on, once: while sign-off first is advised, it is the one action for the
        // sign-off roles it names, so the group actions leave them out.
        var choice = ChoiceMade(journey, out var choiceIndex, out var cite);
        AddGroupActions(actions, journey, texts, signOffFirst: choice && !journey.Coverage.MissingSignOffRoles.IsEmpty);
        if (choice)
        {
            AddSignatureAction(actions, journey, texts, choiceIndex, cite);
        }
    }

    /// <summary>The assessed journey a deferred text is written from.</summary>
    private static AssessedJourney Source(object source) => (AssessedJourney)source;
}
