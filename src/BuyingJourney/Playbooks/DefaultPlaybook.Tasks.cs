using System;
using System.Collections.Generic;
using System.Collections.Immutable;
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

// The built-in playbook, part: the task actions ("{taskId}.active", ".revisiting", ".dormant", ".gap", ".next").
public sealed partial class DefaultPlaybook
{
    private static readonly Func<object, int, string> TaskRationale = static (source, argument) => WriteTaskRationale(Source(source), argument);

    /// <summary>
    /// "{taskId}.next" (anticipatory): the task after the furthest completed one in model order (the first task when none
    /// is completed), when the customer has not started it; nothing when it is dormant (its own action covers it), when
    /// every later task is done, or when there is no signal to cite.
    /// </summary>
    private static void AddNextStep(ActionCollector actions, AssessedJourney journey, ModelTexts texts)
    {
        var next = NextStep(journey, out var previous);
        if (next >= 0 && journey.Tasks[next].Phase == TaskPhase.NotStarted && NextStepCites(journey, previous) is not null)
        {
            actions.Add(ForTask(journey, texts, next, NextKind));
        }
    }

    /// <summary>The index of the task after the furthest completed one (<paramref name="previous"/>, -1 when none); -1 when it is the last.</summary>
    private static int NextStep(AssessedJourney journey, out int previous)
    {
        previous = -1;
        var tasks = journey.Tasks;
        for (var i = tasks.Length - 1; i >= 0; i--)
        {
            if (tasks[i].Phase == TaskPhase.Completed)
            {
                previous = i;
                break;
            }
        }

        return previous + 1 < tasks.Length ? previous + 1 : -1;
    }

    /// <summary>
    /// The signal the next step cites: the one that completed the task before it (<paramref name="previous"/>, from
    /// <see cref="NextStep"/>; else its latest evidence), or the journey's latest signal when none is completed.
    /// </summary>
    private static string? NextStepCites(AssessedJourney journey, int previous)
        => previous >= 0
            ? CompletedBy(journey.Tasks[previous]) ?? journey.Tasks[previous].LastEvidenceSignalId ?? journey.State.LastSignalId
            : journey.State.LastSignalId;

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
            case NextKind:
                NextStep(journey, out var previous);
                cited.Add(NextStepCites(journey, previous)!);
                break;
        }

        if (kind != NextKind)
        {
            CiteEvidence(ref cited, task);
        }

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
            DormantKind or GapKind or NextKind => ActionPriority.Low,
            _ => ActionPriority.Medium,
        };
        var text = texts.Tasks[index];
        return new SellerAction(
            text.Codes[kind],
            text.Titles[kind],
            TaskRationale,
            journey,
            (index * PlaybookTexts.Kinds.Length) + kind,
            priority,
            task.TaskId,
            index,
            cited.ToImmutableArray(),
            targetId,
            targetRole,
            text.Effects[kind],
            kind == NextKind ? ActionTactic.Anticipate : ActionTactic.Engage);
    }

    private static string WriteTaskRationale(AssessedJourney journey, int argument)
    {
        var index = argument / PlaybookTexts.Kinds.Length;
        var kind = argument % PlaybookTexts.Kinds.Length;
        var task = journey.Tasks[index];
        var common = PlaybookTexts.BuiltIn;
        var texts = ModelTexts.For(journey.Plan);
        var rationale = new StringBuilder(texts.Tasks[index].Whys[kind]);
        switch (kind)
        {
            case RevisitingKind:
                if (LastLoopBack(journey, task) is { } last)
                {
                    rationale.Append(' ').Append(last.LoopedBackFrom.IsEmpty
                        ? common.LoopBack.Format([Date(last.At), last.SignalId])
                        : common.LoopBackFrom.Format([Date(last.At), last.SignalId, TaskNames(journey, texts, last.LoopedBackFrom)]));
                }

                break;
            case DormantKind when task.Since is { } since:
                rationale.Append(' ').Append(common.QuietSince.Format([Date(since)]));
                break;
            case GapKind:
                var active = new List<string>();
                for (var i = 0; i < journey.Tasks.Length; i++)
                {
                    var other = journey.Tasks[i];
                    if (other.IsActive)
                    {
                        var name = texts.Tasks[i].Name;
                        active.Add(other.LastEvidenceSignalId is { } signalId ? common.ActiveTask.Format([name, signalId]) : name);
                    }
                }

                rationale.Append(' ').Append(common.ActiveNow.Format([PlainWords.List(active)]));
                break;
            case NextKind:
                NextStep(journey, out var previous);
                var cites = NextStepCites(journey, previous)!;
                rationale.Append(' ').Append(previous >= 0 && journey.Tasks[previous].Since is { } done
                    ? common.NextAfter.Format([texts.Tasks[previous].Name, Date(done), cites])
                    : common.NextFirst.Format([cites]));
                return rationale.ToString();
        }

        AppendEvidence(rationale, task, common);
        if (kind is ActiveKind or RevisitingKind && Driver(index, journey) is { } driver)
        {
            rationale.Append(' ').Append(common.MostActive.Format([PlainWords.Person(journey.Plan.Group, driver)]));
        }
        else if (kind == GapKind && index == journey.Plan.ConsensusIndex && FirstMissingRole(journey) is not null)
        {
            var roles = new List<string>();
            foreach (var role in journey.Coverage.MissingRoles)
            {
                roles.Add(PlainWords.Role(journey.Plan.Group, role));
            }

            rationale.Append(' ').Append(common.MissingFromGroup.Format([PlainWords.List(roles)]));
        }

        return rationale.ToString();
    }

    /// <summary>The tasks' names for people ("solution exploration and requirements building"), ids the model lacks as they are.</summary>
    private static string TaskNames(AssessedJourney journey, ModelTexts texts, ImmutableArray<string> taskIds)
    {
        var names = new List<string>(taskIds.Length);
        foreach (var id in taskIds)
        {
            var index = journey.IndexOf(id);
            names.Add(index >= 0 ? texts.Tasks[index].Name : id);
        }

        return PlainWords.List(names);
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

    private static void AppendEvidence(StringBuilder rationale, TaskAssessment task, PlaybookTexts common)
    {
        string? first = null;
        string? second = null;
        var more = 0;
        foreach (var item in task.Evidence)
        {
            if (item.Evidence.Kind != EvidenceKind.Weight)
            {
                continue;
            }

            if (second is not null)
            {
                more++;
                continue;
            }

            var text = common.EvidenceItem.Format([item.Evidence.Reason, item.SignalId, item.Contribution.ToString("0.00", CultureInfo.InvariantCulture)]);
            if (first is null)
            {
                first = text;
            }
            else
            {
                second = text;
            }
        }

        if (first is not null)
        {
            var items = second is null ? first : $"{first}; {second}";
            rationale.Append(' ').Append(more == 0
                ? common.EvidenceList.Format([items])
                : common.EvidenceListMore.Format([items, PlainWords.Count(more, "more signal", "more signals")]));
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
