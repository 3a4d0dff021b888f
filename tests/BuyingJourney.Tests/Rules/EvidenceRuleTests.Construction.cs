using System;
using System.Linq;
using BuyingJourney.Evidence;
using BuyingJourney.Model;
using BuyingJourney.Rules;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Rules;

// Evidence rule tests, part: building rules and engines (ids, signal types, data rules checked against the model).
public sealed partial class EvidenceRuleTests
{
    [Fact]
    public void Build_DataRuleNamingATaskTheModelLacks_Throws()
    {
        var builder = new JourneyEngineBuilder()
            .AddRule(EvidenceRule.ForSignalType("test:data", Custom, EvidenceItem.For("NoSuchTask", EvidenceStrength.Strong, "typo")));

        var ex = Assert.Throws<ArgumentException>(builder.Build);

        Assert.Contains("test:data", ex.Message, StringComparison.Ordinal);
        Assert.Contains("NoSuchTask", ex.Message, StringComparison.Ordinal);
        Assert.Contains("gartner", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_DataRuleCompletingATaskTheModelLacks_Throws()
    {
        var builder = new JourneyEngineBuilder()
            .AddRule(EvidenceRule.ForSignalType("test:data", Custom, EvidenceItem.Completes("NoSuchTask", "typo")));

        var ex = Assert.Throws<ArgumentException>(builder.Build);

        Assert.Contains("NoSuchTask", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OtherModelWithTheGartnerRulebook_ThrowsNamingARuleAndTheModel()
    {
        var model = new BuyingModel("tiny", [new TaskDefinition("need", "Need", "Why?")]);

        var ex = Assert.Throws<ArgumentException>(new JourneyEngineBuilder().UseModel(model).Build);

        Assert.Contains("gartner:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tiny", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForSignalType_MakesADataRuleForThatType()
    {
        var rule = EvidenceRule.ForSignalType(
            "test:data",
            Custom,
            EvidenceItem.For(GartnerTasks.Validation, EvidenceStrength.Normal, "a"),
            EvidenceItem.Completes(GartnerTasks.SupplierSelection, "b"));
        var engine = new JourneyEngineBuilder().AddRule(rule).Build();

        var result = engine.Apply(engine.Start(JourneyId), At(0, "s1", Custom));

        Assert.Equal("test:data", rule.Id);
        Assert.Equal(Custom, Assert.Single(rule.AppliesTo));
        Assert.Equal(new[] { EvidenceKind.Weight, EvidenceKind.Completion }, result.Evidence.Select(e => e.Kind).ToArray());
        Assert.Equal(0.6, result.Evidence[0].Weight);
    }

    [Fact]
    public void ForSignalType_NoEvidence_ThrowsNamingEvidence()
    {
        var ex = Assert.Throws<ArgumentException>(() => EvidenceRule.ForSignalType("test:data", Custom));

        Assert.Equal("evidence", ex.ParamName);
        Assert.Contains("test:data", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForSignalType_DefaultEvidence_ThrowsNamingEvidence()
    {
        var ex = Assert.Throws<ArgumentException>(() => EvidenceRule.ForSignalType("test:data", Custom, default(EvidenceItem)));

        Assert.Equal("evidence", ex.ParamName);
    }

    [Fact]
    public void ForSignalType_NullEvidence_ThrowsArgumentNull()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => EvidenceRule.ForSignalType("test:data", Custom, null!));

        Assert.Equal("evidence", ex.ParamName);
    }

    [Fact]
    public void Create_NullCallback_ThrowsArgumentNullNamingCallback()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => EvidenceRule.Create("test:x", null, null!));

        Assert.Equal("callback", ex.ParamName);
    }

    [Fact]
    public void Constructor_NullSignalTypes_MeansEverySignal()
    {
        var rule = EvidenceRule.Create("test:x", null, (context, evidence) => { });

        Assert.Empty(rule.AppliesTo);
        Assert.Equal("test:x", rule.Id);
        Assert.Equal("test:x", rule.ToString());
    }

    [Fact]
    public void Constructor_RepeatedSignalTypes_AreKeptOnceInOrder()
    {
        var rule = EvidenceRule.Create("test:x", ["b", "a", "b", "a"], (context, evidence) => { });

        Assert.Equal("b, a", string.Join(", ", rule.AppliesTo));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("rule\u0002")]
    public void Constructor_BadId_ThrowsNamingTheRuleId(string id)
    {
        var ex = Assert.Throws<ArgumentException>(() => EvidenceRule.Create(id, null, (context, evidence) => { }));

        Assert.Equal("rule id", ex.ParamName);
    }

    [Fact]
    public void Constructor_IdAtAndOverItsLimit_AcceptedThenRejected()
    {
        var longest = new string('r', EvidenceRule.MaxIdLength);

        var accepted = EvidenceRule.Create(longest, null, (context, evidence) => { });
        var ex = Assert.Throws<ArgumentException>(() => EvidenceRule.Create(longest + "r", null, (context, evidence) => { }));

        Assert.Equal(longest, accepted.Id);
        Assert.Contains("128", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NullId_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => new PainRule(null!));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("type\n")]
    public void Constructor_BadSignalType_ThrowsNamingTheRule(string type)
    {
        var ex = Assert.Throws<ArgumentException>(() => EvidenceRule.Create("test:x", [type], (context, evidence) => { }));

        Assert.Contains("test:x", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Subclass_NamingTheSignalTypesClassInItsBody_CompilesAndRuns()
    {
        var engine = new JourneyEngineBuilder().UseRulebook(new Rulebook("events", "1", [new EventRule()])).Build();

        var result = engine.Apply(engine.Start(JourneyId), At(0, "s1", SignalTypes.EventAttended));

        var record = Assert.Single(result.Evidence);
        Assert.Equal(("test:event", GartnerTasks.SolutionExploration), (record.RuleId, record.TaskId));
        Assert.Equal([SignalTypes.EventAttended], new EventRule().AppliesTo);
    }
}
