using System;
using System.Collections.Immutable;
using System.Globalization;
using BuyingJourney.Advice;
using BuyingJourney.Assessment;
using BuyingJourney.Group;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;

namespace BuyingJourney.Playbooks;

// The built-in playbook, part: the buying-group actions ("group.disagreement.{task}", "group.engage.{role}", "group.re-engage.{id}").
public sealed partial class DefaultPlaybook
{
    private static readonly Func<object, int, string> DisagreementRationale = static (source, index) => WriteDisagreementRationale(Source(source), index);
    private static readonly Func<object, int, string> EngageRationale = static (source, index) => WriteEngageRationale(Source(source), index);
    private static readonly Func<object, int, string> ReengageRationale = static (source, index) => WriteReengageRationale(Source(source), index);

    /// <summary>
    /// Buying-group actions: engage each expected role that is missing or gone ("group.engage.{role}"), re-engage each
    /// quiet stakeholder in an expected role ("group.re-engage.{id}"), resolve each disagreement ("group.disagreement.{task}").
    /// While "deal.sign-off-first" is advised (<paramref name="signOffFirst"/>) it is the one action for the sign-off roles
    /// it names: they get no second one.
    /// </summary>
    private static void AddGroupActions(ActionCollector actions, AssessedJourney journey, ModelTexts texts, bool signOffFirst)
    {
        var coverage = journey.Coverage;
        var consensus = coverage.ConsensusTaskId;
        var disagreements = coverage.Disagreements;
        for (var d = 0; d < disagreements.Length; d++)
        {
            var disagreement = disagreements[d];
            var taskIndex = TaskIndex(journey, disagreement.TaskId);
            var text = texts.Tasks[taskIndex];
            actions.Add(new SellerAction(
                text.DisagreementCode,
                text.DisagreementTitle,
                DisagreementRationale,
                journey,
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
        if (journey.Status == JourneyStatus.Stalled || journey.ActiveTasks.IsEmpty)
        {
            return;
        }

        var plan = journey.Plan;
        var consensusIndex = plan.ConsensusIndex;
        var roles = coverage.Roles;
        var deciding = Deciding(journey);
        for (var r = 0; r < roles.Length; r++)
        {
            // Missing: expected, and nobody holds it or every holder left (as the coverage's missing roles).
            var role = roles[r];
            if (!role.IsExpected || role.Status is not (EngagementStatus.Missing or EngagementStatus.Left)
                || (signOffFirst && coverage.MissingSignOffRoles.Contains(role.Role.Id)))
            {
                continue;
            }

            var text = texts.Roles[r];
            var evidence = RoleEvidence(r, journey);
            actions.Add(new SellerAction(
                text.EngageCode,
                role.Status == EngagementStatus.Left ? text.ReplaceTitle : text.EngageTitle,
                EngageRationale,
                journey,
                r,
                deciding && plan.Group.RiskRoles.Contains(role.Role.Id) ? ActionPriority.High : plan.Roles[r].SignOffPlace >= 0 ? ActionPriority.Medium : ActionPriority.Low,
                consensus,
                consensusIndex,
                evidence.SignalId is { } signalId ? [signalId] : ImmutableArray<string>.Empty,
                null,
                role.Role.Id,
                text.EngageEffect));
        }

        var group = journey.BuyingGroup;
        var common = PlaybookTexts.BuiltIn;
        for (var k = 0; k < group.Length; k++)
        {
            var person = group[k];
            if (person.Status != EngagementStatus.Quiet || !HoldsExpectedRole(person, coverage)
                || (signOffFirst && HoldsAny(person, coverage.MissingSignOffRoles)))
            {
                continue;
            }

            actions.Add(new SellerAction(
                $"group.re-engage.{person.Id}",
                common.ReengageTitle.Format([PlainWords.Person(plan.Group, person)]),
                ReengageRationale,
                journey,
                k,
                deciding && HoldsRiskRole(person, plan.Group) ? ActionPriority.High : ActionPriority.Low,
                consensus,
                consensusIndex,
                [person.State.LastSignalId],
                person.Id,
                person.Roles.IsEmpty ? null : person.Roles[0],
                common.ReengageEffect.Format([texts.ConsensusName, person.Id])));
        }
    }

    private static string WriteDisagreementRationale(AssessedJourney journey, int index)
    {
        var disagreement = journey.Coverage.Disagreements[index];
        var name = ModelTexts.For(journey.Plan).Tasks[TaskIndex(journey, disagreement.TaskId)].Name;
        return PlaybookTexts.BuiltIn.DisagreementWhy.Format(
        [
            Named(journey, disagreement.ReopenedBy),
            name,
            Date(disagreement.ReopenedAt),
            disagreement.ReopeningSignalId,
            Named(journey, disagreement.ApprovedBy),
            Date(disagreement.ApprovedAt),
            disagreement.ApprovalSignalId,
        ]);
    }

    private static string WriteEngageRationale(AssessedJourney journey, int index)
    {
        var role = journey.Coverage.Roles[index];
        var display = ModelTexts.For(journey.Plan).Roles[index].Display;
        var common = PlaybookTexts.BuiltIn;
        var why = (role.Status == EngagementStatus.Left ? common.EngageWhyLeft : common.EngageWhyMissing).Format([display]);
        return $"{why} {RoleEvidence(index, journey).Why(journey)} {common.EngageWhyAfter}";
    }

    private static string WriteReengageRationale(AssessedJourney journey, int index)
    {
        var person = journey.BuyingGroup[index];
        return PlaybookTexts.BuiltIn.ReengageWhy.Format([PlainWords.Person(journey.Plan.Group, person), Date(person.State.LastSeenAt), person.State.LastSignalId]);
    }

    /// <summary>"bob (user)": the stakeholder with this id and their roles, or the id alone when they are not in the group.</summary>
    private static string Named(AssessedJourney journey, string stakeholderId)
        => PlainWords.Find(journey.BuyingGroup, stakeholderId) is { } person ? PlainWords.Person(journey.Plan.Group, person) : stakeholderId;

    /// <summary>
    /// True when the customer is deciding: a task with the <see cref="Model.TaskTraits.Choice"/>,
    /// <see cref="Model.TaskTraits.RiskEvaluation"/> or <see cref="Model.TaskTraits.Decision"/> trait, or the consensus
    /// task, is active or revisiting. An unengaged risk role (the decision maker) then blocks what the customer is doing.
    /// </summary>
    private static bool Deciding(AssessedJourney journey)
    {
        var tasks = journey.Tasks;
        for (var i = 0; i < tasks.Length; i++)
        {
            var task = tasks[i];
            if (task.IsActive && (i == journey.Plan.ConsensusIndex || (task.Task.Traits & (Model.TaskTraits.Choice | Model.TaskTraits.RiskEvaluation | Model.TaskTraits.Decision)) != 0))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HoldsRiskRole(StakeholderAssessment person, BuyingGroupDefinition group) => HoldsAny(person, group.RiskRoles);

    private static bool HoldsAny(StakeholderAssessment person, ImmutableArray<string> roles)
    {
        foreach (var role in roles)
        {
            if (person.State.HasRole(role))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A date as the texts show it: "2026-03-03".</summary>
    private static string Date(DateTimeOffset at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The index of the task with this id in the assessment.</summary>
    private static int TaskIndex(AssessedJourney journey, string taskId)
    {
        var index = journey.IndexOf(taskId);
        return index >= 0
            ? index
            : throw new ArgumentException($"journey \"{journey.JourneyId}\" (model \"{journey.State.ModelName}\") has no task \"{taskId}\".", nameof(taskId));
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
    private static RoleReason RoleEvidence(int index, AssessedJourney journey)
    {
        var role = journey.Coverage.Roles[index];
        if (!role.StakeholderIds.IsEmpty)
        {
            foreach (var person in journey.BuyingGroup)
            {
                if (!person.State.IsPresent && role.StakeholderIds.Contains(person.Id))
                {
                    return new RoleReason(RoleReasonKind.Left, person, null, person.State.LastSignalId);
                }
            }
        }

        // The named tasks in the role's order, those the model lacks left out.
        foreach (var taskIndex in journey.Plan.Roles[index].ExpectedOnceTasks)
        {
            var task = journey.Tasks[taskIndex];
            if (task.Phase != TaskPhase.NotStarted && task.LastEvidenceSignalId is { } signalId)
            {
                return new RoleReason(RoleReasonKind.Into, null, task, signalId);
            }
        }

        TaskAssessment? latest = null;
        foreach (var task in journey.Tasks)
        {
            if (task.LastEvidenceSignalId is not null && task.Since is { } since && (latest is null || since > latest.Since))
            {
                latest = task;
            }
        }

        return latest is null ? default : new RoleReason(RoleReasonKind.WorkingOn, null, latest, latest.LastEvidenceSignalId);
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
        public string Why(AssessedJourney journey)
        {
            var common = PlaybookTexts.BuiltIn;
            return Kind switch
            {
                RoleReasonKind.Left => common.RoleLeft.Format([PlainWords.Person(journey.Plan.Group, Person!), Person!.State.LeftAt is { } left ? Date(left) : string.Empty, SignalId!]),
                RoleReasonKind.Into => common.RoleInto.Format([NameOf(journey, Task!), SignalId!]),
                RoleReasonKind.WorkingOn => common.RoleWorkingOn.Format([NameOf(journey, Task!), SignalId!]),
                _ => string.Empty,
            };
        }

        private static string NameOf(AssessedJourney journey, TaskAssessment task)
            => ModelTexts.For(journey.Plan).Tasks[journey.Tasks.IndexOf(task)].Name;
    }
}
