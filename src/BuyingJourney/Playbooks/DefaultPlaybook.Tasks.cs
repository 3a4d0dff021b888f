using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using BuyingJourney.Advice;
using BuyingJourney.Assessment;
using BuyingJourney.Evidence;
using BuyingJourney.Group;
using BuyingJourney.Internal;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;

namespace BuyingJourney.Playbooks;

// The built-in playbook, part: the task actions ("{taskId}.active", ".revisiting", ".dormant", ".gap").
public sealed partial class DefaultPlaybook
{
    private static readonly Func<object, int, string> TaskRationale = static (source, argument) => WriteTaskRationale(Source(source), argument);

    private static SellerAction ForTask(AssessedJourney journey, ModelTexts texts, int index, int kind)
    {
        var task = journey.Tasks[index];
        var buffer = default(EightIds);
        var cited = new IdSet(buffer);
        switch (kind)
        {
            case RevisitingKind:
                if (LastLoopBack(journey, task) is { } last)
                {
                    cited.Add(last.SignalId);
                }

                break;
            case GapKind:
                foreach (var other in journey.Tasks)
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
        if (kind is ActiveKind or RevisitingKind && Driver(index, journey) is { } driver)
        {
            targetId = driver.Id;
            targetRole = driver.Roles.IsEmpty ? null : driver.Roles[0];
        }
        else if (kind == GapKind && index == journey.Plan.ConsensusIndex && FirstMissingRole(journey) is { } missing)
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
            text.Codes[kind], text.Titles[kind], TaskRationale, journey, (index * 4) + kind, priority, task.TaskId, index, cited.ToImmutableArray(), targetId, targetRole, text.Effects[kind]);
    }

    private static string WriteTaskRationale(AssessedJourney journey, int argument)
    {
        var index = argument / 4;
        var kind = argument % 4;
        var task = journey.Tasks[index];
        var common = PlaybookTexts.BuiltIn;
        var rationale = new StringBuilder(ModelTexts.For(journey.Plan).Tasks[index].Whys[kind]);
        switch (kind)
        {
            case RevisitingKind:
                if (LastLoopBack(journey, task) is { } last)
                {
                    rationale.Append(' ').Append(last.LoopedBackFrom.IsEmpty
                        ? common.LoopBack.Format([Date(last.At), last.SignalId])
                        : common.LoopBackFrom.Format([Date(last.At), last.SignalId, string.Join(", ", last.LoopedBackFrom)]));
                }

                break;
            case DormantKind when task.Since is { } since:
                rationale.Append(' ').Append(common.QuietSince.Format([Date(since)]));
                break;
            case GapKind:
                var active = new List<string>();
                foreach (var other in journey.Tasks)
                {
                    if (other.IsActive)
                    {
                        active.Add(other.LastEvidenceSignalId is { } signalId ? common.ActiveTask.Format([other.TaskId, signalId]) : other.TaskId);
                    }
                }

                rationale.Append(' ').Append(common.ActiveNow.Format([string.Join(", ", active)]));
                break;
        }

        AppendEvidence(rationale, task, common);
        if (kind is ActiveKind or RevisitingKind && Driver(index, journey) is { } driver)
        {
            rationale.Append(' ').Append(common.MostActive.Format([Describe(driver)]));
        }
        else if (kind == GapKind && index == journey.Plan.ConsensusIndex && FirstMissingRole(journey) is not null)
        {
            rationale.Append(' ').Append(common.MissingFromGroup.Format([string.Join(", ", journey.Coverage.MissingRoles)]));
        }

        return rationale.ToString();
    }

    /// <summary>The task's latest loop-back the journey keeps, if any.</summary>
    private static LoopBack? LastLoopBack(AssessedJourney journey, TaskAssessment task)
    {
        var loopBacks = journey.LoopBacks;
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
    private static StakeholderAssessment? Driver(int index, AssessedJourney journey)
    {
        StakeholderAssessment? best = null;
        var bestScore = 0.0;
        foreach (var person in journey.BuyingGroup)
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

    private static string? FirstMissingRole(AssessedJourney journey)
    {
        foreach (var role in journey.Coverage.MissingSignOffRoles)
        {
            if (journey.Coverage.MissingRoles.Contains(role))
            {
                return role;
            }
        }

        return journey.Coverage.MissingRoles.IsEmpty ? null : journey.Coverage.MissingRoles[0];
    }

    private static string Describe(StakeholderAssessment person)
        => person.Roles.IsEmpty ? person.Id : $"{person.Id} ({string.Join(", ", person.Roles)})";

    private static void AppendEvidence(StringBuilder rationale, TaskAssessment task, PlaybookTexts common)
    {
        string? first = null;
        string? second = null;
        foreach (var item in task.Evidence)
        {
            if (item.Evidence.Kind != EvidenceKind.Weight)
            {
                continue;
            }

            var text = common.EvidenceItem.Format([item.Evidence.Reason, item.Evidence.SignalType, item.SignalId, item.Contribution.ToString("0.00", CultureInfo.InvariantCulture)]);
            if (first is null)
            {
                first = text;
            }
            else
            {
                second = text;
                break;
            }
        }

        if (first is not null)
        {
            rationale.Append(' ').Append(common.EvidenceList.Format([second is null ? first : $"{first}; {second}"]));
        }
        else if (task.LastEvidenceSignalId is { } last)
        {
            rationale.Append(' ').Append(common.LastEvidence.Format([last]));
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
}
