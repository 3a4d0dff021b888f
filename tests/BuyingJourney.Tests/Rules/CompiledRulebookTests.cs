using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Evidence;
using BuyingJourney.Model;
using BuyingJourney.Rules;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Rules;

/// <summary>
/// Building an engine indexes its rulebook by signal type in time linear in the rules and their types (it was
/// quadratic in the number of distinct types: 100,000 of them did not build in 300 s). No timing is asserted: the
/// timeouts are generous enough for a loaded machine and only a quadratic build reaches them.
/// </summary>
public sealed class CompiledRulebookTests
{
    private const int ManyTypes = 100_000;

    [Fact(Timeout = 120_000)]
    public async Task Build_OneRulePerTypeForManyDistinctTypes_FinishesAndFindsTheLastTypesRule()
    {
        var rules = Enumerable.Range(0, ManyTypes)
            .Select(i => EvidenceRule.ForSignalType(Name("r", i), Name("t", i), EvidenceItem.For(GartnerTasks.Validation, EvidenceStrength.Weak, "seen")))
            .ToArray();
        var rulebook = new Rulebook("many", "1", rules);

        var engine = await Task.Run(() => new JourneyEngineBuilder().UseRulebook(rulebook).Build(), TestContext.Current.CancellationToken);
        var result = engine.Apply(engine.Start(JourneyId), At(0, "s1", Name("t", ManyTypes - 1)));

        var record = Assert.Single(result.Evidence);
        Assert.Equal(Name("r", ManyTypes - 1), record.RuleId);
        Assert.Equal(GartnerTasks.Validation, record.TaskId);
    }

    [Fact(Timeout = 120_000)]
    public async Task Build_OneRuleReadingManyDistinctTypes_FinishesAndRunsItForTheLastTypeAfterTheRulebooksRules()
    {
        var types = Enumerable.Range(0, ManyTypes).Select(i => Name("t", i)).ToArray();
        var last = types[^1];

        var engine = await Task.Run(
            () => new JourneyEngineBuilder()
                .UseRulebook(new Rulebook("one", "1", [EvidenceRule.ForSignalType("first", last, EvidenceItem.For(GartnerTasks.Validation, EvidenceStrength.Weak, "first"))]))
                .AddRule("wide", types, (context, evidence) => evidence.Add(GartnerTasks.SupplierSelection, EvidenceStrength.Weak, "wide"))
                .AddRule("any", null, (context, evidence) => evidence.Add(GartnerTasks.ProblemIdentification, EvidenceStrength.Weak, "any"))
                .Build(),
            TestContext.Current.CancellationToken);
        var result = engine.Apply(engine.Start(JourneyId), At(0, "s1", last));

        Assert.Equal(["first", "wide", "any"], result.Evidence.Select(e => e.RuleId));
        Assert.Equal(types.Length, engine.Rulebook.Rules[1].AppliesTo.Length);
    }

    [Fact]
    public void Build_DataRulesOfOneTypeOverTheEvidenceLimit_ThrowsNamingTheTypeAndTheRules()
    {
        var rulebook = new Rulebook("big", "1", [Weak("a", "x", 40), Weak("other", "y", 40), Weak("b", "x", 30)]);

        var ex = Assert.Throws<ArgumentException>(() => new JourneyEngineBuilder().UseRulebook(rulebook).Build());

        Assert.Equal("rulebook", ex.ParamName);
        Assert.Contains("signal type \"x\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("up to 70 pieces of evidence", ex.Message, StringComparison.Ordinal);
        Assert.Contains("\"a\", \"b\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_DataRulesOfOneTypeAtTheEvidenceLimit_Works()
    {
        var engine = new JourneyEngineBuilder().UseRulebook(new Rulebook("full", "1", [Weak("a", "x", 40)])).AddRule(Weak("b", "x", 24)).Build();

        Assert.Equal(64, engine.Apply(engine.Start(JourneyId), At(0, "s1", "x")).Evidence.Length);
    }

    [Theory]
    [InlineData("buying-group:newcomer-after-consensus")]
    [InlineData("buying-group:mine")]
    public void AddRule_IdInTheEnginesReservedSpace_ThrowsNamingTheId(string id)
    {
        var builder = new JourneyEngineBuilder();

        var ex = Assert.Throws<ArgumentException>(() => builder.AddRule(id, null, (context, evidence) => { }));
        var data = Assert.Throws<ArgumentException>(() => builder.AddRule(Weak(id, "x", 1)));

        Assert.Equal("rule", ex.ParamName);
        Assert.Contains($"\"{id}\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("reserved", data.Message, StringComparison.Ordinal);
        Assert.Empty(builder.Build().Rulebook.Rules.Where(rule => rule.Id == id));
    }

    [Fact]
    public void Build_RulebookWithAnIdInTheEnginesReservedSpace_ThrowsNamingTheId()
    {
        var rulebook = new Rulebook("mine", "1", [Weak("buying-group:mine", "x", 1)]);

        var ex = Assert.Throws<ArgumentException>(() => new JourneyEngineBuilder().UseRulebook(rulebook).Build());

        Assert.Contains("\"buying-group:mine\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("reserved", ex.Message, StringComparison.Ordinal);
    }

    private static EvidenceRule Weak(string id, string type, int count)
        => EvidenceRule.ForSignalType(id, type, [.. Enumerable.Repeat(EvidenceItem.For(GartnerTasks.Validation, EvidenceStrength.Weak, "seen"), count)]);

    private static string Name(string prefix, int i) => prefix + i.ToString(CultureInfo.InvariantCulture);
}
