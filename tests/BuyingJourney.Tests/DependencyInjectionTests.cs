using System;
using System.Collections.Generic;
using System.Linq;
using BuyingJourney.Advice;
using BuyingJourney.Assessment;
using BuyingJourney.Evidence;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Playbooks;
using BuyingJourney.Rules;
using BuyingJourney.Signals;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;
using Microsoft.Extensions.Time.Testing;

namespace BuyingJourney.Tests;

/// <summary>AddBuyingJourney and the BuyingJourneyBuilder it returns.</summary>
public sealed class DependencyInjectionTests
{
    [Fact]
    public void AddBuyingJourney_RegistersAResolvableSingletonEngineWithTheDefaults()
    {
        var services = new ServiceCollection();

        services.AddBuyingJourney();
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<JourneyEngine>();

        Assert.Same(engine, provider.GetRequiredService<JourneyEngine>());
        Assert.Equal(ServiceLifetime.Singleton, services.Single(d => d.ServiceType == typeof(JourneyEngine)).Lifetime);
        Assert.Same(BuyingModels.Gartner, engine.Model);
        Assert.Same(Rulebooks.Gartner, engine.Rulebook);
        Assert.Same(DefaultPlaybook.Instance, engine.Playbook);
        Assert.Equal(100, engine.Options.MaxLoopBacksRetained);
    }

    [Fact]
    public void AddBuyingJourney_Twice_DoesNotDuplicateRegistrations()
    {
        var services = new ServiceCollection();

        services.AddBuyingJourney();
        services.AddBuyingJourney();

        Assert.Equal(1, Count<JourneyEngine>(services));
        Assert.Equal(1, Count<BuyingModel>(services));
        Assert.Equal(1, Count<Rulebook>(services));
        Assert.Equal(1, Count<IPlaybook>(services));
        Assert.Equal(0, Count<EvidenceRule>(services));
        using var provider = services.BuildServiceProvider();
        Assert.Equal(39, provider.GetRequiredService<JourneyEngine>().Rulebook.Rules.Length);
    }

    [Fact]
    public void AddBuyingJourney_ReturnsABuilderOnTheSameCollectionAndRunsTheCallback()
    {
        var services = new ServiceCollection();
        BuyingJourneyBuilder? seen = null;

        var builder = services.AddBuyingJourney(b => seen = b);

        Assert.Same(services, builder.Services);
        Assert.Same(builder, seen);
    }

    [Fact]
    public void AddRuleOfT_Twice_RegistersOnce()
    {
        var services = new ServiceCollection();

        services.AddBuyingJourney(b => b.AddRule<ComplaintRule>().AddRule<ComplaintRule>());
        services.AddBuyingJourney(b => b.AddRule<ComplaintRule>());

        Assert.Equal(1, services.Count(d => d.ServiceType == typeof(EvidenceRule) && d.ImplementationType == typeof(ComplaintRule)));
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<JourneyEngine>();
        Assert.Single(engine.Rulebook.Rules, rule => rule.Id == ComplaintRule.RuleId);
    }

    [Fact]
    public void AddRule_LambdaAndInstance_ReachTheEnginesRulebookAfterTheDefaultRules()
    {
        var instance = EvidenceRule.ForSignalType("test:instance", "custom.instance", EvidenceItem.For(GartnerTasks.Validation, EvidenceStrength.Strong, "instance"));
        var services = new ServiceCollection();

        services.AddBuyingJourney(b => b
            .AddRule("test:lambda", ["custom.lambda"], (context, evidence) => evidence.Add(GartnerTasks.ConsensusCreation, EvidenceStrength.Strong, "lambda"))
            .AddRule(instance)
            .AddRule<ComplaintRule>());
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<JourneyEngine>();

        Assert.Equal("test:lambda, test:instance, test:complaint", string.Join(", ", engine.Rulebook.Rules.Skip(39).Select(r => r.Id)));
        Assert.Same(instance, engine.Rulebook.Rules[40]);
        Assert.Equal("1.0.0+custom", engine.Rulebook.Version);
        var state = ApplyAll(engine, Script((0, "custom.lambda"), (1, "custom.instance"), (2, ComplaintRule.Type)));
        Assert.Equal(0, state.UnrecognizedSignalCount);
        Assert.Equal(3, engine.Assess(state, Day(2)).ActiveTasks.Length);
    }

    [Fact]
    public void AddBuyingJourney_RegisteredTimeProvider_IsUsedByAssess()
    {
        var clock = new FakeTimeProvider(Day(40));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);

        services.AddBuyingJourney();
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<JourneyEngine>();
        var state = ApplyAll(engine, Script((0, SignalTypes.ProblemStated)));

        var assessment = engine.Assess(state);

        Assert.Equal(Day(40), assessment.AsOf);
        Assert.Equal(TaskPhase.Dormant, assessment.Task(GartnerTasks.ProblemIdentification).Phase);
    }

    [Fact]
    public void UseModelAndUseRulebook_ReplaceTheDefaults_EvenAcrossCalls()
    {
        var model = new BuyingModel("tiny", [new TaskDefinition("need", "Need", "Why?")]);
        var rulebook = new Rulebook("tiny-rules", "2", [EvidenceRule.ForSignalType("tiny:pain", "pain", EvidenceItem.For("need", EvidenceStrength.Strong, "pain"))]);
        var services = new ServiceCollection();

        services.AddBuyingJourney(b => b.UseModel(BuyingModels.Gartner).UseModel(model).UseRulebook(rulebook));
        services.AddBuyingJourney();
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<JourneyEngine>();

        Assert.Equal(1, Count<BuyingModel>(services));
        Assert.Equal(1, Count<Rulebook>(services));
        Assert.Same(model, engine.Model);
        Assert.Same(rulebook, engine.Rulebook);
        Assert.True(engine.Apply(engine.Start(JourneyId), At(0, "s1", "pain")).IsApplied);
    }

    [Fact]
    public void UsePlaybook_ReplacesTheDefaultPlaybook()
    {
        var services = new ServiceCollection();

        services.AddBuyingJourney(b => b.UsePlaybook<QuietPlaybook>().UsePlaybook<EchoPlaybook>());
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<JourneyEngine>();

        Assert.Equal(1, Count<IPlaybook>(services));
        Assert.IsType<EchoPlaybook>(engine.Playbook);
        Assert.Equal("echo", Assert.Single(engine.Assess(engine.Start(JourneyId), Day0).Advice).Code);
    }

    [Fact]
    public void Configure_EveryConfigurationRunsInOrder()
    {
        var services = new ServiceCollection();

        services.AddBuyingJourney(b => b.Configure(o => o.MaxLoopBacksRetained = 5));
        services.AddBuyingJourney(b => b.Configure(o => o.MaxLoopBacksRetained *= 3));
        using var provider = services.BuildServiceProvider();

        Assert.Equal(15, provider.GetRequiredService<JourneyEngine>().Options.MaxLoopBacksRetained);
    }

    [Fact]
    public void Configure_InvalidOptions_ThrowWhenTheEngineIsResolved()
    {
        var services = new ServiceCollection();
        services.AddBuyingJourney(b => b.Configure(o => o.MaxLoopBacksRetained = 0));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => provider.GetRequiredService<JourneyEngine>());

        Assert.Equal(nameof(JourneyEngineOptions.MaxLoopBacksRetained), ex.ParamName);
    }

    [Fact]
    public void AddRule_DuplicateRuleId_ThrowsWhenTheEngineIsResolved()
    {
        var services = new ServiceCollection();
        services.AddBuyingJourney(b => b
            .AddRule("test:same", null, (context, evidence) => { })
            .AddRule("test:same", null, (context, evidence) => { }));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<JourneyEngine>());

        Assert.Contains("test:same", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddBuyingJourney_NullServices_ThrowsArgumentNullNamingServices()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => BuyingJourneyServiceCollectionExtensions.AddBuyingJourney(null!));

        Assert.Equal("services", ex.ParamName);
    }

    [Fact]
    public void Builder_NullArguments_ThrowNamingTheParameter()
    {
        var builder = new ServiceCollection().AddBuyingJourney();

        Assert.Equal("rule", Assert.Throws<ArgumentNullException>(() => builder.AddRule(null!)).ParamName);
        Assert.Equal("callback", Assert.Throws<ArgumentNullException>(() => builder.AddRule("test:x", null, null!)).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => builder.UseModel(null!)).ParamName);
        Assert.Equal("rulebook", Assert.Throws<ArgumentNullException>(() => builder.UseRulebook(null!)).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => builder.Configure(null!)).ParamName);
    }

    private static int Count<T>(IServiceCollection services) => services.Count(d => d.ServiceType == typeof(T));

    /// <summary>A rule the container creates: a complaint is strong evidence of problem identification.</summary>
    private sealed class ComplaintRule : EvidenceRule
    {
        public const string RuleId = "test:complaint";
        public const string Type = "custom.complaint";

        public ComplaintRule()
            : base(RuleId, [Type])
        {
        }

        public override void Evaluate(RuleContext context, EvidenceCollector evidence)
            => evidence.Add(GartnerTasks.ProblemIdentification, EvidenceStrength.Strong, "the customer complained");
    }

    private sealed class QuietPlaybook : IPlaybook
    {
        public void Advise(AdviceContext context, ActionCollector actions)
        {
        }
    }

    private sealed class EchoPlaybook : IPlaybook
    {
        public void Advise(AdviceContext context, ActionCollector actions) => actions.Add(new SellerAction("echo", "Echo", "Always.", ActionPriority.Low));
    }
}
