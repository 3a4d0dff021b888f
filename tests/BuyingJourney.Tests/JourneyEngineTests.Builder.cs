using System;
using System.Collections.Generic;
using System.Linq;
using BuyingJourney.Advice;
using BuyingJourney.Assessment;
using BuyingJourney.Model;
using BuyingJourney.Playbooks;
using BuyingJourney.Rules;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;
using Microsoft.Extensions.Time.Testing;

namespace BuyingJourney.Tests;

/// <summary>Building an engine: defaults, JourneyEngineBuilder, options and the loop-back retention they control.</summary>
public sealed partial class JourneyEngineTests
{
    [Fact]
    public void CreateDefault_UsesTheGartnerDefinitionsAndDefaultOptions()
    {
        var engine = JourneyEngine.CreateDefault();

        Assert.Same(BuyingModels.Gartner, engine.Model);
        Assert.Same(Rulebooks.Gartner, engine.Rulebook);
        Assert.Same(DefaultPlaybook.Instance, engine.Playbook);
        Assert.Equal(100, engine.Options.MaxLoopBacksRetained);
    }

    [Fact]
    public void Options_IsACopy_ChangingItDoesNotChangeTheEngine()
    {
        var engine = JourneyEngine.CreateDefault();

        engine.Options.MaxLoopBacksRetained = 5;

        Assert.Equal(100, engine.Options.MaxLoopBacksRetained);
        Assert.NotSame(engine.Options, engine.Options);
    }

    [Fact]
    public void Builder_NothingChanged_BuildsTheDefaults()
    {
        var engine = new JourneyEngineBuilder().Build();

        Assert.Same(BuyingModels.Gartner, engine.Model);
        Assert.Same(Rulebooks.Gartner, engine.Rulebook);
        Assert.Same(DefaultPlaybook.Instance, engine.Playbook);
    }

    [Fact]
    public void Builder_UseEverything_TheEngineUsesWhatWasGiven()
    {
        var model = new BuyingModel("tiny", [new TaskDefinition("need", "Need", "Why?")]);
        var rulebook = new Rulebook("tiny-rules", "1", []);
        var playbook = new SilentPlaybook();
        var clock = new FakeTimeProvider(Day(3));

        var engine = new JourneyEngineBuilder()
            .UseModel(model)
            .UseRulebook(rulebook)
            .UsePlaybook(playbook)
            .UseTimeProvider(clock)
            .Configure(options => options.MaxLoopBacksRetained = 7)
            .Build();

        Assert.Same(model, engine.Model);
        Assert.Same(rulebook, engine.Rulebook);
        Assert.Same(playbook, engine.Playbook);
        Assert.Equal(7, engine.Options.MaxLoopBacksRetained);
        Assert.Equal(Day(3), engine.Assess(engine.Start(JourneyId)).AsOf);
    }

    [Fact]
    public void Builder_ConfigureTwice_BothRunInOrder()
    {
        var engine = new JourneyEngineBuilder()
            .Configure(options => options.MaxLoopBacksRetained = 5)
            .Configure(options => options.MaxLoopBacksRetained *= 3)
            .Build();

        Assert.Equal(15, engine.Options.MaxLoopBacksRetained);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(JourneyEngineOptions.MaxLoopBacksLimit + 1)]
    public void Build_MaxLoopBacksRetainedOutOfRange_ThrowsNamingTheOptionAndRange(int value)
    {
        var builder = new JourneyEngineBuilder().Configure(options => options.MaxLoopBacksRetained = value);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(builder.Build);

        Assert.Equal(nameof(JourneyEngineOptions.MaxLoopBacksRetained), ex.ParamName);
        Assert.Contains("MaxLoopBacksRetained", ex.Message, StringComparison.Ordinal);
        Assert.Contains("between 1 and 100000", ex.Message, StringComparison.Ordinal);
        Assert.Equal(value, ex.ActualValue);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(JourneyEngineOptions.MaxLoopBacksLimit)]
    public void Build_MaxLoopBacksRetainedAtItsLimits_IsAccepted(int value)
    {
        var engine = new JourneyEngineBuilder().Configure(options => options.MaxLoopBacksRetained = value).Build();

        Assert.Equal(value, engine.Options.MaxLoopBacksRetained);
    }

    [Fact]
    public void Options_Defaults()
    {
        Assert.Equal(100, new JourneyEngineOptions().MaxLoopBacksRetained);
        Assert.Equal(100_000, JourneyEngineOptions.MaxLoopBacksLimit);
    }

    [Fact]
    public void MaxLoopBacksRetained_TrimsTheListToTheMostRecent_ButTheCountsStayExact()
    {
        var engine = new JourneyEngineBuilder().Configure(options => options.MaxLoopBacksRetained = 2).Build();
        var signals = LoopingSignals(5);

        var applied = ApplyAll(engine, signals);
        var replayed = engine.Replay(JourneyId, signals);

        Assert.Equal(applied, replayed);
        Assert.Equal(5, replayed.LoopBackCount);
        Assert.Equal(5, replayed.Tasks[0].LoopBackCount);
        Assert.Equal("s9, s11", string.Join(", ", replayed.LoopBacks.Select(l => l.SignalId)));
        Assert.Equal(5, engine.Assess(replayed, Day(10)).Task(GartnerTasks.ProblemIdentification).LoopBackCount);
    }

    [Fact]
    public void MaxLoopBacksRetained_Default_KeepsEveryLoopBackUpToOneHundred()
    {
        var state = Engine.Replay(JourneyId, LoopingSignals(5));

        Assert.Equal(5, state.LoopBacks.Length);
        Assert.Equal(5, state.LoopBackCount);
        Assert.Equal("s3", state.LoopBacks[0].SignalId);
    }

    [Fact]
    public void Builder_AfterBuild_EveryCallThrowsInvalidOperation()
    {
        var builder = new JourneyEngineBuilder();
        builder.Build();
        var configured = false;

        var calls = new List<Action>
        {
            () => builder.Build(),
            () => builder.UseModel(BuyingModels.Gartner),
            () => builder.UseRulebook(Rulebooks.Gartner),
            () => builder.AddRule(EvidenceRule.Create("test:late", null, (context, evidence) => { })),
            () => builder.AddRule("test:late", null, (context, evidence) => { }),
            () => builder.UsePlaybook(DefaultPlaybook.Instance),
            () => builder.UseTimeProvider(TimeProvider.System),
            () => builder.Configure(options => configured = true),
        };

        Assert.All(calls, call => Assert.Contains("already built", Assert.Throws<InvalidOperationException>(call).Message, StringComparison.Ordinal));
        Assert.False(configured);
    }

    [Fact]
    public void Builder_NullArguments_ThrowNamingTheParameter()
    {
        var builder = new JourneyEngineBuilder();

        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => builder.UseModel(null!)).ParamName);
        Assert.Equal("rulebook", Assert.Throws<ArgumentNullException>(() => builder.UseRulebook(null!)).ParamName);
        Assert.Equal("rule", Assert.Throws<ArgumentNullException>(() => builder.AddRule(null!)).ParamName);
        Assert.Equal("callback", Assert.Throws<ArgumentNullException>(() => builder.AddRule("test:x", null, null!)).ParamName);
        Assert.Equal("playbook", Assert.Throws<ArgumentNullException>(() => builder.UsePlaybook(null!)).ParamName);
        Assert.Equal("timeProvider", Assert.Throws<ArgumentNullException>(() => builder.UseTimeProvider(null!)).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => builder.Configure(null!)).ParamName);
    }

    [Fact]
    public void Builder_ChangingTheBuilderAfterBuildingIsImpossible_SoTheEngineKeepsItsOptions()
    {
        var options = (JourneyEngineOptions?)null;
        var engine = new JourneyEngineBuilder().Configure(o =>
        {
            o.MaxLoopBacksRetained = 4;
            options = o;
        }).Build();

        options!.MaxLoopBacksRetained = 1;

        Assert.Equal(4, engine.Options.MaxLoopBacksRetained);
    }

    /// <summary>PI started, then <paramref name="loops"/> rounds of completion and a strong reopen: s3, s5, s7... are loop-backs.</summary>
    private static Signal[] LoopingSignals(int loops)
    {
        var steps = new List<(double, string)> { (0, SignalTypes.ProblemStated) };
        for (var i = 0; i < loops; i++)
        {
            steps.Add((steps.Count, SignalTypes.ProblemDefined));
            steps.Add((steps.Count, SignalTypes.ProblemStated));
        }

        return Script([.. steps]);
    }

    private sealed class SilentPlaybook : IPlaybook
    {
        public void Advise(AdviceContext context, ActionCollector actions)
        {
        }
    }
}
