using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using BuyingJourney.Advice;
using BuyingJourney.Group;
using BuyingJourney.Internal;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;
using BuyingJourney.Signals;

namespace BuyingJourney.Persistence;

/// <summary>
/// The JSON form of stored records, for store implementations: System.Text.Json with source generation (no
/// reflection, AOT-friendly), a stable versioned type name and a schema number in every record.
/// </summary>
/// <remarks>
/// <para>Signals are <c>"signal.v2"</c> records, schema 2. Schema 1 (the pre-release layout, with the stakeholder
/// as flat <c>stakeholderId</c>/<c>stakeholderRole</c> fields) is still read and upcast. Snapshots are
/// <c>"journey-state.v2"</c> records, schema 2 (with the buying group and the seller's feedback). A schema-1
/// snapshot (<c>"journey-state.v1"</c>, from before buying groups) is still read, but marked outdated: it lacks the
/// buying group, so <c>JourneyService</c> does not use it and rebuilds the journey from its signals instead.</para>
/// <para>Change-feed events are <c>"journey-event.v1"</c> records, schema 1 (see <see cref="SerializeEvent"/>).</para>
/// <para>Reading throws <see cref="JourneyRecordException"/> naming the journey and the record for malformed JSON,
/// another record type, a newer schema, or values a signal or state cannot hold. Stateless and thread-safe.</para>
/// </remarks>
public static partial class JourneyRecords
{
    /// <summary>The type name of stored signals.</summary>
    public const string SignalType = "signal.v2";

    /// <summary>The schema number written for signals.</summary>
    public const int SignalSchema = 2;

    /// <summary>The type name of stored snapshots.</summary>
    public const string SnapshotType = "journey-state.v2";

    /// <summary>The schema number written for snapshots.</summary>
    public const int SnapshotSchema = 2;

    private const string LegacySnapshotType = "journey-state.v1";

    private const string LegacySignalType = "signal.v1";

    /// <summary>The JSON of a signal.</summary>
    /// <param name="signal">The signal to store.</param>
    public static string SerializeSignal(Signal signal)
    {
        Guard.NotNull(signal);
        var record = new SignalRecord
        {
            RecordType = SignalType,
            Schema = SignalSchema,
            Id = signal.Id,
            JourneyId = signal.JourneyId,
            OccurredAt = signal.OccurredAt.ToString("O", CultureInfo.InvariantCulture),
            SignalType = signal.Type,
            Stakeholder = signal.Stakeholder is { } stakeholder ? new StakeholderRecord { Id = stakeholder.Id, Role = stakeholder.Role } : null,
            Source = signal.Source,
            Attributes = signal.Attributes.Count == 0 ? null : signal.Attributes,
        };
        return JsonSerializer.Serialize(record, RecordJsonContext.Default.SignalRecord);
    }

    /// <summary>Reads a signal record (schema 1 or 2).</summary>
    /// <param name="json">The stored JSON.</param>
    /// <param name="journeyId">The journey the record was stored under; the signal must belong to it.</param>
    /// <param name="record">Names the record in errors, e.g. "signal version 7".</param>
    /// <exception cref="JourneyRecordException">The record cannot be read.</exception>
    public static Signal DeserializeSignal(string json, string journeyId, string record)
    {
        Guard.NotNull(json);
        Guard.NotNull(journeyId);
        Guard.NotNull(record);
        var dto = Parse(json, journeyId, record, RecordJsonContext.Default.SignalRecord);
        if (dto.RecordType == LegacySignalType && dto.Schema == 1)
        {
            dto.Stakeholder = dto.StakeholderId is null ? null : new StakeholderRecord { Id = dto.StakeholderId, Role = dto.StakeholderRole };
        }
        else if (dto.RecordType != SignalType || dto.Schema != SignalSchema)
        {
            throw new JourneyRecordException(journeyId, record, $"type \"{dto.RecordType}\" schema {dto.Schema} is not a signal record this version reads ({LegacySignalType} schema 1, {SignalType} schema {SignalSchema}).");
        }

        if (!string.Equals(dto.JourneyId, journeyId, StringComparison.Ordinal))
        {
            throw new JourneyRecordException(journeyId, record, $"the record belongs to journey \"{dto.JourneyId}\".");
        }

        if (!DateTimeOffset.TryParseExact(dto.OccurredAt, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var occurredAt))
        {
            throw new JourneyRecordException(journeyId, record, $"occurredAt \"{dto.OccurredAt}\" is not a round-trip (\"O\") timestamp.");
        }

        try
        {
            var stakeholder = dto.Stakeholder is { } s ? new Stakeholder(s.Id!, s.Role) : null;
            // The signal shares the caller's journey id instance (equal to the record's), as every signal of a read does.
            return new Signal(dto.Id!, journeyId, occurredAt, dto.SignalType!, stakeholder, dto.Source, dto.Attributes);
        }
        catch (ArgumentException ex)
        {
            throw new JourneyRecordException(journeyId, record, "the stored values do not make a valid signal: " + ex.Message, ex);
        }
    }

    /// <summary>
    /// Reads a stored signal row: the record, which must hold the signal the row is keyed by. For stores that keep the
    /// signal id in a column of its own (for the uniqueness constraint) beside the record.
    /// </summary>
    /// <param name="json">The stored JSON.</param>
    /// <param name="journeyId">The journey the row was stored under.</param>
    /// <param name="version">The row's version; names the record in errors ("signal version 7").</param>
    /// <param name="signalId">The row's signal id column.</param>
    /// <exception cref="JourneyRecordException">The record cannot be read, or holds another signal than the row's.</exception>
    public static Signal DeserializeSignalRow(string json, string journeyId, long version, string signalId)
    {
        Guard.NotNull(signalId);
        var record = "signal version " + version.ToString(CultureInfo.InvariantCulture);
        var signal = DeserializeSignal(json, journeyId, record);
        return string.Equals(signal.Id, signalId, StringComparison.Ordinal)
            ? signal
            : throw new JourneyRecordException(journeyId, record, $"the payload holds signal \"{signal.Id}\" but the row is keyed \"{signalId}\".");
    }

    /// <summary>
    /// The last-signal time a store keeps beside a snapshot record, to find the newest snapshot from before a time:
    /// the state's last signal in UTC ticks, 0 when it has none.
    /// </summary>
    /// <param name="snapshot">The snapshot to store.</param>
    public static long SnapshotLastSignalTicks(JourneySnapshot snapshot) => Guard.NotNull(snapshot).State.LastSignalAt?.UtcTicks ?? 0L;

    /// <summary>
    /// Reads a stored snapshot row: the record, which must agree with the row's version and last-signal column (the
    /// columns chose the row; a record that disagrees with them is not the row's state).
    /// </summary>
    /// <param name="json">The stored JSON.</param>
    /// <param name="journeyId">The journey the row was stored under.</param>
    /// <param name="version">The row's version; names the record in errors ("snapshot version 100").</param>
    /// <param name="lastSignalTicks">The row's last-signal column (<see cref="SnapshotLastSignalTicks"/> when saved).</param>
    /// <exception cref="JourneyRecordException">The record cannot be read, or disagrees with the row.</exception>
    public static JourneySnapshot DeserializeSnapshotRow(string json, string journeyId, long version, long lastSignalTicks)
    {
        var record = "snapshot version " + version.ToString(CultureInfo.InvariantCulture);
        var snapshot = DeserializeSnapshot(json, journeyId, record);
        if (snapshot.Version != version)
        {
            throw new JourneyRecordException(journeyId, record, string.Create(CultureInfo.InvariantCulture, $"the payload says version {snapshot.Version}."));
        }

        var payloadTicks = SnapshotLastSignalTicks(snapshot);
        return payloadTicks == lastSignalTicks
            ? snapshot
            : throw new JourneyRecordException(
                journeyId,
                record,
                string.Create(CultureInfo.InvariantCulture, $"the row's last-signal time is {lastSignalTicks} ticks but the payload's last signal is at {payloadTicks} ticks."));
    }

    /// <summary>The JSON of a snapshot.</summary>
    /// <param name="snapshot">The snapshot to store.</param>
    public static string SerializeSnapshot(JourneySnapshot snapshot)
    {
        Guard.NotNull(snapshot);
        var state = snapshot.State;
        var tasks = new List<TaskRecord>(state.Tasks.Length);
        foreach (var task in state.Tasks)
        {
            tasks.Add(new TaskRecord
            {
                Phase = (int)task.Phase,
                Since = task.SinceTicks,
                Score = task.Score,
                ScoredAt = task.ScoredAtTicks,
                LoopBacks = task.LoopBackCount,
                LastEvidence = task.LastEvidenceSignalId,
            });
        }

        var loopBacks = new List<LoopBackRecord>(state.LoopBacks.Length);
        foreach (var loopBack in state.LoopBacks)
        {
            loopBacks.Add(new LoopBackRecord { Task = loopBack.TaskId, At = loopBack.At.UtcTicks, SignalId = loopBack.SignalId, From = [.. loopBack.LoopedBackFrom] });
        }

        var group = new List<GroupMemberRecord>(state.BuyingGroup.Length);
        foreach (var member in state.BuyingGroup)
        {
            var memberTasks = new List<MemberTaskRecord>(member.Tasks.Length);
            foreach (var task in member.Tasks)
            {
                memberTasks.Add(new MemberTaskRecord
                {
                    Index = task.TaskIndex,
                    Task = task.TaskId,
                    Score = task.Score,
                    ScoredAt = task.ScoredAtTicks,
                    LastEvidence = task.LastEvidenceTicks,
                    LastEvidenceId = task.LastEvidenceSignalId,
                    Approved = task.ApprovedTicks,
                    ApprovedId = task.ApprovedSignalId,
                });
            }

            group.Add(new GroupMemberRecord
            {
                Id = member.Id,
                Roles = [.. member.Roles],
                Joined = member.JoinedTicks,
                LastSeen = member.LastSeenTicks,
                LastSignalId = member.LastSignalId,
                Left = member.LeftTicks,
                Signals = member.SignalCount,
                Tasks = memberTasks,
            });
        }

        var feedback = new List<FeedbackRecord>(state.Feedback.Length);
        foreach (var item in state.Feedback)
        {
            feedback.Add(new FeedbackRecord { Action = item.ActionCode, Kind = (int)item.Kind, At = item.AtTicks, SignalId = item.SignalId });
        }

        var record = new SnapshotRecord
        {
            RecordType = SnapshotType,
            Schema = SnapshotSchema,
            Version = snapshot.Version,
            Rulebook = snapshot.RulebookName,
            RulebookVersion = snapshot.RulebookVersion,
            Fold = snapshot.FoldFingerprint,
            JourneyId = state.JourneyId,
            Model = state.ModelName,
            Status = (int)state.Status,
            StatusSince = state.StatusSinceTicks,
            StatusSignalId = state.StatusSignalId,
            Tasks = tasks,
            LoopBacks = loopBacks,
            LoopBackCount = state.LoopBackCount,
            SignalCount = state.SignalCount,
            Unrecognized = state.UnrecognizedSignalCount,
            LastSignalTicks = state.LastSignalTicks,
            LastSignalId = state.LastSignalId,
            BuyingGroup = group,
            Feedback = feedback,
        };
        return JsonSerializer.Serialize(record, RecordJsonContext.Default.SnapshotRecord);
    }

    /// <summary>Reads a snapshot record.</summary>
    /// <param name="json">The stored JSON.</param>
    /// <param name="journeyId">The journey the record was stored under.</param>
    /// <param name="record">Names the record in errors, e.g. "snapshot version 100".</param>
    /// <exception cref="JourneyRecordException">The record cannot be read.</exception>
    public static JourneySnapshot DeserializeSnapshot(string json, string journeyId, string record)
    {
        Guard.NotNull(json);
        Guard.NotNull(journeyId);
        Guard.NotNull(record);
        var dto = Parse(json, journeyId, record, RecordJsonContext.Default.SnapshotRecord);
        var legacy = dto.RecordType == LegacySnapshotType && dto.Schema == 1;
        if (!legacy && (dto.RecordType != SnapshotType || dto.Schema != SnapshotSchema))
        {
            throw new JourneyRecordException(journeyId, record, $"type \"{dto.RecordType}\" schema {dto.Schema} is not a snapshot record this version reads ({SnapshotType} schema {SnapshotSchema}).");
        }

        if (!string.Equals(dto.JourneyId, journeyId, StringComparison.Ordinal))
        {
            throw new JourneyRecordException(journeyId, record, $"the record belongs to journey \"{dto.JourneyId}\".");
        }

        if (dto.Model is null || dto.Tasks is null || dto.Tasks.Count is 0 or > Model.BuyingModel.MaxTasks
            || dto.Status is < 0 or > (int)JourneyStatus.AtRisk || dto.SignalCount < 0 || dto.LoopBackCount < 0 || dto.Unrecognized < 0
            || dto.Rulebook is null || dto.RulebookVersion is null || dto.Version < 1)
        {
            throw new JourneyRecordException(journeyId, record, "the snapshot is missing fields or holds values out of range.");
        }

        var tasks = ImmutableArray.CreateBuilder<TaskState>(dto.Tasks.Count);
        foreach (var task in dto.Tasks)
        {
            if (task is null || task.Phase is < 0 or > (int)TaskPhase.Revisiting || !double.IsFinite(task.Score) || task.Score < 0 || task.LoopBacks < 0)
            {
                throw new JourneyRecordException(journeyId, record, $"task {tasks.Count} holds values out of range.");
            }

            tasks.Add(new TaskState((TaskPhase)task.Phase, task.Since, task.Score, task.ScoredAt, task.LoopBacks, task.LastEvidence));
        }

        var loopBacks = ImmutableArray.CreateBuilder<LoopBack>(dto.LoopBacks?.Count ?? 0);
        foreach (var loopBack in dto.LoopBacks ?? [])
        {
            if (loopBack?.Task is null || loopBack.SignalId is null || loopBack.At is <= 0 or > 3_155_378_975_999_999_999)
            {
                throw new JourneyRecordException(journeyId, record, $"loop-back {loopBacks.Count} is incomplete.");
            }

            loopBacks.Add(new LoopBack(loopBack.Task, new DateTimeOffset(loopBack.At, TimeSpan.Zero), loopBack.SignalId, [.. loopBack.From ?? []]));
        }

        var members = ImmutableArray.CreateBuilder<StakeholderState>(dto.BuyingGroup?.Count ?? 0);
        foreach (var member in dto.BuyingGroup ?? [])
        {
            members.Add(Member(member, tasks.Count, journeyId, record, members.Count));
        }

        var feedback = ImmutableArray.CreateBuilder<ActionFeedback>(dto.Feedback?.Count ?? 0);
        foreach (var item in dto.Feedback ?? [])
        {
            if (item?.Action is null || item.SignalId is null || item.Kind is < 0 or > (int)FeedbackKind.Done || item.At is <= 0 or > MaxTicks)
            {
                throw new JourneyRecordException(journeyId, record, $"feedback {feedback.Count} is incomplete or out of range.");
            }

            feedback.Add(new ActionFeedback(item.Action, (FeedbackKind)item.Kind, item.At, item.SignalId));
        }

        var state = new JourneyState(
            journeyId,
            dto.Model,
            (JourneyStatus)dto.Status,
            dto.StatusSince,
            dto.StatusSignalId,
            tasks.MoveToImmutable(),
            loopBacks.MoveToImmutable(),
            dto.LoopBackCount,
            dto.SignalCount,
            dto.Unrecognized,
            dto.LastSignalTicks,
            dto.LastSignalId,
            members.MoveToImmutable(),
            feedback.MoveToImmutable());
        return new JourneySnapshot(state, dto.Version, dto.Rulebook, dto.RulebookVersion) { IsOutdated = legacy, FoldFingerprint = dto.Fold };
    }

    private const long MaxTicks = 3_155_378_975_999_999_999;

    private static StakeholderState Member(GroupMemberRecord? member, int taskCount, string journeyId, string record, int index)
    {
        if (member?.Id is null || member.LastSignalId is null || member.Roles is null || member.Tasks is null
            || member.Joined is <= 0 or > MaxTicks || member.LastSeen < member.Joined || member.LastSeen > MaxTicks
            || (member.Left != 0 && member.Left != member.LastSeen) || member.Signals < 1)
        {
            throw new JourneyRecordException(journeyId, record, $"buying group member {index} is incomplete or out of range.");
        }

        var tasks = ImmutableArray.CreateBuilder<StakeholderTaskEvidence>(member.Tasks.Count);
        foreach (var task in member.Tasks)
        {
            if (task?.Task is null || task.Index < 0 || task.Index >= taskCount || !double.IsFinite(task.Score) || task.Score < 0
                || task.ScoredAt is <= 0 or > MaxTicks || task.LastEvidence is < 0 or > MaxTicks || task.Approved is < 0 or > MaxTicks)
            {
                throw new JourneyRecordException(journeyId, record, $"buying group member {index} (\"{member.Id}\") task {tasks.Count} is incomplete or out of range.");
            }

            tasks.Add(new StakeholderTaskEvidence(task.Task, task.Index, task.Score, task.ScoredAt, task.LastEvidence, task.LastEvidenceId, task.Approved, task.ApprovedId));
        }

        var roles = ImmutableArray.CreateBuilder<string>(member.Roles.Count);
        foreach (var role in member.Roles)
        {
            roles.Add(role ?? throw new JourneyRecordException(journeyId, record, $"buying group member {index} (\"{member.Id}\") has a null role."));
        }

        return new StakeholderState(member.Id, roles.Count == 1 ? RoleSets.Single(roles[0]) : roles.MoveToImmutable(), member.Joined, member.LastSeen, member.LastSignalId, member.Left, member.Signals, tasks.MoveToImmutable());
    }

    private static T Parse<T>(string json, string journeyId, string record, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, info)
                ?? throw new JourneyRecordException(journeyId, record, "the record is JSON null.");
        }
        catch (JsonException ex)
        {
            throw new JourneyRecordException(journeyId, record, "malformed JSON: " + ex.Message, ex);
        }
    }
}
