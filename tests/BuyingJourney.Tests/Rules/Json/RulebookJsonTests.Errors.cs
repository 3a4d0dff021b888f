using System;
using System.Collections.Immutable;
using System.Linq;
using BuyingJourney.Rules.Json;
using Xunit;

namespace BuyingJourney.Tests.Rules.Json;

/// <summary>Every validation error, with its JSON path, and all of them at once.</summary>
public sealed partial class RulebookJsonTests
{
    private const string GoodRule = """{ "id": "ok", "signalType": "x", "evidence": [ { "task": "Validation", "strength": "weak" } ], "reason": "ok" }""";

    private static ImmutableArray<RulebookValidationError> ErrorsOf(string json)
        => Assert.Throws<RulebookValidationException>(() => RulebookJson.Load(json)).Errors;

    /// <summary>The document fails with exactly one error, at <paramref name="path"/>, whose message contains <paramref name="text"/>.</summary>
    private static void AssertSingleError(string json, string path, string text)
    {
        var error = Assert.Single(ErrorsOf(json));
        Assert.Equal(path, error.Path);
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    private static string RuleWithEvidence(string evidence)
        => Doc($$"""{ "id": "r", "signalType": "x", "evidence": [ {{evidence}} ], "reason": "why" }""");

    [Fact]
    public void Load_MalformedJson_ReportsLineAndPosition()
    {
        var json = "{\n  \"name\": \"a\",\n  \"version\": }";

        AssertSingleError(json, "$", "malformed JSON at line 3, position 14");
    }

    [Fact]
    public void Load_EmptyText_IsMalformed()
    {
        AssertSingleError("", "$", "malformed JSON at line 1");
    }

    [Fact]
    public void Load_RootNotAnObject_ReportsWrongType()
    {
        AssertSingleError("[]", "$", "expected an object, got an empty array");
    }

    [Fact]
    public void Load_MissingRequiredRootFields_ReportsEachOne()
    {
        var errors = ErrorsOf("{}");

        Assert.Equal(["$.name", "$.version", "$.model", "$.rules"], errors.Select(e => e.Path));
        Assert.All(errors, e => Assert.Contains("is missing", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownAndRepeatedProperties_AreErrors()
    {
        var errors = ErrorsOf("""{ "name": "a", "name": "b", "version": "1", "model": "gartner", "rules": [], "rulez": [] }""");

        Assert.Equal(["$.name", "$.rulez"], errors.Select(e => e.Path));
        Assert.Contains("more than once", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("unknown property \"rulez\"", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongTypes_NameTheExpectedType()
    {
        var errors = ErrorsOf("""{ "name": 1, "version": true, "model": "gartner", "rules": {} }""");

        Assert.Equal(["$.name", "$.version", "$.rules"], errors.Select(e => e.Path));
        Assert.Contains("expected a string, got a number", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("expected a string, got a boolean", errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("expected an array of rules, got an object", errors[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BlankName_IsAnError()
    {
        AssertSingleError("""{ "name": " ", "version": "1", "model": "gartner", "rules": [] }""", "$.name", "empty or whitespace");
    }

    [Fact]
    public void Load_ModelMismatch_IsAnError()
    {
        AssertSingleError("""{ "name": "a", "version": "1", "model": "rackham", "rules": [] }""", "$.model", "written for model \"rackham\"");
    }

    [Fact]
    public void Load_UnknownTaskInEvidence_ReportsThePathAndTheModelsTasks()
    {
        AssertSingleError(RuleWithEvidence("""{ "task": "Pricing", "strength": "strong" }"""), "$.rules[0].evidence[0].task", "unknown task \"Pricing\"; model \"gartner\" has ProblemIdentification, SolutionExploration");
    }

    [Fact]
    public void Load_UnknownTaskInOverrides_IsAnError()
    {
        AssertSingleError(Doc("", """ "tasks": { "Pricing": { "activation": 0.5 } }, """), "$.tasks.Pricing", "unknown task \"Pricing\"");
    }

    [Theory]
    [InlineData("-3", "must be above zero")]
    [InlineData("0", "must be above zero")]
    [InlineData("0.000001", "between one second and 3650 days")]
    [InlineData("4000", "between one second and 3650 days")]
    [InlineData("\"14\"", "expected a number, got a string")]
    public void Load_BadHalfLife_IsAnError(string value, string text)
    {
        AssertSingleError(Doc("", $$""" "tasks": { "Validation": { "halfLifeDays": {{value}} } }, """), "$.tasks.Validation.halfLifeDays", text);
    }

    [Theory]
    [InlineData("\"activation\": 0.1", "dormancy is 0.2, activation 0.1 and reopen 0.8")]
    [InlineData("\"dormancy\": 0.5", "dormancy is 0.5, activation 0.5")]
    [InlineData("\"reopen\": 0.4", "activation 0.5 and reopen 0.4")]
    [InlineData("\"activation\": 0.3, \"dormancy\": 0.4, \"reopen\": 0.35", "0 < dormancy < activation <= reopen")]
    public void Load_ThresholdOrderViolated_IsAnErrorAtTheTask(string settings, string text)
    {
        AssertSingleError(Doc("", $$""" "tasks": { "SupplierSelection": { {{settings}} } }, """), "$.tasks.SupplierSelection", text);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.5")]
    [InlineData("1001")]
    public void Load_ThresholdOutOfRange_IsAnErrorAtTheValue(string value)
    {
        AssertSingleError(Doc("", $$""" "tasks": { "SupplierSelection": { "dormancy": {{value}} } }, """), "$.tasks.SupplierSelection.dormancy", "must be above 0 and at most 1000");
    }

    [Fact]
    public void Load_DuplicateRuleId_NamesTheFirstUse()
    {
        AssertSingleError(Doc(GoodRule + "," + GoodRule), "$.rules[1].id", "duplicate rule id \"ok\" (first used at $.rules[0].id)");
    }

    [Fact]
    public void Load_DuplicateRuleIdThreeTimes_ReportsEachRepeat()
    {
        var errors = ErrorsOf(Doc(GoodRule + "," + GoodRule + "," + GoodRule));

        Assert.Equal(["$.rules[1].id", "$.rules[2].id"], errors.Select(e => e.Path));
    }

    [Theory]
    [InlineData("stalled")]
    [InlineData("Won")]
    [InlineData("none")]
    public void Load_UnknownJourneyEffect_IsAnError(string effect)
    {
        AssertSingleError(RuleWithEvidence($$"""{ "journey": "{{effect}}" }"""), "$.rules[0].evidence[0].journey", $"unknown journey effect \"{effect}\"; use stall, won, lost or at-risk");
    }

    [Theory]
    [InlineData("\"medium\"", "unknown strength \"medium\"; use strong, normal or weak")]
    [InlineData("2", "expected a string (strong, normal or weak), got a number")]
    public void Load_UnknownStrength_IsAnError(string strength, string text)
    {
        AssertSingleError(RuleWithEvidence($$"""{ "task": "Validation", "strength": {{strength}} }"""), "$.rules[0].evidence[0].strength", text);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1000.5")]
    public void Load_WeightOutOfRange_IsAnError(string weight)
    {
        AssertSingleError(RuleWithEvidence($$"""{ "task": "Validation", "weight": {{weight}} }"""), "$.rules[0].evidence[0].weight", "must be above 0 and at most 1000");
    }

    [Theory]
    [InlineData("""{ "task": "Validation" }""", "$.rules[0].evidence[0]", "needs one of \"strength\", \"weight\" or \"completes\"")]
    [InlineData("""{ "task": "Validation", "strength": "weak", "weight": 0.2 }""", "$.rules[0].evidence[0]", "takes only one of")]
    [InlineData("""{ "task": "Validation", "completes": false }""", "$.rules[0].evidence[0].completes", "expected true, got a boolean")]
    [InlineData("""{ "strength": "weak" }""", "$.rules[0].evidence[0]", "needs a \"task\"")]
    [InlineData("""{ "journey": "won", "task": "Validation" }""", "$.rules[0].evidence[0].task", "journey evidence takes no \"task\"")]
    [InlineData("""{ "journey": 3 }""", "$.rules[0].evidence[0].journey", "expected a string (stall, won, lost or at-risk)")]
    [InlineData("""{ "task": "Validation", "strength": "weak", "colour": "red" }""", "$.rules[0].evidence[0].colour", "unknown property \"colour\"")]
    [InlineData("""{ "task": 7, "strength": "weak" }""", "$.rules[0].evidence[0].task", "expected a string, got a number")]
    [InlineData("\"weak\"", "$.rules[0].evidence[0]", "expected an object, got a string")]
    public void Load_MalformedEvidence_IsAnError(string evidence, string path, string text)
    {
        AssertSingleError(RuleWithEvidence(evidence), path, text);
    }

    [Theory]
    [InlineData("""{ "signalType": "x", "evidence": [ { "task": "Validation", "strength": "weak" } ], "reason": "r" }""", "$.rules[0].id", "\"id\" is missing")]
    [InlineData("""{ "id": "r", "evidence": [ { "task": "Validation", "strength": "weak" } ], "reason": "r" }""", "$.rules[0].signalType", "\"signalType\" is missing")]
    [InlineData("""{ "id": "r", "signalType": "x", "reason": "r" }""", "$.rules[0].evidence", "\"evidence\" is missing")]
    [InlineData("""{ "id": "r", "signalType": "x", "evidence": [], "reason": "r" }""", "$.rules[0].evidence", "non-empty array of evidence, got an empty array")]
    [InlineData("""{ "id": "r", "signalType": "x", "evidence": [ { "task": "Validation", "strength": "weak" } ] }""", "$.rules[0].evidence[0]", "has no reason")]
    [InlineData("""{ "id": "r", "signalType": "x", "evidence": [ { "task": "Validation", "strength": "weak" } ], "reason": "" }""", "$.rules[0].reason", "empty or whitespace")]
    [InlineData("""{ "id": "r", "signalType": "x", "if": "1 == 1", "evidence": [ { "task": "Validation", "strength": "weak" } ], "reason": "r" }""", "$.rules[0].if", "unknown property \"if\"")]
    [InlineData("3", "$.rules[0]", "expected an object, got a number")]
    public void Load_MalformedRule_IsAnError(string rule, string path, string text)
    {
        AssertSingleError(Doc(rule), path, text);
    }

    [Theory]
    [InlineData("""{ "attributes": [ { "key": "a" } ] }""", "$.rules[0].when.attributes[0]", "needs one of \"equals\", \"oneOf\" or \"exists\"")]
    [InlineData("""{ "attributes": [ { "key": "a", "equals": "1", "exists": true } ] }""", "$.rules[0].when.attributes[0]", "takes only one of")]
    [InlineData("""{ "attributes": [ { "equals": "1" } ] }""", "$.rules[0].when.attributes[0].key", "\"key\" is missing")]
    [InlineData("""{ "attributes": [ { "key": "a", "oneOf": [] } ] }""", "$.rules[0].when.attributes[0].oneOf", "non-empty array of strings")]
    [InlineData("""{ "attributes": [ { "key": "a", "oneOf": [ "x", 2 ] } ] }""", "$.rules[0].when.attributes[0].oneOf[1]", "expected a string, got a number")]
    [InlineData("""{ "attributes": [ { "key": "a", "exists": "yes" } ] }""", "$.rules[0].when.attributes[0].exists", "expected true or false")]
    [InlineData("""{ "attributes": [ { "key": "a", "equals": 1 } ] }""", "$.rules[0].when.attributes[0].equals", "expected a string, got a number")]
    [InlineData("""{ "attributes": { "key": "a" } }""", "$.rules[0].when.attributes", "expected an array of attribute conditions")]
    [InlineData("""{ "stakeholderRole": 5 }""", "$.rules[0].when.stakeholderRole", "expected a string")]
    [InlineData("""{ "expression": "signal.Attributes[\"x\"] == \"y\"" }""", "$.rules[0].when.expression", "unknown property \"expression\"")]
    public void Load_MalformedCondition_IsAnError(string when, string path, string text)
    {
        AssertSingleError(Doc($$"""{ "id": "r", "signalType": "x", "when": {{when}}, "evidence": [ { "task": "Validation", "strength": "weak" } ], "reason": "r" }"""), path, text);
    }

    [Fact]
    public void Load_TooMuchEvidenceInOneRule_IsAnError()
    {
        var evidence = string.Join(",", Enumerable.Repeat("""{ "task": "Validation", "strength": "weak" }""", 65));

        AssertSingleError(RuleWithEvidence(evidence), "$.rules[0].evidence", "at most 64 pieces");
    }

    [Fact]
    public void Load_OddTaskKey_UsesBracketNotationInThePath()
    {
        AssertSingleError(Doc("", """ "tasks": { "no such-task": { } }, """), "$.tasks['no such-task']", "unknown task");
    }

    [Fact]
    public void Load_ManyProblems_ReportsEveryOneAtOnceInDocumentOrder()
    {
        var json = """
            {
              "name": "broken", "version": "1", "model": "gartner",
              "tasks": { "Validation": { "halfLifeDays": -1 }, "SupplierSelection": { "activation": 0.9, "reopen": 0.7 } },
              "rules": [
                { "id": "a", "signalType": "x", "evidence": [ { "task": "Pricing", "strength": "strong" } ], "reason": "r" },
                { "id": "a", "signalType": "y", "evidence": [ { "journey": "paused" } ], "reason": "r" },
                { "id": "b", "signalType": "z", "evidence": [ { "task": "Validation", "strength": "huge" }, { "task": "Validation", "weight": -2 } ] }
              ]
            }
            """;

        var exception = Assert.Throws<RulebookValidationException>(() => RulebookJson.Load(json));

        Assert.Equal(
            [
                "$.tasks.Validation.halfLifeDays",
                "$.tasks.SupplierSelection",
                "$.rules[0].evidence[0].task",
                "$.rules[1].id",
                "$.rules[1].evidence[0].journey",
                "$.rules[2].evidence[0]",
                "$.rules[2].evidence[0].strength",
                "$.rules[2].evidence[1]",
                "$.rules[2].evidence[1].weight",
            ],
            exception.Errors.Select(e => e.Path));
        Assert.Contains("(9 problems)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("$.rules[1].evidence[0].journey: unknown journey effect \"paused\"", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OneBadRuleAmongGoodOnes_LoadsNothing()
    {
        var json = Doc(GoodRule + "," + """{ "id": "bad", "signalType": "x", "evidence": [ { "task": "Nope", "strength": "weak" } ], "reason": "r" }""");

        var exception = Assert.Throws<RulebookValidationException>(() => RulebookJson.LoadDocument(json));

        Assert.Single(exception.Errors);
    }

    [Fact]
    public void RulebookValidationError_ToString_IsPathColonMessage()
    {
        Assert.Equal("$.rules[0].id: bad", new RulebookValidationError("$.rules[0].id", "bad").ToString());
    }

    [Fact]
    public void RulebookValidationException_Constructors_KeepMessageAndErrors()
    {
        Assert.Empty(new RulebookValidationException().Errors);
        Assert.Equal("m", new RulebookValidationException("m").Message);
        Assert.IsType<InvalidOperationException>(new RulebookValidationException("m", new InvalidOperationException()).InnerException);
        var single = new RulebookValidationException([new RulebookValidationError("$", "x")]);
        Assert.Equal("the rulebook is not valid: $: x", single.Message);
        Assert.Throws<ArgumentNullException>(() => new RulebookValidationException((System.Collections.Generic.IEnumerable<RulebookValidationError>)null!));
    }
}
