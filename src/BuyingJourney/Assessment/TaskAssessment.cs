using System;
using System.Collections.Immutable;
using BuyingJourney.Model;
using BuyingJourney.Phases;

namespace BuyingJourney.Assessment;

/// <summary>One task of a journey as of a point in time.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class TaskAssessment
{
    private readonly long _sinceTicks;
    private readonly long _timeInPhaseTicks;
    private readonly long _fadesAtTicks;

    /// <summary>An assessment of <paramref name="task"/>, in <paramref name="phase"/> since <paramref name="sinceTicks"/> (UTC; 0 when it never started), as of <paramref name="asOfTicks"/> (UTC).</summary>
    internal TaskAssessment(TaskDefinition task, TaskPhase phase, double score, long sinceTicks, long asOfTicks, int loopBackCount, string? lastEvidenceSignalId, ImmutableArray<EvidenceContribution> evidence, long fadesAtTicks)
    {
        _fadesAtTicks = fadesAtTicks;
        Task = task;
        Phase = phase;
        Score = score;
        _sinceTicks = sinceTicks;
        _timeInPhaseTicks = sinceTicks == 0 ? 0 : asOfTicks - sinceTicks;
        LoopBackCount = loopBackCount;
        LastEvidenceSignalId = lastEvidenceSignalId;
        Evidence = evidence;
    }

    /// <summary>The task's definition.</summary>
    public TaskDefinition Task { get; }

    /// <summary>The task's stable id.</summary>
    public string TaskId => Task.Id;

    /// <summary>The phase at the assessment time (decay applied).</summary>
    public TaskPhase Phase { get; }

    /// <summary>The score decayed to the assessment time; never negative.</summary>
    public double Score { get; }

    /// <summary>True when the customer is working on the task now (active or revisiting).</summary>
    public bool IsActive => Phase is TaskPhase.Active or TaskPhase.Revisiting;

    /// <summary>Since when the task is in <see cref="Phase"/>; null when it never started.</summary>
    public DateTimeOffset? Since => _sinceTicks == 0 ? null : new DateTimeOffset(_sinceTicks, TimeSpan.Zero);

    /// <summary>
    /// For a task the customer is working on (<see cref="IsActive"/>), when its decayed score falls below the dormancy
    /// threshold if no new evidence arrives: it goes dormant, or a revisit fizzles. Null for any other phase.
    /// </summary>
    public DateTimeOffset? FadesAt => _fadesAtTicks == long.MaxValue ? null : new DateTimeOffset(_fadesAtTicks, TimeSpan.Zero);

    /// <summary>How long the task has been in <see cref="Phase"/> at the assessment time; zero when it never started.</summary>
    public TimeSpan TimeInPhase => new(_timeInPhaseTicks);

    /// <summary>How many times the customer came back to this task after completing it.</summary>
    public int LoopBackCount { get; }

    /// <summary>The last signal that gave this task evidence; null when none.</summary>
    public string? LastEvidenceSignalId { get; }

    /// <summary>
    /// The evidence behind the score, largest contribution first, with the completion that last reset it.
    /// Filled by <c>JourneyEngine.Assess(journeyId, signals, asOf)</c> (which replays with tracing); empty when
    /// assessed from a <c>JourneyState</c> alone, which keeps no trail.
    /// </summary>
    public ImmutableArray<EvidenceContribution> Evidence { get; }

    /// <summary>"SupplierSelection: Active (0.84)".</summary>
    public override string ToString() => FormattableString.Invariant($"{TaskId}: {Phase} ({Score:0.00})");
}
