using System;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using BuyingJourney.Group;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;

namespace BuyingJourney.Assessment;

/// <summary>Turns a journey's buying group into stakeholder assessments and consensus coverage as of a time.</summary>
/// <remarks>
/// One pass over the group and one over the roles, with the engine's <see cref="AssessmentPlan"/>: lists of ids come
/// from its shared lists, a role nobody holds from its shared coverage, so only what is particular to the journey
/// is allocated.
/// </remarks>
internal static class BuyingGroupAssessor
{
    public static (ImmutableArray<StakeholderAssessment> Stakeholders, ConsensusCoverage Coverage) Assess(
        JourneyState state,
        AssessmentPlan plan,
        ImmutableArray<TaskAssessment> tasks,
        long ticks)
    {
        var definition = plan.Group;
        var parameters = plan.Parameters;
        var taskCount = parameters.Length;
        var members = state.BuyingGroup;
        var people = members.IsEmpty ? [] : new StakeholderAssessment[members.Length];
        var quietAfter = definition.QuietAfter.Ticks;
        var roles = plan.Roles;

        // Per stakeholder, the bits of the defined roles they hold (at most 32 roles).
        var roleMasks = members.Length <= 64 ? stackalloc uint[members.Length] : new uint[members.Length];
        var engaged = 0;
        for (var k = 0; k < members.Length; k++)
        {
            var member = members[k];
            var present = member.IsPresent;
            var status = !present ? EngagementStatus.Left
                : ticks - member.LastSeenTicks > quietAfter ? EngagementStatus.Quiet
                : EngagementStatus.Engaged;
            engaged += status == EngagementStatus.Engaged ? 1 : 0;
            var scores = new double[taskCount];
            foreach (ref readonly var task in member.Tasks.AsSpan())
            {
                scores[task.TaskIndex] = parameters[task.TaskIndex].Decay(task.Score, task.ScoredAtTicks, ticks);
            }

            var active = 0u;
            if (present)
            {
                for (var i = 0; i < taskCount; i++)
                {
                    if (scores[i] > 0 && scores[i] >= parameters[i].Dormancy)
                    {
                        active |= 1u << i;
                    }
                }
            }

            var held = 0u;
            foreach (var id in member.Roles)
            {
                for (var r = 0; r < roles.Length; r++)
                {
                    if (roles[r].Role.Id == id)
                    {
                        held |= 1u << r;
                        break;
                    }
                }
            }

            roleMasks[k] = held;
            people[k] = new StakeholderAssessment(member, status, plan.TaskIds(active), ImmutableCollectionsMarshal.AsImmutableArray(scores));
        }

        var coverage = new RoleCoverage[roles.Length];
        var missing = 0u;
        var quiet = 0u;
        var signOff = 0u;
        for (var r = 0; r < roles.Length; r++)
        {
            var role = roles[r];
            var bit = 1u << r;
            var holders = 0;
            var best = EngagementStatus.Missing;
            for (var k = 0; k < people.Length; k++)
            {
                if ((roleMasks[k] & bit) != 0)
                {
                    holders++;
                    best = Better(best, people[k].Status);
                }
            }

            var expected = IsExpected(role, tasks);
            if (holders == 0)
            {
                coverage[r] = role.Missing(expected);
            }
            else
            {
                var ids = new string[holders];
                var n = 0;
                for (var k = 0; k < people.Length; k++)
                {
                    if ((roleMasks[k] & bit) != 0)
                    {
                        ids[n++] = people[k].Id;
                    }
                }

                coverage[r] = new RoleCoverage(role.Role, best, expected, ImmutableCollectionsMarshal.AsImmutableArray(ids));
            }

            if (expected && best is EngagementStatus.Missing or EngagementStatus.Left)
            {
                missing |= bit;
            }

            if (best == EngagementStatus.Quiet)
            {
                quiet |= bit;
            }

            if (role.SignOffPlace >= 0 && best != EngagementStatus.Engaged)
            {
                signOff |= 1u << role.SignOffPlace;
            }
        }

        return (ImmutableCollectionsMarshal.AsImmutableArray(people), new ConsensusCoverage(
            ImmutableCollectionsMarshal.AsImmutableArray(coverage),
            engaged,
            plan.RoleIds(missing),
            plan.RoleIds(quiet),
            plan.SignOffIds(signOff),
            Disagreements(state, plan),
            plan.ConsensusTaskId));
    }

    private static EngagementStatus Better(EngagementStatus current, EngagementStatus candidate)
        => Rank(candidate) > Rank(current) ? candidate : current;

    private static int Rank(EngagementStatus status) => status switch
    {
        EngagementStatus.Engaged => 3,
        EngagementStatus.Quiet => 2,
        EngagementStatus.Left => 1,
        _ => 0,
    };

    private static bool IsExpected(AssessmentPlan.RolePlan role, ImmutableArray<TaskAssessment> tasks)
    {
        if (!role.IsExpected)
        {
            return false;
        }

        if (role.ExpectedFromStart)
        {
            return true;
        }

        foreach (var index in role.ExpectedOnceTasks)
        {
            if (tasks[index].Phase != TaskPhase.NotStarted)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Per task, the latest completion by a present stakeholder, and every other present stakeholder who gave the
    /// task evidence afterwards; by task in model order, then stakeholder in group order.
    /// </summary>
    private static ImmutableArray<Disagreement> Disagreements(JourneyState state, AssessmentPlan plan)
    {
        var members = state.BuyingGroup;
        var taskCount = plan.Tasks.Length;
        Span<int> approvers = stackalloc int[taskCount];
        Span<long> approvedTicks = stackalloc long[taskCount];
        approvers.Fill(-1);
        var any = false;
        for (var k = 0; k < members.Length; k++)
        {
            var member = members[k];
            if (!member.IsPresent)
            {
                continue;
            }

            foreach (ref readonly var entry in member.Tasks.AsSpan())
            {
                var task = entry.TaskIndex;
                if (entry.ApprovedTicks > 0 && (approvers[task] < 0 || entry.ApprovedTicks > approvedTicks[task]))
                {
                    approvers[task] = k;
                    approvedTicks[task] = entry.ApprovedTicks;
                    any = true;
                }
            }
        }

        if (!any)
        {
            return ImmutableArray<Disagreement>.Empty;
        }

        // Two passes over the few candidates: count, then fill an array of the exact length.
        var count = Collect(members, approvers, plan, null);
        if (count == 0)
        {
            return ImmutableArray<Disagreement>.Empty;
        }

        var result = new Disagreement[count];
        Collect(members, approvers, plan, result);
        return ImmutableCollectionsMarshal.AsImmutableArray(result);
    }

    /// <summary>Counts the disagreements, and writes them into <paramref name="result"/> when given.</summary>
    private static int Collect(ImmutableArray<StakeholderState> members, ReadOnlySpan<int> approvers, AssessmentPlan plan, Disagreement[]? result)
    {
        var count = 0;
        for (var task = 0; task < approvers.Length; task++)
        {
            var approverIndex = approvers[task];
            if (approverIndex < 0)
            {
                continue;
            }

            var approver = members[approverIndex];
            ref readonly var approval = ref approver.Tasks.ItemRef(IndexOf(approver, task));
            for (var k = 0; k < members.Length; k++)
            {
                var member = members[k];
                if (ReferenceEquals(member, approver) || !member.IsPresent)
                {
                    continue;
                }

                var index = IndexOf(member, task);
                if (index < 0)
                {
                    continue;
                }

                ref readonly var entry = ref member.Tasks.ItemRef(index);
                if (entry.LastEvidenceTicks > approval.ApprovedTicks && entry.LastEvidenceSignalId is { } signalId)
                {
                    if (result is not null)
                    {
                        result[count] = new Disagreement(
                            plan.Tasks[task].Id,
                            approver.Id,
                            approval.ApprovedAt!.Value,
                            approval.ApprovedSignalId!,
                            member.Id,
                            entry.LastEvidenceAt!.Value,
                            signalId);
                    }

                    count++;
                }
            }
        }

        return count;
    }

    private static int IndexOf(StakeholderState member, int task)
    {
        var entries = member.Tasks;
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries.ItemRef(i).TaskIndex == task)
            {
                return i;
            }
        }

        return -1;
    }
}
