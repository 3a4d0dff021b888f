using System;
using System.Collections.Generic;
using System.Globalization;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;

namespace BuyingJourney.Benchmarks;

// The group ceiling, part: one journey's arrays, and the check against the library.
internal sealed partial class GroupScoringBaseline
{
    /// <summary>The most roles the library keeps per stakeholder (the oldest goes first).</summary>
    private const int MaxRolesPerPerson = 16;

    /// <summary>Throws, naming the journey and the field, when the ceiling's result differs from the library's state.</summary>
    /// <param name="journeyId">The journey, for the message.</param>
    /// <param name="ceiling">The ceiling's result.</param>
    /// <param name="library">The library's state for the same signals.</param>
    public void Verify(string journeyId, Journey ceiling, JourneyState library)
    {
        ArgumentNullException.ThrowIfNull(ceiling);
        ArgumentNullException.ThrowIfNull(library);
        void Check<T>(string what, T expected, T actual)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, actual))
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The group ceiling differs from the library on journey \"{journeyId}\": {what} is {actual}, the library's {expected}."));
            }
        }

        Check("the status", library.Status, ceiling.Status);
        Check("the status's since", library.StatusSince?.UtcTicks ?? 0, ceiling.StatusSinceTicks);
        Check("the loop-back count", library.LoopBackCount, ceiling.LoopBackCount);
        Check("the signal count", library.SignalCount, ceiling.SignalCount);
        Check("the unrecognized count", library.UnrecognizedSignalCount, ceiling.Unrecognized);
        var tasks = ceiling.Phases.Length;
        for (var i = 0; i < tasks; i++)
        {
            var task = library.Tasks[i];
            Check($"task {i}'s phase", task.Phase, (TaskPhase)ceiling.Phases[i]);
            Check($"task {i}'s score", task.Score, ceiling.Scores[i]);
            Check($"task {i}'s scoring time", task.ScoredAt?.UtcTicks ?? 0, ceiling.ScoredAt[i]);
            Check($"task {i}'s phase start", task.Since?.UtcTicks ?? 0, ceiling.Since[i]);
            Check($"task {i}'s loop-backs", task.LoopBackCount, ceiling.TaskLoopBacks[i]);
        }

        var group = library.BuyingGroup;
        Check("the buying group's size", group.Length, ceiling.GroupCount);
        for (var p = 0; p < group.Length; p++)
        {
            var member = group[p];
            ref readonly var mine = ref ceiling.Members[p];
            Check($"member {p}'s id", member.Id, mine.Id);
            Check($"member {p}'s roles", string.Join(",", member.Roles), string.Join(",", (mine.Roles ?? []).AsSpan(0, mine.RoleCount).ToArray()));
            Check($"member {p}'s joining time", member.JoinedAt.UtcTicks, mine.Joined);
            Check($"member {p}'s last seen time", member.LastSeenAt.UtcTicks, mine.LastSeen);
            Check($"member {p}'s last signal", member.LastSignalId, mine.LastSignalId);
            Check($"member {p}'s leaving time", member.LeftAt?.UtcTicks ?? 0, mine.Left);
            Check($"member {p}'s signal count", member.SignalCount, mine.SignalCount);
            var entry = 0;
            for (var i = 0; i < tasks; i++)
            {
                ref readonly var task = ref ceiling.MemberTasks[(p * tasks) + i];
                if (task.ScoredAt == 0)
                {
                    continue;
                }

                Check($"member {p}'s task entries", true, entry < member.Tasks.Length);
                var evidence = member.Tasks[entry++];
                Check($"member {p}'s entry {entry - 1}'s task", _taskIds[i], evidence.TaskId);
                Check($"member {p}'s task {i} score", evidence.Score, task.Score);
                Check($"member {p}'s task {i} scoring time", evidence.ScoredAt?.UtcTicks ?? 0, task.ScoredAt);
                Check($"member {p}'s task {i} last evidence", evidence.LastEvidenceAt?.UtcTicks ?? 0, task.LastEvidence);
                Check($"member {p}'s task {i} last evidence signal", evidence.LastEvidenceSignalId, task.LastEvidenceId);
                Check($"member {p}'s task {i} approval", evidence.ApprovedAt?.UtcTicks ?? 0, task.Approved);
                Check($"member {p}'s task {i} approval signal", evidence.ApprovedSignalId, task.ApprovedId);
            }

            Check($"member {p}'s task entries", member.Tasks.Length, entry);
        }
    }

    /// <summary>One journey of the group ceiling: task fields and the buying group in arrays, changed in place.</summary>
    internal sealed class Journey
    {
        private readonly int _tasks;

        internal Journey(int tasks)
        {
            _tasks = tasks;
            Phases = new byte[tasks];
            Scores = new double[tasks];
            ScoredAt = new long[tasks];
            FadesAt = new long[tasks];
            Since = new long[tasks];
            TaskLoopBacks = new int[tasks];
            Array.Fill(FadesAt, Never);
        }

        /// <summary>Each task's <see cref="TaskPhase"/>.</summary>
        public byte[] Phases { get; }

        /// <summary>Each task's score at <see cref="ScoredAt"/>.</summary>
        public double[] Scores { get; }

        /// <summary>When each score was last set (UTC ticks, 0 before).</summary>
        public long[] ScoredAt { get; }

        /// <summary>The tick at which each active task fades.</summary>
        public long[] FadesAt { get; }

        /// <summary>When each task entered its phase (UTC ticks, 0 before).</summary>
        public long[] Since { get; }

        /// <summary>Each task's loop-backs.</summary>
        public int[] TaskLoopBacks { get; }

        /// <summary>The journey's status.</summary>
        public JourneyStatus Status { get; internal set; }

        /// <summary>When the status last changed (UTC ticks, 0 before).</summary>
        public long StatusSinceTicks { get; internal set; }

        /// <summary>The journey's loop-backs.</summary>
        public int LoopBackCount { get; internal set; }

        /// <summary>The tasks active when the last loop-back happened (a bit per task).</summary>
        public uint LastLoopBackFrom { get; internal set; }

        /// <summary>Signals applied.</summary>
        public int SignalCount { get; internal set; }

        /// <summary>Signals that gave no evidence.</summary>
        public int Unrecognized { get; internal set; }

        /// <summary>The last signal's UTC ticks.</summary>
        public long LastSignalTicks { get; internal set; }

        /// <summary>The last signal's id.</summary>
        public string? LastSignalId { get; internal set; }

        /// <summary>The stakeholders in the group, in the order they joined.</summary>
        public int GroupCount { get; private set; }

        /// <summary>The members (the first <see cref="GroupCount"/>).</summary>
        public Member[] Members { get; private set; } = [];

        /// <summary>Each member's evidence per task (member × tasks + task).</summary>
        public MemberTask[] MemberTasks { get; private set; } = [];

        /// <summary>A checksum of the phases, loop-backs, status and group.</summary>
        public long Checksum()
        {
            long sum = LoopBackCount + ((long)Status << 40) + ((long)GroupCount << 44);
            for (var t = 0; t < Phases.Length; t++)
            {
                sum += (long)Phases[t] << (3 * t);
            }

            return sum;
        }

        /// <summary>The index of the member with this id, or -1.</summary>
        internal int IndexOf(string id)
        {
            var members = Members;
            for (var i = 0; i < GroupCount; i++)
            {
                if (string.Equals(members[i].Id, id, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Adds a member at the end (evicting one first when the group holds <paramref name="max"/>); returns their index.</summary>
        internal int Join(string id, long ticks, int max)
        {
            if (GroupCount >= max)
            {
                Evict();
            }

            if (GroupCount == Members.Length)
            {
                Grow(Math.Max(4, GroupCount * 2));
            }

            var p = GroupCount++;
            ref var member = ref Members[p];
            member = new Member { Id = id, Joined = ticks, Roles = member.Roles };
            MemberTasks.AsSpan(p * _tasks, _tasks).Clear();
            return p;
        }

        /// <summary>A stall, win or loss: every member's non-zero task score drops to zero at <paramref name="ticks"/>.</summary>
        internal void ResetGroupScores(long ticks)
        {
            foreach (ref var task in MemberTasks.AsSpan(0, GroupCount * _tasks))
            {
                if (task.Score != 0)
                {
                    task.Score = 0;
                    task.ScoredAt = ticks;
                }
            }
        }

        /// <summary>Removes the least recently seen member, preferring those who left, keeping the others' order.</summary>
        private void Evict()
        {
            var victim = -1;
            var victimLeft = false;
            var victimSeen = long.MaxValue;
            for (var i = 0; i < GroupCount; i++)
            {
                var left = Members[i].Left != 0;
                if (victim < 0 || (left && !victimLeft) || (left == victimLeft && Members[i].LastSeen < victimSeen))
                {
                    victim = i;
                    victimLeft = left;
                    victimSeen = Members[i].LastSeen;
                }
            }

            var roles = Members[victim].Roles;
            var after = GroupCount - victim - 1;
            Array.Copy(Members, victim + 1, Members, victim, after);
            Array.Copy(MemberTasks, (victim + 1) * _tasks, MemberTasks, victim * _tasks, after * _tasks);
            GroupCount--;
            Members[GroupCount] = new Member { Roles = roles }; // the evicted member's role array is reused by the next to join
        }

        private void Grow(int capacity)
        {
            var members = Members;
            var tasks = MemberTasks;
            Array.Resize(ref members, capacity);
            Array.Resize(ref tasks, capacity * _tasks);
            Members = members;
            MemberTasks = tasks;
        }
    }

    /// <summary>One member of a journey's buying group.</summary>
    internal struct Member
    {
        /// <summary>The stakeholder's id.</summary>
        public string Id;

        /// <summary>Their last signal.</summary>
        public string LastSignalId;

        /// <summary>Their roles (the first <see cref="RoleCount"/>), oldest first; null before the first.</summary>
        public string[]? Roles;

        /// <summary>When they joined (UTC ticks).</summary>
        public long Joined;

        /// <summary>When a signal last named them (UTC ticks).</summary>
        public long LastSeen;

        /// <summary>When they left (UTC ticks), 0 while present.</summary>
        public long Left;

        /// <summary>Signals that named them.</summary>
        public int SignalCount;

        /// <summary>How many roles they hold.</summary>
        public int RoleCount;

        /// <summary>Whether they hold a risk role.</summary>
        public bool HoldsRiskRole;

        /// <summary>True when they hold <paramref name="role"/>.</summary>
        public readonly bool HasRole(string role)
        {
            for (var r = 0; r < RoleCount; r++)
            {
                if (string.Equals(Roles![r], role, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Adds <paramref name="role"/> (dropping the oldest when they hold the most the library keeps).</summary>
        public void AddRole(string role)
        {
            Roles ??= new string[2];
            if (RoleCount == MaxRolesPerPerson)
            {
                Array.Copy(Roles, 1, Roles, 0, RoleCount - 1);
                RoleCount--;
            }
            else if (RoleCount == Roles.Length)
            {
                Array.Resize(ref Roles, Math.Min(MaxRolesPerPerson, Roles.Length * 2));
            }

            Roles[RoleCount++] = role;
        }
    }

    /// <summary>One member's evidence for one task.</summary>
    internal struct MemberTask
    {
        /// <summary>Their score at <see cref="ScoredAt"/>.</summary>
        public double Score;

        /// <summary>When the score was last set (UTC ticks, 0 never).</summary>
        public long ScoredAt;

        /// <summary>When they last gave the task weight.</summary>
        public long LastEvidence;

        /// <summary>When they last completed the task.</summary>
        public long Approved;

        /// <summary>Their last signal that gave the task weight.</summary>
        public string? LastEvidenceId;

        /// <summary>Their last signal that completed the task.</summary>
        public string? ApprovedId;
    }
}
