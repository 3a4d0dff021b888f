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
/// task, and one journey's path through the tasks with its loop-backs marked.
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
    /// One journey's path as a <c>flowchart</c>: numbered edges in the order the customer entered tasks, solid
    /// for a first entry or resumption, dotted and labelled "loop-back" for a return to a completed task, plus the
    /// journey's stalls, wins and losses. Each task node shows the task's final phase.
    /// </summary>
    /// <param name="trace">A trace from <c>JourneyEngine.Trace</c>.</param>
    /// <param name="model">The model the trace was made with.</param>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentException">The trace was made with another model.</exception>
    public static string JourneyDiagram(JourneyTrace trace, BuyingModel model)
    {
        Guard.NotNull(trace);
        Guard.NotNull(model);
        if (!string.Equals(trace.State.ModelName, model.Name, StringComparison.Ordinal))
        {
            throw new ArgumentException($"the trace was made with model \"{trace.State.ModelName}\", not \"{model.Name}\".", nameof(model));
        }

        var entered = new List<int>();
        var edges = new StringBuilder();
        var statuses = new List<JourneyStatus>();
        var previous = "start";
        var number = 0;
        var status = JourneyStatus.Open;
        foreach (var step in trace.Steps)
        {
            if (step.Outcome != SignalOutcome.Applied)
            {
                continue;
            }

            var label = string.Create(CultureInfo.InvariantCulture, $"{step.Signal.Type} {step.Signal.OccurredAt:yyyy-MM-dd}");
            foreach (var transition in step.Transitions)
            {
                if (transition.To is not (TaskPhase.Active or TaskPhase.Revisiting))
                {
                    continue;
                }

                var index = model.IndexOf(transition.TaskId);
                if (!entered.Contains(index))
                {
                    entered.Add(index);
                }

                var target = TaskNode(transition.TaskId);
                number++;
                var isLoopBack = false;
                foreach (var loopBack in step.LoopBacks)
                {
                    isLoopBack |= string.Equals(loopBack.TaskId, transition.TaskId, StringComparison.Ordinal);
                }

                if (isLoopBack)
                {
                    var sources = new List<string>();
                    foreach (var loopBack in step.LoopBacks)
                    {
                        if (string.Equals(loopBack.TaskId, transition.TaskId, StringComparison.Ordinal))
                        {
                            foreach (var from in loopBack.LoopedBackFrom)
                            {
                                sources.Add(TaskNode(from));
                            }
                        }
                    }

                    if (sources.Count == 0)
                    {
                        sources.Add(previous);
                    }

                    foreach (var source in sources)
                    {
                        edges.Append(CultureInfo.InvariantCulture, $"    {source} -.->|\"{number}. loop-back: {Label(label)}\"| {target}\n");
                    }
                }
                else
                {
                    edges.Append(CultureInfo.InvariantCulture, $"    {previous} -->|\"{number}. {Label(label)}\"| {target}\n");
                }

                previous = target;
            }

            if (step.State.Status != status)
            {
                status = step.State.Status;
                if (status == JourneyStatus.Open)
                {
                    // A reopen shows as the task edge drawn from the status node above.
                    continue;
                }

                number++;
                var target = "status_" + status;
                if (!statuses.Contains(status))
                {
                    statuses.Add(status);
                }

                edges.Append(CultureInfo.InvariantCulture, $"    {previous} -->|\"{number}. {Label(label)}\"| {target}\n");
                previous = target;
            }
        }

        var text = new StringBuilder();
        text.Append("flowchart LR\n");
        text.Append("    start((start))\n");
        foreach (var index in entered)
        {
            var task = model.Tasks[index];
            var phase = trace.State.Tasks[index];
            var loops = phase.LoopBackCount == 1 ? ", 1 loop-back" : phase.LoopBackCount > 1 ? $", {phase.LoopBackCount} loop-backs" : string.Empty;
            text.Append(CultureInfo.InvariantCulture, $"    {TaskNode(task.Id)}[\"{Label(task.DisplayName)}<br/>{PhaseName(phase.Phase)}{loops}\"]\n");
        }

        foreach (var journeyStatus in statuses)
        {
            text.Append(CultureInfo.InvariantCulture, $"    status_{journeyStatus}{{{{\"{journeyStatus}\"}}}}\n");
        }

        text.Append(edges);
        return text.ToString();
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

    private static string PhaseName(TaskPhase phase) => phase == TaskPhase.NotStarted ? "Not started" : phase.ToString();

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

    /// <summary>A journey diagram's node id for a task: prefixed, so no task id can collide with "start" or a status node.</summary>
    private static string TaskNode(string taskId) => "task_" + Id(taskId);

    /// <summary>A label safe inside double quotes.</summary>
    private static string Label(string value) => value.Replace("\"", "#quot;", StringComparison.Ordinal);
}
