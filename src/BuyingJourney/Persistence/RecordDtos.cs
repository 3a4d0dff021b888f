using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace BuyingJourney.Persistence;

/// <summary>A stored signal, schema 2 (current): the stakeholder nested.</summary>
internal sealed class SignalRecord
{
    [JsonPropertyName("type")]
    public string? RecordType { get; set; }

    [JsonPropertyName("schema")]
    public int Schema { get; set; }

    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("journeyId")]
    public string? JourneyId { get; set; }

    [JsonPropertyName("occurredAt")]
    public string? OccurredAt { get; set; }

    [JsonPropertyName("signalType")]
    public string? SignalType { get; set; }

    [JsonPropertyName("stakeholder")]
    public StakeholderRecord? Stakeholder { get; set; }

    /// <summary>Schema 1 only: the stakeholder id as a flat field.</summary>
    [JsonPropertyName("stakeholderId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StakeholderId { get; set; }

    /// <summary>Schema 1 only: the stakeholder role as a flat field.</summary>
    [JsonPropertyName("stakeholderRole")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StakeholderRole { get; set; }

    [JsonPropertyName("source")]
    public string? Source { get; set; }

    /// <summary>Written from the signal's sorted attributes as they are; read into a dictionary.</summary>
    [JsonPropertyName("attributes")]
    public IReadOnlyDictionary<string, string>? Attributes { get; set; }
}

internal sealed class StakeholderRecord
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("role")]
    public string? Role { get; set; }
}

/// <summary>A stored change-feed event, schema 1.</summary>
internal sealed class EventRecord
{
    [JsonPropertyName("type")]
    public string? RecordType { get; set; }

    [JsonPropertyName("schema")]
    public int Schema { get; set; }

    [JsonPropertyName("journeyId")]
    public string? JourneyId { get; set; }

    [JsonPropertyName("eventType")]
    public string? EventType { get; set; }

    [JsonPropertyName("eventSchema")]
    public int EventSchema { get; set; }

    /// <summary>UTC ticks.</summary>
    [JsonPropertyName("at")]
    public long At { get; set; }

    [JsonPropertyName("signalId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SignalId { get; set; }

    [JsonPropertyName("task")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Task { get; set; }

    [JsonPropertyName("from")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? From { get; set; }

    [JsonPropertyName("to")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? To { get; set; }
}

/// <summary>A stored journey snapshot, schema 1.</summary>
internal sealed class SnapshotRecord
{
    [JsonPropertyName("type")]
    public string? RecordType { get; set; }

    [JsonPropertyName("schema")]
    public int Schema { get; set; }

    [JsonPropertyName("version")]
    public long Version { get; set; }

    [JsonPropertyName("rulebook")]
    public string? Rulebook { get; set; }

    [JsonPropertyName("rulebookVersion")]
    public string? RulebookVersion { get; set; }

    [JsonPropertyName("fold")]
    public string? Fold { get; set; }

    [JsonPropertyName("journeyId")]
    public string? JourneyId { get; set; }

    [JsonPropertyName("model")]
    public string? Model { get; set; }

    [JsonPropertyName("status")]
    public int Status { get; set; }

    [JsonPropertyName("statusSince")]
    public long StatusSince { get; set; }

    [JsonPropertyName("statusSignalId")]
    public string? StatusSignalId { get; set; }

    [JsonPropertyName("tasks")]
    public List<TaskRecord>? Tasks { get; set; }

    [JsonPropertyName("loopBacks")]
    public List<LoopBackRecord>? LoopBacks { get; set; }

    [JsonPropertyName("loopBackCount")]
    public int LoopBackCount { get; set; }

    [JsonPropertyName("signalCount")]
    public int SignalCount { get; set; }

    [JsonPropertyName("unrecognized")]
    public int Unrecognized { get; set; }

    [JsonPropertyName("lastSignalTicks")]
    public long LastSignalTicks { get; set; }

    [JsonPropertyName("lastSignalId")]
    public string? LastSignalId { get; set; }

    [JsonPropertyName("buyingGroup")]
    public List<GroupMemberRecord>? BuyingGroup { get; set; }

    [JsonPropertyName("feedback")]
    public List<FeedbackRecord>? Feedback { get; set; }
}

internal sealed class GroupMemberRecord
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("roles")]
    public List<string>? Roles { get; set; }

    [JsonPropertyName("joined")]
    public long Joined { get; set; }

    [JsonPropertyName("lastSeen")]
    public long LastSeen { get; set; }

    [JsonPropertyName("lastSignalId")]
    public string? LastSignalId { get; set; }

    [JsonPropertyName("left")]
    public long Left { get; set; }

    [JsonPropertyName("signals")]
    public int Signals { get; set; }

    [JsonPropertyName("tasks")]
    public List<MemberTaskRecord>? Tasks { get; set; }
}

internal sealed class MemberTaskRecord
{
    [JsonPropertyName("index")]
    public int Index { get; set; }

    [JsonPropertyName("task")]
    public string? Task { get; set; }

    [JsonPropertyName("score")]
    public double Score { get; set; }

    [JsonPropertyName("scoredAt")]
    public long ScoredAt { get; set; }

    [JsonPropertyName("lastEvidence")]
    public long LastEvidence { get; set; }

    [JsonPropertyName("lastEvidenceId")]
    public string? LastEvidenceId { get; set; }

    [JsonPropertyName("approved")]
    public long Approved { get; set; }

    [JsonPropertyName("approvedId")]
    public string? ApprovedId { get; set; }
}

internal sealed class FeedbackRecord
{
    [JsonPropertyName("action")]
    public string? Action { get; set; }

    [JsonPropertyName("kind")]
    public int Kind { get; set; }

    [JsonPropertyName("at")]
    public long At { get; set; }

    [JsonPropertyName("signalId")]
    public string? SignalId { get; set; }
}

internal sealed class TaskRecord
{
    [JsonPropertyName("phase")]
    public int Phase { get; set; }

    [JsonPropertyName("since")]
    public long Since { get; set; }

    [JsonPropertyName("score")]
    public double Score { get; set; }

    [JsonPropertyName("scoredAt")]
    public long ScoredAt { get; set; }

    [JsonPropertyName("loopBacks")]
    public int LoopBacks { get; set; }

    [JsonPropertyName("lastEvidence")]
    public string? LastEvidence { get; set; }
}

internal sealed class LoopBackRecord
{
    [JsonPropertyName("task")]
    public string? Task { get; set; }

    [JsonPropertyName("at")]
    public long At { get; set; }

    [JsonPropertyName("signalId")]
    public string? SignalId { get; set; }

    [JsonPropertyName("from")]
    public List<string>? From { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(SignalRecord))]
[JsonSerializable(typeof(SnapshotRecord))]
[JsonSerializable(typeof(EventRecord))]
internal sealed partial class RecordJsonContext : JsonSerializerContext;
