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
