using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using BuyingJourney.Rules.Json;
using Xunit;

namespace BuyingJourney.Tests.Rules.Json;

/// <summary>Text that is not valid Unicode (unpaired surrogates, bytes that are not UTF-8) is a validation error like any other.</summary>
public sealed partial class RulebookJsonTests
{
    private const string LoneSurrogate = "\\ud800";

    public static TheoryData<string, string> LoneSurrogateDocuments => new()
    {
        { $$"""{ "name": "{{LoneSurrogate}}", "version": "1", "model": "gartner", "rules": [] }""", "$.name" },
        { Doc($$"""{ "id": "r{{LoneSurrogate}}", "signalType": "x", "evidence": [ { "task": "Validation", "strength": "weak" } ], "reason": "why" }"""), "$.rules[0].id" },
        { Doc($$"""{ "id": "r", "signalType": "x\udc00", "evidence": [ { "task": "Validation", "strength": "weak" } ], "reason": "why" }"""), "$.rules[0].signalType" },
        { Doc($$"""{ "id": "r", "signalType": "x", "evidence": [ { "task": "Validation", "strength": "weak" } ], "reason": "a {{LoneSurrogate}} b" }"""), "$.rules[0].reason" },
        { RuleWithEvidence($$"""{ "task": "Validation", "strength": "{{LoneSurrogate}}" }"""), "$.rules[0].evidence[0].strength" },
        { RuleWithEvidence($$"""{ "journey": "{{LoneSurrogate}}" }"""), "$.rules[0].evidence[0].journey" },
        { Doc($$"""{ "id": "r", "signalType": "x", "when": { "attributes": [ { "key": "k", "oneOf": [ "a", "{{LoneSurrogate}}" ] } ] }, "evidence": [ { "task": "Validation", "strength": "weak" } ], "reason": "why" }"""), "$.rules[0].when.attributes[0].oneOf[1]" },
        { Doc($$"""{ "id": "r", "signalType": "x", "when": { "attributes": [ { "key": "k", "equals": "{{LoneSurrogate}}" } ] }, "evidence": [ { "task": "Validation", "strength": "weak" } ], "reason": "why" }"""), "$.rules[0].when.attributes[0].equals" },
        { Doc($$"""{ "id": "r", "signalType": "x", "{{LoneSurrogate}}": 1, "evidence": [ { "task": "Validation", "strength": "weak" } ], "reason": "why" }"""), "$.rules[0]" },
        { Doc("", $$""" "tasks": { "{{LoneSurrogate}}": { "activation": 0.5 } }, """), "$.tasks" },
    };

    [Theory]
    [MemberData(nameof(LoneSurrogateDocuments))]
    public async Task Load_EscapedLoneSurrogate_IsAValidationErrorAtItsPath(string json, string path)
    {
        var fromText = Assert.Throws<RulebookValidationException>(() => RulebookJson.LoadDocument(json));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var fromStream = await Assert.ThrowsAsync<RulebookValidationException>(() => RulebookJson.LoadAsync(stream, cancellationToken: TestContext.Current.CancellationToken));

        foreach (var errors in new[] { fromText.Errors, fromStream.Errors })
        {
            var error = Assert.Single(errors);
            Assert.Equal(path, error.Path);
            Assert.Contains("unpaired surrogate", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Load_RawLoneSurrogateInTheText_IsMalformedWithLineAndPosition()
    {
        var json = "{\n  \"name\": \"a\ud800\", \"version\": \"1\", \"model\": \"gartner\", \"rules\": [] }";

        var error = Assert.Single(Assert.Throws<RulebookValidationException>(() => RulebookJson.Load(json)).Errors);

        Assert.Equal("$", error.Path);
        Assert.Contains("line 2, position 13", error.Message, StringComparison.Ordinal);
        Assert.Contains("unpaired surrogate", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"reason\": \"caf\u00e9\"")]
    [InlineData("\"caf\u00e9\": 1")]
    [InlineData("/* caf\u00e9 */ \"reason\": \"ok\"")]
    public async Task LoadAsync_Latin1Bytes_IsAValidationErrorWithLineAndBytePosition(string member)
    {
        var json = "{ \"name\": \"acme\", \"version\": \"1\", \"model\": \"gartner\",\n  \"rules\": [ { \"id\": \"r\", \"signalType\": \"x\", \"evidence\": [ { \"task\": \"Validation\", \"strength\": \"weak\" } ], " + member + " } ] }";
        using var stream = new MemoryStream(Encoding.Latin1.GetBytes(json));

        var ex = await Assert.ThrowsAsync<RulebookValidationException>(() => RulebookJson.LoadDocumentAsync(stream, cancellationToken: TestContext.Current.CancellationToken));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("$", error.Path);
        var position = json.Split('\n')[1].IndexOf('\u00e9', StringComparison.Ordinal) + 1;
        Assert.Contains($"line 2, byte {position}", error.Message, StringComparison.Ordinal);
        Assert.Contains("not UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_Utf8WithByteOrderMark_Loads()
    {
        var json = Doc(GoodRule);
        using var stream = new MemoryStream([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(json)]);

        var rulebook = await RulebookJson.LoadAsync(stream, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("ok", Assert.Single(rulebook.Rules).Id);
    }
}
