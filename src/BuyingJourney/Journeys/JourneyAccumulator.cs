using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using BuyingJourney.Advice;
using BuyingJourney.Group;
using BuyingJourney.Model;
using BuyingJourney.Phases;

namespace BuyingJourney.Journeys;

/// <summary>
/// The mutable working copy of a journey during a fold. A replay's task array becomes the new state's array without
/// a copy at the end (<see cref="Complete"/>); a single step gives the state a copy and stays the working copy of it
/// (<see cref="Snapshot"/>), so the next step can go on from there.
/// </summary>
internal sealed class JourneyAccumulator : Rules.IRuleJourney
{
    // The loop-back list is made on the first loop-back and kept from one fold to the next (a pooled accumulator
    // folds many journeys); while _loopBacksListed is false it is empty and the loop-backs are _initialLoopBacks.
    private readonly List<LoopBack> _loopBacks = [];
    private bool _loopBacksListed;
    private ImmutableArray<LoopBack> _initialLoopBacks;
    private List<ActionFeedback>? _feedback;
    private ImmutableArray<ActionFeedback> _initialFeedback;

    private JourneyAccumulator(BuyingModel model)
    {
        JourneyId = string.Empty;
        Model = model;
        Tasks = [];
        FadeBounds = new long[model.Tasks.Length];
        Group = new BuyingGroupWork(ImmutableArray<StakeholderState>.Empty, model.Tasks.Length);
    }

    public string JourneyId { get; private set; }

    public BuyingModel Model { get; private set; }

    public BuyingGroupWork Group { get; }

    public TaskState[] Tasks { get; private set; }

    /// <summary>Each task's tick before which it cannot fade (<see cref="TaskLifecycle.FadeBoundTicks"/>), kept by the fold; the states do not store it.</summary>
    public long[] FadeBounds { get; private set; }

    /// <summary>Which tasks are active and which completed, kept by the task step (a field, so the step updates it in place).</summary>
    public TaskPhaseMasks Masks;

    public JourneyStatus Status { get; set; }

    public long StatusSinceTicks { get; set; }

    public string? StatusSignalId { get; set; }

    public int LoopBackCount { get; set; }

    public int SignalCount { get; set; }

    public int UnrecognizedSignalCount { get; set; }

    public long LastSignalTicks { get; set; }

    public string? LastSignalId { get; set; }

    /// <summary>A new accumulator, the working copy of a journey with no signals yet (<see cref="StartOver"/>).</summary>
    public static JourneyAccumulator Start(string journeyId, BuyingModel model)
    {
        var journey = new JourneyAccumulator(model);
        journey.StartOver(journeyId, model);
        return journey;
    }

    /// <summary>
    /// Makes this accumulator (a new one, or one whose last fold was completed, snapshot or broken off by an exception)
    /// the working copy of <paramref name="state"/>, so a caller folding one signal at a time can reuse one accumulator.
    /// </summary>
    public void Load(JourneyState state, TaskParameterTable table)
    {
        // The working array is reused when a snapshot left it here (Complete hands it to the state it makes).
        var tasks = Tasks.Length == state.Tasks.Length ? Tasks : new TaskState[state.Tasks.Length];
        state.Tasks.AsSpan().CopyTo(tasks);
        Begin(state.JourneyId, table.Model, tasks, state.LoopBacks, state.BuyingGroup, state.Feedback);
        var parameters = table.All;
        Masks = default;
        for (var i = 0; i < Tasks.Length; i++)
        {
            FadeBounds[i] = TaskLifecycle.FadeBoundTicks(Tasks[i], parameters[i]);
            Masks.Set(i, Tasks[i].Phase);
        }

        Status = state.Status;
        StatusSinceTicks = state.StatusSinceTicks;
        StatusSignalId = state.StatusSignalId;
        LoopBackCount = state.LoopBackCount;
        SignalCount = state.SignalCount;
        UnrecognizedSignalCount = state.UnrecognizedSignalCount;
        LastSignalTicks = state.LastSignalTicks;
        LastSignalId = state.LastSignalId;
    }

    /// <summary>
    /// Makes this accumulator (one whose last fold was completed, or a new one) the working copy of a journey with no
    /// signals yet, so a replay can reuse one accumulator.
    /// </summary>
    public void StartOver(string journeyId, BuyingModel model)
    {
        Begin(journeyId, model, new TaskState[model.Tasks.Length], ImmutableArray<LoopBack>.Empty, ImmutableArray<StakeholderState>.Empty, ImmutableArray<ActionFeedback>.Empty);
        Array.Fill(FadeBounds, TaskLifecycle.Never);
        Masks = default;
        Status = default;
        StatusSinceTicks = 0;
        StatusSignalId = null;
        LoopBackCount = 0;
        SignalCount = 0;
        UnrecognizedSignalCount = 0;
        LastSignalTicks = 0;
        LastSignalId = null;
    }

    private void Begin(string journeyId, BuyingModel model, TaskState[] tasks, ImmutableArray<LoopBack> loopBacks, ImmutableArray<StakeholderState> group, ImmutableArray<ActionFeedback> feedback)
    {
        JourneyId = journeyId;
        Model = model;
        Tasks = tasks;
        if (FadeBounds.Length != tasks.Length)
        {
            FadeBounds = new long[tasks.Length];
        }

        _loopBacks.Clear();
        _loopBacksListed = false;
        _initialLoopBacks = loopBacks;
        _feedback = null;
        _initialFeedback = feedback;
        Group.Load(group, tasks.Length);
    }

    public void AddLoopBack(LoopBack loopBack, int maxRetained)
    {
        LoopBackCount++;
        if (!_loopBacksListed)
        {
            _loopBacks.AddRange(_initialLoopBacks);
            _loopBacksListed = true;
        }

        _loopBacks.Add(loopBack);
        if (_loopBacks.Count > maxRetained)
        {
            _loopBacks.RemoveRange(0, _loopBacks.Count - maxRetained);
        }
    }

    /// <summary>Keeps <paramref name="feedback"/> as the latest for its action code, dropping the oldest beyond <paramref name="maxRetained"/>.</summary>
    public void AddFeedback(ActionFeedback feedback, int maxRetained)
    {
        _feedback ??= [.. _initialFeedback];
        _feedback.RemoveAll(f => string.Equals(f.ActionCode, feedback.ActionCode, StringComparison.Ordinal));
        _feedback.Add(feedback);
        if (_feedback.Count > maxRetained)
        {
            _feedback.RemoveRange(0, _feedback.Count - maxRetained);
        }
    }

    /// <summary>A state that owns a copy of the task array; the accumulator stays its working copy and can go on folding.</summary>
    public JourneyState Snapshot() => Create(Tasks.AsSpan().ToArray());

    /// <summary>The final state; it takes over the task array, so the accumulator must not be used again.</summary>
    public JourneyState Complete()
    {
        var tasks = Tasks;
        Tasks = [];
        return Create(tasks);
    }

    private JourneyState Create(TaskState[] tasks)
    {
        if (_loopBacksListed)
        {
            _initialLoopBacks = [.. _loopBacks];
            _loopBacks.Clear();
            _loopBacksListed = false;
        }

        if (_feedback is not null)
        {
            _initialFeedback = [.. _feedback];
            _feedback = null;
        }

        return new JourneyState(
            JourneyId,
            Model.Name,
            Status,
            StatusSinceTicks,
            StatusSignalId,
            ImmutableCollectionsMarshal.AsImmutableArray(tasks),
            _initialLoopBacks,
            LoopBackCount,
            SignalCount,
            UnrecognizedSignalCount,
            LastSignalTicks,
            LastSignalId,
            Group.ToImmutable(Model),
            _initialFeedback);
    }
}
