using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using BuyingJourney.Model;
using BuyingJourney.Phases;

namespace BuyingJourney.Group;

/// <summary>
/// The mutable working copy of a journey's buying group during a fold. Stakeholders are copied from the immutable
/// states only when a signal touches them, so applying one signal costs one stakeholder, not the whole group.
/// </summary>
internal sealed class BuyingGroupWork
{
    private readonly int _taskCount;
    // Shared empty lists for journeys without stakeholders; replaced by real ones on the first join (never written to).
    private static readonly List<StakeholderState?> s_none = [];
    private static readonly List<Person?> s_nobody = [];
    private List<StakeholderState?> _states;
    private List<Person?> _people;
    private ImmutableArray<StakeholderState> _initial;
    private bool _changed;

    public BuyingGroupWork(ImmutableArray<StakeholderState> initial, int taskCount)
    {
        _taskCount = taskCount;
        _initial = initial;
        _states = initial.IsEmpty ? s_none : new List<StakeholderState?>(initial.Length);
        _people = initial.IsEmpty ? s_nobody : new List<Person?>(initial.Length);
        foreach (var state in initial)
        {
            _states.Add(state);
            _people.Add(null);
        }
    }

    public int Count => _states.Count;

    /// <summary>The index of the stakeholder with this id, or -1.</summary>
    public int IndexOf(string id)
    {
        for (var i = 0; i < _states.Count; i++)
        {
            var known = _people[i]?.Id ?? _states[i]!.Id;
            if (string.Equals(known, id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
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
        => _people[index] is { } person ? person.Roles.Contains(role) : _states[index]!.Roles.Contains(role);

    public bool IsPresent(int index) => _people[index] is { } person ? person.LeftTicks == 0 : _states[index]!.IsPresent;

    public ImmutableArray<string> RolesAt(int index) => _people[index] is { } person ? [.. person.Roles] : _states[index]!.Roles;

    /// <summary>
    /// Records that a signal named a stakeholder: joins them if new (evicting the least recently seen, preferring
    /// those who left, when the group is full), updates their roles and presence, and adds this signal's evidence
    /// to their own scores. Returns their index.
    /// </summary>
    public int Observe(
        string id,
        string? role,
        bool replaceRoles,
        bool leaves,
        long ticks,
        string signalId,
        ReadOnlySpan<double> weights,
        uint weighted,
        uint completed,
        ReadOnlySpan<TaskParameters> parameters,
        int maxStakeholders)
    {
        var index = IndexOf(id);
        Person person;
        if (index < 0)
        {
            if (_states.Count >= maxStakeholders)
            {
                Evict();
            }

            person = new Person(id, _taskCount) { JoinedTicks = ticks };
            if (ReferenceEquals(_states, s_none))
            {
                _states = new List<StakeholderState?>(4);
                _people = new List<Person?>(4);
            }

            _states.Add(null);
            _people.Add(person);
            index = _states.Count - 1;
        }
        else
        {
            person = Touch(index);
        }

        _changed = true;
        if (replaceRoles)
        {
            person.Roles.Clear();
        }

        if (role is not null && !person.Roles.Contains(role))
        {
            if (person.Roles.Count == MaxRolesPerPerson)
            {
                person.Roles.RemoveAt(0);
            }

            person.Roles.Add(role);
        }

        person.LastSeenTicks = ticks;
        person.LastSignalId = signalId;
        person.LeftTicks = leaves ? ticks : 0;
        person.SignalCount++;
        for (var task = 0; task < _taskCount; task++)
        {
            var bit = 1u << task;
            if ((weighted & bit) != 0)
            {
                var decayed = parameters[task].Decay(person.Scores[task], person.ScoredAt[task], ticks);
                person.Scores[task] = decayed + weights[task];
                person.ScoredAt[task] = ticks;
                person.LastEvidence[task] = ticks;
                person.LastEvidenceId[task] = signalId;
            }

            if ((completed & bit) != 0)
            {
                person.Scores[task] = 0;
                person.ScoredAt[task] = ticks;
                person.Approved[task] = ticks;
                person.ApprovedId[task] = signalId;
            }
        }

        return index;
    }

    /// <summary>A stall, win or loss: every stakeholder's scores drop to zero, as the tasks' do.</summary>
    public void Reset(long ticks)
    {
        for (var i = 0; i < _states.Count; i++)
        {
            var hasScore = false;
            if (_people[i] is { } p)
            {
                hasScore = Array.Exists(p.Scores, static s => s != 0);
            }
            else
            {
                foreach (var task in _states[i]!.Tasks)
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
            for (var task = 0; task < _taskCount; task++)
            {
                if (person.Scores[task] != 0)
                {
                    person.Scores[task] = 0;
                    person.ScoredAt[task] = ticks;
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

        var builder = ImmutableArray.CreateBuilder<StakeholderState>(_states.Count);
        for (var i = 0; i < _states.Count; i++)
        {
            if (_people[i] is { } person)
            {
                _states[i] = person.ToState(model);
                _people[i] = null;
            }

            builder.Add(_states[i]!);
        }

        _initial = builder.MoveToImmutable();
        _changed = false;
        return _initial;
    }

    internal const int MaxRolesPerPerson = 16;

    private Person Touch(int index)
    {
        if (_people[index] is { } person)
        {
            return person;
        }

        person = Person.From(_states[index]!, _taskCount);
        _people[index] = person;
        return person;
    }

    private void Evict()
    {
        var victim = -1;
        var victimLeft = false;
        long victimSeen = long.MaxValue;
        for (var i = 0; i < _states.Count; i++)
        {
            var left = !IsPresent(i);
            var seen = _people[i]?.LastSeenTicks ?? _states[i]!.LastSeenTicks;
            if (victim < 0 || (left && !victimLeft) || (left == victimLeft && seen < victimSeen))
            {
                victim = i;
                victimLeft = left;
                victimSeen = seen;
            }
        }

        _states.RemoveAt(victim);
        _people.RemoveAt(victim);
        _changed = true;
    }

    private sealed class Person
    {
        public Person(string id, int taskCount)
        {
            Id = id;
            LastSignalId = string.Empty;
            Scores = new double[taskCount];
            ScoredAt = new long[taskCount];
            LastEvidence = new long[taskCount];
            LastEvidenceId = new string?[taskCount];
            Approved = new long[taskCount];
            ApprovedId = new string?[taskCount];
        }

        public string Id { get; }

        public List<string> Roles { get; } = [];

        public long JoinedTicks { get; set; }

        public long LastSeenTicks { get; set; }

        public string LastSignalId { get; set; }

        public long LeftTicks { get; set; }

        public int SignalCount { get; set; }

        public double[] Scores { get; }

        public long[] ScoredAt { get; }

        public long[] LastEvidence { get; }

        public string?[] LastEvidenceId { get; }

        public long[] Approved { get; }

        public string?[] ApprovedId { get; }

        public static Person From(StakeholderState state, int taskCount)
        {
            var person = new Person(state.Id, taskCount)
            {
                JoinedTicks = state.JoinedTicks,
                LastSeenTicks = state.LastSeenTicks,
                LastSignalId = state.LastSignalId,
                LeftTicks = state.LeftTicks,
                SignalCount = state.SignalCount,
            };
            person.Roles.AddRange(state.Roles);
            foreach (var task in state.Tasks)
            {
                var i = task.TaskIndex;
                person.Scores[i] = task.Score;
                person.ScoredAt[i] = task.ScoredAtTicks;
                person.LastEvidence[i] = task.LastEvidenceTicks;
                person.LastEvidenceId[i] = task.LastEvidenceSignalId;
                person.Approved[i] = task.ApprovedTicks;
                person.ApprovedId[i] = task.ApprovedSignalId;
            }

            return person;
        }

        public StakeholderState ToState(BuyingModel model)
        {
            var count = 0;
            for (var i = 0; i < ScoredAt.Length; i++)
            {
                count += ScoredAt[i] != 0 ? 1 : 0;
            }

            var tasks = ImmutableArray.CreateBuilder<StakeholderTaskEvidence>(count);
            for (var i = 0; i < ScoredAt.Length; i++)
            {
                if (ScoredAt[i] != 0)
                {
                    tasks.Add(new StakeholderTaskEvidence(model.Tasks[i].Id, i, Scores[i], ScoredAt[i], LastEvidence[i], LastEvidenceId[i], Approved[i], ApprovedId[i]));
                }
            }

            return new StakeholderState(Id, [.. Roles], JoinedTicks, LastSeenTicks, LastSignalId, LeftTicks, SignalCount, tasks.MoveToImmutable());
        }
    }
}
