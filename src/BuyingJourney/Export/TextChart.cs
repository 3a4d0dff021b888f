using System;
using System.Globalization;
using System.Text;
using BuyingJourney.Internal;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;

namespace BuyingJourney.Export;

/// <summary>
/// Plain-text charts for consoles and logs: one journey's tasks as concurrent swim lanes over time.
/// </summary>
/// <remarks>Output uses "\n" line endings, UTC dates and invariant formatting, and is deterministic. Stateless and thread-safe.</remarks>
public static class TextChart
{
    /// <summary>The fewest time columns <see cref="JourneyDiagram"/> draws.</summary>
    public const int MinColumns = 24;

    /// <summary>The most time columns <see cref="JourneyDiagram"/> draws.</summary>
    public const int MaxColumns = 1000;

    /// <summary>
    /// One journey as swim lanes: a line per task (in model order) across a time axis from the first applied signal to
    /// the last, each column a slice of that time showing the task's phase then (█ active, ▓ revisiting, ░ dormant,
    /// ✓ where it was completed, blank when not started or completed), ↺ where the customer looped back to it; then a
    /// legend, the loop-backs and the journey's status changes, each with its date and signal.
    /// </summary>
    /// <param name="trace">A trace from <c>JourneyEngine.Trace</c>.</param>
    /// <param name="model">The model the trace was made with.</param>
    /// <param name="columns">How many time columns the lanes have (<see cref="MinColumns"/> to <see cref="MaxColumns"/>).</param>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentException">The trace was made with another model, or <paramref name="columns"/> is out of range.</exception>
    public static string JourneyDiagram(JourneyTrace trace, BuyingModel model, int columns = 60)
    {
        Guard.NotNull(trace);
        Guard.NotNull(model);
        Mermaid.CheckModel(trace, model);
        if (columns is < MinColumns or > MaxColumns)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), columns, $"columns must be from {MinColumns} to {MaxColumns}.");
        }

        var lanes = JourneyLanes.From(trace, model.Tasks, null);
        var labelWidth = "time".Length;
        foreach (var lane in lanes.Lanes)
        {
            labelWidth = Math.Max(labelWidth, JourneyLanes.Label(lane.Task).Length);
        }

        labelWidth += 2;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"journey {lanes.JourneyId} ({lanes.ModelName})\n");
        if (lanes.IsEmpty)
        {
            text.Append("no signals applied\n");
            return text.ToString();
        }

        var from = JourneyLanes.Date(lanes.Start);
        var to = JourneyLanes.Date(lanes.End);
        text.Append(' ', labelWidth).Append(from).Append(' ', columns - from.Length - to.Length).Append(to).Append('\n');
        text.Append("time".PadRight(labelWidth)).Append('├').Append('─', columns - 2).Append("▶\n");
        var span = Math.Max(1, (lanes.End - lanes.Start).Ticks);
        int Column(DateTimeOffset at) => (int)Math.Min(columns - 1, (at - lanes.Start).Ticks * columns / span);
        foreach (var lane in lanes.Lanes)
        {
            var cells = new char[columns];
            Array.Fill(cells, ' ');
            foreach (var interval in lane.Intervals)
            {
                var fill = interval.Phase switch
                {
                    TaskPhase.Active => '█',
                    TaskPhase.Revisiting => '▓',
                    TaskPhase.Dormant => '░',
                    _ => ' ',
                };
                var last = interval.To > interval.From ? Column(interval.To.Value.AddTicks(-1)) : Column(interval.From);
                for (var c = Column(interval.From); c <= last && fill != ' '; c++)
                {
                    // A column the task was active or revisiting in at any moment shows that, over dormant.
                    cells[c] = cells[c] is '█' or '▓' && fill == '░' ? cells[c] : fill;
                }
            }

            foreach (var interval in lane.Intervals)
            {
                if (interval.Phase == TaskPhase.Completed)
                {
                    cells[Column(interval.From)] = '✓';
                }
            }

            foreach (var loopBack in lane.LoopBacks)
            {
                cells[Column(loopBack.At)] = '↺';
            }

            text.Append((JourneyLanes.Label(lane.Task).PadRight(labelWidth) + new string(cells)).TrimEnd()).Append('\n');
        }

        text.Append(' ', labelWidth).Append("█ active  ▓ revisiting  ░ dormant  ✓ completed  ↺ loop-back\n");
        foreach (var loopBack in lanes.LoopBacks())
        {
            text.Append(CultureInfo.InvariantCulture, $"↺ {JourneyLanes.Date(loopBack.At)} {lanes.Describe(loopBack)}\n");
        }

        foreach (var change in lanes.Statuses)
        {
            text.Append(CultureInfo.InvariantCulture, $"journey {change.Status} on {JourneyLanes.Date(change.At)} (signal {change.Signal.Id} {change.Signal.Type})\n");
        }

        return text.ToString();
    }
}
