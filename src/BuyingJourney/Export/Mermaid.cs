using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using BuyingJourney.Internal;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;

namespace BuyingJourney.Export;

/// <summary>
/// Mermaid diagrams (https://mermaid.js.org): a buying model as a state diagram with one parallel region per
/// task, and one journey as a gantt chart of concurrent swim lanes with its loop-backs marked.
/// </summary>
/// <remarks>Output uses "\n" line endings and is deterministic. Stateless and thread-safe.</remarks>
public static class Mermaid
{
    /// <summary>
    /// The model as a <c>stateDiagram-v2</c>: every task is a concurrent region holding the model's task lifecycle, drawn
    /// from its compiled table: one edge per pair of phases that a transition or re-entry joins, labelled with the rows'
    /// labels in phase and trigger order (joined with "; "; a loop-back row's label ends in " (loop-back)").
    /// </summary>
    /// <param name="model">The model.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static string ModelDiagram(BuyingModel model)
    {
        Guard.NotNull(model);
        var edges = Edges(model.Lifecycle);
        var text = new StringBuilder();
        text.Append("stateDiagram-v2\n");
        text.Append(CultureInfo.InvariantCulture, $"    state \"{Label(model.Name)}\" as {Id(model.Name)}_model {{\n");
        for (var i = 0; i < model.Tasks.Length; i++)
        {
            var task = model.Tasks[i];
            var id = Id(task.Id);
            if (i > 0)
            {
                text.Append("        --\n");
            }

            var name = task.AlwaysOn ? task.DisplayName + " (always on)" : task.DisplayName;
            text.Append(CultureInfo.InvariantCulture, $"        state \"{Label(name)}\" as {id} {{\n");
            foreach (var phase in new[] { TaskPhase.NotStarted, TaskPhase.Active, TaskPhase.Dormant, TaskPhase.Completed, TaskPhase.Revisiting })
            {
                text.Append(CultureInfo.InvariantCulture, $"            state \"{PhaseName(phase)}\" as {id}_{phase}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"            [*] --> {id}_NotStarted\n");
            foreach (var (from, to, label) in edges)
            {
                text.Append(CultureInfo.InvariantCulture, $"            {id}_{from} --> {id}_{to} : {label}\n");
            }

            text.Append("        }\n");
        }

        text.Append("    }\n");
        return text.ToString();
    }

    /// <summary>
    /// One journey as a <c>gantt</c> chart of concurrent swim lanes: one section per task (in model order) holding an
    /// interval per phase it was in (Active marked <c>active</c>, Revisiting <c>crit, active</c>, Completed <c>done</c>,
    /// Dormant plain; a task that never started has no intervals) from the first applied signal to the last, each
    /// loop-back a <c>crit</c> milestone naming where the customer came back from and the signal; then a "Journey status"
    /// section with a milestone per status change. Times are UTC, minute precision.
    /// </summary>
    /// <param name="trace">A trace from <c>JourneyEngine.Trace</c>.</param>
    /// <param name="model">The model the trace was made with.</param>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentException">The trace was made with another model.</exception>
    public static string JourneyDiagram(JourneyTrace trace, BuyingModel model)
    {
        Guard.NotNull(trace);
        Guard.NotNull(model);
        CheckModel(trace, model);
        var lanes = JourneyLanes.From(trace, model.Tasks, null);
        var text = new StringBuilder();
        text.Append("gantt\n");
        text.Append(CultureInfo.InvariantCulture, $"    title {GanttText($"Journey {lanes.JourneyId} ({lanes.ModelName})")}\n");
        text.Append("    dateFormat YYYY-MM-DD HH:mm\n");
        text.Append("    axisFormat %Y-%m-%d\n");
        if (lanes.IsEmpty)
        {
            return text.ToString();
        }

        foreach (var lane in lanes.Lanes)
        {
            if (lane.Intervals.Count == 0)
            {
                continue;
            }

            text.Append(CultureInfo.InvariantCulture, $"    section {GanttText(JourneyLanes.Label(lane.Task))}\n");
            var loopBacks = 0;
            for (var i = 0; i < lane.Intervals.Count; i++)
            {
                var interval = lane.Intervals[i];
                while (loopBacks < lane.LoopBacks.Count && lane.LoopBacks[loopBacks].At <= interval.From)
                {
                    MarkLoopBack(lane.LoopBacks[loopBacks++]);
                }

                var tags = interval.Phase switch
                {
                    TaskPhase.Active => "active, ",
                    TaskPhase.Revisiting => "crit, active, ",
                    TaskPhase.Completed => "done, ",
                    _ => string.Empty,
                };
                var to = interval.To ?? interval.From;
                var end = to > interval.From ? JourneyLanes.Time(to) : "0d";
                var milestone = to > interval.From ? string.Empty : "milestone, ";
                text.Append(CultureInfo.InvariantCulture, $"    {PhaseName(interval.Phase)} :{tags}{milestone}{JourneyLanes.Time(interval.From)}, {end}\n");
            }

            while (loopBacks < lane.LoopBacks.Count)
            {
                MarkLoopBack(lane.LoopBacks[loopBacks++]);
            }
        }

        if (lanes.Statuses.Count > 0)
        {
            text.Append("    section Journey status\n");
            foreach (var change in lanes.Statuses)
            {
                text.Append(CultureInfo.InvariantCulture, $"    {GanttText($"{change.Status} (signal {change.Signal.Id})")} :milestone, {JourneyLanes.Time(change.At)}, 0d\n");
            }
        }

        return text.ToString();

        void MarkLoopBack(LoopBack loopBack)
            => text.Append(CultureInfo.InvariantCulture, $"    {GanttText($"loop-back from {lanes.Source(loopBack)} (signal {loopBack.SignalId})")} :crit, milestone, {JourneyLanes.Time(loopBack.At)}, 0d\n");
    }

    /// <summary>Throws unless <paramref name="trace"/> was made with <paramref name="model"/>.</summary>
    internal static void CheckModel(JourneyTrace trace, BuyingModel model)
    {
        if (!string.Equals(trace.State.ModelName, model.Name, StringComparison.Ordinal))
        {
            throw new ArgumentException($"the trace was made with model \"{trace.State.ModelName}\", not \"{model.Name}\".", nameof(model));
        }
    }

    /// <summary>The lifecycle's edges: the transition and re-entry rows, parallel ones collapsed, in row order.</summary>
    private static List<(TaskPhase From, TaskPhase To, string Label)> Edges(TaskLifecycleTable lifecycle)
    {
        var edges = new List<(TaskPhase From, TaskPhase To, string Label)>();
        foreach (var row in lifecycle.Rows)
        {
            if (row.Kind == LifecycleRowKind.Ignore)
            {
                continue;
            }

            var label = row.IsLoopBack ? row.Label + " (loop-back)" : row.Label;
            var index = edges.FindIndex(edge => (int)edge.From == row.From && (int)edge.To == row.To);
            if (index < 0)
            {
                edges.Add(((TaskPhase)row.From, (TaskPhase)row.To, label));
            }
            else if (!edges[index].Label.Split("; ").Contains(label))
            {
                edges[index] = (edges[index].From, edges[index].To, edges[index].Label + "; " + label);
            }
        }

        return edges;
    }

    /// <summary>A phase in words: "Not started", else its name.</summary>
    internal static string PhaseName(TaskPhase phase) => phase == TaskPhase.NotStarted ? "Not started" : phase.ToString();

    /// <summary>
    /// A Mermaid-safe id, one-to-one: letters and digits stay, any other character becomes "_" and its two-digit
    /// hex code ("-" is "_2d", "_" is "_5f"), so ids that differ only in punctuation stay distinct.
    /// </summary>
    private static string Id(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"_{(int)c:x2}");
            }
        }

        return builder.ToString();
    }

    /// <summary>A label safe inside double quotes.</summary>
    private static string Label(string value) => value.Replace("\"", "#quot;", StringComparison.Ordinal);

    /// <summary>
    /// A gantt title, section or task name: Mermaid's entity codes for the characters its gantt syntax reads ("#" as
    /// "#35;", ":" as "#58;", ";" as "#59;"), a space for any line break or other control character.
    /// </summary>
    private static string GanttText(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            _ = c switch
            {
                '#' => builder.Append("#35;"),
                ':' => builder.Append("#58;"),
                ';' => builder.Append("#59;"),
                _ when char.IsControl(c) => builder.Append(' '),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }
}
