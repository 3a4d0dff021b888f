using System;
using System.Linq;
using BuyingJourney.Rules;
using BuyingJourney.Rules.Json;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Rules.Json;

/// <summary>
/// What can never work is refused at load: more evidence for one signal than the engine takes
/// (<see cref="EvidenceCollector.MaxPerSignal"/>) from rules that can apply together, and rule ids the engine reserves.
/// </summary>
public sealed partial class RulebookJsonTests
{
    /// <summary>A rule of type "x" giving <paramref name="count"/> pieces of weak evidence, with an optional "when".</summary>
    private static string RuleOfX(string id, int count, string when = "")
        => $$"""{ "id": "{{id}}", "signalType": "x", {{when}} "evidence": [ {{string.Join(", ", Enumerable.Repeat("""{ "task": "Validation", "strength": "weak" }""", count))}} ], "reason": "why" }""";

    private static string WhenEquals(string key, string value) => $$""" "when": { "attributes": [ { "key": "{{key}}", "equals": "{{value}}" } ] }, """;

    [Fact]
    public void Load_UnconditionalRulesOfOneTypeOverTheLimit_IsAnErrorAtTheLastOfThem()
    {
        var ofAnotherType = GoodRule.Replace("\"x\"", "\"y\"", StringComparison.Ordinal);
        var json = Doc($"{RuleOfX("a", 40)}, {ofAnotherType}, {RuleOfX("b", 30)}");

        var error = Assert.Single(ErrorsOf(json));

        Assert.Equal("$.rules[2].signalType", error.Path);
        Assert.Contains("up to 70 pieces of evidence", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 64", error.Message, StringComparison.Ordinal);
        Assert.Contains("the rules at $.rules[0], $.rules[2] can give", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnconditionalRulesOfOneTypeAtTheLimit_Load()
    {
        var rulebook = RulebookJson.Load(Doc($"{RuleOfX("a", 32)}, {RuleOfX("b", 32)}"));

        Assert.Equal(64, EvidenceOf(rulebook, At(0, "s1", "x")).Length);
    }

    [Fact]
    public void Load_RulesNeedingDifferentValuesOfOneAttribute_CountApartAndWork()
    {
        var rulebook = RulebookJson.Load(Doc($"{RuleOfX("a", 40, WhenEquals("k", "1"))}, {RuleOfX("b", 40, WhenEquals("k", "2"))}, {RuleOfX("c", 24)}"));

        Assert.Equal(64, EvidenceOf(rulebook, WithAttributes("s1", "x", null, ("k", "2"))).Length);
    }

    [Fact]
    public void Load_ConditionalRulesThatCanApplyTogether_CountTogether()
    {
        var errors = ErrorsOf(Doc($"{RuleOfX("a", 40, WhenEquals("k", "1"))}, {RuleOfX("b", 40, WhenEquals("other", "2"))}"));

        var error = Assert.Single(errors);
        Assert.Equal("$.rules[1].signalType", error.Path);
        Assert.Contains("up to 80 pieces", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RulesForDifferentRolesCountApart_RulesForAnyRoleCountWithEach()
    {
        var decisionMaker = """ "when": { "stakeholderRole": "decision-maker" }, """;
        var user = """ "when": { "stakeholderRole": "user" }, """;

        var apart = RulebookJson.Load(Doc($"{RuleOfX("a", 40, decisionMaker)}, {RuleOfX("b", 40, user)}"));
        var error = Assert.Single(ErrorsOf(Doc($"{RuleOfX("a", 40, decisionMaker)}, {RuleOfX("b", 40, user)}, {RuleOfX("c", 30)}")));

        Assert.Equal(40, EvidenceOf(apart, WithAttributes("s1", "x", new Stakeholder("p1", "user"))).Length);
        Assert.Contains("up to 70 pieces", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AbsentAndPresentAttributeCountApart()
    {
        var absent = """ "when": { "attributes": [ { "key": "k", "exists": false } ] }, """;
        var present = """ "when": { "attributes": [ { "key": "k", "exists": true } ] }, """;

        var rulebook = RulebookJson.Load(Doc($"{RuleOfX("a", 40, absent)}, {RuleOfX("b", 30, present)}, {RuleOfX("c", 30, WhenEquals("k", "1"))}"));
        var error = Assert.Single(ErrorsOf(Doc($"{RuleOfX("a", 40, absent)}, {RuleOfX("b", 30, present)}, {RuleOfX("c", 40, WhenEquals("k", "1"))}")));

        Assert.Equal(60, EvidenceOf(rulebook, WithAttributes("s1", "x", null, ("k", "1"))).Length);
        Assert.Contains("up to 70 pieces", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("buying-group:newcomer-after-consensus")]
    [InlineData("buying-group:mine")]
    public void Load_RuleIdInTheEnginesReservedSpace_IsAnError(string id)
    {
        AssertSingleError(Doc($$"""{ "id": "{{id}}", "signalType": "x", "evidence": [ { "task": "Validation", "strength": "weak" } ], "reason": "why" }"""), "$.rules[0].id", "reserved");
    }
}
