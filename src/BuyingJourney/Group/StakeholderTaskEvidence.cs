using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using BuyingJourney.Model;

namespace BuyingJourney.Group;

/// <summary>
/// One stakeholder's evidence for one task: their own score (decayed like the task's), the last signal of theirs
/// that gave the task evidence, and the last time they completed (approved) it.
/// </summary>
/// <remarks>Immutable and thread-safe. Equality is by value, scores bit for bit.</remarks>
public readonly struct StakeholderTaskEvidence : IEquatable<StakeholderTaskEvidence>
{
    // Five words: the task and its approval live in a shared immutable TaskMark; _ticks and _signalId hold the last
    // evidence, or, when the mark says so (approved, never given weight), the approval.
    private readonly TaskMark? _mark;
    private readonly long _ticks;
    private readonly string? _signalId;

    internal StakeholderTaskEvidence(string taskId, int taskIndex, double score, long scoredAtTicks, long lastEvidenceTicks, string? lastEvidenceSignalId, long approvedTicks, string? approvedSignalId)
        : this(TaskMark.Of(taskId, taskIndex, lastEvidenceTicks, lastEvidenceSignalId, approvedTicks, approvedSignalId), score, scoredAtTicks, lastEvidenceTicks, lastEvidenceSignalId, approvedTicks, approvedSignalId)
    {
    }

    private StakeholderTaskEvidence(TaskMark mark, double score, long scoredAtTicks, long lastEvidenceTicks, string? lastEvidenceSignalId, long approvedTicks, string? approvedSignalId)
    {
        _mark = mark;
        Score = score;
        ScoredAtTicks = scoredAtTicks;
        (_ticks, _signalId) = mark.ApprovalInEntry ? (approvedTicks, approvedSignalId) : (lastEvidenceTicks, lastEvidenceSignalId);
    }

    /// <summary>The task.</summary>
    public string TaskId => Mark.TaskId;

    /// <summary>The stakeholder's score for the task as of <see cref="ScoredAt"/> (decay the way the task decays).</summary>
    public double Score { get; }

    /// <summary>When <see cref="Score"/> was last updated (UTC); null when never.</summary>
    public DateTimeOffset? ScoredAt => ScoredAtTicks == 0 ? null : new DateTimeOffset(ScoredAtTicks, TimeSpan.Zero);

    /// <summary>When the stakeholder last gave the task weight (UTC); null when never.</summary>
    public DateTimeOffset? LastEvidenceAt => LastEvidenceTicks == 0 ? null : new DateTimeOffset(LastEvidenceTicks, TimeSpan.Zero);

    /// <summary>Their last signal that gave the task weight; null when none.</summary>
    public string? LastEvidenceSignalId => Mark.ApprovalInEntry ? null : _signalId;

    /// <summary>When the stakeholder last completed (approved) the task (UTC); null when never.</summary>
    public DateTimeOffset? ApprovedAt => ApprovedTicks == 0 ? null : new DateTimeOffset(ApprovedTicks, TimeSpan.Zero);

    /// <summary>Their signal that last completed the task; null when none.</summary>
    public string? ApprovedSignalId
    {
        get
        {
            var mark = Mark;
            return mark.ApprovalInEntry ? _signalId : mark.ApprovedSignalId;
        }
    }

    internal int TaskIndex => Mark.TaskIndex;

    internal long ScoredAtTicks { get; }

    internal long LastEvidenceTicks => Mark.ApprovalInEntry ? 0 : _ticks;

    internal long ApprovedTicks
    {
        get
        {
            var mark = Mark;
            return mark.ApprovalInEntry ? _ticks : mark.ApprovedTicks;
        }
    }

    /// <summary>The task and the approval (a default entry reads as <see cref="TaskMark.None"/>).</summary>
    internal TaskMark Mark => _mark ?? TaskMark.None;

    /// <summary>Two equal entries agree on every field.</summary>
    /// <param name="left">The first entry.</param>
    /// <param name="right">The second entry.</param>
    public static bool operator ==(StakeholderTaskEvidence left, StakeholderTaskEvidence right) => left.Equals(right);

    /// <summary>Two entries that differ in any field.</summary>
    /// <param name="left">The first entry.</param>
    /// <param name="right">The second entry.</param>
    public static bool operator !=(StakeholderTaskEvidence left, StakeholderTaskEvidence right) => !left.Equals(right);

    /// <summary>
    /// The entry the fold makes for task <paramref name="taskIndex"/> of a model whose shared marks are
    /// <paramref name="shared"/> (<see cref="TaskMark.SharedOf"/>), reusing <paramref name="previous"/> (the mark of
    /// the stakeholder's last state for the task, or null) when it holds the same approval.
    /// </summary>
    internal static StakeholderTaskEvidence Create(TaskMark[] shared, int taskIndex, TaskMark? previous, double score, long scoredAtTicks, long lastEvidenceTicks, string? lastEvidenceSignalId, long approvedTicks, string? approvedSignalId)
    {
        var mark = TaskMark.For(shared, taskIndex, previous, lastEvidenceTicks, lastEvidenceSignalId, approvedTicks, approvedSignalId);
        return new StakeholderTaskEvidence(mark, score, scoredAtTicks, lastEvidenceTicks, lastEvidenceSignalId, approvedTicks, approvedSignalId);
    }

    /// <inheritdoc />
    public bool Equals(StakeholderTaskEvidence other)
        => string.Equals(TaskId, other.TaskId, StringComparison.Ordinal)
           && Score.Equals(other.Score)
           && ScoredAtTicks == other.ScoredAtTicks
           && LastEvidenceTicks == other.LastEvidenceTicks
           && string.Equals(LastEvidenceSignalId, other.LastEvidenceSignalId, StringComparison.Ordinal)
           && ApprovedTicks == other.ApprovedTicks
           && string.Equals(ApprovedSignalId, other.ApprovedSignalId, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is StakeholderTaskEvidence other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(TaskId, Score, ScoredAtTicks, LastEvidenceTicks, ApprovedTicks);

    /// <summary>"SupplierSelection: 0.8".</summary>
    public override string ToString() => FormattableString.Invariant($"{TaskId}: {Score:0.###}");

    /// <summary>
    /// An entry's task (id and index in the model) and where its approval is. Two marks per task are shared by every
    /// entry of that task: never approved, and approved without ever having given the task weight (the entry then
    /// keeps the approval's time and signal where the last evidence would be). An entry both approved and given
    /// weight has a mark of its own, holding the approval, which later states of the stakeholder reuse.
    /// </summary>
    /// <remarks>Immutable and thread-safe.</remarks>
    internal sealed class TaskMark
    {
        /// <summary>Past this many shared marks, new ones are no longer shared (a bound for hosts that make models on the fly).</summary>
        public const int Capacity = 4096;

        private static readonly ConcurrentDictionary<(string TaskId, int TaskIndex, bool ApprovalInEntry), TaskMark> s_shared = new();

        private static readonly ConditionalWeakTable<BuyingModel, TaskMark[]> s_models = new();

        [ThreadStatic]
        private static BuyingModel? t_model;

        [ThreadStatic]
        private static TaskMark[]? t_modelMarks;

        private TaskMark(string taskId, int taskIndex, bool approvalInEntry, long approvedTicks, string? approvedSignalId)
        {
            TaskId = taskId;
            TaskIndex = taskIndex;
            ApprovalInEntry = approvalInEntry;
            ApprovedTicks = approvedTicks;
            ApprovedSignalId = approvedSignalId;
        }

        /// <summary>What a default entry reads: no task id (null, as an unset field would), index 0, never approved.</summary>
        public static TaskMark None { get; } = new(null!, 0, false, 0, null);

        public string TaskId { get; }

        public int TaskIndex { get; }

        /// <summary>True when the entry holds the approval (and has no last evidence); <see cref="ApprovedTicks"/> and <see cref="ApprovedSignalId"/> are then unused.</summary>
        public bool ApprovalInEntry { get; }

        /// <summary>When the stakeholder last approved the task; 0 when never (or when <see cref="ApprovalInEntry"/>).</summary>
        public long ApprovedTicks { get; }

        public string? ApprovedSignalId { get; }

        /// <summary>The mark of an entry with these values (the one rule that picks it: shared unless approved and given weight).</summary>
        public static TaskMark Of(string taskId, int taskIndex, long lastEvidenceTicks, string? lastEvidenceSignalId, long approvedTicks, string? approvedSignalId)
        {
            if (approvedTicks == 0 && approvedSignalId is null)
            {
                return Shared(taskId, taskIndex, approvalInEntry: false);
            }

            return lastEvidenceTicks == 0 && lastEvidenceSignalId is null
                ? Shared(taskId, taskIndex, approvalInEntry: true)
                : new TaskMark(taskId, taskIndex, false, approvedTicks, approvedSignalId);
        }

        /// <summary>
        /// <see cref="Of"/> for task <paramref name="taskIndex"/> of the model whose shared marks are
        /// <paramref name="shared"/>, reusing <paramref name="previous"/> when it is a mark of its own with the same
        /// task and approval.
        /// </summary>
        public static TaskMark For(TaskMark[] shared, int taskIndex, TaskMark? previous, long lastEvidenceTicks, string? lastEvidenceSignalId, long approvedTicks, string? approvedSignalId)
        {
            if (approvedTicks == 0 && approvedSignalId is null)
            {
                return shared[2 * taskIndex];
            }

            if (lastEvidenceTicks == 0 && lastEvidenceSignalId is null)
            {
                return shared[(2 * taskIndex) + 1];
            }

            var task = shared[2 * taskIndex];
            return previous is { ApprovalInEntry: false }
                   && previous.ApprovedTicks == approvedTicks
                   && string.Equals(previous.ApprovedSignalId, approvedSignalId, StringComparison.Ordinal)
                   && previous.TaskIndex == taskIndex
                   && string.Equals(previous.TaskId, task.TaskId, StringComparison.Ordinal)
                ? previous
                : new TaskMark(task.TaskId, taskIndex, false, approvedTicks, approvedSignalId);
        }

        /// <summary>
        /// The shared marks of <paramref name="model"/>'s tasks: for task i, never approved at 2i and approved without
        /// evidence at 2i + 1 (made once per model; the last model asked for is kept per thread).
        /// </summary>
        public static TaskMark[] SharedOf(BuyingModel model)
        {
            if (ReferenceEquals(t_model, model) && t_modelMarks is { } cached)
            {
                return cached;
            }

            var marks = s_models.GetValue(model, static key =>
            {
                var made = new TaskMark[2 * key.Tasks.Length];
                for (var i = 0; i < key.Tasks.Length; i++)
                {
                    made[2 * i] = Shared(key.Tasks[i].Id, i, approvalInEntry: false);
                    made[(2 * i) + 1] = Shared(key.Tasks[i].Id, i, approvalInEntry: true);
                }

                return made;
            });
            t_model = model;
            t_modelMarks = marks;
            return marks;
        }

        private static TaskMark Shared(string taskId, int taskIndex, bool approvalInEntry)
        {
            var key = (taskId, taskIndex, approvalInEntry);
            if (s_shared.TryGetValue(key, out var mark))
            {
                return mark;
            }

            mark = new TaskMark(taskId, taskIndex, approvalInEntry, 0, null);
            return s_shared.Count < Capacity ? s_shared.GetOrAdd(key, mark) : mark;
        }
    }
}
