using System;
using System.Collections.Immutable;
using BuyingJourney.Advice;
using BuyingJourney.Journeys;

namespace BuyingJourney.Assessment;

/// <summary>
/// A journey as of a point in time: its status, every task's phase and score with the evidence behind it,
/// the loop-backs, and the advice for the seller.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class JourneyAssessment
{
    internal JourneyAssessment(
        JourneyState state,
        DateTimeOffset asOf,
        ImmutableArray<TaskAssessment> tasks,
        ImmutableArray<string> activeTasks,
        string rulebookName,
        string rulebookVersion,
        bool hasEvidenceDetail)
    {
        State = state;
        AsOf = asOf;
        Tasks = tasks;
        ActiveTasks = activeTasks;
        RulebookName = rulebookName;
        RulebookVersion = rulebookVersion;
        HasEvidenceDetail = hasEvidenceDetail;
        Advice = ImmutableArray<SellerAction>.Empty;
    }

    /// <summary>The journey state the assessment was made from.</summary>
    public JourneyState State { get; }

    /// <summary>The journey's id.</summary>
    public string JourneyId => State.JourneyId;

    /// <summary>The time the assessment is about.</summary>
    public DateTimeOffset AsOf { get; }

    /// <summary>The journey's status.</summary>
    public JourneyStatus Status => State.Status;

    /// <summary>One assessment per task, in model order.</summary>
    public ImmutableArray<TaskAssessment> Tasks { get; }

    /// <summary>The ids of the tasks the customer is working on now (active or revisiting), in model order.</summary>
    public ImmutableArray<string> ActiveTasks { get; }

    /// <summary>The journey's loop-backs, oldest first.</summary>
    public ImmutableArray<LoopBack> LoopBacks => State.LoopBacks;

    /// <summary>When the last signal occurred; null before the first.</summary>
    public DateTimeOffset? LastSignalAt => State.LastSignalAt;

    /// <summary>How many signals no rule turned into evidence.</summary>
    public int UnrecognizedSignalCount => State.UnrecognizedSignalCount;

    /// <summary>The name of the rulebook that produced the journey.</summary>
    public string RulebookName { get; }

    /// <summary>The version of that rulebook.</summary>
    public string RulebookVersion { get; }

    /// <summary>True when each task's <see cref="TaskAssessment.Evidence"/> is filled (the assessment was made from signals).</summary>
    public bool HasEvidenceDetail { get; }

    /// <summary>What the seller should do, highest priority first.</summary>
    public ImmutableArray<SellerAction> Advice { get; private init; }

    /// <summary>The assessment of the task with this id.</summary>
    /// <exception cref="ArgumentException">The model has no such task.</exception>
    public TaskAssessment Task(string taskId)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        foreach (var task in Tasks)
        {
            if (string.Equals(task.TaskId, taskId, StringComparison.Ordinal))
            {
                return task;
            }
        }

        throw new ArgumentException($"journey \"{JourneyId}\" (model \"{State.ModelName}\") has no task \"{taskId}\".", nameof(taskId));
    }

    internal JourneyAssessment WithAdvice(ImmutableArray<SellerAction> advice)
        => new(State, AsOf, Tasks, ActiveTasks, RulebookName, RulebookVersion, HasEvidenceDetail) { Advice = advice };

    /// <summary>"acme-42 as of ...: Open, active SupplierSelection, Validation".</summary>
    public override string ToString()
        => $"{JourneyId} as of {AsOf:O}: {Status}, active {(ActiveTasks.IsEmpty ? "none" : string.Join(", ", ActiveTasks))}";
}
