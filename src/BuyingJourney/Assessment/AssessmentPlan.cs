using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Threading;
using BuyingJourney.Group;
using BuyingJourney.Model;
using BuyingJourney.Phases;

namespace BuyingJourney.Assessment;

/// <summary>
/// What an engine works out once for assessing every journey: per task its decay parameters; per role its expectations and sign-off place; the consensus task; and shared lists of task
/// and role ids (a journey's active tasks, a coverage's missing roles), so assessing a journey does not look ids up
/// or allocate lists that repeat from one journey to the next. Immutable after construction apart from caches that
/// fill on first use; thread-safe.
/// </summary>
internal sealed class AssessmentPlan
{
    /// <summary>Id lists are cached by bit mask up to this many items (2^10 entries); longer lists are allocated.</summary>
    private const int MaxCachedBits = 10;

    private readonly IdLists _taskIds;
    private readonly IdLists _roleIds;
    private readonly IdLists _signOffIds;

    public AssessmentPlan(BuyingModel model, BuyingGroupDefinition group, Func<int, TaskParameters> parameters)
    {
        Model = model;
        Group = group;
        var count = model.Tasks.Length;
        Tasks = new TaskDefinition[count];
        Parameters = new TaskParameters[count];
        for (var i = 0; i < count; i++)
        {
            Tasks[i] = model.Tasks[i];
            Parameters[i] = parameters(i);
        }

        var taskIds = new string[count];
        for (var i = 0; i < count; i++)
        {
            taskIds[i] = model.Tasks[i].Id;
        }

        _taskIds = new IdLists(taskIds);

        var roles = Group.Roles;
        Roles = new RolePlan[roles.Length];
        var roleIds = new string[roles.Length];
        for (var r = 0; r < roles.Length; r++)
        {
            var role = roles[r];
            roleIds[r] = role.Id;
            var onceTasks = new List<int>();
            foreach (var id in role.ExpectedOnceTasks)
            {
                var index = model.IndexOf(id);
                if (index >= 0)
                {
                    onceTasks.Add(index);
                }
            }

            Roles[r] = new RolePlan(role, role.IsExpected, role.ExpectedOnceTasks.IsEmpty, [.. onceTasks], Group.SignOffRoles.IndexOf(role.Id));
        }

        _roleIds = new IdLists(roleIds);
        _signOffIds = new IdLists([.. Group.SignOffRoles]);
        SignOffRoleIndices = new int[Group.SignOffRoles.Length];
        for (var s = 0; s < SignOffRoleIndices.Length; s++)
        {
            SignOffRoleIndices[s] = Array.IndexOf(roleIds, Group.SignOffRoles[s]);
        }

        ConsensusIndex = Group.ConsensusTaskId is { } consensus ? model.IndexOf(consensus) : -1;
        ConsensusTaskId = ConsensusIndex >= 0 ? model.Tasks[ConsensusIndex].Id : null;
    }

    /// <summary>The model.</summary>
    public BuyingModel Model { get; }

    /// <summary>The buying group definition.</summary>
    public BuyingGroupDefinition Group { get; }

    /// <summary>The model's tasks, in order.</summary>
    public TaskDefinition[] Tasks { get; }

    /// <summary>Each task's decay parameters.</summary>
    public TaskParameters[] Parameters { get; }

    /// <summary>Each role of the definition, in definition order.</summary>
    public RolePlan[] Roles { get; }

    /// <summary>The index in <see cref="Roles"/> of each sign-off role, in sign-off order.</summary>
    public int[] SignOffRoleIndices { get; }

    /// <summary>The index of the consensus task in the model; -1 when none.</summary>
    public int ConsensusIndex { get; }

    /// <summary>The consensus task's id when the model has it; else null.</summary>
    public string? ConsensusTaskId { get; }

    /// <summary>The ids of the tasks whose bits are set in <paramref name="mask"/>, in model order.</summary>
    public ImmutableArray<string> TaskIds(uint mask) => _taskIds.Get(mask);

    /// <summary>The ids of the roles whose bits are set in <paramref name="mask"/>, in definition order.</summary>
    public ImmutableArray<string> RoleIds(uint mask) => _roleIds.Get(mask);

    /// <summary>The sign-off roles whose bits (by place in the sign-off list) are set in <paramref name="mask"/>, in sign-off order.</summary>
    public ImmutableArray<string> SignOffIds(uint mask) => _signOffIds.Get(mask);

    /// <summary>One role of the definition, with its expectations resolved against the model.</summary>
    internal sealed class RolePlan
    {
        private readonly RoleCoverage _missingExpected;
        private readonly RoleCoverage _missingUnexpected;

        public RolePlan(RoleDefinition role, bool isExpected, bool expectedFromStart, int[] expectedOnceTasks, int signOffPlace)
        {
            Role = role;
            IsExpected = isExpected;
            ExpectedFromStart = expectedFromStart;
            ExpectedOnceTasks = expectedOnceTasks;
            SignOffPlace = signOffPlace;
            _missingExpected = new RoleCoverage(role, EngagementStatus.Missing, true, ImmutableArray<string>.Empty);
            _missingUnexpected = new RoleCoverage(role, EngagementStatus.Missing, false, ImmutableArray<string>.Empty);
        }

        public RoleDefinition Role { get; }

        /// <summary><see cref="RoleDefinition.IsExpected"/>.</summary>
        public bool IsExpected { get; }

        /// <summary>Expected from the start (no tasks named).</summary>
        public bool ExpectedFromStart { get; }

        /// <summary>The model indices of the named tasks the model has.</summary>
        public int[] ExpectedOnceTasks { get; }

        /// <summary>The role's place among the sign-off roles; -1 when it is not one.</summary>
        public int SignOffPlace { get; }

        /// <summary>The (immutable, shareable) coverage of the role when nobody holds it.</summary>
        public RoleCoverage Missing(bool expected) => expected ? _missingExpected : _missingUnexpected;
    }

    /// <summary>Lists of ids picked by bit mask from a fixed list, shared once made (for lists of at most <see cref="MaxCachedBits"/> ids).</summary>
    private sealed class IdLists
    {
        private readonly string[] _ids;
        private readonly string[]?[]? _cache;

        public IdLists(string[] ids)
        {
            _ids = ids;
            _cache = ids.Length <= MaxCachedBits ? new string[]?[1 << ids.Length] : null;
        }

        public ImmutableArray<string> Get(uint mask)
        {
            if (mask == 0)
            {
                return ImmutableArray<string>.Empty;
            }

            if (_cache is not null && Volatile.Read(ref _cache[mask]) is { } cached)
            {
                return ImmutableCollectionsMarshal.AsImmutableArray(cached);
            }

            var list = new string[BitCount(mask)];
            var n = 0;
            for (var i = 0; i < _ids.Length; i++)
            {
                if ((mask & (1u << i)) != 0)
                {
                    list[n++] = _ids[i];
                }
            }

            if (_cache is not null)
            {
                Volatile.Write(ref _cache[mask], list);
            }

            return ImmutableCollectionsMarshal.AsImmutableArray(list);
        }

        private static int BitCount(uint mask) => System.Numerics.BitOperations.PopCount(mask);
    }
}
