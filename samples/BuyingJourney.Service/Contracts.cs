using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using BuyingJourney.Feed;
using BuyingJourney.Hosting;
using BuyingJourney.Assessment;
using BuyingJourney.Persistence;

namespace BuyingJourney.Service;

/// <summary>The JSON the service reads and writes: camelCase, enums as their names, unknown request members refused.</summary>
public static class ServiceJson
{
    /// <summary>The options for reading request bodies (the same as the responses').</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the service's settings.</summary>
    /// <param name="options">The options to change.</param>
    /// <returns>The same options.</returns>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter());
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return options;
    }
}

/// <summary>The body of <c>POST /journeys/signals</c>.</summary>
/// <param name="Signals">The signals, of one or more journeys of the caller's tenant.</param>
public sealed record SignalBatch(IReadOnlyList<SignalInput?>? Signals);

/// <summary>One signal as a CRM sends it.</summary>
/// <param name="Id">Unique within the journey (repeats are ignored).</param>
/// <param name="JourneyId">The journey (account or opportunity).</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Type">What happened (e.g. <c>problem.stated</c>).</param>
/// <param name="Stakeholder">The person involved, if known.</param>
/// <param name="Source">Where it came from, if known.</param>
/// <param name="Attributes">Further facts.</param>
public sealed record SignalInput(
    string? Id,
    string? JourneyId,
    DateTimeOffset OccurredAt,
    string? Type,
    StakeholderInput? Stakeholder = null,
    string? Source = null,
    IReadOnlyDictionary<string, string>? Attributes = null);

/// <summary>The person behind a signal.</summary>
/// <param name="Id">Their id.</param>
/// <param name="Role">Their role, if known.</param>
public sealed record StakeholderInput(string? Id, string? Role = null);

/// <summary>The body of <c>POST /feed/ack</c>.</summary>
/// <param name="Consumer">The consumer's name.</param>
/// <param name="Position">The last position it has handled.</param>
public sealed record FeedAck(string? Consumer, long Position);

/// <summary>What <c>POST /journeys/signals</c> did with each signal, and the change-feed events it stored.</summary>
/// <param name="Outcomes">One per signal, in order.</param>
/// <param name="Events">The journey events stored with them.</param>
public sealed record RecordResponse(IReadOnlyList<OutcomeView> Outcomes, IReadOnlyList<EventView> Events)
{
    /// <summary>The response for a record result.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The response.</returns>
    public static RecordResponse From(RecordResult result)
        => new(
            [.. result.Signals.Select(o => new OutcomeView(o.Signal.Id, o.Signal.JourneyId, o.Status, o.Reason))],
            [.. result.Events.Select(e => EventView.Of(e, null))]);
}

/// <summary>One signal's outcome.</summary>
/// <param name="SignalId">The signal.</param>
/// <param name="JourneyId">Its journey.</param>
/// <param name="Status">Applied, duplicate, refused...</param>
/// <param name="Reason">Why, when it was not applied.</param>
public sealed record OutcomeView(string SignalId, string JourneyId, RecordStatus Status, string? Reason);

/// <summary>A change-feed event.</summary>
/// <param name="Position">Its position in the tenant's feed (null in a record response: not read back yet).</param>
/// <param name="JourneyId">The journey.</param>
/// <param name="Type">Its type (<c>task.looped_back</c>...).</param>
/// <param name="SchemaVersion">Its schema version.</param>
/// <param name="At">When it took effect.</param>
/// <param name="SignalId">The signal that caused it, if one did.</param>
/// <param name="TaskId">The task, if it is about one.</param>
/// <param name="From">The value before.</param>
/// <param name="To">The value after.</param>
public sealed record EventView(long? Position, string JourneyId, string Type, int SchemaVersion, DateTimeOffset At, string? SignalId, string? TaskId, string? From, string? To)
{
    /// <summary>The view of an event.</summary>
    /// <param name="e">The event.</param>
    /// <param name="position">Its feed position, if stored.</param>
    /// <returns>The view.</returns>
    public static EventView Of(JourneyEvent e, long? position)
        => new(position, e.JourneyId, e.Type, e.SchemaVersion, e.At, e.SignalId, e.TaskId, e.From, e.To);

    /// <summary>The view of a stored event.</summary>
    /// <param name="stored">The event.</param>
    /// <returns>The view.</returns>
    public static EventView Of(StoredJourneyEvent stored) => Of(stored.Event, stored.Position);
}

/// <summary>A page of the feed.</summary>
/// <param name="Events">The events, in order.</param>
/// <param name="Last">The last position in the page (the next page's <c>after</c>), or the <c>after</c> asked for when empty.</param>
public sealed record FeedPage(IReadOnlyList<EventView> Events, long Last);

/// <summary>A journey's assessment.</summary>
/// <param name="JourneyId">The journey.</param>
/// <param name="AsOf">The time it is assessed at.</param>
/// <param name="Status">Open, won, lost...</param>
/// <param name="StatusNote">Why, if the status has a note.</param>
/// <param name="Rulebook">The rulebook's name and version.</param>
/// <param name="LastSignalAt">The latest signal's time.</param>
/// <param name="Tasks">Every task's phase and score.</param>
/// <param name="ActiveTasks">The tasks active now.</param>
/// <param name="LoopBacks">How many loop-backs the journey has had.</param>
/// <param name="NextBestActions">The seller's next best actions, best first.</param>
public sealed record AssessmentView(
    string JourneyId,
    DateTimeOffset AsOf,
    string Status,
    string? StatusNote,
    string Rulebook,
    DateTimeOffset? LastSignalAt,
    IReadOnlyList<TaskView> Tasks,
    IReadOnlyList<string> ActiveTasks,
    int LoopBacks,
    IReadOnlyList<ActionView> NextBestActions)
{
    /// <summary>The view of an assessment.</summary>
    /// <param name="a">The assessment.</param>
    /// <returns>The view.</returns>
    public static AssessmentView From(JourneyAssessment a)
        => new(
            a.JourneyId,
            a.AsOf,
            a.Status.ToString(),
            a.StatusNote,
            a.RulebookName + " " + a.RulebookVersion,
            a.LastSignalAt,
            [.. a.Tasks.Select(t => new TaskView(t.TaskId, t.Phase.ToString(), t.Score, t.IsActive, t.Since, t.FadesAt, t.LoopBackCount))],
            [.. a.ActiveTasks],
            a.LoopBacks.Length,
            [.. a.NextBestActions.Select(n => new ActionView(n.Code, n.Title, n.Priority.ToString(), n.TaskId, n.Rationale))]);
}

/// <summary>One task of an assessment.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Phase">Its phase.</param>
/// <param name="Score">Its score.</param>
/// <param name="IsActive">Whether the buyers are working on it now.</param>
/// <param name="Since">When it entered its phase.</param>
/// <param name="FadesAt">When its evidence fades, if it will.</param>
/// <param name="LoopBackCount">How often it was reopened.</param>
public sealed record TaskView(string TaskId, string Phase, double Score, bool IsActive, DateTimeOffset? Since, DateTimeOffset? FadesAt, int LoopBackCount);

/// <summary>A next best action.</summary>
/// <param name="Code">Its stable code.</param>
/// <param name="Title">What to do.</param>
/// <param name="Priority">How urgent.</param>
/// <param name="TaskId">The task it serves.</param>
/// <param name="Rationale">Why.</param>
public sealed record ActionView(string Code, string Title, string Priority, string? TaskId, string Rationale);

/// <summary>A tenant's rebuild.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="State">Queued, running, done, failed.</param>
/// <param name="Rebuilt">Journeys rebuilt so far.</param>
/// <param name="AlreadyCurrent">Journeys already current.</param>
/// <param name="Events">Events the rebuild stored.</param>
/// <param name="Error">Why it failed, if it did.</param>
public sealed record RebuildView(string Tenant, string State, int? Rebuilt, int? AlreadyCurrent, int? Events, string? Error)
{
    /// <summary>The view of a rebuild status.</summary>
    /// <param name="s">The status.</param>
    /// <returns>The view.</returns>
    public static RebuildView From(JourneyRebuildStatus s)
        => new(s.Tenant, s.State.ToString(), s.Progress?.Rebuilt, s.Progress?.AlreadyCurrent, s.Progress?.Events, s.Error);
}
