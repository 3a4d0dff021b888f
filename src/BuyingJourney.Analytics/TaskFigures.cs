using System;
using System.Collections.Immutable;
using BuyingJourney.Phases;

namespace BuyingJourney.Analytics;

/// <summary>One buying task across the portfolio: how many journeys are in each phase of it now, how long the open ones have been there, how many ever worked on it, and how often customers came back to it.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class TaskFigures
{
    private readonly ImmutableArray<int> _phases;
    private readonly ImmutableArray<DurationDistribution> _times;

    internal TaskFigures(string taskId, string displayName, ImmutableArray<int> phases, ImmutableArray<DurationDistribution> times, int started, int loopBacks)
    {
        TaskId = taskId;
        DisplayName = displayName;
        _phases = phases;
        _times = times;
        Started = started;
        LoopBacks = loopBacks;
    }

    /// <summary>The task's id in the buying model.</summary>
    public string TaskId { get; }

    /// <summary>The task's display name.</summary>
    public string DisplayName { get; }

    /// <summary>How many journeys started the task: it left NotStarted (became active, or was completed straight away).</summary>
    public int Started { get; }

    /// <summary>How many loop-backs (a completed task reopened, <c>LoopBack</c>) went back to this task, over all journeys.</summary>
    public int LoopBacks { get; }

    /// <summary>How many journeys have the task in <paramref name="phase"/> as of the analysis time (decay applied).</summary>
    /// <param name="phase">The phase.</param>
    /// <exception cref="ArgumentOutOfRangeException">An undefined phase.</exception>
    public int Journeys(TaskPhase phase) => _phases[Index(phase)];

    /// <summary>For the open journeys (status Open, Stalled or AtRisk) with the task in <paramref name="phase"/> now: how long it has been in that phase (<c>TaskAssessment.TimeInPhase</c>). Empty for NotStarted.</summary>
    /// <param name="phase">The phase.</param>
    /// <exception cref="ArgumentOutOfRangeException">An undefined phase.</exception>
    public DurationDistribution TimeIn(TaskPhase phase) => _times[Index(phase)];

    /// <summary>"Validation: 40 active".</summary>
    public override string ToString() => $"{TaskId}: {Journeys(TaskPhase.Active)} active";

    private int Index(TaskPhase phase)
        => (int)phase < _phases.Length ? (int)phase : throw new ArgumentOutOfRangeException(nameof(phase), phase, "not a task phase.");
}
