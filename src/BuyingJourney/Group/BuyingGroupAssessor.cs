using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using BuyingJourney.Assessment;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;

namespace BuyingJourney.Group;

/// <summary>Turns a journey's buying group into stakeholder assessments and consensus coverage as of a time.</summary>
internal static class BuyingGroupAssessor
{
    public static (ImmutableArray<StakeholderAssessment> Stakeholders, ConsensusCoverage Coverage) Assess(
        JourneyState state,
        BuyingModel model,
        Func<int, TaskParameters> parameters,
        BuyingGroupDefinition definition,
        ImmutableArray<TaskAssessment> tasks,
        long ticks)
    {
        var taskCount = model.Tasks.Length;
        var stakeholders = ImmutableArray.CreateBuilder<StakeholderAssessment>(state.BuyingGroup.Length);
        var engaged = 0;
        foreach (var member in state.BuyingGroup)
        {
            var status = !member.IsPresent ? EngagementStatus.Left
                : ticks - member.LastSeenTicks > definition.QuietAfter.Ticks ? EngagementStatus.Quiet
                : EngagementStatus.Engaged;
            engaged += status == EngagementStatus.Engaged ? 1 : 0;
            var scores = new double[taskCount];
            foreach (var task in member.Tasks)
            {
                var p = parameters(task.TaskIndex);
                scores[task.TaskIndex] = p.Decay(task.Score, task.ScoredAtTicks, ticks);
            }

            var active = ImmutableArray.CreateBuilder<string>();
            for (var i = 0; i < taskCount; i++)
            {
                if (member.IsPresent && scores[i] > 0 && scores[i] >= parameters(i).Dormancy)
                {
                    active.Add(model.Tasks[i].Id);
                }
            }

            stakeholders.Add(new StakeholderAssessment(member, status, active.ToImmutable(), ImmutableArray.Create(scores)));
        }

        var people = stakeholders.MoveToImmutable();
        var roles = ImmutableArray.CreateBuilder<RoleCoverage>(definition.Roles.Length);
        var missing = ImmutableArray.CreateBuilder<string>();
        var quiet = ImmutableArray.CreateBuilder<string>();
        foreach (var role in definition.Roles)
        {
            var holders = ImmutableArray.CreateBuilder<string>();
            var best = EngagementStatus.Missing;
            foreach (var person in people)
            {
                if (!person.State.HasRole(role.Id))
                {
                    continue;
                }

                holders.Add(person.Id);
                best = Better(best, person.Status);
            }

            var expected = IsExpected(role, model, tasks);
            roles.Add(new RoleCoverage(role, best, expected, holders.ToImmutable()));
            if (expected && best is EngagementStatus.Missing or EngagementStatus.Left)
            {
                missing.Add(role.Id);
            }

            if (best == EngagementStatus.Quiet)
            {
                quiet.Add(role.Id);
            }
        }

        var coverage = roles.MoveToImmutable();
        var signOff = ImmutableArray.CreateBuilder<string>();
        foreach (var id in definition.SignOffRoles)
        {
            foreach (var role in coverage)
            {
                if (string.Equals(role.Role.Id, id, StringComparison.Ordinal) && role.Status != EngagementStatus.Engaged)
                {
                    signOff.Add(id);
                }
            }
        }

        return (people, new ConsensusCoverage(coverage, engaged, missing.ToImmutable(), quiet.ToImmutable(), signOff.ToImmutable(), Disagreements(state, model),
            definition.ConsensusTaskId is { } consensus && model.IndexOf(consensus) >= 0 ? consensus : null));
    }

    private static EngagementStatus Better(EngagementStatus current, EngagementStatus candidate)
    {
        static int Rank(EngagementStatus status) => status switch
        {
            EngagementStatus.Engaged => 3,
            EngagementStatus.Quiet => 2,
            EngagementStatus.Left => 1,
            _ => 0,
        };

        return Rank(candidate) > Rank(current) ? candidate : current;
    }

    private static bool IsExpected(RoleDefinition role, BuyingModel model, ImmutableArray<TaskAssessment> tasks)
    {
        if (!role.IsExpected)
        {
            return false;
        }

        if (role.ExpectedOnceTasks.IsEmpty)
        {
            return true;
        }

        foreach (var id in role.ExpectedOnceTasks)
        {
            var index = model.IndexOf(id);
            if (index >= 0 && tasks[index].Phase != TaskPhase.NotStarted)
            {
                return true;
            }
        }

        return false;
    }

    private static ImmutableArray<Disagreement> Disagreements(JourneyState state, BuyingModel model)
    {
        var result = ImmutableArray.CreateBuilder<Disagreement>();
        for (var task = 0; task < model.Tasks.Length; task++)
        {
            // The latest completion of the task by a present stakeholder...
            StakeholderState? approver = null;
            StakeholderTaskEvidence approval = default;
            foreach (var member in state.BuyingGroup)
            {
                if (member.IsPresent && Find(member, task) is { } entry && entry.ApprovedTicks > 0
                    && (approver is null || entry.ApprovedTicks > approval.ApprovedTicks))
                {
                    approver = member;
                    approval = entry;
                }
            }

            if (approver is null)
            {
                continue;
            }

            // ...and every other present stakeholder who gave it evidence afterwards.
            foreach (var member in state.BuyingGroup)
            {
                if (!ReferenceEquals(member, approver) && member.IsPresent && Find(member, task) is { } entry
                    && entry.LastEvidenceTicks > approval.ApprovedTicks && entry.LastEvidenceSignalId is { } signalId)
                {
                    result.Add(new Disagreement(
                        model.Tasks[task].Id,
                        approver.Id,
                        approval.ApprovedAt!.Value,
                        approval.ApprovedSignalId!,
                        member.Id,
                        entry.LastEvidenceAt!.Value,
                        signalId));
                }
            }
        }

        return result.ToImmutable();
    }

    private static StakeholderTaskEvidence? Find(StakeholderState member, int task)
    {
        foreach (var entry in member.Tasks)
        {
            if (entry.TaskIndex == task)
            {
                return entry;
            }
        }

        return null;
    }
}
