using System;
using System.Linq;
using BuyingJourney.Evidence;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Rules;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Rules;

public sealed class RulebookTests
{
    private static readonly EvidenceRule First = Rule("test:first");
    private static readonly EvidenceRule Second = Rule("test:second");

    [Fact]
    public void Constructor_KeepsNameVersionAndRulesInOrder()
    {
        var rulebook = new Rulebook("mine", "2.1", [Second, First]);

        Assert.Equal("mine", rulebook.Name);
        Assert.Equal("2.1", rulebook.Version);
        Assert.Equal(new[] { Second, First }, rulebook.Rules.ToArray());
        Assert.Equal("mine 2.1 (2 rules)", rulebook.ToString());
    }

    [Fact]
    public void Constructor_NoRules_IsAnEmptyRulebook()
    {
        var rulebook = new Rulebook("empty", "1", []);

        Assert.Empty(rulebook.Rules);
    }

    [Fact]
    public void Constructor_DuplicateRuleIds_ThrowsNamingTheId()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Rulebook("mine", "1", [First, Second, Rule("test:first")]));

        Assert.Equal("rules", ex.ParamName);
        Assert.Contains("\"test:first\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("mine", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_IdsDifferingOnlyInCase_AreDistinct()
    {
        var rulebook = new Rulebook("mine", "1", [Rule("test:a"), Rule("test:A")]);

        Assert.Equal(2, rulebook.Rules.Length);
    }

    [Fact]
    public void Constructor_NullRules_ThrowsArgumentNullNamingRules()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => new Rulebook("mine", "1", null!));

        Assert.Equal("rules", ex.ParamName);
    }

    [Fact]
    public void Constructor_NullRule_ThrowsNamingItsPosition()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Rulebook("mine", "1", [First, null!]));

        Assert.Equal("rules", ex.ParamName);
        Assert.Contains("rules[1]", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "1", "name")]
    [InlineData(" ", "1", "name")]
    [InlineData("mine", "", "version")]
    [InlineData("mine", "1\n", "version")]
    public void Constructor_BadNameOrVersion_ThrowsNamingIt(string name, string version, string field)
    {
        var ex = Assert.Throws<ArgumentException>(() => new Rulebook(name, version, []));

        Assert.Equal(field, ex.ParamName);
    }

    [Fact]
    public void Constructor_NameAndVersionOverTheirLimits_Throw()
    {
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new Rulebook(new string('n', 101), "1", [])).ParamName);
        Assert.Equal("version", Assert.Throws<ArgumentException>(() => new Rulebook("mine", new string('v', 51), [])).ParamName);
        Assert.Equal(100, new Rulebook(new string('n', 100), new string('v', 50), []).Name.Length);
    }

    [Fact]
    public void With_AppendsTheRulesAndMarksTheVersionCustom()
    {
        var rulebook = new Rulebook("mine", "2.1", [First]);

        var extended = rulebook.With([Second]);

        Assert.Equal("mine", extended.Name);
        Assert.Equal("2.1+custom", extended.Version);
        Assert.Equal(new[] { First, Second }, extended.Rules.ToArray());
        Assert.Single(rulebook.Rules);
    }

    [Fact]
    public void With_ExplicitVersion_UsesIt()
    {
        var extended = new Rulebook("mine", "2.1", [First]).With([Second], "3.0");

        Assert.Equal("3.0", extended.Version);
    }

    [Fact]
    public void With_RuleIdAlreadyInUse_Throws()
    {
        var rulebook = new Rulebook("mine", "1", [First]);

        var ex = Assert.Throws<ArgumentException>(() => rulebook.With([Rule("test:first")]));

        Assert.Contains("test:first", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_NullRules_ThrowsArgumentNullNamingRules()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => Rulebooks.Gartner.With(null!));

        Assert.Equal("rules", ex.ParamName);
    }

    [Fact]
    public void Build_AddedRules_ComeAfterTheRulebooksOwnAndLeaveTheDefaultAlone()
    {
        var engine = new JourneyEngineBuilder().AddRule(First).AddRule(Second).Build();

        Assert.Equal(41, engine.Rulebook.Rules.Length);
        Assert.Same(First, engine.Rulebook.Rules[39]);
        Assert.Same(Second, engine.Rulebook.Rules[40]);
        Assert.Equal("gartner-default", engine.Rulebook.Name);
        Assert.Equal("1.0.0+custom", engine.Rulebook.Version);
        Assert.Equal(39, Rulebooks.Gartner.Rules.Length);
    }

    [Fact]
    public void Build_NoAddedRules_UsesTheRulebookAsIs()
    {
        var rulebook = new Rulebook("mine", "1", [First]);

        var engine = new JourneyEngineBuilder().UseRulebook(rulebook).Build();

        Assert.Same(rulebook, engine.Rulebook);
    }

    [Fact]
    public void Build_AddedRuleReusingADefaultRuleId_Throws()
    {
        var builder = new JourneyEngineBuilder().AddRule(Rule("gartner:problem.stated"));

        var ex = Assert.Throws<ArgumentException>(builder.Build);

        Assert.Contains("gartner:problem.stated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TwoAddedRulesWithOneId_Throws()
    {
        var builder = new JourneyEngineBuilder()
            .AddRule("test:twice", null, (context, evidence) => { })
            .AddRule("test:twice", null, (context, evidence) => { });

        var ex = Assert.Throws<ArgumentException>(builder.Build);

        Assert.Contains("test:twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_RulesRunInRulebookOrder()
    {
        var rulebook = new Rulebook(
            "ordered",
            "1",
            [
                EvidenceRule.ForSignalType("z:first", "t", EvidenceItem.For(GartnerTasks.Validation, EvidenceStrength.Weak, "1")),
                EvidenceRule.Create("a:second", null, (context, evidence) => evidence.Add(GartnerTasks.Validation, EvidenceStrength.Weak, "2")),
                EvidenceRule.ForSignalType("m:third", "t", EvidenceItem.For(GartnerTasks.Validation, EvidenceStrength.Weak, "3")),
            ]);
        var engine = new JourneyEngineBuilder().UseRulebook(rulebook).Build();

        var result = engine.Apply(engine.Start(JourneyId), At(0, "s1", "t"));

        Assert.Equal("z:first, a:second, m:third", string.Join(", ", result.Evidence.Select(e => e.RuleId)));
        Assert.Equal(0.9, result.State.Tasks[4].Score, 12);
    }

    [Fact]
    public void Apply_EmptyRulebook_EverySignalIsUnrecognized()
    {
        var engine = new JourneyEngineBuilder().UseRulebook(new Rulebook("empty", "1", [])).Build();

        var state = ApplyAll(engine, Script((0, SignalTypes.ProblemStated), (1, SignalTypes.BudgetFrozen)));

        Assert.Equal(2, state.UnrecognizedSignalCount);
        Assert.Equal(JourneyStatus.Open, state.Status);
    }

    [Fact]
    public void Apply_CustomModelWithItsOwnDataRulebook_Works()
    {
        var model = new BuyingModel("rackham", [new TaskDefinition("need", "Need formation", "What do we need?"), new TaskDefinition("options", "Option evaluation", "Which option?")]);
        var rulebook = new Rulebook("rackham-rules", "1", [EvidenceRule.ForSignalType("rackham:pain", "pain", EvidenceItem.For("need", EvidenceStrength.Strong, "pain"))]);
        var engine = new JourneyEngineBuilder().UseModel(model).UseRulebook(rulebook).Build();

        var result = engine.Apply(engine.Start(JourneyId), At(0, "s1", "pain"));

        Assert.Equal("rackham", result.State.ModelName);
        Assert.Equal(2, result.State.Tasks.Length);
        Assert.Equal(TaskPhase.Active, result.State.Tasks[0].Phase);
    }

    private static EvidenceRule Rule(string id) => EvidenceRule.Create(id, null, (context, evidence) => { });
}
