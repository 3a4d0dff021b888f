using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Xunit;

namespace BuyingJourney.Tests.Persistence;

/// <summary>
/// The signal record written and read without the serializer: the same bytes as the serializer writes, and the same
/// signal (or the same error) as the serializer's reading for every layout, the ones the direct reader declines included.
/// </summary>
public sealed class SignalRecordFormatTests
{
    private const string Time = "2026-03-02T09:00:00.0000000+01:00";

    public static TheoryData<Signal> Signals()
    {
        var day0 = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1));
        return new TheoryData<Signal>
        {
            new Signal("s1", "j", day0, SignalTypes.ProblemStated),
            new Signal("s2", "j", day0.AddTicks(7).ToOffset(TimeSpan.FromHours(-5.5)), SignalTypes.SiteVisited, new Stakeholder("p", StakeholderRoles.User), "visit"),
            new Signal("s3", "j", new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero), "custom.type", new Stakeholder("p2")),
            new Signal(
                "id \"quoted\" <&> +",
                "j",
                new DateTimeOffset(8999, 12, 31, 23, 59, 59, TimeSpan.FromHours(14)).AddTicks(9_999_999),
                "ünïcödé.类型",
                new Stakeholder("\U0001F600 person", "röle"),
                "src\\path/x",
                new Dictionary<string, string> { ["b"] = "2", ["a"] = "1 \"q\" \n\t", ["中"] = "\U0001F600", ["e"] = string.Empty }),
        };
    }

    [Theory]
    [MemberData(nameof(Signals))]
    public void Write_IsByteForByteWhatTheSerializerWrites(Signal signal)
    {
        var expected = JsonSerializer.Serialize(
            new SignalRecord
            {
                RecordType = JourneyRecords.SignalType,
                Schema = JourneyRecords.SignalSchema,
                Id = signal.Id,
                JourneyId = signal.JourneyId,
                OccurredAt = signal.OccurredAt.ToString("O", CultureInfo.InvariantCulture),
                SignalType = signal.Type,
                Stakeholder = signal.Stakeholder is { } s ? new StakeholderRecord { Id = s.Id, Role = s.Role } : null,
                Source = signal.Source,
                Attributes = signal.Attributes.Count == 0 ? null : new Dictionary<string, string>(signal.Attributes, StringComparer.Ordinal),
            },
            RecordJsonContext.Default.SignalRecord);

        Assert.Equal(expected, JourneyRecords.SerializeSignal(signal));
    }

    [Theory]
    [MemberData(nameof(Signals))]
    public void TryRead_WhatWriteWrote_GivesTheSignalTheSerializerReads(Signal signal)
    {
        var json = JourneyRecords.SerializeSignal(signal);

        Assert.True(SignalRecordFormat.TryRead(json, "j", out var read));
        Assert.Equal(signal, read);
        Assert.Equal(signal.OccurredAt.Offset, read!.OccurredAt.Offset);
        Assert.Equal(JourneyRecords.DeserializeSignalRecord(json, "j", "signal version 1"), read);
    }

    [Theory]
    [InlineData("""{"type":"signal.v2","schema":2,"id":"s1","journeyId":"j","occurredAt":"2026-03-02T09:00:00.0000000+01:00","signalType":"x","stakeholder":null,"source":null,"attributes":null}""", true)]
    [InlineData(""" { "type" : "signal.v2", "schema" : 2, "id" : "s1", "journeyId" : "j", "occurredAt" : "2026-03-02T09:00:00.0000000\u002B01:00", "signalType" : "x", "stakeholder" : { "id" : "p", "role" : null }, "source" : "s", "attributes" : { } } """, true)]
    [InlineData("""{"\u0074ype":"signal.v2","schema":2,"id":"s\u0031","journeyId":"\u006a","occurredAt":"2026-03-02T09:00:00.0000000+01:00","signalType":"x","stakeholder":null,"source":null,"attributes":null}""", true)]
    [InlineData("""{"schema":2,"type":"signal.v2","id":"s1","journeyId":"j","occurredAt":"2026-03-02T09:00:00.0000000+01:00","signalType":"x","stakeholder":null,"source":null,"attributes":null}""", false)]
    [InlineData("""{"type":"signal.v2","schema":2,"id":"s1","journeyId":"j","occurredAt":"2026-03-02T09:00:00.0000000+01:00","signalType":"x","stakeholder":null,"source":null,"attributes":null,"extra":1}""", false)]
    [InlineData("""{"type":"signal.v2","schema":2,"id":"s1","journeyId":"j","occurredAt":"2026-03-02T09:00:00.0000000+01:00","signalType":"x"}""", false)]
    [InlineData("""{"type":"signal.v2","schema":2,"id":"s1","journeyId":"j","occurredAt":"2026-03-02T09:00:00.0000000+01:00","signalType":"x","stakeholder":null,"source":null,"attributes":{"k":"1","k":"2"}}""", false)]
    [InlineData("""{"type":"signal.v2","schema":2,"id":"s1","journeyId":"j","occurredAt":"2026-03-02T09:00:00.0000000+01:00","signalType":"x","stakeholder":null,"source":null,"attributes":{"k":null}}""", false)]
    [InlineData("""{"type":"signal.v2","schema":2,"id":"s1","journeyId":"j","occurredAt":"2026-03-02T09:00:00.0000000+01:00","signalType":"x","stakeholder":{"role":"r","id":"p"},"source":null,"attributes":null}""", false)]
    [InlineData("""{"type":"signal.v2","schema":2,"id":"s1","journeyId":"j","occurredAt":"2026-03-02T09:00:00.0000000+01:00","signalType":"x","stakeholder":null,"source":null,"attributes":null} x""", false)]
    [InlineData("""{"type":"signal.v2","schema":2.0,"id":"s1","journeyId":"j","occurredAt":"2026-03-02T09:00:00.0000000+01:00","signalType":"x","stakeholder":null,"source":null,"attributes":null}""", false)]
    [InlineData("""{"type":"signal.v2","schema":2,"id":"s1","journeyId":"other","occurredAt":"2026-03-02T09:00:00.0000000+01:00","signalType":"x","stakeholder":null,"source":null,"attributes":null}""", false)]
    [InlineData("""{"type":"signal.v2","schema":2,"id":"s1","journeyId":"j","occurredAt":"2026-03-02","signalType":"x","stakeholder":null,"source":null,"attributes":null}""", false)]
    [InlineData("""{"type":"signal.v2","schema":2,"id":" ","journeyId":"j","occurredAt":"2026-03-02T09:00:00.0000000+01:00","signalType":"x","stakeholder":null,"source":null,"attributes":null}""", false)]
    [InlineData("""{"type":"signal.v2","schema":2,"id":"s1","journeyId":"j","occurredAt":"2026-03-02T09:00:00.0000000+01:00","signalType":"x","stakeholder":null,"source":null,"attributes":null""", false)]
    [InlineData("""{"type":"signal.v1","schema":1,"id":"s1","journeyId":"j","occurredAt":"2026-03-02T09:00:00.0000000+01:00","signalType":"x","stakeholderId":"p","stakeholderRole":null,"source":null,"attributes":null}""", false)]
    public void DeserializeSignal_AnyLayout_AgreesWithTheSerializer(string json, bool direct)
    {
        Assert.Equal(direct, SignalRecordFormat.TryRead(json, "j", out _));

        var (signal, error) = Read(() => JourneyRecords.DeserializeSignal(json, "j", "signal version 3"));
        var (expected, expectedError) = Read(() => JourneyRecords.DeserializeSignalRecord(json, "j", "signal version 3"));

        Assert.Equal(expected, signal);
        Assert.Equal(expectedError, error);
        if (direct)
        {
            Assert.NotNull(signal);
        }
    }

    [Fact]
    public void TryRead_UnpairedSurrogateInTheText_GoesTheGeneralWay()
    {
        var json = "{\"type\":\"signal.v2\",\"schema\":2,\"id\":\"s\ud800\",\"journeyId\":\"j\",\"occurredAt\":\"" + Time
            + "\",\"signalType\":\"x\",\"stakeholder\":null,\"source\":null,\"attributes\":null}";

        Assert.False(SignalRecordFormat.TryRead(json, "j", out _));
        Assert.Equal(
            Assert.ThrowsAny<ArgumentException>(() => JourneyRecords.DeserializeSignalRecord(json, "j", "signal version 1")).Message,
            Assert.ThrowsAny<ArgumentException>(() => JourneyRecords.DeserializeSignal(json, "j", "signal version 1")).Message);
    }

    [Fact]
    public void TryRead_LongRecord_GoesTheGeneralWayAndReadsTheSame()
    {
        var attributes = new Dictionary<string, string>();
        for (var i = 0; i < Signal.MaxAttributes; i++)
        {
            attributes["k" + i.ToString(CultureInfo.InvariantCulture)] = new string('v', Signal.MaxAttributeValueLength);
        }

        var signal = new Signal("s", "j", DateTimeOffset.UnixEpoch, "x", attributes: attributes);
        var json = JourneyRecords.SerializeSignal(signal);

        Assert.False(SignalRecordFormat.TryRead(json, "j", out _));
        Assert.Equal(signal, JourneyRecords.DeserializeSignal(json, "j", "signal version 1"));
    }

    private static (Signal? Signal, string? Error) Read(Func<Signal> read)
    {
        try
        {
            return (read(), null);
        }
        catch (JourneyRecordException ex)
        {
            return (null, ex.Message);
        }
    }
}
