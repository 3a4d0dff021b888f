using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BuyingJourney.Signals;
using Xunit;

namespace BuyingJourney.Tests.Signals;

public sealed class SignalTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] TextFields = ["id", "journeyId", "type", "source"];
    private static readonly string[] BadTexts = [string.Empty, " ", "\t \n", "a\u0000b", "line\nbreak", "tab\tinside", "bell\u0007"];
    private static readonly string[] OrdinalKeys = ["B", "a", "b"];

    public static TheoryData<string> RequiredTextFields => new() { "id", "journeyId", "type" };

    public static TheoryData<string, string> InvalidTexts
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var name in TextFields)
            {
                foreach (var value in BadTexts)
                {
                    data.Add(name, value);
                }
            }

            return data;
        }
    }

    public static TheoryData<string, int> TextLimits => new()
    {
        { "id", Signal.MaxIdLength },
        { "journeyId", Signal.MaxIdLength },
        { "type", Signal.MaxTypeLength },
        { "source", Signal.MaxIdLength },
    };

    [Fact]
    public void Constructor_ValidArguments_KeepsEveryField()
    {
        var stakeholder = new Stakeholder("c-1", StakeholderRoles.User);
        var attributes = new Dictionary<string, string> { ["site"] = "Leeds", ["amount"] = "12000" };

        var signal = new Signal("s1", "acme", At, SignalTypes.ProblemStated, stakeholder, "email", attributes);

        Assert.Equal("s1", signal.Id);
        Assert.Equal("acme", signal.JourneyId);
        Assert.Equal(At, signal.OccurredAt);
        Assert.Equal(SignalTypes.ProblemStated, signal.Type);
        Assert.Same(stakeholder, signal.Stakeholder);
        Assert.Equal("email", signal.Source);
        Assert.Equal(2, signal.Attributes.Count);
        Assert.Equal("Leeds", signal.Attributes["site"]);
        Assert.Equal("12000", signal.Attributes["amount"]);
    }

    [Fact]
    public void Constructor_OptionalFieldsOmitted_AreNullOrEmpty()
    {
        var signal = new Signal("s1", "j", At, "anything.at-all");

        Assert.Null(signal.Stakeholder);
        Assert.Null(signal.Source);
        Assert.Empty(signal.Attributes);
    }

    [Theory]
    [MemberData(nameof(RequiredTextFields))]
    public void Constructor_NullRequiredText_ThrowsArgumentNullNamingTheField(string field)
    {
        var ex = Assert.Throws<ArgumentNullException>(() => Make(field, null!));

        Assert.Equal(field, ex.ParamName);
    }

    [Fact]
    public void Constructor_NullSource_IsAccepted()
    {
        var signal = Make("source", null!);

        Assert.Null(signal.Source);
    }

    [Theory]
    [MemberData(nameof(InvalidTexts))]
    public void Constructor_BlankOrControlCharacters_ThrowsNamingTheField(string field, string value)
    {
        var ex = Assert.Throws<ArgumentException>(() => Make(field, value));

        Assert.Equal(field, ex.ParamName);
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TextLimits))]
    public void Constructor_TextAtItsLimit_IsAccepted(string field, int limit)
    {
        var value = new string('x', limit);

        var signal = Make(field, value);

        Assert.Equal(value, field switch
        {
            "id" => signal.Id,
            "journeyId" => signal.JourneyId,
            "type" => signal.Type,
            _ => signal.Source,
        });
    }

    [Theory]
    [MemberData(nameof(TextLimits))]
    public void Constructor_TextOverItsLimit_ThrowsNamingTheFieldAndLimit(string field, int limit)
    {
        var ex = Assert.Throws<ArgumentException>(() => Make(field, new string('x', limit + 1)));

        Assert.Equal(field, ex.ParamName);
        Assert.Contains(limit.ToString(CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DefaultOccurredAt_ThrowsNamingOccurredAt()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Signal("s1", "j", default, "t"));

        Assert.Equal("occurredAt", ex.ParamName);
    }

    [Fact]
    public void Constructor_BeforeEarliestOccurredAt_ThrowsNamingOccurredAt()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Signal("s1", "j", Signal.EarliestOccurredAt.AddTicks(-1), "t"));

        Assert.Equal("occurredAt", ex.ParamName);
    }

    [Fact]
    public void Constructor_AfterLatestOccurredAt_ThrowsNamingOccurredAt()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Signal("s1", "j", Signal.LatestOccurredAt.AddTicks(1), "t"));

        Assert.Equal("occurredAt", ex.ParamName);
    }

    [Fact]
    public void Constructor_AtTheEdgesOfTheRange_IsAccepted()
    {
        var earliest = new Signal("s1", "j", Signal.EarliestOccurredAt, "t");
        var latest = new Signal("s2", "j", Signal.LatestOccurredAt, "t");

        Assert.Equal(new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero), earliest.OccurredAt);
        Assert.Equal(new DateTimeOffset(9000, 1, 1, 0, 0, 0, TimeSpan.Zero), latest.OccurredAt);
    }

    [Fact]
    public void Constructor_RangeIsCheckedAsAnInstant_OffsetDoesNotMatter()
    {
        // 1900-01-01 02:00 at +03:00 is 1899-12-31 23:00 UTC: before the earliest instant.
        var local = new DateTimeOffset(1900, 1, 1, 2, 0, 0, TimeSpan.FromHours(3));

        var ex = Assert.Throws<ArgumentException>(() => new Signal("s1", "j", local, "t"));

        Assert.Equal("occurredAt", ex.ParamName);
    }

    [Fact]
    public void Constructor_MaxAttributes_IsAccepted()
    {
        var signal = new Signal("s1", "j", At, "t", attributes: Attributes(Signal.MaxAttributes));

        Assert.Equal(Signal.MaxAttributes, signal.Attributes.Count);
    }

    [Fact]
    public void Constructor_TooManyAttributes_ThrowsNamingAttributes()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Signal("s1", "j", At, "t", attributes: Attributes(Signal.MaxAttributes + 1)));

        Assert.Equal("attributes", ex.ParamName);
        Assert.Contains("32", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("key\u0001")]
    public void Constructor_BadAttributeKey_ThrowsNamingTheAttributeKey(string key)
    {
        var ex = Assert.Throws<ArgumentException>(() => new Signal("s1", "j", At, "t", attributes: new Dictionary<string, string> { [key] = "v" }));

        Assert.Contains("attributes", ex.ParamName, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_AttributeKeyAtAndOverItsLimit_AcceptedThenRejected()
    {
        var longest = new string('k', Signal.MaxAttributeKeyLength);
        var accepted = new Signal("s1", "j", At, "t", attributes: new Dictionary<string, string> { [longest] = "v" });

        var ex = Assert.Throws<ArgumentException>(
            () => new Signal("s1", "j", At, "t", attributes: new Dictionary<string, string> { [longest + "k"] = "v" }));

        Assert.True(accepted.Attributes.ContainsKey(longest));
        Assert.Contains("attributes", ex.ParamName, StringComparison.Ordinal);
        Assert.Contains("64", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NullAttributeValue_ThrowsNamingTheKey()
    {
        var ex = Assert.Throws<ArgumentException>(
            () => new Signal("s1", "j", At, "t", attributes: new Dictionary<string, string> { ["site"] = null! }));

        Assert.Equal("attributes", ex.ParamName);
        Assert.Contains("site", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_AttributeValueAtAndOverItsLimit_AcceptedThenRejected()
    {
        var longest = new string('v', Signal.MaxAttributeValueLength);
        var accepted = new Signal("s1", "j", At, "t", attributes: new Dictionary<string, string> { ["note"] = longest });

        var ex = Assert.Throws<ArgumentException>(
            () => new Signal("s1", "j", At, "t", attributes: new Dictionary<string, string> { ["note"] = longest + "v" }));

        Assert.Equal(longest, accepted.Attributes["note"]);
        Assert.Equal("attributes", ex.ParamName);
        Assert.Contains("note", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1024", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Constructor_AttributeValueWithAnUnpairedSurrogate_ThrowsNamingTheKeyAndPosition(int example)
    {
        // Built here: a lone surrogate in theory data would be replaced by U+FFFD when the runner serialises it.
        var value = new[] { "cut \ud83d", "\ude00 tail", "a\udc00\ud800b" }[example];
        var ex = Assert.Throws<ArgumentException>(
            () => new Signal("s1", "j", At, "t", attributes: new Dictionary<string, string> { ["subject"] = value }));

        Assert.Equal("attributes", ex.ParamName);
        Assert.Contains("attributes[\"subject\"]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unpaired surrogate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_AttributeValueWithPairedSurrogatesAndControlCharacters_IsKeptExactly()
    {
        const string value = "emoji \ud83d\ude00, e\u0301, line\nbreak, tab\t, nul \u0000";

        var signal = new Signal("s1", "j", At, "t", attributes: new Dictionary<string, string> { ["subject"] = value });

        Assert.Equal(value, signal.Attributes["subject"]);
    }

    [Fact]
    public void Constructor_EmptyAttributeValue_IsAccepted()
    {
        var signal = new Signal("s1", "j", At, "t", attributes: new Dictionary<string, string> { ["flag"] = string.Empty });

        Assert.Equal(string.Empty, signal.Attributes["flag"]);
    }

    [Fact]
    public void Attributes_AreOrderedByKeyOrdinal()
    {
        var signal = new Signal("s1", "j", At, "t", attributes: new Dictionary<string, string> { ["b"] = "1", ["a"] = "2", ["B"] = "3" });

        Assert.Equal(OrdinalKeys, signal.Attributes.Keys.ToArray());
    }

    [Fact]
    public void Attributes_AreACopy_LaterChangesToTheSourceDoNotLeakIn()
    {
        var source = new Dictionary<string, string> { ["site"] = "Leeds" };
        var signal = new Signal("s1", "j", At, "t", attributes: source);

        source["site"] = "York";
        source["extra"] = "x";

        Assert.Equal("Leeds", signal.Attributes["site"]);
        Assert.Single(signal.Attributes);
    }

    [Fact]
    public void Equals_SameValues_AreEqualWithEqualHashCodes()
    {
        var left = Full();
        var right = Full();

        Assert.NotSame(left, right);
        Assert.Equal(left, right);
        Assert.True(left.Equals((object)right));
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
    }

    [Fact]
    public void Equals_AttributesGivenInAnotherOrder_AreEqual()
    {
        var left = new Signal("s1", "j", At, "t", attributes: new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" });
        var right = new Signal("s1", "j", At, "t", attributes: new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" });

        Assert.Equal(left, right);
    }

    [Fact]
    public void Equals_NullAttributesAndEmptyAttributes_AreEqual()
    {
        var left = new Signal("s1", "j", At, "t");
        var right = new Signal("s1", "j", At, "t", attributes: new Dictionary<string, string>());

        Assert.Equal(left, right);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("journeyId")]
    [InlineData("occurredAt")]
    [InlineData("offset")]
    [InlineData("type")]
    [InlineData("stakeholder")]
    [InlineData("stakeholder.role")]
    [InlineData("no stakeholder")]
    [InlineData("source")]
    [InlineData("attribute value")]
    [InlineData("attribute key")]
    [InlineData("attribute added")]
    [InlineData("attribute value case")]
    public void Equals_OneFieldDiffers_AreNotEqual(string difference)
    {
        var original = Full();
        var changed = difference switch
        {
            "id" => Full(id: "s2"),
            "journeyId" => Full(journeyId: "k"),
            "occurredAt" => Full(occurredAt: At.AddTicks(1)),
            "offset" => Full(occurredAt: At.ToOffset(TimeSpan.FromHours(2))),
            "type" => Full(type: "problem.defined"),
            "stakeholder" => Full(stakeholder: new Stakeholder("c-2", StakeholderRoles.User)),
            "stakeholder.role" => Full(stakeholder: new Stakeholder("c-1", StakeholderRoles.Influencer)),
            "no stakeholder" => Full(stakeholder: null, noStakeholder: true),
            "source" => Full(source: "web"),
            "attribute value" => Full(attributes: new Dictionary<string, string> { ["site"] = "York" }),
            "attribute key" => Full(attributes: new Dictionary<string, string> { ["plant"] = "Leeds" }),
            "attribute added" => Full(attributes: new Dictionary<string, string> { ["site"] = "Leeds", ["more"] = "x" }),
            _ => Full(attributes: new Dictionary<string, string> { ["site"] = "leeds" }),
        };

        Assert.NotEqual(original, changed);
        Assert.False(original.Equals((object)changed));
        Assert.False(changed.Equals(original));
    }

    [Fact]
    public void Equals_NullOrOtherType_IsFalse()
    {
        var signal = Full();

        Assert.False(signal.Equals(null));
        Assert.False(signal.Equals((object?)null));
        Assert.False(signal.Equals("s1"));
    }

    [Fact]
    public void CompareOrder_EarlierTimeComesFirst_WhateverTheId()
    {
        var early = new Signal("z", "j", At, "t");
        var late = new Signal("a", "j", At.AddTicks(1), "t");

        Assert.True(Signal.CompareOrder(early, late) < 0);
        Assert.True(Signal.CompareOrder(late, early) > 0);
    }

    [Fact]
    public void CompareOrder_SameTime_OrdersByIdOrdinal()
    {
        var upper = new Signal("B", "j", At, "t");
        var lower = new Signal("a", "j", At, "t");

        Assert.True(Signal.CompareOrder(upper, lower) < 0);
        Assert.True(Signal.CompareOrder(lower, upper) > 0);
    }

    [Fact]
    public void CompareOrder_SameInstantInAnotherOffset_ComparesAsTheSameTime()
    {
        var utc = new Signal("s1", "j", At, "t");
        var local = new Signal("s1", "j", At.ToOffset(TimeSpan.FromHours(-5)), "other.type");
        var localLaterId = new Signal("s2", "j", At.ToOffset(TimeSpan.FromHours(-5)), "t");

        Assert.Equal(0, Signal.CompareOrder(utc, local));
        Assert.True(Signal.CompareOrder(utc, localLaterId) < 0);
    }

    [Fact]
    public void CompareOrder_InstantWinsOverLocalClockTime()
    {
        // 10:00 at +05:00 is 05:00 UTC, earlier than 09:00 UTC even though the local clock reads later.
        var east = new Signal("s9", "j", new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(5)), "t");
        var utc = new Signal("s1", "j", At, "t");

        Assert.True(Signal.CompareOrder(east, utc) < 0);
    }

    [Fact]
    public void CompareOrder_NullArguments_ThrowNamingTheParameter()
    {
        var signal = Full();

        Assert.Equal("left", Assert.Throws<ArgumentNullException>(() => Signal.CompareOrder(null!, signal)).ParamName);
        Assert.Equal("right", Assert.Throws<ArgumentNullException>(() => Signal.CompareOrder(signal, null!)).ParamName);
    }

    [Fact]
    public void ToString_ShowsTypeIdAndTime()
    {
        var signal = new Signal("s1", "j", At, SignalTypes.DemoRequested);

        Assert.Equal("demo.requested (s1 at 2026-03-02T09:00:00.0000000+00:00)", signal.ToString());
    }

    private static Signal Make(string field, string value) => field switch
    {
        "id" => new Signal(value, "j", At, "t"),
        "journeyId" => new Signal("s1", value, At, "t"),
        "type" => new Signal("s1", "j", At, value),
        "source" => new Signal("s1", "j", At, "t", source: value),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "unknown field"),
    };

    private static Signal Full(
        string id = "s1",
        string journeyId = "j",
        DateTimeOffset? occurredAt = null,
        string type = SignalTypes.ProblemStated,
        Stakeholder? stakeholder = null,
        bool noStakeholder = false,
        string source = "email",
        Dictionary<string, string>? attributes = null)
        => new(
            id,
            journeyId,
            occurredAt ?? At,
            type,
            noStakeholder ? null : stakeholder ?? new Stakeholder("c-1", StakeholderRoles.User),
            source,
            attributes ?? new Dictionary<string, string> { ["site"] = "Leeds" });

    private static Dictionary<string, string> Attributes(int count)
    {
        var attributes = new Dictionary<string, string>();
        for (var i = 0; i < count; i++)
        {
            attributes["k" + i.ToString(CultureInfo.InvariantCulture)] = "v";
        }

        return attributes;
    }

    [Fact]
    public void Constructor_IdWithAnUnpairedSurrogate_ThrowsNamingTheField()
    {
        foreach (var id in new[] { "x\uD800", "\uDC00x", "a\uD800b" })
        {
            var ex = Assert.Throws<ArgumentException>(() => new Signal(id, "j", new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), "t"));
            Assert.Equal("id", ex.ParamName);
            Assert.Contains("unpaired surrogate", ex.Message, StringComparison.Ordinal);
        }

        Assert.Equal("x\uD83D\uDE00", new Signal("x\uD83D\uDE00", "j", new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), "t").Id);
    }
}
