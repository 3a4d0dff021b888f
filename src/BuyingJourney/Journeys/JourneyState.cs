using System;
using System.Collections.Immutable;
using System.Linq;
using BuyingJourney.Advice;
using BuyingJourney.Group;
using BuyingJourney.Phases;

namespace BuyingJourney.Journeys;

/// <summary>
/// The state of one journey after folding its signals: the journey's status, one <see cref="TaskState"/> per
/// task of the model (in model order), the loop-backs, the buying group, the seller's feedback, and where the fold stands. Small on purpose: it holds no explanation trail; <c>JourneyEngine.Trace</c> and
/// <c>JourneyEngine.Assess(journeyId, signals, asOf)</c> recompute explanations from the signals.
/// </summary>
/// <remarks>
/// Made by a <c>JourneyEngine</c> (<c>Start</c>, <c>Apply</c>, <c>Replay</c>); every change returns a new
/// state. Immutable and thread-safe. Equality is by value, scores bit for bit.
/// </remarks>
public sealed class JourneyState : IEquatable<JourneyState>
{
    internal JourneyState(
        string journeyId,
        string modelName,
        JourneyStatus status,
        long statusSinceTicks,
        string? statusSignalId,
        ImmutableArray<TaskState> tasks,
        ImmutableArray<LoopBack> loopBacks,
        int loopBackCount,
        int signalCount,
        int unrecognizedSignalCount,
        long lastSignalTicks,
        string? lastSignalId,
        ImmutableArray<StakeholderState> buyingGroup,
        ImmutableArray<ActionFeedback> feedback)
    {
        JourneyId = journeyId;
        ModelName = modelName;
        Status = status;
        StatusSinceTicks = statusSinceTicks;
        StatusSignalId = statusSignalId;
        Tasks = tasks;
        LoopBacks = loopBacks;
        LoopBackCount = loopBackCount;
        SignalCount = signalCount;
        UnrecognizedSignalCount = unrecognizedSignalCount;
        LastSignalTicks = lastSignalTicks;
        LastSignalId = lastSignalId;
        BuyingGroup = buyingGroup;
        Feedback = feedback;
    }

    /// <summary>The journey's id.</summary>
    public string JourneyId { get; }

    /// <summary>The name of the buying model the state was built with.</summary>
    public string ModelName { get; }

    /// <summary>The journey's status.</summary>
    public JourneyStatus Status { get; }

    /// <summary>Since when the journey has had <see cref="Status"/> (UTC); null for a journey that has been open from the start.</summary>
    public DateTimeOffset? StatusSince => StatusSinceTicks == 0 ? null : new DateTimeOffset(StatusSinceTicks, TimeSpan.Zero);

    /// <summary>The signal that last changed <see cref="Status"/>; null for a journey that has been open from the start.</summary>
    public string? StatusSignalId { get; }

    /// <summary>One state per task of the model, in model order.</summary>
    public ImmutableArray<TaskState> Tasks { get; }

    /// <summary>The most recent loop-backs, oldest first (at most <c>JourneyEngineOptions.MaxLoopBacksRetained</c>; <see cref="LoopBackCount"/> counts them all).</summary>
    public ImmutableArray<LoopBack> LoopBacks { get; }

    /// <summary>How many loop-backs the journey has had in all.</summary>
    public int LoopBackCount { get; }

    /// <summary>How many signals were applied.</summary>
    public int SignalCount { get; }

    /// <summary>How many applied signals no rule turned into evidence (unknown types, or rules that found nothing in them).</summary>
    public int UnrecognizedSignalCount { get; }

    /// <summary>When the last applied signal occurred (UTC); null before the first.</summary>
    public DateTimeOffset? LastSignalAt => LastSignalId is null ? null : new DateTimeOffset(LastSignalTicks, TimeSpan.Zero);

    /// <summary>The id of the last applied signal; null before the first.</summary>
    public string? LastSignalId { get; }

    /// <summary>
    /// The buying group: every stakeholder a signal named, in the order they joined (at most
    /// <c>JourneyEngineOptions.MaxStakeholdersRetained</c>; when full, the least recently seen, preferring those who left, make room).
    /// </summary>
    public ImmutableArray<StakeholderState> BuyingGroup { get; }

    /// <summary>The seller's latest feedback per action code, oldest first (at most <c>JourneyEngineOptions.MaxFeedbackRetained</c>).</summary>
    public ImmutableArray<ActionFeedback> Feedback { get; }

    internal long StatusSinceTicks { get; }

    internal long LastSignalTicks { get; }

    /// <inheritdoc />
    public bool Equals(JourneyState? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return other is not null
               && string.Equals(JourneyId, other.JourneyId, StringComparison.Ordinal)
               && string.Equals(ModelName, other.ModelName, StringComparison.Ordinal)
               && Status == other.Status
               && StatusSinceTicks == other.StatusSinceTicks
               && string.Equals(StatusSignalId, other.StatusSignalId, StringComparison.Ordinal)
               && LoopBackCount == other.LoopBackCount
               && SignalCount == other.SignalCount
               && UnrecognizedSignalCount == other.UnrecognizedSignalCount
               && LastSignalTicks == other.LastSignalTicks
               && string.Equals(LastSignalId, other.LastSignalId, StringComparison.Ordinal)
               && Tasks.SequenceEqual(other.Tasks)
               && LoopBacks.SequenceEqual(other.LoopBacks)
               && BuyingGroup.SequenceEqual(other.BuyingGroup)
               && Feedback.SequenceEqual(other.Feedback);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as JourneyState);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(JourneyId), Status, SignalCount, LastSignalTicks, LoopBackCount);

    /// <summary>"acme-42: Open, 12 signals, 2 loop-backs".</summary>
    public override string ToString() => $"{JourneyId}: {Status}, {SignalCount} signals, {LoopBackCount} loop-backs";
}
