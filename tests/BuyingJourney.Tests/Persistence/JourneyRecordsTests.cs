using System;
using System.Collections.Generic;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Xunit;

namespace BuyingJourney.Tests.Persistence;

/// <summary>The stored JSON form: versioned, round-trips, reads the older schema, and names the record when it cannot.</summary>
public sealed class JourneyRecordsTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public void SerializeSignal_RoundTrip_IsEqualAndCarriesTypeAndSchema()
    {
        var signal = new Signal("s1", "j", Day0.AddTicks(7), SignalTypes.SiteVisited, new Stakeholder("p", StakeholderRoles.User), "visit",
            new Dictionary<string, string> { ["k"] = "v \"q\"" });

        var json = JourneyRecords.SerializeSignal(signal);

        Assert.Contains("\"type\":\"signal.v2\"", json, StringComparison.Ordinal);
        Assert.Contains("\"schema\":2", json, StringComparison.Ordinal);
        Assert.Equal(signal, JourneyRecords.DeserializeSignal(json, "j", "signal version 1"));
    }

    public static TheoryData<Signal, string> StoredLayouts()
    {
        var day0 = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1));
        return new TheoryData<Signal, string>
        {
            {
                new Signal("s1", "j", day0, SignalTypes.ProblemStated),
                """{"type":"signal.v2","schema":2,"id":"s1","journeyId":"j","occurredAt":"2026-03-02T09:00:00.0000000\u002B01:00","signalType":"problem.stated","stakeholder":null,"source":null,"attributes":null}"""
            },
            {
                new Signal("s2", "j", day0.AddTicks(7).ToOffset(TimeSpan.FromHours(-5.5)), SignalTypes.SiteVisited, new Stakeholder("p", StakeholderRoles.User), "visit"),
                """{"type":"signal.v2","schema":2,"id":"s2","journeyId":"j","occurredAt":"2026-03-02T02:30:00.0000007-05:30","signalType":"site.visited","stakeholder":{"id":"p","role":"user"},"source":"visit","attributes":null}"""
            },
            {
                new Signal("s3", "j", new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero), "custom.type", new Stakeholder("p2")),
                """{"type":"signal.v2","schema":2,"id":"s3","journeyId":"j","occurredAt":"1900-01-01T00:00:00.0000000\u002B00:00","signalType":"custom.type","stakeholder":{"id":"p2","role":null},"source":null,"attributes":null}"""
            },
            {
                new Signal(
                    "id \"quoted\" <&> +",
                    "j",
                    new DateTimeOffset(8999, 12, 31, 23, 59, 59, TimeSpan.FromHours(14)).AddTicks(9_999_999),
                    "ünïcödé.类型",
                    new Stakeholder("\U0001F600 person", "röle"),
                    "src\\path/x",
                    new Dictionary<string, string> { ["b"] = "2", ["a"] = "1 \"q\" \n\t", ["中"] = "\U0001F600", ["e"] = string.Empty }),
                """{"type":"signal.v2","schema":2,"id":"id \u0022quoted\u0022 \u003C\u0026\u003E \u002B","journeyId":"j","occurredAt":"8999-12-31T23:59:59.9999999\u002B14:00","signalType":"\u00FCn\u00EFc\u00F6d\u00E9.\u7C7B\u578B","stakeholder":{"id":"\uD83D\uDE00 person","role":"r\u00F6le"},"source":"src\\path/x","attributes":{"a":"1 \u0022q\u0022 \n\t","b":"2","e":"","\u4E2D":"\uD83D\uDE00"}}"""
            },
        };
    }

    /// <summary>
    /// The bytes stores keep, pinned as text: a change here changes every stored record (properties in this order,
    /// nulls written, the default encoder's escaping, attributes by key).
    /// </summary>
    [Theory]
    [MemberData(nameof(StoredLayouts))]
    public void SerializeSignal_WritesTheStoredLayout_AndReadsItBack(Signal signal, string stored)
    {
        Assert.Equal(stored, JourneyRecords.SerializeSignal(signal));

        var read = JourneyRecords.DeserializeSignal(stored, "j", "signal version 1");
        Assert.Equal(signal, read);
        Assert.Equal(signal.OccurredAt.Offset, read.OccurredAt.Offset);
    }

    [Theory]
    [InlineData(""" { "type" : "signal.v2", "schema" : 2, "id" : "s1", "journeyId" : "j", "occurredAt" : "2026-03-02T09:00:00.0000000\u002B01:00", "signalType" : "x", "stakeholder" : { "id" : "p", "role" : null }, "source" : "s", "attributes" : { } } """)]
    [InlineData("""{"schema":2,"type":"signal.v2","signalType":"x","id":"s1","journeyId":"\u006a","occurredAt":"2026-03-02T09:00:00.0000000+01:00","attributes":{},"stakeholder":{"role":null,"id":"p"},"source":"s","extra":1}""")]
    [InlineData("""{"type":"signal.v2","schema":2,"id":"s1","journeyId":"j","occurredAt":"2026-03-02T09:00:00.0000000+01:00","signalType":"x","stakeholder":{"id":"p"},"source":"s"}""")]
    public void DeserializeSignal_OtherLayoutsOfSchema2_ReadTheSameSignal(string json)
    {
        var signal = JourneyRecords.DeserializeSignal(json, "j", "signal version 3");

        Assert.Equal(new Signal("s1", "j", Day0, "x", new Stakeholder("p"), "s"), signal);
    }

    [Fact]
    public void DeserializeSignal_SharesTheCallersJourneyIdInstance()
    {
        var journeyId = new string('j', 1);
        var json = JourneyRecords.SerializeSignal(new Signal("s1", "j", Day0, SignalTypes.SiteVisited));

        Assert.Same(journeyId, JourneyRecords.DeserializeSignal(json, journeyId, "signal version 1").JourneyId);
    }

    [Fact]
    public void DeserializeSignalRow_PayloadOfTheRowsSignal_IsRead_AnotherSignal_ThrowsNamingBoth()
    {
        var json = JourneyRecords.SerializeSignal(new Signal("s1", "j", Day0, SignalTypes.SiteVisited));

        var read = JourneyRecords.DeserializeSignalRow(json, "j", 3, "s1");
        var ex = Assert.Throws<JourneyRecordException>(() => JourneyRecords.DeserializeSignalRow(json, "j", 3, "s9"));

        Assert.Equal("s1", read.Id);
        Assert.Equal("signal version 3", ex.Record);
        Assert.Contains("the payload holds signal \"s1\" but the row is keyed \"s9\"", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, 0, null)]
    [InlineData(5, 0, "the payload says version 4")]
    [InlineData(4, -1, "the row's last-signal time is")]
    [InlineData(4, 1, "the row's last-signal time is")]
    public void DeserializeSnapshotRow_RowThatDisagreesWithItsPayload_ThrowsNamingTheSnapshot(long rowVersion, long ticksOffset, string? problem)
    {
        var engine = JourneyEngine.CreateDefault();
        var state = engine.Replay("j", [new Signal("s1", "j", Day0, SignalTypes.ProblemStated)]);
        var snapshot = new JourneySnapshot(state, 4, engine.Rulebook.Name, engine.Rulebook.Version);
        var json = JourneyRecords.SerializeSnapshot(snapshot);
        var ticks = JourneyRecords.SnapshotLastSignalTicks(snapshot) + ticksOffset;

        if (problem is null)
        {
            Assert.Equal(state, JourneyRecords.DeserializeSnapshotRow(json, "j", rowVersion, ticks).State);
            Assert.Equal(Day0.UtcTicks, JourneyRecords.SnapshotLastSignalTicks(snapshot));
            return;
        }

        var ex = Assert.Throws<JourneyRecordException>(() => JourneyRecords.DeserializeSnapshotRow(json, "j", rowVersion, ticks));
        Assert.Equal($"snapshot version {rowVersion}", ex.Record);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeserializeSignal_Schema1WithFlatStakeholder_IsUpcast()
    {
        const string Json = """{"type":"signal.v1","schema":1,"id":"s1","journeyId":"j","occurredAt":"2026-03-02T09:00:00.0000000+01:00","signalType":"demo.requested","stakeholderId":"p-1","stakeholderRole":"influencer","source":null,"attributes":null}""";

        var signal = JourneyRecords.DeserializeSignal(Json, "j", "signal version 4");

        Assert.Equal(new Signal("s1", "j", Day0, SignalTypes.DemoRequested, new Stakeholder("p-1", StakeholderRoles.Influencer)), signal);
    }

    [Theory]
    [InlineData("{not json", "malformed JSON")]
    [InlineData("null", "JSON null")]
    [InlineData("""{"type":"signal.v3","schema":3,"id":"s1","journeyId":"j","occurredAt":"2026-03-02T09:00:00.0000000+01:00","signalType":"x"}""", "not a signal record")]
    [InlineData("""{"type":"signal.v2","schema":2,"id":"s1","journeyId":"other","occurredAt":"2026-03-02T09:00:00.0000000+01:00","signalType":"x"}""", "belongs to journey \"other\"")]
    [InlineData("""{"type":"signal.v2","schema":2,"id":"s1","journeyId":"j","occurredAt":"yesterday","signalType":"x"}""", "occurredAt")]
    [InlineData("""{"type":"signal.v2","schema":2,"id":"","journeyId":"j","occurredAt":"2026-03-02T09:00:00.0000000+01:00","signalType":"x"}""", "valid signal")]
    [InlineData("""{"type":"signal.v2","schema":2,"journeyId":"j","occurredAt":"2026-03-02T09:00:00.0000000+01:00","signalType":"x"}""", "valid signal")]
    public void DeserializeSignal_BadRecord_ThrowsNamingJourneyAndRecord(string json, string problem)
    {
        var ex = Assert.Throws<JourneyRecordException>(() => JourneyRecords.DeserializeSignal(json, "j", "signal version 7"));

        Assert.Equal("j", ex.JourneyId);
        Assert.Equal("signal version 7", ex.Record);
        Assert.Contains("journey \"j\", record signal version 7", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SerializeSnapshot_RoundTrip_GivesAnEqualState()
    {
        var engine = JourneyEngine.CreateDefault();
        Signal[] signals =
        [
            new("a", "j", Day0, SignalTypes.ProblemStated),
            new("b", "j", Day0.AddDays(1), SignalTypes.ProblemDefined),
            new("c", "j", Day0.AddDays(2), SignalTypes.SolutionResearched),
            new("d", "j", Day0.AddDays(3), SignalTypes.ProblemStated),
            new("e", "j", Day0.AddDays(4), SignalTypes.BudgetFrozen),
        ];
        var snapshot = new JourneySnapshot(engine.Replay("j", signals), 5, "gartner-default", "1.0.0");

        var json = JourneyRecords.SerializeSnapshot(snapshot);
        var read = JourneyRecords.DeserializeSnapshot(json, "j", "snapshot version 5");

        Assert.Contains("\"type\":\"journey-state.v2\"", json, StringComparison.Ordinal);
        Assert.False(read.IsOutdated);
        Assert.Equal(snapshot.State, read.State);
        Assert.Equal((5L, "gartner-default", "1.0.0"), (read.Version, read.RulebookName, read.RulebookVersion));
        Assert.Equal(1, read.State.LoopBackCount);
    }


    [Fact]
    public void DeserializeSnapshot_WrittenWithFadeTicks_ReadsTheSameState_AndFadesOnTheSameTick()
    {
        // Snapshots written before 0.2 stored each task's fade tick (any value: it is recomputed from the score now).
        var engine = JourneyEngine.CreateDefault();
        Signal[] signals =
        [
            new("a", "j", Day0, SignalTypes.ProblemStated),
            new("b", "j", Day0.AddDays(1), SignalTypes.SolutionResearched),
            new("c", "j", Day0.AddDays(1.5), SignalTypes.SolutionResearched),
        ];
        var state = engine.Replay("j", signals);
        var json = JourneyRecords.SerializeSnapshot(new JourneySnapshot(state, 3, "gartner-default", "1.0.0"));
        var root = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        foreach (var task in root["tasks"]!.AsArray())
        {
            task!["fadesAt"] = 12345;
        }

        var read = JourneyRecords.DeserializeSnapshot(root.ToJsonString(), "j", "snapshot version 3");

        Assert.DoesNotContain("fadesAt", json, StringComparison.Ordinal);
        Assert.Equal(state, read.State);

        // A signal long after: both tasks faded before it, at their own ticks, whichever state it was applied to.
        var late = new Signal("z", "j", Day0.AddDays(300), SignalTypes.SiteVisited);
        var fromRead = engine.Apply(read.State, late);
        var fromState = engine.Apply(state, late);
        Assert.NotEmpty(fromState.Transitions);
        Assert.Equal(fromState.Transitions, fromRead.Transitions);
        Assert.Equal(fromState.State, fromRead.State);
        Assert.Equal(engine.Replay("j", [.. signals, late]), fromRead.State);
    }
    [Theory]
    [InlineData("[1,2]", "malformed JSON")]
    [InlineData("""{"type":"journey-state.v3","schema":3}""", "not a snapshot record")]
    [InlineData("""{"type":"journey-state.v2","schema":1}""", "not a snapshot record")]
    [InlineData("""{"type":"journey-state.v1","schema":1,"version":1,"rulebook":"r","rulebookVersion":"1","journeyId":"j","model":"gartner","tasks":[]}""", "out of range")]
    [InlineData("""{"type":"journey-state.v1","schema":1,"version":1,"rulebook":"r","rulebookVersion":"1","journeyId":"j","model":"gartner","tasks":[{"phase":9}]}""", "task 0")]
    [InlineData("""{"type":"journey-state.v1","schema":1,"version":1,"rulebook":"r","rulebookVersion":"1","journeyId":"j","model":"gartner","tasks":[{"phase":1,"score":"NaN"}]}""", "malformed JSON")]
    public void DeserializeSnapshot_BadRecord_ThrowsNamingJourneyAndRecord(string json, string problem)
    {
        var ex = Assert.Throws<JourneyRecordException>(() => JourneyRecords.DeserializeSnapshot(json, "j", "snapshot version 1"));

        Assert.Equal("snapshot version 1", ex.Record);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }
}
