using System;
using BuyingJourney.Advice;
using BuyingJourney.Internal;
using BuyingJourney.Model;
using BuyingJourney.Persistence;
using BuyingJourney.Playbooks;
using BuyingJourney.Rules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BuyingJourney;

/// <summary>Registers BuyingJourney in a <see cref="IServiceCollection"/>.</summary>
public static class BuyingJourneyServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="JourneyEngine"/> and the <see cref="JourneyService"/> as singletons, with the Gartner
    /// model, rulebook, playbook and ranker and an <see cref="InMemoryJourneyStore"/> unless others are registered. Rules registered as <see cref="EvidenceRule"/> services run after the rulebook's own.
    /// The engine uses a registered <see cref="TimeProvider"/>, or <see cref="TimeProvider.System"/>. Safe to call
    /// more than once: the defaults are added with <c>TryAdd</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Registers rules, model, rulebook, playbook or options; optional.</param>
    /// <returns>A builder to chain more registrations on.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static BuyingJourneyBuilder AddBuyingJourney(this IServiceCollection services, Action<BuyingJourneyBuilder>? configure = null)
    {
        Guard.NotNull(services);
        services.TryAddSingleton(BuyingModels.Gartner);
        services.TryAddSingleton(Rulebooks.Gartner);
        services.TryAddSingleton<IPlaybook>(DefaultPlaybook.Instance);
        services.TryAddSingleton<IActionRanker>(DefaultActionRanker.Instance);
        services.TryAddSingleton(CreateEngine);
        services.TryAddSingleton<IJourneyStore>(provider => new InMemoryJourneyStore(provider.GetService<TimeProvider>()));
        services.TryAddSingleton(CreateService);
        var builder = new BuyingJourneyBuilder(services);
        configure?.Invoke(builder);
        return builder;
    }

    private static JourneyService CreateService(IServiceProvider provider)
    {
        var options = new JourneyServiceOptions();
        foreach (var configuration in provider.GetServices<BuyingJourneyBuilder.ServiceOptionsConfiguration>())
        {
            configuration.Configure(options);
        }

        return new JourneyService(provider.GetRequiredService<JourneyEngine>(), provider.GetRequiredService<IJourneyStore>(), options, provider.GetService<TimeProvider>());
    }

    private static JourneyEngine CreateEngine(IServiceProvider provider)
    {
        var builder = new JourneyEngineBuilder()
            .UseModel(provider.GetRequiredService<BuyingModel>())
            .UseRulebook(provider.GetRequiredService<Rulebook>())
            .UsePlaybook(provider.GetRequiredService<IPlaybook>())
            .UseRanker(provider.GetRequiredService<IActionRanker>())
            .UseTimeProvider(provider.GetService<TimeProvider>() ?? TimeProvider.System);
        foreach (var rule in provider.GetServices<EvidenceRule>())
        {
            builder.AddRule(rule);
        }

        foreach (var addition in provider.GetServices<BuyingJourneyBuilder.PlaybookAddition>())
        {
            builder.AddPlaybook(addition.Playbook);
        }

        foreach (var configuration in provider.GetServices<BuyingJourneyBuilder.OptionsConfiguration>())
        {
            builder.Configure(configuration.Configure);
        }

        return builder.Build();
    }
}
