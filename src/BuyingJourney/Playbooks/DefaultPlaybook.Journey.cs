using System;
using System.Collections.Immutable;
using System.Globalization;
using BuyingJourney.Advice;
using BuyingJourney.Assessment;
using BuyingJourney.Evidence;
using BuyingJourney.Group;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;

namespace BuyingJourney.Playbooks;

// The built-in playbook, part: the journey-wide actions ("journey.won", ".lost", ".stalled", ".at-risk"), "deal.ask-for-signature" and "deal.sign-off-first".
public sealed partial class DefaultPlaybook
{
    private static readonly string[] JourneyCodes = ["journey.won", "journey.lost", "journey.stalled", "journey.at-risk"];

    private static readonly Func<object, int, string> SignatureRationale = static (source, index) => WriteSignatureRationale(Source(source), index);
    private static readonly Func<object, int, string> SignOffFirstRationale = static (source, index) => WriteSignOffFirstRationale(Source(source), index);
    private static readonly Func<object, int, string> JourneyRationale = static (source, which) => WriteJourneyRationale(Source(source), which);

    /// <summary>
    /// The completed choice the signature actions stand on, and the signal they cite: the journey is open, consensus is
    /// not being rebuilt, and a <see cref="TaskTraits.Choice"/> task is completed; false otherwise.
    /// </summary>
    private static bool ChoiceMade(AssessedJourney journey, out int index, out string cite)
    {
        index = -1;
        cite = string.Empty;

        // Not while the journey is at risk, stalled or closed, nor while reopened consensus is being rebuilt.
        var consensus = journey.Plan.ConsensusIndex;
        if (journey.Status != JourneyStatus.Open || (consensus >= 0 && journey.Tasks[consensus].Phase == TaskPhase.Revisiting))
        {
            return false;
        }

        var tasks = journey.Tasks;
        for (var i = 0; i < tasks.Length; i++)
        {
            var task = tasks[i];
            if (task.Phase != TaskPhase.Completed || !task.Task.Has(TaskTraits.Choice))
            {
                continue;
            }

            // Cite the completing signal when the evidence is known; otherwise the task's latest evidence.
            if ((CompletedBy(task) ?? task.LastEvidenceSignalId) is { } signal)
            {
                (index, cite) = (i, signal);
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "deal.ask-for-signature" (a signature push) on the choice <see cref="ChoiceMade"/> found (task
    /// <paramref name="i"/>, citing <paramref name="cite"/>); while sign-off roles are not engaged (the sign-off guardrail
    /// then keeps the push out), also "deal.sign-off-first", naming whom to engage before asking.
    /// </summary>
    private static void AddSignatureAction(ActionCollector actions, AssessedJourney journey, ModelTexts texts, int i, string cite)
    {
        actions.Add(new SellerAction(
            "deal.ask-for-signature",
            texts.Common.SignatureTitle,
            SignatureRationale,
            journey,
            i,
            ActionPriority.Medium,
            journey.Tasks[i].TaskId,
            i,
            [cite],
            null,
            null,
            texts.Common.SignatureEffect,
            ActionTactic.SignaturePush));
        var missing = journey.Coverage.MissingSignOffRoles;
        if (!missing.IsEmpty)
        {
            var role = journey.Coverage.Role(missing[0]);
            var quiet = SignOffHolder(journey, role);
            actions.Add(new SellerAction(
                "deal.sign-off-first",
                texts.Common.SignOffFirstTitle.Format([Guardrails.SignOffWho(journey)]),
                SignOffFirstRationale,
                journey,
                i,
                ActionPriority.High,
                journey.Coverage.ConsensusTaskId,
                journey.Plan.ConsensusIndex,
                SignOffCites(journey, cite),
                quiet?.Id,
                role.Role.Id,
                texts.Common.SignOffFirstEffect));
        }
    }

    private static string WriteSignatureRationale(AssessedJourney journey, int index)
    {
        var task = journey.Tasks[index];
        var common = PlaybookTexts.BuiltIn;
        var completedBy = CompletedBy(task);
        var cited = completedBy is not null ? common.SignatureCompletedBy.Format([completedBy]) : common.SignatureLatestEvidence.Format([task.LastEvidenceSignalId!]);
        var since = task.Since is { } at ? Date(at) : string.Empty;
        return common.SignatureWhy.Format([ModelTexts.For(journey.Plan).Tasks[index].Name, since, cited]);
    }

    private static string WriteSignOffFirstRationale(AssessedJourney journey, int index)
    {
        var task = journey.Tasks[index];
        var common = PlaybookTexts.BuiltIn;
        var cite = CompletedBy(task) ?? task.LastEvidenceSignalId!;
        var since = task.Since is { } at ? Date(at) : string.Empty;
        return common.SignOffFirstWhy.Format([ModelTexts.For(journey.Plan).Tasks[index].Name, since, cite, Guardrails.SignOffGaps(journey)]);
    }

    /// <summary>The present, quiet holder of the role to target, if any.</summary>
    private static StakeholderAssessment? SignOffHolder(AssessedJourney journey, RoleCoverage role)
    {
        foreach (var person in journey.BuyingGroup)
        {
            if (person.Status == EngagementStatus.Quiet && role.StakeholderIds.Contains(person.Id))
            {
                return person;
            }
        }

        return null;
    }

    /// <summary>The choice's signal, then the last signal of each quiet or departed holder of a sign-off role not engaged.</summary>
    private static ImmutableArray<string> SignOffCites(AssessedJourney journey, string choice)
    {
        var buffer = default(Internal.EightIds);
        var cited = new Internal.IdSet(buffer);
        cited.Add(choice);
        foreach (var id in journey.Coverage.MissingSignOffRoles)
        {
            var role = journey.Coverage.Role(id);
            foreach (var person in journey.BuyingGroup)
            {
                if (role.StakeholderIds.Contains(person.Id))
                {
                    cited.Add(person.State.LastSignalId);
                    break;
                }
            }
        }

        return cited.ToImmutableArray();
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
    private static SellerAction AtRisk(AssessedJourney journey, ModelTexts texts)
    {
        var gone = Gone(journey);
        return Journey(journey, texts, AtRiskAction, ActionPriority.High, gone is { Roles.IsEmpty: false } ? gone.Roles[0] : null);
    }

    /// <summary>The stakeholder whose leaving put the journey at risk, if known.</summary>
    private static StakeholderAssessment? Gone(AssessedJourney journey)
    {
        var state = journey.State;
        StakeholderAssessment? gone = null;
        foreach (var person in journey.BuyingGroup)
        {
            if (person.Status == EngagementStatus.Left && string.Equals(person.State.LastSignalId, state.StatusSignalId, StringComparison.Ordinal))
            {
                gone = person;
            }
        }

        return gone;
    }

    /// <summary>A journey-wide action: it serves the whole journey, so it carries no task.</summary>
    private static SellerAction Journey(AssessedJourney journey, ModelTexts texts, int which, ActionPriority priority, string? targetRole = null)
    {
        var state = journey.State;
        var cited = state.StatusSignalId is { } cause ? ImmutableArray.Create(cause) : ImmutableArray<string>.Empty;
        var text = texts.Common.Journeys[which];
        var effect = which == AtRiskAction ? texts.AtRiskEffect : text.Effect;
        return new SellerAction(JourneyCodes[which], text.Title, JourneyRationale, journey, which, priority, null, -1, cited, null, targetRole, effect);
    }

    private static string WriteJourneyRationale(AssessedJourney journey, int which)
    {
        var common = PlaybookTexts.BuiltIn;
        var text = common.Journeys[which];
        var what = which != AtRiskAction
            ? text.What
            : common.AtRiskWho.Format([Gone(journey) is { } gone ? PlainWords.Person(journey.Plan.Group, gone) : common.AtRiskSomeone]);
        var state = journey.State;
        var since = state.StatusSince is { } at ? string.Create(CultureInfo.InvariantCulture, $" on {at:yyyy-MM-dd}") : string.Empty;
        var evidence = state.StatusSignalId is { } id ? $" (signal {id})" : string.Empty;
        return $"{what}{since}{evidence}. {text.Why}";
    }
}
