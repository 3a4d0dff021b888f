using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using BuyingJourney.Assessment;
using BuyingJourney.Phases;

namespace BuyingJourney.Feed;

/// <summary>
/// What the change feed last told its readers about a journey: each task's phase, loop-back count and whether it has
/// gone quiet, the status, the sign-off roles nobody covers and the top action. Every append diffs the journey's view
/// now against the stored one and stores the difference as events, with the new view, so an event is never told twice
/// and none is skipped, whoever (a record, a scheduler, a rebuild) gets there first.
/// </summary>
/// <remarks>Immutable. Stored as a small JSON text the stores keep opaque.</remarks>
internal sealed class JourneyView
{
    private const int Schema = 1;

    private JourneyView(long asOfTicks, ImmutableArray<TaskView> tasks, JourneyStatus status, ImmutableArray<string> missingSignOff, string? topAction)
    {
        AsOfTicks = asOfTicks;
        Tasks = tasks;
        Status = status;
        MissingSignOff = missingSignOff;
        TopAction = topAction;
    }

    /// <summary>The time the view is as of, UTC ticks.</summary>
    public long AsOfTicks { get; }

    /// <summary>The tasks, in the model's order (a stored view may name tasks another rulebook had).</summary>
    public ImmutableArray<TaskView> Tasks { get; }

    /// <summary>The journey's status.</summary>
    public JourneyStatus Status { get; }

    /// <summary>The sign-off roles nobody in the buying group covers, ordinally sorted.</summary>
    public ImmutableArray<string> MissingSignOff { get; }

    /// <summary>The top next best action's code; null when there is none.</summary>
    public string? TopAction { get; }

    /// <summary>The view of an assessment: phases at its time, and which started tasks have had no evidence for their quiet period.</summary>
    public static JourneyView Of(JourneyAssessment assessment, IReadOnlyDictionary<string, TimeSpan> quietAfter)
    {
        var ticks = assessment.AsOf.UtcTicks;
        var tasks = ImmutableArray.CreateBuilder<TaskView>(assessment.Tasks.Length);
        for (var i = 0; i < assessment.Tasks.Length; i++)
        {
            var task = assessment.Tasks[i];
            tasks.Add(new TaskView(task.TaskId, task.Phase, task.LoopBackCount, QuietSince(assessment, i, quietAfter) is { } since && since <= ticks));
        }

        var missing = assessment.Coverage.MissingSignOffRoles.Order(StringComparer.Ordinal).ToImmutableArray();
        var top = assessment.NextBestActions.IsEmpty ? null : assessment.NextBestActions[0].Code;
        return new JourneyView(ticks, tasks.MoveToImmutable(), assessment.Status, missing, top);
    }

    /// <summary>
    /// The earliest tick after the assessment's time at which its view changes with no signal: a task fading (going
    /// dormant, a revisit fizzling) or going quiet; null when nothing is pending.
    /// </summary>
    public static DateTimeOffset? DueAfter(JourneyAssessment assessment, IReadOnlyDictionary<string, TimeSpan> quietAfter)
    {
        var ticks = assessment.AsOf.UtcTicks;
        var due = long.MaxValue;
        for (var i = 0; i < assessment.Tasks.Length; i++)
        {
            if (assessment.Tasks[i].FadesAt is { } fades && fades.UtcTicks > ticks)
            {
                due = Math.Min(due, fades.UtcTicks);
            }

            if (QuietSince(assessment, i, quietAfter) is { } quiet && quiet > ticks)
            {
                due = Math.Min(due, quiet);
            }
        }

        return due == long.MaxValue ? null : new DateTimeOffset(due, TimeSpan.Zero);
    }

    /// <summary>
    /// When task <paramref name="index"/> goes quiet: its last evidence plus its quiet period, for a task that has
    /// started and is not completed; null when it has no quiet period or cannot go quiet.
    /// </summary>
    public static long? QuietSince(JourneyAssessment assessment, int index, IReadOnlyDictionary<string, TimeSpan> quietAfter)
    {
        var task = assessment.Tasks[index];
        if (task.Phase is TaskPhase.NotStarted or TaskPhase.Completed || !quietAfter.TryGetValue(task.TaskId, out var period))
        {
            return null;
        }

        var state = assessment.State.Tasks[index];
        return state.ScoredAt is { } last && last.UtcTicks <= DateTime.MaxValue.Ticks - period.Ticks ? last.UtcTicks + period.Ticks : null;
    }

    /// <summary>The stored JSON text.</summary>
    public string Serialize()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", Schema);
            json.WriteNumber("at", AsOfTicks);
            json.WriteString("status", Status.ToString());
            if (TopAction is not null)
            {
                json.WriteString("top", TopAction);
            }

            json.WriteStartArray("missingSignOff");
            foreach (var role in MissingSignOff)
            {
                json.WriteStringValue(role);
            }

            json.WriteEndArray();
            json.WriteStartArray("tasks");
            foreach (var task in Tasks)
            {
                json.WriteStartObject();
                json.WriteString("id", task.TaskId);
                json.WriteString("phase", task.Phase.ToString());
                json.WriteNumber("loops", task.LoopBacks);
                if (task.Quiet)
                {
                    json.WriteBoolean("quiet", true);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads a stored view.</summary>
    /// <exception cref="FormatException">The text is not a view this version reads; the message says why.</exception>
    public static JourneyView Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.GetProperty("v").GetInt32() != Schema)
            {
                throw new FormatException($"schema {root.GetProperty("v").GetInt32()} is not the view schema this version reads ({Schema}).");
            }

            var tasks = ImmutableArray.CreateBuilder<TaskView>();
            foreach (var task in root.GetProperty("tasks").EnumerateArray())
            {
                var loops = task.GetProperty("loops").GetInt32();
                tasks.Add(new TaskView(
                    task.GetProperty("id").GetString() ?? throw new FormatException("a task without an id."),
                    Named<TaskPhase>(task.GetProperty("phase").GetString()),
                    loops >= 0 ? loops : throw new FormatException("a negative loop-back count."),
                    task.TryGetProperty("quiet", out var quiet) && quiet.GetBoolean()));
            }

            var missing = root.GetProperty("missingSignOff").EnumerateArray().Select(r => r.GetString() ?? throw new FormatException("a null role.")).ToImmutableArray();
            var top = root.TryGetProperty("top", out var action) ? action.GetString() : null;
            var status = Named<JourneyStatus>(root.GetProperty("status").GetString());
            return new JourneyView(root.GetProperty("at").GetInt64(), tasks.ToImmutable(), status, missing, top);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException(e.Message, e);
        }
    }

    private static T Named<T>(string? name)
        where T : struct, Enum
        => Enum.TryParse<T>(name, ignoreCase: false, out var value) && Enum.IsDefined(value) && !char.IsAsciiDigit(name![0])
            ? value
            : throw new FormatException($"\"{name}\" is not a {typeof(T).Name}.");

    /// <summary>One task as the feed last told it.</summary>
    /// <param name="TaskId">The task.</param>
    /// <param name="Phase">Its phase.</param>
    /// <param name="LoopBacks">Its loop-back count.</param>
    /// <param name="Quiet">Whether it had gone quiet.</param>
    internal readonly record struct TaskView(string TaskId, TaskPhase Phase, int LoopBacks, bool Quiet);
}
