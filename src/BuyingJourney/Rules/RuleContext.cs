using System;
using System.Collections.Immutable;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Signals;

namespace BuyingJourney.Rules;

/// <summary>
/// What a rule sees: the signal, the buying model, and a read-only view of the journey at the signal's time
/// (before the signal's own evidence is applied).
/// </summary>
/// <remarks>Valid only during the <see cref="EvidenceRule.Evaluate"/> call it is passed to; do not keep it.</remarks>
public readonly struct RuleContext
{
    private readonly IRuleJourney _journey;
    private readonly TaskParameterTable _table;
    private readonly long _ticks;

    internal RuleContext(Signal signal, TaskParameterTable table, IRuleJourney journey)
    {
        Signal = signal;
        _table = table;
        _journey = journey;
        _ticks = signal.OccurredAt.UtcTicks;
    }

    /// <summary>The signal being evaluated.</summary>
    public Signal Signal { get; }

    /// <summary>The buying model the journey follows.</summary>
    public BuyingModel Model => _table.Model;

    /// <summary>The journey's status before this signal.</summary>
    public JourneyStatus Status => _journey.Status;

    /// <summary>How many signals the journey has had before this one.</summary>
    public int SignalCount => _journey.SignalCount;

    /// <summary>
    /// True when the signal names a stakeholder the journey has not seen before (the buying group is growing).
    /// False when it names none.
    /// </summary>
    public bool IsNewStakeholder => Signal.Stakeholder is { } stakeholder && _journey.Group.IndexOf(stakeholder.Id) < 0;

    /// <summary>The roles the journey knows a stakeholder holds, before this signal; empty for someone not seen before.</summary>
    /// <param name="stakeholderId">The stakeholder's id, as on their signals.</param>
    /// <exception cref="ArgumentNullException">A null id.</exception>
    public ImmutableArray<string> RolesOf(string stakeholderId)
    {
        ArgumentNullException.ThrowIfNull(stakeholderId);
        var index = _journey.Group.IndexOf(stakeholderId);
        return index < 0 ? ImmutableArray<string>.Empty : _journey.Group.RolesAt(index);
    }

    /// <summary>True when the stakeholder has been seen and has not left the buying group, before this signal.</summary>
    /// <param name="stakeholderId">The stakeholder's id, as on their signals.</param>
    /// <exception cref="ArgumentNullException">A null id.</exception>
    public bool IsInGroup(string stakeholderId)
    {
        ArgumentNullException.ThrowIfNull(stakeholderId);
        var index = _journey.Group.IndexOf(stakeholderId);
        return index >= 0 && _journey.Group.IsPresent(index);
    }

    /// <summary>The phase of a task at the signal's time (decay included), before this signal's evidence.</summary>
    /// <param name="taskId">The task of the buying model.</param>
    /// <exception cref="ArgumentException">The model has no such task.</exception>
    public TaskPhase PhaseOf(string taskId)
    {
        var index = IndexOf(taskId);
        ref readonly var task = ref _journey.Tasks[index];
        return _ticks < _journey.FadeBounds[index] ? task.Phase : TaskLifecycle.PhaseAt(task, _table[index], _ticks);
    }

    private int IndexOf(string taskId)
    {
        var index = Model.IndexOf(taskId);
        return index >= 0 ? index : throw new ArgumentException($"model \"{Model.Name}\" has no task \"{taskId}\".", nameof(taskId));
    }
}
