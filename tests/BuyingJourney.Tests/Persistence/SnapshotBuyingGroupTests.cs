using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using BuyingJourney.Journeys;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Group.GroupSignals;
using static BuyingJourney.Tests.Support.TestSignals;
using Microsoft.Extensions.Time.Testing;

namespace BuyingJourney.Tests.Persistence;

/// <summary>
/// Snapshots with the buying group and the seller's feedback ("journey-state.v2"): they round-trip, malformed members
/// and feedback are named in the error, and a "journey-state.v1" snapshot (from before buying groups) is read as
/// outdated and never used by the service.
/// </summary>
public sealed class SnapshotBuyingGroupTests
{
    private const string Tenant = "t1";
    private const string Record = "snapshot version 9";

    private static readonly JourneyEngine Engine = JourneyEngine.CreateDefault();

    /// <summary>A group with several roles, a departure, an approval, a role change, and feedback of every kind.</summary>
    private static readonly Signal[] Signals =
    [
        .. Busy,
        By(3, "s6", SignalTypes.RequirementsApproved, "ann", StakeholderRoles.Approver),
        By(4, "s7", SignalTypes.RequirementsDrafted, "bob"),
        By(5, "s8", SignalTypes.StakeholderLeft, "cleo"),
        By(6, "s9", SignalTypes.StakeholderRoleChanged, "bob", StakeholderRoles.Purchaser),
        Feedback(7, "f1", SignalTypes.ActionDone, "Validation.active"),
        Feedback(7.5, "f2", SignalTypes.ActionRejected, "journey.at-risk"),
        Feedback(8, "f3", SignalTypes.ActionAccepted, "group.engage.approver"),
    ];

    [Fact]
    public void SerializeSnapshot_BuyingGroupAndFeedback_RoundTripToAnEqualState()
    {
        var state = Engine.Replay(JourneyId, Signals);
        Assert.Equal(3, state.BuyingGroup.Length);
        Assert.Equal(3, state.Feedback.Length);
        Assert.Contains(state.BuyingGroup, static p => !p.IsPresent);
        Assert.Contains(state.BuyingGroup, static p => p.Tasks.Any(static t => t.ApprovedAt is not null));

        var json = JourneyRecords.SerializeSnapshot(new JourneySnapshot(state, 9, "gartner-default", "1.0.0"));
        var read = JourneyRecords.DeserializeSnapshot(json, JourneyId, Record);

        Assert.Contains("\"type\":\"journey-state.v2\"", json, StringComparison.Ordinal);
        Assert.Contains("\"buyingGroup\":[{", json, StringComparison.Ordinal);
        Assert.Contains("\"feedback\":[{", json, StringComparison.Ordinal);
        Assert.False(read.IsOutdated);
        Assert.Equal(state, read.State);
        Assert.Equal(state.BuyingGroup, read.State.BuyingGroup);
        Assert.Equal(state.Feedback, read.State.Feedback);
        Assert.Equal(
            Engine.Assess(state, Day(9)).NextBestActions.Select(static a => a.Code),
            Engine.Assess(read.State, Day(9)).NextBestActions.Select(static a => a.Code));
    }

    [Fact]
    public void SerializeSnapshot_ReadStateContinuesLikeTheOriginal()
    {
        var state = Engine.Replay(JourneyId, Signals);
        var read = JourneyRecords.DeserializeSnapshot(JourneyRecords.SerializeSnapshot(new JourneySnapshot(state, 9, "gartner-default", "1.0.0")), JourneyId, Record).State;
        Signal[] more = [By(10, "s10", SignalTypes.DemoRequested, "bob"), By(11, "s11", SignalTypes.StakeholderJoined, "dan", StakeholderRoles.DecisionMaker)];

        Assert.Equal(Engine.Replay(JourneyId, [.. Signals, .. more]), Engine.ReplayFrom(read, more));
    }

    [Fact]
    public void SerializeSnapshot_EmptyGroupAndFeedback_WrittenAsEmptyLists()
    {
        var json = JourneyRecords.SerializeSnapshot(new JourneySnapshot(Engine.Replay(JourneyId, [At(0, "s1", SignalTypes.ProblemStated)]), 1, "gartner-default", "1.0.0"));

        Assert.Contains("\"buyingGroup\":[]", json, StringComparison.Ordinal);
        Assert.Contains("\"feedback\":[]", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id", null)]
    [InlineData("lastSignalId", null)]
    [InlineData("roles", null)]
    [InlineData("tasks", null)]
    [InlineData("joined", 0L)]
    [InlineData("lastSeen", 1L)]
    [InlineData("left", -1L)]
    [InlineData("signals", 0L)]
    public void DeserializeSnapshot_MalformedGroupMember_ThrowsNamingTheMember(string field, long? value)
    {
        var json = Mutate(root => root["buyingGroup"]![1]![field] = value is { } v ? JsonValue.Create(v) : null);

        var ex = Assert.Throws<JourneyRecordException>(() => JourneyRecords.DeserializeSnapshot(json, JourneyId, Record));

        Assert.Equal((JourneyId, Record), (ex.JourneyId, ex.Record));
        Assert.Contains("buying group member 1 is incomplete or out of range", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeserializeSnapshot_NullGroupMember_ThrowsNamingTheMember()
    {
        var json = Mutate(static root => root["buyingGroup"]![0] = null);

        var ex = Assert.Throws<JourneyRecordException>(() => JourneyRecords.DeserializeSnapshot(json, JourneyId, Record));

        Assert.Contains("buying group member 0", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("index", -1.0)]
    [InlineData("index", 6.0)]
    [InlineData("score", -0.5)]
    [InlineData("scoredAt", 0.0)]
    [InlineData("lastEvidence", -1.0)]
    [InlineData("approved", -1.0)]
    public void DeserializeSnapshot_MalformedMemberTask_ThrowsNamingTheMemberAndTask(string field, double value)
    {
        var json = Mutate(root => root["buyingGroup"]![0]!["tasks"]![0]![field] = field == "score" ? JsonValue.Create(value) : JsonValue.Create((long)value));

        var ex = Assert.Throws<JourneyRecordException>(() => JourneyRecords.DeserializeSnapshot(json, JourneyId, Record));

        Assert.Contains("buying group member 0 (\"ann\") task 0 is incomplete or out of range", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeserializeSnapshot_NullRole_ThrowsNamingTheMember()
    {
        var json = Mutate(static root => root["buyingGroup"]![0]!["roles"]!.AsArray().Add(null));

        var ex = Assert.Throws<JourneyRecordException>(() => JourneyRecords.DeserializeSnapshot(json, JourneyId, Record));

        Assert.Contains("buying group member 0 (\"ann\") has a null role", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("action", null)]
    [InlineData("signalId", null)]
    [InlineData("kind", 3L)]
    [InlineData("kind", -1L)]
    [InlineData("at", 0L)]
    public void DeserializeSnapshot_MalformedFeedback_ThrowsNamingTheFeedback(string field, long? value)
    {
        var json = Mutate(root => root["feedback"]![2]![field] = value is { } v ? JsonValue.Create(v) : null);

        var ex = Assert.Throws<JourneyRecordException>(() => JourneyRecords.DeserializeSnapshot(json, JourneyId, Record));

        Assert.Equal((JourneyId, Record), (ex.JourneyId, ex.Record));
        Assert.Contains("feedback 2 is incomplete or out of range", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeserializeSnapshot_GroupAsAString_MalformedJson()
    {
        var json = Mutate(static root => root["buyingGroup"] = "ann");

        var ex = Assert.Throws<JourneyRecordException>(() => JourneyRecords.DeserializeSnapshot(json, JourneyId, Record));

        Assert.Contains("malformed JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeserializeSnapshot_Schema1_ReadAsOutdatedWithoutGroupOrFeedback()
    {
        var json = V1(Engine.Replay(JourneyId, Signals), 9);

        var read = JourneyRecords.DeserializeSnapshot(json, JourneyId, Record);

        Assert.True(read.IsOutdated);
        Assert.Empty(read.State.BuyingGroup);
        Assert.Empty(read.State.Feedback);
        Assert.Equal(Engine.Replay(JourneyId, Signals).Tasks, read.State.Tasks);
        Assert.Equal(9, read.Version);
    }

    [Theory]
    [InlineData("journey-state.v1", 2)]
    [InlineData("journey-state.v2", 1)]
    public void DeserializeSnapshot_TypeAndSchemaDisagree_Throws(string type, int schema)
    {
        var json = Mutate(root =>
        {
            root["type"] = type;
            root["schema"] = schema;
        });

        var ex = Assert.Throws<JourneyRecordException>(() => JourneyRecords.DeserializeSnapshot(json, JourneyId, Record));

        Assert.Contains("not a snapshot record this version reads", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_LatestSnapshotIsSchema1_IgnoredAndTheJourneyRebuiltFromItsSignals()
    {
        var (store, service) = await StoredAsync();
        var outdated = JourneyRecords.DeserializeSnapshot(V1(Engine.Replay(JourneyId, Signals), Signals.Length), JourneyId, Record);
        await store.SaveSnapshotAsync(Tenant, outdated, TestContext.Current.CancellationToken);
        Assert.Same(outdated, await store.LoadSnapshotAsync(Tenant, JourneyId, cancellationToken: TestContext.Current.CancellationToken));

        var assessment = await service.GetAsync(Tenant, JourneyId, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(Engine.Replay(JourneyId, Signals), assessment.State);
        Assert.Equal(3, assessment.BuyingGroup.Length);
    }

    [Fact]
    public async Task GetAsync_SameSnapshotAsSchema2_IsUsed()
    {
        // The control for the test above: the service does read snapshots, so an empty group in a current one shows through.
        var (store, service) = await StoredAsync();
        var stripped = JourneyRecords.DeserializeSnapshot(Strip(JourneyRecords.SerializeSnapshot(new JourneySnapshot(Engine.Replay(JourneyId, Signals), Signals.Length, "gartner-default", "1.0.0") { FoldFingerprint = Engine.FoldFingerprint })), JourneyId, Record);
        await store.SaveSnapshotAsync(Tenant, stripped, TestContext.Current.CancellationToken);

        var assessment = await service.GetAsync(Tenant, JourneyId, cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(stripped.IsOutdated);
        Assert.Empty(assessment.State.BuyingGroup);
    }

    [Fact]
    public async Task RecordAsync_LatestSnapshotIsSchema1_NewStateFoldedFromTheSignals()
    {
        var (store, service) = await StoredAsync();
        await store.SaveSnapshotAsync(Tenant, JourneyRecords.DeserializeSnapshot(V1(Engine.Replay(JourneyId, Signals), Signals.Length), JourneyId, Record), TestContext.Current.CancellationToken);
        var next = By(10, "s10", SignalTypes.DemoRequested, "dan", StakeholderRoles.Purchaser);

        var result = await service.RecordAsync(Tenant, [next], TestContext.Current.CancellationToken);

        Assert.Equal(Engine.Replay(JourneyId, [.. Signals, next]), result.Journeys[JourneyId]);
        Assert.Equal(4, result.Journeys[JourneyId].BuyingGroup.Length);
    }

    /// <summary>A service (no snapshots of its own) over a fresh in-memory store holding <see cref="Signals"/>.</summary>
    private static async Task<(InMemoryJourneyStore Store, JourneyService Service)> StoredAsync()
    {
        var clock = new FakeTimeProvider(Day(20));
        var store = new InMemoryJourneyStore(clock);
        var service = new JourneyService(JourneyEngine.CreateDefault(clock), store, new JourneyServiceOptions { SnapshotEvery = 10_000 }, clock);
        await service.RecordAsync(Tenant, Signals, TestContext.Current.CancellationToken);
        return (store, service);
    }

    /// <summary>The v2 JSON of <see cref="Signals"/>' state, changed by <paramref name="change"/>.</summary>
    private static string Mutate(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(JourneyRecords.SerializeSnapshot(new JourneySnapshot(Engine.Replay(JourneyId, Signals), 9, "gartner-default", "1.0.0")))!.AsObject();
        change(root);
        return root.ToJsonString();
    }

    /// <summary>The state as a schema-1 record: "journey-state.v1", without group and feedback.</summary>
    private static string V1(JourneyState state, long version)
    {
        var root = JsonNode.Parse(JourneyRecords.SerializeSnapshot(new JourneySnapshot(state, version, "gartner-default", "1.0.0")))!.AsObject();
        root["type"] = "journey-state.v1";
        root["schema"] = 1;
        root.Remove("buyingGroup");
        root.Remove("feedback");
        return root.ToJsonString();
    }

    /// <summary>The record with its group and feedback emptied, still schema 2.</summary>
    internal static string Strip(string json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        root["buyingGroup"] = new JsonArray();
        root["feedback"] = new JsonArray();
        return root.ToJsonString();
    }
}
