using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using BuyingJourney.Assessment;
using BuyingJourney.Evidence;
using BuyingJourney.Group;
using BuyingJourney.Internal;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;

namespace BuyingJourney.Advice;

/// <summary>
/// The built-in playbook, after Gartner's advice per buying task. Phase-aware: a first pass, a revisit
/// (loop-back) and a dormant task each get their own action; an always-on task without evidence (a score of zero: none
/// yet, or none since a stall) while others are active gets a "gap" action; a stalled, won or lost journey gets a journey-wide action. Tasks of other
/// models get generic actions built from their buyer question.
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
/// Action codes are "{taskId}.active", "{taskId}.revisiting", "{taskId}.dormant", "{taskId}.gap" and
/// "journey.stalled", "journey.won", "journey.lost". Priorities: revisiting and stalled High; active Medium;
/// dormant and gap Low. A won or lost journey gets only its journey-wide action. Stateless and thread-safe.
/// </para>
/// <para>
/// The buying group: task actions target the stakeholder most active on the task (their role too); the consensus gap
/// targets the first missing role, sign-off roles first. Group actions: "journey.at-risk" (High) when a decision maker
/// left; "group.disagreement.{task}" (High) for each disagreement; "group.engage.{role}" for each expected role missing
/// or gone (Medium for sign-off roles, else Low); "group.re-engage.{stakeholder}" (Low) for each quiet stakeholder in
/// an expected role. "deal.ask-for-signature" (Medium, a <see cref="ActionTactic.SignaturePush"/>) once the customer
/// completed the choice (supplier selection, or the decision stage of an ordered model), the journey is open and
/// consensus is not being rebuilt after reopening; the
/// sign-off guardrail keeps it out while the decision maker or purchaser is not engaged. Every action states its
/// expected effect (the task it helps complete).
/// </para>
/// <para>
/// Texts are looked up by task id alone, so a custom model that reuses a built-in task id gets that task's texts.
/// </para>
/// </remarks>
public sealed class DefaultPlaybook : IPlaybook
{
    private static readonly Dictionary<(string Task, string Kind), (string Title, string Why)> Texts = new()
    {
        [(GartnerTasks.ProblemIdentification, Active)] = ("Understand the pain and share what the industry is doing",
            "The customer is working out what problem to solve. Stay close to their operations, understand the pain, and proactively share new equipment information and industry trends so they see the opportunity early."),
        [(GartnerTasks.ProblemIdentification, Revisiting)] = ("Re-open discovery: the problem is being redefined",
            "The customer has come back to defining the problem. Ask what changed and re-open discovery; do not push price or the proposal until the new problem statement is clear."),
        [(GartnerTasks.ProblemIdentification, Dormant)] = ("Check whether the pain is still there",
            "Problem identification has gone quiet. Check in on the operational pain with a relevant trend or insight."),
        [(GartnerTasks.SolutionExploration, Active)] = ("Offer new information and advice on the ways to solve it",
            "The customer is surveying what is out there. Offer new information, approaches and advice so they see the options clearly."),
        [(GartnerTasks.SolutionExploration, Revisiting)] = ("The chosen approach is in doubt: explore the options again with them",
            "The customer went back to exploring solutions, often because the requirements proved idealistic or missed practical constraints. Revisit the options openly instead of defending the old approach; price talk is premature."),
        [(GartnerTasks.SolutionExploration, Dormant)] = ("Send something new worth exploring",
            "Solution exploration has gone quiet. A new approach, case or trend can restart it."),
        [(GartnerTasks.RequirementsBuilding, Active)] = ("Help shape the requirements with specifications and performance data",
            "The customer is defining what the purchase must do. Keep talking, notice requirement changes, give expert advice to refine them, and provide specifications and performance data."),
        [(GartnerTasks.RequirementsBuilding, Revisiting)] = ("Requirements are changing: find out what changed and advise",
            "The customer reopened their requirements (comparing suppliers often does this). Find out what changed and help refine them; do not push price while they are being rewritten."),
        [(GartnerTasks.RequirementsBuilding, Dormant)] = ("Ask whether the requirements still hold",
            "Requirements building has gone quiet. Check whether the requirements, budget and deadline still stand."),
        [(GartnerTasks.SupplierSelection, Active)] = ("Give strong evidence of fit: demos, trials, references",
            "The customer is comparing suppliers. Give strong evidence and assurance: demos, trials, visits to reference lines, customer references and case studies."),
        [(GartnerTasks.SupplierSelection, Revisiting)] = ("The choice is open again: find the new doubt and answer it",
            "The customer reopened supplier selection after choosing. Find out which doubt or competitor reopened it and answer with evidence, not a discount."),
        [(GartnerTasks.SupplierSelection, Dormant)] = ("Ask where the comparison stands",
            "Supplier selection has gone quiet. Ask where the comparison stands and what would help them decide."),
        [(GartnerTasks.Validation, Active)] = ("Back every claim: references, case studies, trial results",
            "The customer is checking that the answer is right. Provide references, case studies, trial results and site visits, and be ready for new doubts at any time."),
        [(GartnerTasks.Validation, Revisiting)] = ("A new doubt surfaced: answer it with proof",
            "The customer went back to validating after being satisfied. Find the new doubt and answer it with proof: a reference call, a trial, data."),
        [(GartnerTasks.Validation, Dormant)] = ("Offer a reference call or a site visit",
            "Validation has gone quiet. Offer proof before doubts grow: a reference call, a site visit, a case study."),
        [(GartnerTasks.Validation, Gap)] = ("Line up proof before they ask",
            "Validation runs alongside every other task, yet nothing shows the customer checking our claims. Line up references and case studies now."),
        [(GartnerTasks.ConsensusCreation, Active)] = ("Help the buying group agree; do not wait for them",
            "The customer needs everyone on board. Actively help all participants communicate and agree: meet the stakeholders, give each the case they need."),
        [(GartnerTasks.ConsensusCreation, Revisiting)] = ("Consensus reopened: bring the group back together",
            "Agreement was reached, but something (a new stakeholder, an objection) reopened it. Meet the newcomers, rebuild the case with them, and do not push for signature yet."),
        [(GartnerTasks.ConsensusCreation, Dormant)] = ("Check who still needs convincing",
            "Consensus creation has gone quiet. Check who still needs convincing and what they need."),
        [(GartnerTasks.ConsensusCreation, Gap)] = ("Map the buying group and who must agree",
            "Consensus creation runs alongside every other task, yet no one beyond our contact has shown up. Map the 6 to 10 people who decide and start engaging them."),
        [(Rackham3Phases.NeedFormation, Active)] = ("Help the customer get the need clear; keep price off the table",
            "The customer is forming the need: a clear need comes first, cost second. Help them understand and put the need into words; talking price or discounts now is wasted, it is premature."),
        [(Rackham3Phases.NeedFormation, Revisiting)] = ("The need is being rethought: go back to it, not to price",
            "The customer returned to forming the need after moving on. Ask what changed and help them restate it; price talk is premature until the need is clear again."),
        [(Rackham3Phases.NeedFormation, Dormant)] = ("Check whether the need is still there",
            "Need formation has gone quiet. Check in on the need with something relevant; do not open with price."),
        [(Rackham3Phases.OptionEvaluation, Active)] = ("Show fit: how our option solves their problem; price matters least",
            "The customer is evaluating options: which option solves the problem matters most, price the least. Show fit with demos, samples, trials and references rather than competing on price."),
        [(Rackham3Phases.OptionEvaluation, Revisiting)] = ("The options are open again: show fit, not a discount",
            "The customer went back to evaluating options. Find out what reopened the comparison and answer with fit to their problem; fit matters more than price here."),
        [(Rackham3Phases.OptionEvaluation, Dormant)] = ("Ask where the comparison of options stands",
            "Option evaluation has gone quiet. Ask where it stands and what would show them which option fits best."),
        [(Rackham3Phases.PurchaseDecision, Active)] = ("Reduce the risk of deciding; hold the price",
            "The customer is deciding and is reducing the risk of the decision. Give assurance (references, guarantees, a clear plan); a price push now is often a bid for more margin, not a reason to concede, so hold price."),
        [(Rackham3Phases.PurchaseDecision, Revisiting)] = ("The decision is open again: find the new risk and answer it",
            "The customer reopened the decision. Find the risk or doubt behind it and reduce it; hold price, as a price push here is a bid for margin, not a blocker."),
        [(Rackham3Phases.PurchaseDecision, Dormant)] = ("Find out what holds the decision back",
            "The purchase decision has gone quiet. Ask what risk still worries them and offer assurance; do not concede on price to restart it."),
        [(Rackham5Phases.RecognitionOfNeeds, Active)] = ("Help them recognise and size the need; price talk is premature",
            "The customer is recognising a need. Help them see its cause and cost; talking price or discounts now is premature."),
        [(Rackham5Phases.RecognitionOfNeeds, Revisiting)] = ("The need is being rethought: find out what changed",
            "The customer went back to recognising the need. Ask what changed before pushing any option or price."),
        [(Rackham5Phases.EvaluationOfOptions, Active)] = ("Show how our option fits their criteria",
            "The customer is evaluating options: fit to their problem matters more than price. Help shape their criteria and show fit with evidence."),
        [(Rackham5Phases.EvaluationOfOptions, Revisiting)] = ("The options are open again: show fit, not a discount",
            "The customer reopened the evaluation of options. Find out which criterion or competitor reopened it and answer with fit."),
        [(Rackham5Phases.ResolutionOfConcerns, Active)] = ("Bring the concerns out and resolve them",
            "The customer has concerns about the risk of going ahead. Surface them and answer each with proof (references, trials, guarantees) instead of pushing for signature."),
        [(Rackham5Phases.ResolutionOfConcerns, Revisiting)] = ("A new concern surfaced: answer it with proof",
            "Concerns were resolved but a new one appeared. Find it and answer it with proof; do not treat it as a price objection."),
        [(Rackham5Phases.Decision, Active)] = ("Make deciding safe and simple; hold the price",
            "The customer is deciding and reducing the risk of the decision. Make the decision safe and easy; a price push here is a bid for margin, not a blocker."),
        [(Rackham5Phases.Decision, Revisiting)] = ("The decision is open again: find what reopened it",
            "The customer reopened the decision. Find the new risk or stakeholder behind it and address it."),
        [(Rackham5Phases.Implementation, Active)] = ("Deliver as promised and review the results",
            "The customer is implementing. Deliver, install and commission as promised and review the results with them: satisfaction drives the repeat purchase."),
        [(Rackham5Phases.Implementation, Revisiting)] = ("Implementation needs attention again",
            "The customer came back to implementation. Find the problem and fix it fast: it decides the next purchase."),
        [(PractitionerStages.AwarenessOfNeed, Active)] = ("Help them see the need; share what others are doing",
            "The customer is becoming aware of a need. Stay close to their operations and share industry trends so they see the opportunity early; price talk is premature."),
        [(PractitionerStages.AwarenessOfNeed, Revisiting)] = ("Back to zero: rebuild the case for the need",
            "The customer went back to wondering whether they need this at all, often because of budgets, banks, end customers or the economy. Rebuild the case for the need with the people outside the buying team in mind."),
        [(PractitionerStages.MarketMonitoring, Active)] = ("Stay visible while they watch the market for the best offer",
            "The customer is monitoring the market for the best offer. Keep them informed with new information and evidence of fit so that we are the offer they come back to."),
        [(PractitionerStages.MarketMonitoring, Revisiting)] = ("They are shopping around again: find out why",
            "The customer went back to monitoring the market after choosing. Find out which doubt or competitor sent them back and answer it with evidence."),
        [(PractitionerStages.ChoosingTheMoment, Active)] = ("Help them pick the moment; answer doubts, watch for a drop to zero",
            "The customer is choosing the moment: doubts and timing. Answer doubts with proof, help them see why now, and watch the people outside the buying team (budgets, banks, end customers) who can send the purchase straight back to zero."),
        [(PractitionerStages.ChoosingTheMoment, Revisiting)] = ("The timing is open again: find the new doubt",
            "The customer returned to choosing the moment. Find the new doubt or timing issue and address it."),
        [(BuyGridPhases.ProblemRecognition, Active)] = ("Help them recognise the problem and a general solution",
            "The customer is recognising a problem. Share insight and trends so they see it early, before specifications are written."),
        [(BuyGridPhases.ProblemRecognition, Revisiting)] = ("The problem is being redefined: re-open discovery",
            "The customer went back to the problem after moving on. Ask what changed before anything else."),
        [(BuyGridPhases.CharacteristicsDetermination, Active)] = ("Help decide what kind of item and how many",
            "The customer is determining the characteristics and quantity needed. Give expert advice so the choice fits their operations."),
        [(BuyGridPhases.CharacteristicsDetermination, Revisiting)] = ("What they need is changing: advise again",
            "The customer reopened what kind of item and how many they need. Find out what changed and advise."),
        [(BuyGridPhases.CharacteristicsDescription, Active)] = ("Help write the specification with data",
            "The customer is describing the item precisely. Provide specifications and performance data so the description is accurate and fair to us."),
        [(BuyGridPhases.CharacteristicsDescription, Revisiting)] = ("The specification is being rewritten: find out what changed",
            "The customer reopened the specification. Find the change and help refine it; do not push price while it is rewritten."),
        [(BuyGridPhases.SupplierSearch, Active)] = ("Get qualified as a source",
            "The customer is searching for and qualifying sources. Make qualification easy: references, certifications, security answers, case studies."),
        [(BuyGridPhases.SupplierSearch, Revisiting)] = ("They are looking for sources again: find out why",
            "The customer went back to searching for sources. Find out what disqualified the current ones, and whether it touches us."),
        [(BuyGridPhases.ProposalAcquisition, Active)] = ("Make a proposal that answers their specification",
            "The customer is acquiring and analysing proposals. Answer the specification point by point, with demos, samples or trials where they help."),
        [(BuyGridPhases.ProposalAcquisition, Revisiting)] = ("Proposals are requested again: find out what changed",
            "The customer is asking for proposals again. Find out what changed in the request before re-quoting."),
        [(BuyGridPhases.ProposalEvaluation, Active)] = ("Help the evaluators choose: evidence for every criterion",
            "The customer is evaluating proposals and selecting suppliers. Give each evaluator the evidence for their criteria and answer objections with proof."),
        [(BuyGridPhases.ProposalEvaluation, Revisiting)] = ("The selection is open again: find the new doubt",
            "The customer reopened supplier selection. Find the doubt or competitor behind it and answer with evidence, not a discount."),
        [(BuyGridPhases.OrderRoutineSelection, Active)] = ("Make ordering easy: terms, delivery, routine",
            "The customer is setting up the order routine. Make terms, contracts, delivery schedules and the ordering process simple for procurement and legal."),
        [(BuyGridPhases.OrderRoutineSelection, Revisiting)] = ("The order routine is being reworked",
            "The customer reopened the order routine. Find out what procurement or legal need changed."),
        [(BuyGridPhases.PerformanceReview, Active)] = ("Review performance with the customer",
            "The customer is evaluating how we performed. Review the results together and fix what fell short: this decides the next purchase."),
        [(BuyGridPhases.PerformanceReview, Revisiting)] = ("Performance is questioned again: act on it",
            "The customer came back to our performance. Find the problem and fix it fast."),
    };

    private const string Active = "active";
    private const string Revisiting = "revisiting";
    private const string Dormant = "dormant";
    private const string Gap = "gap";

    private const int ActiveKind = 0;
    private const int RevisitingKind = 1;
    private const int DormantKind = 2;
    private const int GapKind = 3;

    private const int WonAction = 0;
    private const int LostAction = 1;
    private const int StalledAction = 2;
    private const int AtRiskAction = 3;

    /// <summary>The kinds of task action by number (as in the codes).</summary>
    private static readonly string[] KindNames = [Active, Revisiting, Dormant, Gap];

    /// <summary>The tasks whose completion means the customer has chosen: time to ask for the signature.</summary>
    private static readonly string[] ChoiceTasks =
        [GartnerTasks.SupplierSelection, Rackham3Phases.PurchaseDecision, Rackham5Phases.Decision, PractitionerStages.ChoosingTheMoment, BuyGridPhases.ProposalEvaluation];

    private static readonly Func<JourneyAssessment, int, string> TaskRationale = WriteTaskRationale;
    private static readonly Func<JourneyAssessment, int, string> DisagreementRationale = WriteDisagreementRationale;
    private static readonly Func<JourneyAssessment, int, string> EngageRationale = WriteEngageRationale;
    private static readonly Func<JourneyAssessment, int, string> ReengageRationale = WriteReengageRationale;
    private static readonly Func<JourneyAssessment, int, string> SignatureRationale = WriteSignatureRationale;
    private static readonly Func<JourneyAssessment, int, string> JourneyRationale = WriteJourneyRationale;
    private static readonly Func<AssessmentPlan, ModelTexts> CreateTexts = plan => new ModelTexts(plan);

    /// <summary>The shared instance.</summary>
    public static DefaultPlaybook Instance { get; } = new();

    /// <inheritdoc />
    public IEnumerable<SellerAction> Advise(JourneyAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var actions = new List<SellerAction>();
        AddTo(actions, assessment);
        return actions;
    }

    /// <summary>
    /// Adds the actions for <paramref name="assessment"/> to <paramref name="actions"/>, in order. Each action's
    /// code, title, priority, targets, expected effect and cited signals are worked out now; its rationale is written
    /// from the assessment when first read.
    /// </summary>
    internal static void AddTo(List<SellerAction> actions, JourneyAssessment assessment)
    {
        var texts = assessment.Plan.PlaybookTexts(CreateTexts);
        switch (assessment.Status)
        {
            case JourneyStatus.Won:
                actions.Add(Journey("journey.won", "Deliver well and plan the next purchase", assessment, WonAction, ActionPriority.Medium, "Sets up the next purchase: a satisfied customer buys again."));
                return;
            case JourneyStatus.Lost:
                actions.Add(Journey("journey.lost", "Debrief and keep in touch", assessment, LostAction, ActionPriority.Medium, "Keeps the door open for the next round."));
                return;
            case JourneyStatus.AtRisk:
                actions.Add(AtRisk(assessment, texts));
                break;
            case JourneyStatus.Stalled:
                actions.Add(Journey("journey.stalled", "Stay in touch and find out what would restart the purchase", assessment, StalledAction, ActionPriority.High, "Restarts the purchase when what stalled it is resolved."));
                break;
        }

        var anyActive = !assessment.ActiveTasks.IsEmpty;
        var tasks = assessment.Tasks;
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
                actions.Add(ForTask(assessment, texts, i, kind));
            }
        }

        AddGroupActions(actions, assessment, texts);
        AddSignatureAction(actions, assessment, texts);
    }

    private static SellerAction ForTask(JourneyAssessment assessment, ModelTexts texts, int index, int kind)
    {
        var task = assessment.Tasks[index];
        var buffer = default(EightIds);
        var cited = new IdSet(buffer);
        switch (kind)
        {
            case RevisitingKind:
                if (LastLoopBack(assessment, task) is { } last)
                {
                    cited.Add(last.SignalId);
                }

                break;
            case GapKind:
                foreach (var other in assessment.Tasks)
                {
                    if (other.IsActive && other.LastEvidenceSignalId is { } signalId)
                    {
                        cited.Add(signalId);
                    }
                }

                break;
        }

        CiteEvidence(ref cited, task);
        string? targetId = null;
        string? targetRole = null;
        if (kind is ActiveKind or RevisitingKind && Driver(index, assessment) is { } driver)
        {
            targetId = driver.Id;
            targetRole = driver.Roles.IsEmpty ? null : driver.Roles[0];
        }
        else if (kind == GapKind && index == assessment.Plan.ConsensusIndex && FirstMissingRole(assessment) is { } missing)
        {
            targetRole = missing;
        }

        var priority = kind switch
        {
            RevisitingKind => ActionPriority.High,
            DormantKind or GapKind => ActionPriority.Low,
            _ => ActionPriority.Medium,
        };
        var text = texts.Tasks[index];
        return new SellerAction(
            text.Codes[kind], text.Titles[kind], TaskRationale, assessment, (index * 4) + kind, priority, task.TaskId, index, cited.ToImmutableArray(), targetId, targetRole, text.Effects[kind]);
    }

    private static string WriteTaskRationale(JourneyAssessment assessment, int argument)
    {
        var index = argument / 4;
        var kind = argument % 4;
        var task = assessment.Tasks[index];
        var rationale = new StringBuilder(assessment.Plan.PlaybookTexts(CreateTexts).Tasks[index].Whys[kind]);
        switch (kind)
        {
            case RevisitingKind:
                if (LastLoopBack(assessment, task) is { } last)
                {
                    rationale.Append(CultureInfo.InvariantCulture, $" Loop-back on {last.At:yyyy-MM-dd} by signal {last.SignalId}");
                    rationale.Append(last.LoopedBackFrom.IsEmpty ? "." : $", from {string.Join(", ", last.LoopedBackFrom)}.");
                }

                break;
            case DormantKind when task.Since is { } since:
                rationale.Append(CultureInfo.InvariantCulture, $" Quiet since {since:yyyy-MM-dd}.");
                break;
            case GapKind:
                rationale.Append(" Active now:");
                foreach (var other in assessment.Tasks)
                {
                    if (other.IsActive)
                    {
                        rationale.Append(CultureInfo.InvariantCulture, $" {other.TaskId}");
                        if (other.LastEvidenceSignalId is { } signalId)
                        {
                            rationale.Append(CultureInfo.InvariantCulture, $" (signal {signalId})");
                        }

                        rationale.Append(',');
                    }
                }

                rationale.Length--;
                rationale.Append('.');
                break;
        }

        AppendEvidence(rationale, task);
        if (kind is ActiveKind or RevisitingKind && Driver(index, assessment) is { } driver)
        {
            rationale.Append(CultureInfo.InvariantCulture, $" Most active on it: {Describe(driver)}.");
        }
        else if (kind == GapKind && index == assessment.Plan.ConsensusIndex && FirstMissingRole(assessment) is not null)
        {
            rationale.Append(CultureInfo.InvariantCulture, $" Missing from the buying group: {string.Join(", ", assessment.Coverage.MissingRoles)}.");
        }

        return rationale.ToString();
    }

    /// <summary>The task's latest loop-back the journey keeps, if any.</summary>
    private static LoopBack? LastLoopBack(JourneyAssessment assessment, TaskAssessment task)
    {
        var loopBacks = assessment.LoopBacks;
        for (var i = loopBacks.Length - 1; i >= 0; i--)
        {
            if (string.Equals(loopBacks[i].TaskId, task.TaskId, StringComparison.Ordinal))
            {
                return loopBacks[i];
            }
        }

        return null;
    }

    /// <summary>The stakeholder in the group with the highest own score on the task now, if any.</summary>
    private static StakeholderAssessment? Driver(int index, JourneyAssessment assessment)
    {
        StakeholderAssessment? best = null;
        var bestScore = 0.0;
        foreach (var person in assessment.BuyingGroup)
        {
            var score = person.Scores[index];
            if (person.Status != EngagementStatus.Left && score > 0 && (best is null || score > bestScore))
            {
                best = person;
                bestScore = score;
            }
        }

        return best;
    }

    private static string? FirstMissingRole(JourneyAssessment assessment)
    {
        foreach (var role in assessment.Coverage.MissingSignOffRoles)
        {
            if (assessment.Coverage.MissingRoles.Contains(role))
            {
                return role;
            }
        }

        return assessment.Coverage.MissingRoles.IsEmpty ? null : assessment.Coverage.MissingRoles[0];
    }

    private static string Describe(StakeholderAssessment person)
        => person.Roles.IsEmpty ? person.Id : $"{person.Id} ({string.Join(", ", person.Roles)})";

    /// <summary>
    /// Buying-group actions: engage each expected role that is missing or gone ("group.engage.{role}"), re-engage each
    /// quiet stakeholder in an expected role ("group.re-engage.{id}"), resolve each disagreement ("group.disagreement.{task}").
    /// </summary>
    private static void AddGroupActions(List<SellerAction> actions, JourneyAssessment assessment, ModelTexts texts)
    {
        var coverage = assessment.Coverage;
        var consensus = coverage.ConsensusTaskId;
        var disagreements = coverage.Disagreements;
        for (var d = 0; d < disagreements.Length; d++)
        {
            var disagreement = disagreements[d];
            var taskIndex = TaskIndex(assessment, disagreement.TaskId);
            var text = texts.Tasks[taskIndex];
            actions.Add(new SellerAction(
                text.DisagreementCode,
                text.DisagreementTitle,
                DisagreementRationale,
                assessment,
                d,
                ActionPriority.High,
                disagreement.TaskId,
                taskIndex,
                [disagreement.ApprovalSignalId, disagreement.ReopeningSignalId],
                disagreement.ReopenedBy,
                null,
                text.DisagreementEffect));
        }

        // Engaging people is advised while the customer works on some task (as gaps are).
        if (assessment.Status == JourneyStatus.Stalled || assessment.ActiveTasks.IsEmpty)
        {
            return;
        }

        var plan = assessment.Plan;
        var consensusIndex = plan.ConsensusIndex;
        var roles = coverage.Roles;
        for (var r = 0; r < roles.Length; r++)
        {
            // Missing: expected, and nobody holds it or every holder left (as the coverage's missing roles).
            var role = roles[r];
            if (!role.IsExpected || role.Status is not (EngagementStatus.Missing or EngagementStatus.Left))
            {
                continue;
            }

            var text = texts.Roles[r];
            var evidence = RoleEvidence(r, assessment);
            actions.Add(new SellerAction(
                text.EngageCode,
                role.Status == EngagementStatus.Left ? text.ReplaceTitle : text.EngageTitle,
                EngageRationale,
                assessment,
                r,
                plan.Roles[r].SignOffPlace >= 0 ? ActionPriority.Medium : ActionPriority.Low,
                consensus,
                consensusIndex,
                evidence.SignalId is { } signalId ? [signalId] : ImmutableArray<string>.Empty,
                null,
                role.Role.Id,
                text.EngageEffect));
        }

        var group = assessment.BuyingGroup;
        for (var k = 0; k < group.Length; k++)
        {
            var person = group[k];
            if (person.Status != EngagementStatus.Quiet || !HoldsExpectedRole(person, coverage))
            {
                continue;
            }

            actions.Add(new SellerAction(
                $"group.re-engage.{person.Id}",
                $"Re-engage {person.Id}",
                ReengageRationale,
                assessment,
                k,
                ActionPriority.Low,
                consensus,
                consensusIndex,
                [person.State.LastSignalId],
                person.Id,
                person.Roles.IsEmpty ? null : person.Roles[0],
                $"Helps complete {texts.ConsensusName}: keeps {person.Id} on board."));
        }
    }

    private static string WriteDisagreementRationale(JourneyAssessment assessment, int index)
    {
        var disagreement = assessment.Coverage.Disagreements[index];
        var name = assessment.Plan.LowerNames[TaskIndex(assessment, disagreement.TaskId)];
        return string.Create(CultureInfo.InvariantCulture, $"{disagreement.ReopenedBy} worked on {name} on {disagreement.ReopenedAt:yyyy-MM-dd} (signal {disagreement.ReopeningSignalId}) after {disagreement.ApprovedBy} completed it on {disagreement.ApprovedAt:yyyy-MM-dd} (signal {disagreement.ApprovalSignalId}). Bring them together and settle it before moving on; do not push forward over the objection.");
    }

    private static string WriteEngageRationale(JourneyAssessment assessment, int index)
    {
        var role = assessment.Coverage.Roles[index];
        var display = assessment.Plan.PlaybookTexts(CreateTexts).Roles[index].Display;
        return (role.Status == EngagementStatus.Left ? $"Everyone in the {display} role left the buying group." : $"Nobody in the {display} role has shown up yet, and a deal at this point needs one.")
            + $" {RoleEvidence(index, assessment).Why(assessment)} A complex purchase involves 6 to 10 people; each must be won over, and a missing one surfaces late, as a veto.";
    }

    private static string WriteReengageRationale(JourneyAssessment assessment, int index)
    {
        var person = assessment.BuyingGroup[index];
        return string.Create(CultureInfo.InvariantCulture, $"{Describe(person)} has been quiet since {person.State.LastSeenAt:yyyy-MM-dd} (signal {person.State.LastSignalId}). Find out where they stand before their silence becomes an objection.");
    }

    /// <summary>The index of the task with this id in the assessment.</summary>
    private static int TaskIndex(JourneyAssessment assessment, string taskId)
    {
        var tasks = assessment.Tasks;
        for (var i = 0; i < tasks.Length; i++)
        {
            if (string.Equals(tasks[i].TaskId, taskId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"journey \"{assessment.JourneyId}\" (model \"{assessment.State.ModelName}\") has no task \"{taskId}\".", nameof(taskId));
    }

    private static bool HoldsExpectedRole(StakeholderAssessment person, ConsensusCoverage coverage)
    {
        foreach (var role in coverage.Roles)
        {
            if (role.IsExpected && person.State.HasRole(role.Role.Id))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Why a role is needed now, citing the evidence: its departed holders' last signals, else the signal that made it expected, else the latest evidence.</summary>
    private static RoleReason RoleEvidence(int index, JourneyAssessment assessment)
    {
        var role = assessment.Coverage.Roles[index];
        if (!role.StakeholderIds.IsEmpty)
        {
            foreach (var person in assessment.BuyingGroup)
            {
                if (!person.State.IsPresent && role.StakeholderIds.Contains(person.Id))
                {
                    return new RoleReason(RoleReasonKind.Left, person, null, person.State.LastSignalId);
                }
            }
        }

        // The named tasks in the role's order, those the model lacks left out.
        foreach (var taskIndex in assessment.Plan.Roles[index].ExpectedOnceTasks)
        {
            var task = assessment.Tasks[taskIndex];
            if (task.Phase != TaskPhase.NotStarted && task.LastEvidenceSignalId is { } signalId)
            {
                return new RoleReason(RoleReasonKind.Into, null, task, signalId);
            }
        }

        TaskAssessment? latest = null;
        foreach (var task in assessment.Tasks)
        {
            if (task.LastEvidenceSignalId is not null && task.Since is { } since && (latest is null || since > latest.Since))
            {
                latest = task;
            }
        }

        return latest is null ? default : new RoleReason(RoleReasonKind.WorkingOn, null, latest, latest.LastEvidenceSignalId);
    }

    /// <summary>"deal.ask-for-signature" (a signature push) once the customer has chosen and the journey is open.</summary>
    private static void AddSignatureAction(List<SellerAction> actions, JourneyAssessment assessment, ModelTexts texts)
    {
        // Not while the journey is at risk, stalled or closed, nor while reopened consensus is being rebuilt.
        var consensus = assessment.Plan.ConsensusIndex;
        if (assessment.Status != JourneyStatus.Open || (consensus >= 0 && assessment.Tasks[consensus].Phase == TaskPhase.Revisiting))
        {
            return;
        }

        var tasks = assessment.Tasks;
        for (var i = 0; i < tasks.Length; i++)
        {
            var task = tasks[i];
            if (task.Phase != TaskPhase.Completed || !texts.IsChoice[i])
            {
                continue;
            }

            // Cite the completing signal when the evidence is known; otherwise the task's latest evidence.
            var cite = CompletedBy(task) ?? task.LastEvidenceSignalId;
            if (cite is not null)
            {
                actions.Add(new SellerAction(
                    "deal.ask-for-signature",
                    "Ask for the signature",
                    SignatureRationale,
                    assessment,
                    i,
                    ActionPriority.Medium,
                    task.TaskId,
                    i,
                    [cite],
                    null,
                    null,
                    "Closes the purchase: the journey is won.",
                    ActionTactic.SignaturePush));
                return;
            }
        }
    }

    private static string WriteSignatureRationale(JourneyAssessment assessment, int index)
    {
        var task = assessment.Tasks[index];
        var completedBy = CompletedBy(task);
        var cite = completedBy ?? task.LastEvidenceSignalId;
        var which = completedBy is not null ? $"(signal {cite})" : $"(latest evidence: signal {cite})";
        return string.Create(CultureInfo.InvariantCulture, $"The customer completed {assessment.Plan.LowerNames[index]} on {task.Since:yyyy-MM-dd} {which}. Agree the contract, the next steps and the date to sign.");
    }

    /// <summary>The signal that last completed the task, when the evidence is known.</summary>
    private static string? CompletedBy(TaskAssessment task)
    {
        string? completedBy = null;
        foreach (var item in task.Evidence)
        {
            if (item.Evidence.Kind == EvidenceKind.Completion)
            {
                completedBy = item.SignalId;
            }
        }

        return completedBy;
    }

    /// <summary>"journey.at-risk": someone in a risk role left; start a new round.</summary>
    private static SellerAction AtRisk(JourneyAssessment assessment, ModelTexts texts)
    {
        var gone = Gone(assessment);
        return Journey(
            "journey.at-risk",
            "A decision maker left: start a new round",
            assessment,
            AtRiskAction,
            ActionPriority.High,
            texts.AtRiskEffect,
            assessment.Coverage.ConsensusTaskId,
            assessment.Plan.ConsensusIndex,
            gone is { Roles.IsEmpty: false } ? gone.Roles[0] : null);
    }

    /// <summary>The stakeholder whose leaving put the journey at risk, if known.</summary>
    private static StakeholderAssessment? Gone(JourneyAssessment assessment)
    {
        var state = assessment.State;
        StakeholderAssessment? gone = null;
        foreach (var person in assessment.BuyingGroup)
        {
            if (person.Status == EngagementStatus.Left && string.Equals(person.State.LastSignalId, state.StatusSignalId, StringComparison.Ordinal))
            {
                gone = person;
            }
        }

        return gone;
    }

    private static void AppendEvidence(StringBuilder rationale, TaskAssessment task)
    {
        var shown = 0;
        foreach (var item in task.Evidence)
        {
            if (item.Evidence.Kind != EvidenceKind.Weight || shown == 2)
            {
                continue;
            }

            rationale.Append(shown == 0 ? " Evidence: " : "; ");
            rationale.Append(CultureInfo.InvariantCulture, $"{item.Evidence.Reason} ({item.Evidence.SignalType} {item.SignalId}, +{item.Contribution:0.00})");
            shown++;
        }

        if (shown > 0)
        {
            rationale.Append('.');
        }
        else if (task.LastEvidenceSignalId is { } last)
        {
            rationale.Append(CultureInfo.InvariantCulture, $" Last evidence: signal {last}.");
        }
    }

    /// <summary>The signals <see cref="AppendEvidence"/> cites: the two largest weights shown, else the last evidence.</summary>
    private static void CiteEvidence(ref IdSet cited, TaskAssessment task)
    {
        var shown = 0;
        foreach (var item in task.Evidence)
        {
            if (item.Evidence.Kind != EvidenceKind.Weight || shown == 2)
            {
                continue;
            }

            cited.Add(item.SignalId);
            shown++;
        }

        if (shown == 0 && task.LastEvidenceSignalId is { } last)
        {
            cited.Add(last);
        }
    }

    private static (string Title, string Why) Generic(TaskDefinition task, string kind) => kind switch
    {
        Active => ($"Engage on \"{task.BuyerQuestion}\"", $"The customer is working on {task.DisplayName.ToLowerInvariant()}: help them answer \"{task.BuyerQuestion}\"."),
        Revisiting => ($"{task.DisplayName} reopened: find out what changed", $"The customer came back to {task.DisplayName.ToLowerInvariant()} after completing it. Find out what changed before pushing forward."),
        Dormant => ($"Re-engage on {task.DisplayName.ToLowerInvariant()}", $"{task.DisplayName} has gone quiet. Check whether \"{task.BuyerQuestion}\" is still open."),
        _ => ($"Prepare for {task.DisplayName.ToLowerInvariant()}", $"{task.DisplayName} runs alongside the other tasks, yet shows no evidence. Prepare for \"{task.BuyerQuestion}\"."),
    };

    private static SellerAction Journey(
        string code, string title, JourneyAssessment assessment, int which, ActionPriority priority, string effect, string? taskId = null, int taskIndex = -1, string? targetRole = null)
    {
        var state = assessment.State;
        var cited = state.StatusSignalId is { } cause ? ImmutableArray.Create(cause) : ImmutableArray<string>.Empty;
        return new SellerAction(code, title, JourneyRationale, assessment, which, priority, taskId, taskIndex, cited, null, targetRole, effect);
    }

    private static string WriteJourneyRationale(JourneyAssessment assessment, int which)
    {
        var (what, why) = which switch
        {
            WonAction => ("The customer signed",
                "Deliver, install and commission as promised, then review the results with the customer: satisfaction drives the repeat purchase."),
            LostAction => ("The deal was lost",
                "Ask what decided it, and keep sharing useful information: lost customers come back when their situation changes."),
            StalledAction => ("The purchase is on hold",
                "Budgets, banks, end customers or the economy stalled it, often people outside the buying team. Keep the relationship warm, learn what would restart it, and be ready for a new round."),
            _ => ($"{(Gone(assessment) is { } gone ? Describe(gone) : "Someone in a risk role")} left the buying group",
                "A change at the top resets much of the work. Meet whoever replaces them, rebuild the case with them, and use the relationships built lower in the organisation."),
        };
        var state = assessment.State;
        var since = state.StatusSince is { } at ? string.Create(CultureInfo.InvariantCulture, $" since {at:yyyy-MM-dd}") : string.Empty;
        var evidence = state.StatusSignalId is { } id ? $" (signal {id})" : string.Empty;
        return $"{what}{since}{evidence}. {why}";
    }

    /// <summary>What <see cref="RoleEvidence"/> found: how the role's need shows, and the signal to cite.</summary>
    private enum RoleReasonKind
    {
        None,
        Left,
        Into,
        WorkingOn,
    }

    /// <summary>The evidence that a role is needed now: a departed holder, the task that made it expected, or the latest task.</summary>
    private readonly record struct RoleReason(RoleReasonKind Kind, StakeholderAssessment? Person, TaskAssessment? Task, string? SignalId)
    {
        /// <summary>The sentence for the rationale; empty when there is no evidence.</summary>
        public string Why(JourneyAssessment assessment)
        {
            var names = assessment.Plan.LowerNames;
            return Kind switch
            {
                RoleReasonKind.Left => string.Create(CultureInfo.InvariantCulture, $"{Person!.Id} left on {Person.State.LeftAt:yyyy-MM-dd} (signal {SignalId})."),
                RoleReasonKind.Into => $"The customer is into {names[assessment.Tasks.IndexOf(Task!)]} (signal {SignalId}).",
                RoleReasonKind.WorkingOn => $"The customer is working on {names[assessment.Tasks.IndexOf(Task!)]} (signal {SignalId}).",
                _ => string.Empty,
            };
        }
    }

    /// <summary>The playbook's texts for one model and buying group definition, worked out once (see <see cref="AssessmentPlan.PlaybookTexts"/>).</summary>
    private sealed class ModelTexts
    {
        public ModelTexts(AssessmentPlan plan)
        {
            Tasks = new TaskTexts[plan.Tasks.Length];
            IsChoice = new bool[plan.Tasks.Length];
            for (var i = 0; i < Tasks.Length; i++)
            {
                Tasks[i] = new TaskTexts(plan.Tasks[i], plan.LowerNames[i]);
                IsChoice[i] = Array.IndexOf(ChoiceTasks, plan.Tasks[i].Id) >= 0;
            }

            ConsensusName = plan.ConsensusIndex < 0 ? "the purchase" : plan.LowerNames[plan.ConsensusIndex];
            Roles = new RoleTexts[plan.Roles.Length];
            for (var r = 0; r < Roles.Length; r++)
            {
                Roles[r] = new RoleTexts(plan.Roles[r].Role, ConsensusName);
            }

            AtRiskEffect = plan.ConsensusIndex < 0
                ? "Restarts the purchase with the new decision maker."
                : $"Helps complete {plan.LowerNames[plan.ConsensusIndex]} again, with the new decision maker.";
        }

        public TaskTexts[] Tasks { get; }

        /// <summary>Whether each task's completion means the customer has chosen.</summary>
        public bool[] IsChoice { get; }

        public RoleTexts[] Roles { get; }

        /// <summary>The consensus task's name in lower case, or "the purchase".</summary>
        public string ConsensusName { get; }

        public string AtRiskEffect { get; }
    }

    /// <summary>One task's codes, titles, explanations and expected effects, by kind of action.</summary>
    private sealed class TaskTexts
    {
        public TaskTexts(TaskDefinition task, string name)
        {
            Codes = new string[KindNames.Length];
            Titles = new string[KindNames.Length];
            Whys = new string[KindNames.Length];
            for (var kind = 0; kind < KindNames.Length; kind++)
            {
                Codes[kind] = $"{task.Id}.{KindNames[kind]}";
                (Titles[kind], Whys[kind]) = Texts.TryGetValue((task.Id, KindNames[kind]), out var text) ? text : Generic(task, KindNames[kind]);
            }

            Effects =
            [
                $"Helps complete {name}.",
                $"Helps complete {name} again: settles what reopened it.",
                $"Restarts {name}, so it can be completed.",
                $"Starts {name}, which must run alongside the other tasks for the purchase to complete.",
            ];
            DisagreementCode = $"group.disagreement.{task.Id}";
            DisagreementTitle = $"Resolve the disagreement on {name}";
            DisagreementEffect = $"Helps complete {name} again, with both on board.";
        }

        public string[] Codes { get; }

        public string[] Titles { get; }

        public string[] Whys { get; }

        public string[] Effects { get; }

        public string DisagreementCode { get; }

        public string DisagreementTitle { get; }

        public string DisagreementEffect { get; }
    }

    /// <summary>One role's code, titles and expected effect for "group.engage.{role}".</summary>
    private sealed class RoleTexts
    {
        public RoleTexts(RoleDefinition role, string consensusName)
        {
            Display = role.DisplayName.ToLowerInvariant();
            EngageCode = $"group.engage.{role.Id}";
            EngageTitle = $"Engage the {Display}";
            ReplaceTitle = $"Find who replaces the {Display}";
            EngageEffect = $"Helps complete {consensusName}: the {Display} must agree.";
        }

        /// <summary>The role's name in lower case.</summary>
        public string Display { get; }

        public string EngageCode { get; }

        public string EngageTitle { get; }

        public string ReplaceTitle { get; }

        public string EngageEffect { get; }
    }
}
