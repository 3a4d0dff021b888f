using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using BuyingJourney.Phases;

namespace BuyingJourney.Journeys;

/// <summary>
/// The mutable working copy of a journey during a fold. One accumulator per fold; its task array becomes
/// the new state's array without a copy at the end.
/// </summary>
internal sealed class JourneyAccumulator
{
    private List<LoopBack>? _loopBacks;
    private ImmutableArray<LoopBack> _initialLoopBacks;

    private JourneyAccumulator(string journeyId, string modelName, TaskState[] tasks, ImmutableArray<LoopBack> loopBacks)
    {
        JourneyId = journeyId;
        ModelName = modelName;
        Tasks = tasks;
        _initialLoopBacks = loopBacks;
    }

    public string JourneyId { get; }

    public string ModelName { get; }

    public TaskState[] Tasks { get; private set; }

    public JourneyStatus Status { get; set; }

    public long StatusSinceTicks { get; set; }

    public string? StatusSignalId { get; set; }

    public int LoopBackCount { get; set; }

    public int SignalCount { get; set; }

    public int UnrecognizedSignalCount { get; set; }

    public long LastSignalTicks { get; set; }

    public string? LastSignalId { get; set; }

    public static JourneyAccumulator Start(string journeyId, string modelName, int taskCount)
        => new(journeyId, modelName, new TaskState[taskCount], ImmutableArray<LoopBack>.Empty);

    public static JourneyAccumulator From(JourneyState state)
        => new(state.JourneyId, state.ModelName, [.. state.Tasks], state.LoopBacks)
        {
            Status = state.Status,
            StatusSinceTicks = state.StatusSinceTicks,
            StatusSignalId = state.StatusSignalId,
            LoopBackCount = state.LoopBackCount,
            SignalCount = state.SignalCount,
            UnrecognizedSignalCount = state.UnrecognizedSignalCount,
            LastSignalTicks = state.LastSignalTicks,
            LastSignalId = state.LastSignalId,
        };

    public void AddLoopBack(LoopBack loopBack, int maxRetained)
    {
        LoopBackCount++;
        if (_loopBacks is null)
        {
            _loopBacks = new List<LoopBack>(_initialLoopBacks.Length + 1);
            _loopBacks.AddRange(_initialLoopBacks);
        }

        _loopBacks.Add(loopBack);
        if (_loopBacks.Count > maxRetained)
        {
            _loopBacks.RemoveRange(0, _loopBacks.Count - maxRetained);
        }
    }

    /// <summary>A state that owns a copy of the task array; the accumulator can go on folding.</summary>
    public JourneyState Snapshot() => Create((TaskState[])Tasks.Clone());

    /// <summary>The final state; it takes over the task array, so the accumulator must not be used again.</summary>
    public JourneyState Complete()
    {
        var tasks = Tasks;
        Tasks = [];
        return Create(tasks);
    }

    private JourneyState Create(TaskState[] tasks)
    {
        if (_loopBacks is not null)
        {
            _initialLoopBacks = [.. _loopBacks];
            _loopBacks = null;
        }

        return new JourneyState(
            JourneyId,
            ModelName,
            Status,
            StatusSinceTicks,
            StatusSignalId,
            ImmutableCollectionsMarshal.AsImmutableArray(tasks),
            _initialLoopBacks,
            LoopBackCount,
            SignalCount,
            UnrecognizedSignalCount,
            LastSignalTicks,
            LastSignalId);
    }
}
