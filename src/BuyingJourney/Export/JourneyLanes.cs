using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using BuyingJourney.Assessment;
using BuyingJourney.Evidence;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Signals;

namespace BuyingJourney.Export;

/// <summary>
/// One journey as swim lanes over time, read from a trace: per task the intervals it spent in each phase (from the
/// trace's transitions), the evidence each applied signal gave it and the loop-backs to it; and the journey's status
/// changes. The one source the text chart, the Mermaid gantt and the HTML report draw from.
/// </summary>
internal sealed class JourneyLanes
{
    private JourneyLanes(string journeyId, string modelName, DateTimeOffset start, DateTimeOffset end, List<Lane> lanes, List<StatusChange> statuses)
    {
        JourneyId = journeyId;
        ModelName = modelName;
        Start = start;
        End = end;
        Lanes = lanes;
        Statuses = statuses;
    }

    public string JourneyId { get; }

    public string ModelName { get; }

    /// <summary>The first applied signal (UTC); equal to <see cref="End"/> when there is none.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The last applied signal, or the assessment's time when drawn as of one (UTC).</summary>
    public DateTimeOffset End { get; }

    /// <summary>Whether any signal was applied.</summary>
    public bool IsEmpty => Start == End && Lanes.TrueForAll(lane => lane.Intervals.Count == 0);

    /// <summary>One lane per task, in model order.</summary>
    public List<Lane> Lanes { get; }

    /// <summary>The journey's status changes, in order (a reopen included).</summary>
    public List<StatusChange> Statuses { get; }

    /// <summary>The lanes of <paramref name="trace"/>, drawn until its last applied signal, or until <paramref name="asOf"/>'s time with its phases (decay after the last signal included).</summary>
    public static JourneyLanes From(JourneyTrace trace, ImmutableArray<TaskDefinition> tasks, JourneyAssessment? asOf)
    {
        var lanes = new List<Lane>(tasks.Length);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            index[task.Id] = lanes.Count;
            lanes.Add(new Lane(task));
        }

        var statuses = new List<StatusChange>();
        var status = JourneyStatus.Open;
        DateTimeOffset? start = null;
        var end = DateTimeOffset.MinValue;
        foreach (var step in trace.Steps)
        {
            if (step.Outcome != SignalOutcome.Applied)
            {
                continue;
            }

            var at = step.Signal.OccurredAt.ToUniversalTime();
            start ??= at;
            end = at;
            foreach (var transition in step.Transitions)
            {
                lanes[index[transition.TaskId]].Enter(transition.To, transition.At.ToUniversalTime(), transition);
            }

            foreach (var loopBack in step.LoopBacks)
            {
                lanes[index[loopBack.TaskId]].LoopBacks.Add(loopBack);
            }

            foreach (var record in step.Evidence)
            {
                if (record.TaskId is { } taskId && index.TryGetValue(taskId, out var lane))
                {
                    lanes[lane].Add(new LaneEvidence(record, step.Signal));
                }
            }

            if (step.State.Status != status)
            {
                status = step.State.Status;
                statuses.Add(new StatusChange(status, at, step.Signal));
            }
        }

        if (asOf is not null)
        {
            var asOfTime = asOf.AsOf.ToUniversalTime();
            start ??= asOfTime;
            end = asOfTime > end ? asOfTime : end;
            for (var i = 0; i < lanes.Count; i++)
            {
                var now = asOf.Tasks[i];
                if (now.Phase != lanes[i].Phase && now.Since is { } since)
                {
                    // The assessment's phase came about after the last signal (decay): it starts when the score crossed.
                    lanes[i].Enter(now.Phase, since < lanes[i].Since ? lanes[i].Since : since, null);
                }
            }
        }

        var first = start ?? DateTimeOffset.UnixEpoch;
        var last = start is null ? first : end;
        foreach (var lane in lanes)
        {
            lane.Close(last);
        }

        return new JourneyLanes(trace.JourneyId, trace.State.ModelName, first, last, lanes, statuses);
    }

    /// <summary>A task's name as the lanes label it: its display name, "(always on)" added for an always-on task.</summary>
    public static string Label(TaskDefinition task) => task.AlwaysOn ? task.DisplayName + " (always on)" : task.DisplayName;

    /// <summary>A time as the charts write it: UTC, "yyyy-MM-dd HH:mm".</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A date as the charts write it: UTC, "yyyy-MM-dd".</summary>
    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Every lane's loop-backs, in time order (model order at the same time).</summary>
    public IEnumerable<LoopBack> LoopBacks() => Lanes.SelectMany(lane => lane.LoopBacks).OrderBy(loopBack => loopBack.At);

    /// <summary>The display name of <paramref name="taskId"/>, or the id itself when no lane has it.</summary>
    public string TaskName(string taskId)
    {
        foreach (var lane in Lanes)
        {
            if (string.Equals(lane.Task.Id, taskId, StringComparison.Ordinal))
            {
                return lane.Task.DisplayName;
            }
        }

        return taskId;
    }

    /// <summary>"back to Problem identification from Solution exploration (signal s5)".</summary>
    public string Describe(LoopBack loopBack) => $"back to {TaskName(loopBack.TaskId)} from {Source(loopBack)} (signal {loopBack.SignalId})";

    /// <summary>Where the customer looped back from: "Solution exploration and Requirements building", or "no active task".</summary>
    public string Source(LoopBack loopBack)
        => loopBack.LoopedBackFrom.IsEmpty ? "no active task" : string.Join(" and ", loopBack.LoopedBackFrom.Select(TaskName));
}

/// <summary>One task's lane: its phase intervals, evidence and loop-backs.</summary>
internal sealed class Lane
{
    public Lane(TaskDefinition task) => Task = task;

    public TaskDefinition Task { get; }

    /// <summary>The intervals in a phase other than NotStarted, in time order; none is empty except, possibly, the last.</summary>
    public List<LaneInterval> Intervals { get; } = [];

    /// <summary>Every piece of evidence the task got, in journey order.</summary>
    public List<LaneEvidence> Evidence { get; } = [];

    /// <summary>The loop-backs to this task, in journey order.</summary>
    public List<LoopBack> LoopBacks { get; } = [];

    /// <summary>The phase the lane is in now (while it is being read).</summary>
    public TaskPhase Phase { get; private set; } = TaskPhase.NotStarted;

    /// <summary>Since when the lane is in <see cref="Phase"/>.</summary>
    public DateTimeOffset Since { get; private set; } = DateTimeOffset.MinValue;

    private LaneInterval? Open => Intervals.Count > 0 && Intervals[^1].To is null ? Intervals[^1] : null;

    public void Enter(TaskPhase phase, DateTimeOffset at, TaskTransition? transition)
    {
        if (Open is { } open)
        {
            open.To = at;
            if (open.From == at && open.Evidence.Count == 0)
            {
                Intervals.RemoveAt(Intervals.Count - 1);
            }
        }

        Phase = phase;
        Since = at;
        if (phase != TaskPhase.NotStarted)
        {
            Intervals.Add(new LaneInterval(phase, at, transition));
        }
    }

    public void Add(LaneEvidence evidence)
    {
        Evidence.Add(evidence);
        Open?.Evidence.Add(evidence);
    }

    public void Close(DateTimeOffset end)
    {
        if (Open is { } open)
        {
            open.To = end < open.From ? open.From : end;
        }
    }
}

/// <summary>A task in one phase from <see cref="From"/> to <see cref="To"/>, with the transition that began it and the evidence it got meanwhile.</summary>
internal sealed class LaneInterval
{
    public LaneInterval(TaskPhase phase, DateTimeOffset from, TaskTransition? entered)
    {
        Phase = phase;
        From = from;
        Entered = entered;
    }

    public TaskPhase Phase { get; }

    public DateTimeOffset From { get; }

    /// <summary>The end; null while the lane is still being read.</summary>
    public DateTimeOffset? To { get; set; }

    /// <summary>The transition into the phase; null for a change the assessment saw after the last signal.</summary>
    public TaskTransition? Entered { get; }

    public List<LaneEvidence> Evidence { get; } = [];

    /// <summary>True when the interval was entered by a loop-back row (Completed → Revisiting in the built-in lifecycle).</summary>
    public bool IsLoopBack => Entered?.IsLoopBack == true;

    /// <summary>"Active 2026-03-02 09:00 to 2026-03-08 09:00".</summary>
    public string Span => $"{Phase} {JourneyLanes.Time(From)} to {JourneyLanes.Time(To ?? From)}";
}

/// <summary>A piece of evidence for a lane's task, with the signal that carried it.</summary>
internal readonly record struct LaneEvidence(EvidenceRecord Record, Signal Signal)
{
    /// <summary>"s3 problem.defined (ops-director, initiator): completion, weight 1 (rule gartner:problem.defined)".</summary>
    public override string ToString()
    {
        var who = Signal.Stakeholder is { } person ? person.Role is { } role ? $" ({person.Id}, {role})" : $" ({person.Id})" : string.Empty;
        var weight = Record.Weight.ToString("0.##", CultureInfo.InvariantCulture);
        return $"{Signal.Id} {Signal.Type}{who}, {JourneyLanes.Time(Signal.OccurredAt)}: {Record.Kind.ToString().ToLowerInvariant()}, weight {weight}: {Record.Reason} (rule {Record.RuleId})";
    }
}

/// <summary>The journey's status changing at an applied signal.</summary>
internal readonly record struct StatusChange(JourneyStatus Status, DateTimeOffset At, Signal Signal);
