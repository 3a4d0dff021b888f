using System;
using System.Collections.Generic;
using System.Linq;
using BuyingJourney.Advice;
using BuyingJourney.Assessment;
using BuyingJourney.Evidence;
using BuyingJourney.Model;
using BuyingJourney.Persistence;
using BuyingJourney.Phases;
using BuyingJourney.Playbooks;
using BuyingJourney.Rules;
using BuyingJourney.Signals;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;
using Microsoft.Extensions.Time.Testing;

namespace BuyingJourney.Tests;

/// <summary>AddBuyingJourney, the engine builder its callback is handed, and the store choice on the BuyingJourneyBuilder it returns.</summary>
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
        Assert.Same(DefaultActionRanker.Instance, engine.Ranker);
        Assert.Equal(100, engine.Options.MaxLoopBacksRetained);
    }

    [Fact]
    public void AddBuyingJourney_Twice_RegistersTheEngineAndServiceOnceAndRunsBothCallbacks()
    {
        var services = new ServiceCollection();
        var calls = new List<string>();

        services.AddBuyingJourney((builder, provider) => calls.Add("first"));
        services.AddBuyingJourney();
        services.AddBuyingJourney((builder, provider) => calls.Add("second"));
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<JourneyEngine>();

        Assert.Equal(1, Count<JourneyEngine>(services));
        Assert.Equal(1, Count<JourneyService>(services));
        Assert.Equal(0, Count<IJourneyStore>(services));
        Assert.Equal(["first", "second"], calls);
        Assert.Equal(39, engine.Rulebook.Rules.Length);
    }

    [Fact]
    public void AddBuyingJourney_ReturnsABuilderOnTheSameCollection_AndHandsTheCallbackTheEngineBuilderAndTheProvider()
    {
        var services = new ServiceCollection();
        var marker = new Marker();
        services.AddSingleton(marker);
        JourneyEngineBuilder? seenBuilder = null;
        Marker? seenMarker = null;

        var builder = services.AddBuyingJourney((engineBuilder, provider) =>
        {
            seenBuilder = engineBuilder;
            seenMarker = provider.GetRequiredService<Marker>();
        });
        using var provider = services.BuildServiceProvider();

        Assert.Same(services, builder.Services);
        Assert.Null(seenBuilder);
        provider.GetRequiredService<JourneyEngine>();
        Assert.NotNull(seenBuilder);
        Assert.Same(marker, seenMarker);
    }

    [Fact]
    public void AddRule_FromTheContainerALambdaAndAnInstance_ReachTheEnginesRulebookAfterTheDefaultRules()
    {
        var instance = EvidenceRule.ForSignalType("test:instance", "custom.instance", EvidenceItem.For(GartnerTasks.Validation, EvidenceStrength.Strong, "instance"));
        var services = new ServiceCollection();
        services.AddSingleton<ComplaintRule>();

        services.AddBuyingJourney((builder, provider) => builder
            .AddRule("test:lambda", ["custom.lambda"], (context, evidence) => evidence.Add(GartnerTasks.ConsensusCreation, EvidenceStrength.Strong, "lambda"))
            .AddRule(instance)
            .AddRule(provider.GetRequiredService<ComplaintRule>()));
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<JourneyEngine>();

        Assert.Equal("test:lambda, test:instance, test:complaint", string.Join(", ", engine.Rulebook.Rules.Skip(39).Select(r => r.Id)));
        Assert.Same(instance, engine.Rulebook.Rules[40]);
        Assert.Same(provider.GetRequiredService<ComplaintRule>(), engine.Rulebook.Rules[41]);
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
    public void AddBuyingJourney_CallbackUseTimeProvider_WinsOverTheRegisteredOne()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Day(40)));

        services.AddBuyingJourney((builder, provider) => builder.UseTimeProvider(new FakeTimeProvider(Day(1))));
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<JourneyEngine>();

        Assert.Equal(Day(1), engine.Assess(engine.Start(JourneyId)).AsOf);
    }

    [Fact]
    public void UseModelAndUseRulebook_InTheCallback_ReplaceTheDefaults_AndALaterCallbackWins()
    {
        var model = new BuyingModel("tiny", [new TaskDefinition("need", "Need", "Why?")]);
        var rulebook = new Rulebook("tiny-rules", "2", [EvidenceRule.ForSignalType("tiny:pain", "pain", EvidenceItem.For("need", EvidenceStrength.Strong, "pain"))]);
        var services = new ServiceCollection();

        services.AddBuyingJourney((builder, _) => builder.UseModel(BuyingModels.Rackham3).UseRulebook(Rulebooks.Rackham3));
        services.AddBuyingJourney((builder, _) => builder.UseModel(model).UseRulebook(rulebook));
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<JourneyEngine>();

        Assert.Same(model, engine.Model);
        Assert.Same(rulebook, engine.Rulebook);
        Assert.True(engine.Apply(engine.Start(JourneyId), At(0, "s1", "pain")).IsApplied);
    }

    [Fact]
    public void UsePlaybookFromTheContainer_ReplacesTheDefaultPlaybook()
    {
        var services = new ServiceCollection();
        services.AddSingleton<EchoPlaybook>();

        services.AddBuyingJourney((builder, provider) => builder.UsePlaybook(new QuietPlaybook()).UsePlaybook(provider.GetRequiredService<EchoPlaybook>()));
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<JourneyEngine>();

        Assert.Same(provider.GetRequiredService<EchoPlaybook>(), engine.Playbook);
        Assert.Equal("echo", Assert.Single(engine.Assess(engine.Start(JourneyId), Day0).Advice).Code);
    }

    [Fact]
    public void Configure_EveryConfigurationRunsInOrder()
    {
        var services = new ServiceCollection();

        services.AddBuyingJourney((builder, _) => builder.Configure(o => o.MaxLoopBacksRetained = 5));
        services.AddBuyingJourney((builder, _) => builder.Configure(o => o.MaxLoopBacksRetained *= 3));
        using var provider = services.BuildServiceProvider();

        Assert.Equal(15, provider.GetRequiredService<JourneyEngine>().Options.MaxLoopBacksRetained);
    }

    [Fact]
    public void Configure_InvalidOptions_ThrowWhenTheEngineIsResolved()
    {
        var services = new ServiceCollection();
        services.AddBuyingJourney((builder, _) => builder.Configure(o => o.MaxLoopBacksRetained = 0));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => provider.GetRequiredService<JourneyEngine>());

        Assert.Equal(nameof(JourneyEngineOptions.MaxLoopBacksRetained), ex.ParamName);
    }

    [Fact]
    public void AddRule_DuplicateRuleId_ThrowsWhenTheEngineIsResolved()
    {
        var services = new ServiceCollection();
        services.AddBuyingJourney((builder, _) => builder
            .AddRule("test:same", null, (context, evidence) => { })
            .AddRule("test:same", null, (context, evidence) => { }));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<JourneyEngine>());

        Assert.Contains("test:same", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Callback_ThatBuildsTheEngineItself_ThrowsSayingToLeaveBuildToTheRegistration()
    {
        var services = new ServiceCollection();
        services.AddBuyingJourney((builder, _) => builder.Build());
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<JourneyEngine>());

        Assert.Contains("called Build()", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JourneyService_NoStoreChosen_ThrowsNamingTheThreeChoices_WhileTheEngineResolves()
    {
        var services = new ServiceCollection();
        services.AddBuyingJourney();
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<JourneyService>());

        Assert.Contains("No journey store was chosen", ex.Message, StringComparison.Ordinal);
        Assert.Contains("UseInMemory()", ex.Message, StringComparison.Ordinal);
        Assert.Contains("UseSqlite(connectionString) (package BuyingJourney.Sqlite)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("UsePostgreSql(connectionString) (package BuyingJourney.PostgreSql)", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(provider.GetRequiredService<JourneyEngine>());
    }

    [Fact]
    public void UseInMemory_Twice_RegistersOneSingletonInMemoryStoreForTheService()
    {
        var services = new ServiceCollection();

        services.AddBuyingJourney().UseInMemory().UseInMemory();
        using var provider = services.BuildServiceProvider();

        Assert.Equal(1, Count<IJourneyStore>(services));
        Assert.Equal(ServiceLifetime.Singleton, services.Single(d => d.ServiceType == typeof(IJourneyStore)).Lifetime);
        Assert.IsType<InMemoryJourneyStore>(provider.GetRequiredService<IJourneyStore>());
        Assert.NotNull(provider.GetRequiredService<JourneyService>());
    }

    [Fact]
    public void UseInMemory_AfterAStoreOfYourOwn_ReplacesIt()
    {
        var own = new InMemoryJourneyStore();
        var services = new ServiceCollection();
        services.AddSingleton<IJourneyStore>(own);

        services.AddBuyingJourney().UseInMemory();
        using var provider = services.BuildServiceProvider();

        Assert.Equal(1, Count<IJourneyStore>(services));
        Assert.NotSame(own, provider.GetRequiredService<IJourneyStore>());
    }

    [Fact]
    public void AddBuyingJourney_AStoreOfYourOwn_IsTheServicesStore()
    {
        var own = new InMemoryJourneyStore();
        var services = new ServiceCollection();
        services.AddSingleton<IJourneyStore>(own);

        services.AddBuyingJourney();
        using var provider = services.BuildServiceProvider();

        Assert.Same(own, provider.GetRequiredService<IJourneyStore>());
        Assert.NotNull(provider.GetRequiredService<JourneyService>());
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

        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => builder.ConfigureService(null!)).ParamName);
    }

    private static int Count<T>(IServiceCollection services) => services.Count(d => d.ServiceType == typeof(T));

    private sealed class Marker;

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
