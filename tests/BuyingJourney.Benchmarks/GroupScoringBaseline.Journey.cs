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
            Check($"member {p}'s id", member.Id, ceiling.Ids[p]);
            Check($"member {p}'s roles", string.Join(",", member.Roles), string.Join(",", ceiling.Roles[p].AsSpan(0, ceiling.RoleCounts[p]).ToArray()));
            Check($"member {p}'s joining time", member.JoinedAt.UtcTicks, ceiling.Joined[p]);
            Check($"member {p}'s last seen time", member.LastSeenAt.UtcTicks, ceiling.LastSeen[p]);
            Check($"member {p}'s last signal", member.LastSignalId, ceiling.LastSignalIds[p]);
            Check($"member {p}'s leaving time", member.LeftAt?.UtcTicks ?? 0, ceiling.Left[p]);
            Check($"member {p}'s signal count", member.SignalCount, ceiling.PersonSignals[p]);
            var entry = 0;
            for (var i = 0; i < tasks; i++)
            {
                var k = (p * tasks) + i;
                if (ceiling.PersonScoredAt[k] == 0)
                {
                    continue;
                }

                Check($"member {p}'s task entries", true, entry < member.Tasks.Length);
                var evidence = member.Tasks[entry++];
                Check($"member {p}'s entry {entry - 1}'s task", _taskIds[i], evidence.TaskId);
                Check($"member {p}'s task {i} score", evidence.Score, ceiling.PersonScores[k]);
                Check($"member {p}'s task {i} scoring time", evidence.ScoredAt?.UtcTicks ?? 0, ceiling.PersonScoredAt[k]);
                Check($"member {p}'s task {i} last evidence", evidence.LastEvidenceAt?.UtcTicks ?? 0, ceiling.PersonLastEvidence[k]);
                Check($"member {p}'s task {i} last evidence signal", evidence.LastEvidenceSignalId, ceiling.PersonLastEvidenceIds[k]);
                Check($"member {p}'s task {i} approval", evidence.ApprovedAt?.UtcTicks ?? 0, ceiling.PersonApproved[k]);
                Check($"member {p}'s task {i} approval signal", evidence.ApprovedSignalId, ceiling.PersonApprovedIds[k]);
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
            Grow(4);
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

        /// <summary>Each member's id.</summary>
        public string[] Ids { get; private set; } = [];

        /// <summary>Each member's roles (the first <see cref="RoleCounts"/> entries), oldest first.</summary>
        public string[][] Roles { get; private set; } = [];

        /// <summary>How many roles each member holds.</summary>
        public int[] RoleCounts { get; private set; } = [];

        /// <summary>Whether each member holds a risk role.</summary>
        public bool[] HoldsRiskRole { get; private set; } = [];

        /// <summary>When each member joined (UTC ticks).</summary>
        public long[] Joined { get; private set; } = [];

        /// <summary>When each member was last named (UTC ticks).</summary>
        public long[] LastSeen { get; private set; } = [];

        /// <summary>Each member's last signal.</summary>
        public string[] LastSignalIds { get; private set; } = [];

        /// <summary>When each member left (UTC ticks), 0 while present.</summary>
        public long[] Left { get; private set; } = [];

        /// <summary>Signals that named each member.</summary>
        public int[] PersonSignals { get; private set; } = [];

        /// <summary>Each member's score per task (member × tasks + task).</summary>
        public double[] PersonScores { get; private set; } = [];

        /// <summary>When each member's task score was last set (UTC ticks, 0 never).</summary>
        public long[] PersonScoredAt { get; private set; } = [];

        /// <summary>When each member last gave each task weight.</summary>
        public long[] PersonLastEvidence { get; private set; } = [];

        /// <summary>Each member's last signal that gave each task weight.</summary>
        public string?[] PersonLastEvidenceIds { get; private set; } = [];

        /// <summary>When each member last completed each task.</summary>
        public long[] PersonApproved { get; private set; } = [];

        /// <summary>Each member's last signal that completed each task.</summary>
        public string?[] PersonApprovedIds { get; private set; } = [];

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
            var ids = Ids;
            for (var i = 0; i < GroupCount; i++)
            {
                if (string.Equals(ids[i], id, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        internal bool HasRole(int person, string role)
        {
            var roles = Roles[person];
            for (var r = 0; r < RoleCounts[person]; r++)
            {
                if (string.Equals(roles[r], role, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        internal void AddRole(int person, string role)
        {
            var roles = Roles[person];
            var count = RoleCounts[person];
            if (count == MaxRolesPerPerson)
            {
                Array.Copy(roles, 1, roles, 0, count - 1);
                count--;
            }
            else if (count == roles.Length)
            {
                Array.Resize(ref roles, Math.Min(MaxRolesPerPerson, roles.Length * 2));
                Roles[person] = roles;
            }

            roles[count] = role;
            RoleCounts[person] = count + 1;
        }

        /// <summary>Adds a member at the end (evicting one first when the group holds <paramref name="max"/>); returns their index.</summary>
        internal int Join(string id, long ticks, int max)
        {
            if (GroupCount >= max)
            {
                Evict();
            }

            if (GroupCount == Ids.Length)
            {
                Grow(GroupCount * 2);
            }

            var p = GroupCount++;
            Ids[p] = id;
            RoleCounts[p] = 0;
            HoldsRiskRole[p] = false;
            Joined[p] = ticks;
            Left[p] = 0;
            PersonSignals[p] = 0;
            var from = p * _tasks;
            PersonScores.AsSpan(from, _tasks).Clear();
            PersonScoredAt.AsSpan(from, _tasks).Clear();
            PersonLastEvidence.AsSpan(from, _tasks).Clear();
            PersonLastEvidenceIds.AsSpan(from, _tasks).Clear();
            PersonApproved.AsSpan(from, _tasks).Clear();
            PersonApprovedIds.AsSpan(from, _tasks).Clear();
            return p;
        }

        /// <summary>A stall, win or loss: every member's non-zero task score drops to zero at <paramref name="ticks"/>.</summary>
        internal void ResetGroupScores(long ticks)
        {
            var scores = PersonScores;
            for (var k = 0; k < GroupCount * _tasks; k++)
            {
                if (scores[k] != 0)
                {
                    scores[k] = 0;
                    PersonScoredAt[k] = ticks;
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
                var left = Left[i] != 0;
                if (victim < 0 || (left && !victimLeft) || (left == victimLeft && LastSeen[i] < victimSeen))
                {
                    victim = i;
                    victimLeft = left;
                    victimSeen = LastSeen[i];
                }
            }

            var roles = Roles[victim];
            var after = GroupCount - victim - 1;
            Array.Copy(Ids, victim + 1, Ids, victim, after);
            Array.Copy(Roles, victim + 1, Roles, victim, after);
            Array.Copy(RoleCounts, victim + 1, RoleCounts, victim, after);
            Array.Copy(HoldsRiskRole, victim + 1, HoldsRiskRole, victim, after);
            Array.Copy(Joined, victim + 1, Joined, victim, after);
            Array.Copy(LastSeen, victim + 1, LastSeen, victim, after);
            Array.Copy(LastSignalIds, victim + 1, LastSignalIds, victim, after);
            Array.Copy(Left, victim + 1, Left, victim, after);
            Array.Copy(PersonSignals, victim + 1, PersonSignals, victim, after);
            var from = (victim + 1) * _tasks;
            var to = victim * _tasks;
            var length = after * _tasks;
            Array.Copy(PersonScores, from, PersonScores, to, length);
            Array.Copy(PersonScoredAt, from, PersonScoredAt, to, length);
            Array.Copy(PersonLastEvidence, from, PersonLastEvidence, to, length);
            Array.Copy(PersonLastEvidenceIds, from, PersonLastEvidenceIds, to, length);
            Array.Copy(PersonApproved, from, PersonApproved, to, length);
            Array.Copy(PersonApprovedIds, from, PersonApprovedIds, to, length);
            GroupCount--;
            Roles[GroupCount] = roles; // the evicted member's role array is reused by the next to join
        }

        private void Grow(int capacity)
        {
            var ids = Ids;
            var roles = Roles;
            Array.Resize(ref ids, capacity);
            Array.Resize(ref roles, capacity);
            for (var i = Roles.Length; i < capacity; i++)
            {
                roles[i] = new string[2];
            }

            Ids = ids;
            Roles = roles;
            RoleCounts = Resized(RoleCounts, capacity);
            HoldsRiskRole = Resized(HoldsRiskRole, capacity);
            Joined = Resized(Joined, capacity);
            LastSeen = Resized(LastSeen, capacity);
            LastSignalIds = Resized(LastSignalIds, capacity);
            Left = Resized(Left, capacity);
            PersonSignals = Resized(PersonSignals, capacity);
            PersonScores = Resized(PersonScores, capacity * _tasks);
            PersonScoredAt = Resized(PersonScoredAt, capacity * _tasks);
            PersonLastEvidence = Resized(PersonLastEvidence, capacity * _tasks);
            PersonLastEvidenceIds = Resized(PersonLastEvidenceIds, capacity * _tasks);
            PersonApproved = Resized(PersonApproved, capacity * _tasks);
            PersonApprovedIds = Resized(PersonApprovedIds, capacity * _tasks);
        }

        private static T[] Resized<T>(T[] array, int length)
        {
            Array.Resize(ref array, length);
            return array;
        }
    }
}
