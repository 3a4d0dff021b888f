using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Rules.Json;
using Xunit;

namespace BuyingJourney.Tests.Rules.Json;

/// <summary>
/// The loader's limits: what it reads is bounded (document size, rules, conditions, values) and so is what it reports
/// (quoted text is cut, the error list capped), whatever the input.
/// </summary>
public sealed partial class RulebookJsonTests
{
    [Fact]
    public void Load_HugeUnknownPropertyName_IsQuotedAndPathedCut()
    {
        var name = new string('p', 1_000_000);

        var error = Assert.Single(ErrorsOf(Doc("", $$""" "{{name}}": 1, """)));

        Assert.Equal($"$.{new string('p', RulebookJson.MaxQuotedLength)}…", error.Path);
        Assert.Contains($"unknown property \"{new string('p', RulebookJson.MaxQuotedLength)}…\" (999,936 more characters)", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 400, $"the message is {error.Message.Length} characters long");
    }

    [Fact]
    public void Load_HugeUnknownValues_AreQuotedCut()
    {
        var value = new string('v', 100_000);

        var errors = ErrorsOf(Doc(
            $$"""{ "id": "r", "signalType": "x", "evidence": [ { "task": "Validation", "strength": "{{value}}" }, { "journey": "{{value}}" } ], "reason": "why" }""",
            $$""" "tasks": { "{{value}}": { } }, """));

        Assert.Equal(["$.tasks", "$.rules[0].evidence[0].strength", "$.rules[0].evidence[1].journey"], errors.Select(e => e.Path.Length > 40 ? e.Path[..7] : e.Path));
        Assert.All(errors, e => Assert.Contains("(99,936 more characters)", e.Message, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.True(e.Message.Length < 400, e.Message[..100]));
    }

    [Fact]
    public void Load_ManyBadRules_ListsTheFirstHundredProblemsAndCountsTheRest()
    {
        var bad = string.Join(", ", Enumerable.Repeat("""{ "id": " ", "signalType": 1, "evidence": [] }""", 1_000));

        var ex = Assert.Throws<RulebookValidationException>(() => RulebookJson.Load(Doc(bad)));

        Assert.Equal(RulebookJson.MaxErrors + 1, ex.Errors.Length);
        Assert.Equal(["$.rules[0].id", "$.rules[0].signalType", "$.rules[0].evidence", "$.rules[1].id"], ex.Errors.Take(4).Select(e => e.Path));
        Assert.Equal("$", ex.Errors[^1].Path);
        Assert.Equal("2,900 more problems were found; only the first 100 are listed.", ex.Errors[^1].Message);
    }

    [Fact]
    public void Load_TextOverTheSizeLimit_IsAnErrorWithoutParsing()
    {
        var json = new string(' ', RulebookJson.MaxDocumentLength + 1);

        AssertSingleError(json, "$", $"the rulebook is {N0(RulebookJson.MaxDocumentLength + 1)} characters long; the limit is {N0(RulebookJson.MaxDocumentLength)}");
    }

    [Fact]
    public async Task LoadAsync_StreamOverTheSizeLimit_StopsReadingAtTheLimit()
    {
        using var stream = new SpacesStream(RulebookJson.MaxDocumentLength + 1_000_000L);

        var ex = await Assert.ThrowsAsync<RulebookValidationException>(() => RulebookJson.LoadAsync(stream, cancellationToken: TestContext.Current.CancellationToken));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("$", error.Path);
        Assert.Contains($"longer than {N0(RulebookJson.MaxDocumentLength)} bytes", error.Message, StringComparison.Ordinal);
        Assert.True(stream.Position < stream.Length, "the stream was not read to its end");
    }

    [Fact]
    public void Load_MoreRulesThanTheLimit_IsOneErrorAtTheRules()
    {
        var json = Doc(string.Join(",", Enumerable.Repeat("0", RulebookJson.MaxRules + 1)));

        AssertSingleError(json, "$.rules", $"{N0(RulebookJson.MaxRules + 1)} rules; the limit is {N0(RulebookJson.MaxRules)}");
    }

    [Fact]
    public void Load_MoreConditionsThanTheLimit_IsAnErrorAtTheAttributes()
    {
        var conditions = string.Join(", ", Enumerable.Range(0, RulebookJson.MaxConditionsPerRule + 1).Select(i => $$"""{ "key": "k{{i}}", "exists": true }"""));
        var json = Doc($$"""{ "id": "r", "signalType": "x", "when": { "attributes": [ {{conditions}} ] }, "evidence": [ { "task": "Validation", "strength": "weak" } ], "reason": "why" }""");

        AssertSingleError(json, "$.rules[0].when.attributes", $"{RulebookJson.MaxConditionsPerRule + 1} attribute conditions; the limit is {RulebookJson.MaxConditionsPerRule}");
    }

    [Fact]
    public void Load_MoreValuesThanTheLimit_IsAnErrorAtTheOneOf()
    {
        var values = string.Join(", ", Enumerable.Range(0, RulebookJson.MaxValuesPerCondition + 1).Select(i => $"\"v{i}\""));
        var json = Doc($$"""{ "id": "r", "signalType": "x", "when": { "attributes": [ { "key": "k", "oneOf": [ {{values}} ] } ] }, "evidence": [ { "task": "Validation", "strength": "weak" } ], "reason": "why" }""");

        AssertSingleError(json, "$.rules[0].when.attributes[0].oneOf", $"{RulebookJson.MaxValuesPerCondition + 1} values; the limit is {RulebookJson.MaxValuesPerCondition}");
    }

    private static string N0(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A read-only stream of spaces, made as it is read.</summary>
    private sealed class SpacesStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            buffer.AsSpan(offset, n).Fill((byte)' ');
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
