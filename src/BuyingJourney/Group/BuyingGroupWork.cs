using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using BuyingJourney.Model;
using BuyingJourney.Phases;

namespace BuyingJourney.Group;

/// <summary>
/// The mutable working copy of a journey's buying group during a fold. Stakeholders are copied from the immutable
/// states only when a signal touches them, so applying one signal costs one stakeholder, not the whole group; a
/// touched stakeholder's working copy is kept in step with the state <see cref="ToImmutable"/> makes of it, so a
/// fold that goes on from there (the next single signal) does not copy them again.
/// </summary>
internal sealed class BuyingGroupWork
{
    // Until the group changes, members are read from _initial; on the first change the lists are filled from it
    // (_listed). The lists are made on the first change and kept from one fold to the next, so a pooled accumulator
    // applying one signal at a time does not make new ones for every signal. A member's working copy in _people is
    // changed (Person.Changed) from the time it is touched until ToImmutable turns it into the member's state; after
    // that it equals the state in _states and stays for the next touch, until Load gives it back to the pool.
    private List<StakeholderState?>? _states;
    private List<Person?>? _people;
    private int _taskCount;
    private ImmutableArray<StakeholderState> _initial;
    private bool _listed;
    private bool _changed;

    // The last id IndexOf was asked for (compared by reference) and its answer: a signal's stakeholder is looked up by
    // the rules and then by Observe. Forgotten whenever members are added, removed or reloaded.
    private string? _lastId;
    private int _lastIndex;

    public BuyingGroupWork(ImmutableArray<StakeholderState> initial, int taskCount)
    {
        _taskCount = taskCount;
        _initial = initial;
    }

    /// <summary>Starts over as the working copy of <paramref name="initial"/> (after a fold that ended with <see cref="ToImmutable"/>, or one an exception broke off: its working copies are dropped, not pooled).</summary>
    public void Load(ImmutableArray<StakeholderState> initial, int taskCount)
    {
        _taskCount = taskCount;
        _initial = initial;
        if (_listed)
        {
            // Drop the last fold's members, their working copies back to the pool.
            foreach (var person in _people!)
            {
                if (person is not null)
                {
                    Person.Return(person);
                }
            }

            _states!.Clear();
            _people.Clear();
            _listed = false;
        }

        _changed = false;
        _lastId = null;
    }

    public int Count => _listed ? _states!.Count : _initial.Length;

    /// <summary>The immutable state of member <paramref name="index"/> (stale while <see cref="PersonAt"/> is not null).</summary>
    private StakeholderState StateAt(int index) => _listed ? _states![index]! : _initial[index];

    /// <summary>The working copy of member <paramref name="index"/> while it differs from the member's state, or null.</summary>
    private Person? PersonAt(int index) => _listed && _people![index] is { Changed: true } person ? person : null;

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_states), nameof(_people))]
    private void EnsureLists()
    {
        _states ??= new List<StakeholderState?>(_initial.Length + 1);
        _people ??= new List<Person?>(_initial.Length + 1);
        if (_listed)
        {
            return;
        }

        foreach (var state in _initial)
        {
            _states.Add(state);
            _people.Add(null);
        }

        _listed = true;
    }

    /// <summary>The index of the stakeholder with this id, or -1.</summary>
    public int IndexOf(string id)
    {
        if (ReferenceEquals(id, _lastId))
        {
            return _lastIndex;
        }

        var found = -1;
        var count = Count;
        for (var i = 0; i < count; i++)
        {
            var known = PersonAt(i)?.Id ?? StateAt(i).Id;
            if (string.Equals(known, id, StringComparison.Ordinal))
            {
                found = i;
                break;
            }
        }

        _lastId = id;
        _lastIndex = found;
        return found;
    }

    /// <summary>True when the stakeholder at <paramref name="index"/> holds any of <paramref name="roles"/>.</summary>
    public bool HoldsAny(int index, ImmutableArray<string> roles)
    {
        foreach (var role in roles)
        {
            if (HasRole(index, role))
            {
                return true;
            }
        }

        return false;
    }

    public bool HasRole(int index, string role)
        => PersonAt(index) is { } person ? person.Roles.Contains(role) : StateAt(index).Roles.Contains(role);

    public bool IsPresent(int index) => PersonAt(index) is { } person ? person.LeftTicks == 0 : StateAt(index).IsPresent;

    public ImmutableArray<string> RolesAt(int index) => PersonAt(index) is { } person ? [.. person.Roles] : StateAt(index).Roles;

    /// <summary>
    /// Records that a signal named a stakeholder: joins them if new (evicting the least recently seen, preferring
    /// those who left, when the group is full), updates their roles and presence, and adds this signal's evidence
    /// to their own scores. Returns their index.
    /// </summary>
    public int Observe(
        Signals.Stakeholder stakeholder,
        bool replaceRoles,
        bool leaves,
        long ticks,
        string signalId,
        in Evidence.TaskTally tally,
        ReadOnlySpan<TaskParameters> parameters,
        int maxStakeholders)
    {
        var id = stakeholder.Id;
        var role = stakeholder.Role;
        var weights = tally.Weights;
        var weighted = tally.Weighted;
        var completed = tally.Completed;
        var index = IndexOf(id);
        Person person;
        if (index < 0)
        {
            if (Count >= maxStakeholders)
            {
                Evict();
            }

            person = Person.Rent(id, _taskCount);
            person.Changed = true;
            person.JoinedTicks = ticks;
            EnsureLists();
            _states.Add(null);
            _people.Add(person);
            index = _states.Count - 1;
            _lastId = id;
            _lastIndex = index;
        }
        else
        {
            person = Touch(index);
        }

        _changed = true;
        if (replaceRoles)
        {
            person.RolesChanged |= person.Roles.Count != 0;
            person.Roles.Clear();
        }

        if (role is not null && !person.Roles.Contains(role))
        {
            if (person.Roles.Count == MaxRolesPerPerson)
            {
                person.Roles.RemoveAt(0);
            }

            person.Roles.Add(role);
            person.RolesChanged = true;
        }

        person.LastSeenTicks = ticks;
        person.LastSignalId = signalId;
        person.LeftTicks = leaves ? ticks : 0;
        person.SignalCount++;
        var tasks = person.Tasks;
        for (var bits = weighted | completed; bits != 0; bits &= bits - 1)
        {
            var at = System.Numerics.BitOperations.TrailingZeroCount(bits);
            var bit = 1u << at;
            ref var task = ref tasks[at];
            if ((weighted & bit) != 0)
            {
                task.Score = parameters[at].Decay(task.Score, task.ScoredAt, ticks) + weights[at];
                task.ScoredAt = ticks;
                task.LastEvidence = ticks;
                task.LastEvidenceId = signalId;
            }

            if ((completed & bit) != 0)
            {
                task.Score = 0;
                task.ScoredAt = ticks;
                task.Approved = ticks;
                task.ApprovedId = signalId;
            }
        }

        return index;
    }

    /// <summary>A stall, win or loss: every stakeholder's scores drop to zero, as the tasks' do.</summary>
    public void Reset(long ticks)
    {
        for (var i = 0; i < Count; i++)
        {
            var hasScore = false;
            if (PersonAt(i) is { } p)
            {
                foreach (ref readonly var task in p.Tasks.AsSpan())
                {
                    hasScore |= task.Score != 0;
                }
            }
            else
            {
                foreach (var task in StateAt(i).Tasks)
                {
                    hasScore |= task.Score != 0;
                }
            }

            if (!hasScore)
            {
                continue;
            }

            var person = Touch(i);
            _changed = true;
            foreach (ref var task in person.Tasks.AsSpan())
            {
                if (task.Score != 0)
                {
                    task.Score = 0;
                    task.ScoredAt = ticks;
                }
            }
        }
    }

    public ImmutableArray<StakeholderState> ToImmutable(BuyingModel model)
    {
        if (!_changed)
        {
            return _initial;
        }

        EnsureLists();
        var members = new StakeholderState[_states.Count];
        for (var i = 0; i < members.Length; i++)
        {
            if (_people[i] is { Changed: true } person)
            {
                _states[i] = person.ToState(model);
            }

            members[i] = _states[i]!;
        }

        _initial = System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(members);
        _changed = false;
        return _initial;
    }

    internal const int MaxRolesPerPerson = 16;

    private Person Touch(int index)
    {
        EnsureLists();
        var person = _people[index] ??= Person.From(_states[index]!, _taskCount);
        person.Changed = true;
        return person;
    }

    private void Evict()
    {
        var victim = -1;
        var victimLeft = false;
        long victimSeen = long.MaxValue;
        EnsureLists();
        for (var i = 0; i < _states.Count; i++)
        {
            var left = !IsPresent(i);
            var seen = PersonAt(i)?.LastSeenTicks ?? _states[i]!.LastSeenTicks;
            if (victim < 0 || (left && !victimLeft) || (left == victimLeft && seen < victimSeen))
            {
                victim = i;
                victimLeft = left;
                victimSeen = seen;
            }
        }

        if (_people[victim] is { } gone)
        {
            Person.Return(gone);
        }

        _states.RemoveAt(victim);
        _people.RemoveAt(victim);
        _lastId = null;
        _changed = true;
    }

    /// <summary>One stakeholder's evidence for one task while folding (see <see cref="StakeholderTaskEvidence"/>).</summary>
    private struct PersonTask
    {
        public double Score;
        public long ScoredAt;
        public long LastEvidence;
        public string? LastEvidenceId;
        public long Approved;
        public string? ApprovedId;

        /// <summary>The task and approval of the member's last state, reused while <see cref="Approved"/> and <see cref="ApprovedId"/> are unchanged; null for a new entry.</summary>
        public StakeholderTaskEvidence.TaskMark? Mark;
    }

    private sealed class Person
    {
        // Working copies are reused per thread: one fold touches a few people and turns each back into a state at the end.
        private const int PoolSize = 64;
        [ThreadStatic]
        private static Stack<Person>? t_pool;

        private Person(int taskCount)
        {
            Id = string.Empty;
            LastSignalId = string.Empty;
            Tasks = new PersonTask[taskCount];
        }

        public string Id { get; private set; }

        public List<string> Roles { get; } = [];

        /// <summary>The roles as the member's last state held them (reused when <see cref="RolesChanged"/> is false).</summary>
        public ImmutableArray<string> StateRoles { get; private set; } = ImmutableArray<string>.Empty;

        public bool RolesChanged { get; set; }

        /// <summary>True from the time the member is touched until <see cref="ToState"/> turns this copy into its state.</summary>
        public bool Changed { get; set; }

        public long JoinedTicks { get; set; }

        public long LastSeenTicks { get; set; }

        public string LastSignalId { get; set; }

        public long LeftTicks { get; set; }

        public int SignalCount { get; set; }

        /// <summary>One entry per task of the model, in model order.</summary>
        public PersonTask[] Tasks { get; }

        /// <summary>A blank working copy for stakeholder <paramref name="id"/>: no roles, no evidence, never seen.</summary>
        public static Person Rent(string id, int taskCount)
        {
            var person = t_pool is { Count: > 0 } pool && pool.Peek().Tasks.Length == taskCount ? pool.Pop() : new Person(taskCount);
            person.Id = id;
            return person;
        }

        /// <summary>Hands a working copy back once it has been turned into a state (the caller must drop every reference to it).</summary>
        public static void Return(Person person)
        {
            person.Id = string.Empty;
            person.Roles.Clear();
            person.StateRoles = ImmutableArray<string>.Empty;
            person.RolesChanged = false;
            person.Changed = false;
            person.JoinedTicks = 0;
            person.LastSeenTicks = 0;
            person.LastSignalId = string.Empty;
            person.LeftTicks = 0;
            person.SignalCount = 0;
            Array.Clear(person.Tasks);
            var pool = t_pool ??= new Stack<Person>(PoolSize);
            if (pool.Count < PoolSize)
            {
                pool.Push(person);
            }
        }

        public static Person From(StakeholderState state, int taskCount)
        {
            var person = Rent(state.Id, taskCount);
            person.StateRoles = state.Roles;
            person.JoinedTicks = state.JoinedTicks;
            person.LastSeenTicks = state.LastSeenTicks;
            person.LastSignalId = state.LastSignalId;
            person.LeftTicks = state.LeftTicks;
            person.SignalCount = state.SignalCount;
            person.Roles.AddRange(state.Roles.AsSpan());
            foreach (var evidence in state.Tasks)
            {
                ref var task = ref person.Tasks[evidence.TaskIndex];
                task.Score = evidence.Score;
                task.ScoredAt = evidence.ScoredAtTicks;
                task.LastEvidence = evidence.LastEvidenceTicks;
                task.LastEvidenceId = evidence.LastEvidenceSignalId;
                task.Approved = evidence.ApprovedTicks;
                task.ApprovedId = evidence.ApprovedSignalId;
                task.Mark = evidence.Mark;
            }

            return person;
        }

        /// <summary>The member's state, this copy's data; the copy is then in step with it (not <see cref="Changed"/>).</summary>
        public StakeholderState ToState(BuyingModel model)
        {
            var count = 0;
            foreach (ref readonly var task in Tasks.AsSpan())
            {
                count += task.ScoredAt != 0 ? 1 : 0;
            }

            var tasks = count == 0 ? [] : new StakeholderTaskEvidence[count];
            if (count != 0)
            {
                var shared = StakeholderTaskEvidence.TaskMark.SharedOf(model);
                count = 0;
                for (var i = 0; i < Tasks.Length; i++)
                {
                    ref readonly var task = ref Tasks[i];
                    if (task.ScoredAt != 0)
                    {
                        var evidence = StakeholderTaskEvidence.Create(shared, i, task.Mark, task.Score, task.ScoredAt, task.LastEvidence, task.LastEvidenceId, task.Approved, task.ApprovedId);
                        Tasks[i].Mark = evidence.Mark;
                        tasks[count++] = evidence;
                    }
                }
            }

            var roles = !RolesChanged ? StateRoles : Roles.Count == 1 ? RoleSets.Single(Roles[0]) : [.. Roles];
            StateRoles = roles;
            RolesChanged = false;
            Changed = false;
            return new StakeholderState(Id, roles, JoinedTicks, LastSeenTicks, LastSignalId, LeftTicks, SignalCount, System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(tasks));
        }
    }
}

/// <summary>
/// Shared one-role lists: most stakeholders hold one role from a small vocabulary, so their states share one
/// immutable array per role instead of each holding a copy. Bounded: past <see cref="Capacity"/> roles, new ones get their own array.
/// </summary>
internal static class RoleSets
{
    public const int Capacity = 1024;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ImmutableArray<string>> s_single = new(StringComparer.Ordinal);

    public static ImmutableArray<string> Single(string role)
    {
        if (s_single.TryGetValue(role, out var roles))
        {
            return roles;
        }

        roles = [role];
        return s_single.Count < Capacity ? s_single.GetOrAdd(role, roles) : roles;
    }
}
