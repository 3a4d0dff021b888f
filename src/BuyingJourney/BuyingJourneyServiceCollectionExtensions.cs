using System;
using BuyingJourney.Internal;
using BuyingJourney.Persistence;
using BuyingJourney.Playbooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BuyingJourney;

/// <summary>Registers BuyingJourney in a <see cref="IServiceCollection"/>.</summary>
public static class BuyingJourneyServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="JourneyEngine"/>, the <see cref="JourneyService"/>, its <see cref="JourneyFeed"/> and its
    /// <see cref="JourneyScheduler"/> as singletons. The engine is
    /// built, when first resolved, by a <see cref="JourneyEngineBuilder"/> that <paramref name="configure"/> is handed
    /// (the same builder as without DI, so every engine option is there), together with the service provider to
    /// resolve rules, playbooks or rankers from; choose the service's store on the returned builder.
    /// </summary>
    /// <remarks>
    /// <para>The builder starts with the defaults (Gartner's model, rulebook and playbook, the default ranker) and the
    /// registered <see cref="TimeProvider"/>, or <see cref="TimeProvider.System"/>. Do not call
    /// <see cref="JourneyEngineBuilder.Build"/> in the callback: the engine is built once every callback has run.</para>
    /// <para>Safe to call more than once: the engine, the service, the feed and the scheduler are registered once (with <c>TryAdd</c>), and
    /// every callback runs on the one builder, in the order of the calls.</para>
    /// <para>The <see cref="JourneyService"/> needs a store, chosen on the returned builder:
    /// <see cref="BuyingJourneyBuilder.UseInMemory"/>, <c>UseSqlite</c> (BuyingJourney.Sqlite) or <c>UsePostgreSql</c>
    /// (BuyingJourney.PostgreSql); resolving it without one throws.</para>
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">
    /// Configures the engine: called with the engine's builder and the service provider, e.g.
    /// <c>(builder, provider) =&gt; builder.AddRule(provider.GetRequiredService&lt;MyRule&gt;())</c>; optional.
    /// </param>
    /// <returns>A builder to choose the store and the service's options on.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static BuyingJourneyBuilder AddBuyingJourney(this IServiceCollection services, Action<JourneyEngineBuilder, IServiceProvider>? configure = null)
    {
        Guard.NotNull(services);
        services.TryAddSingleton(CreateEngine);
        services.TryAddSingleton(CreateService);
        services.TryAddSingleton(CreateFeed);
        services.TryAddSingleton(CreateScheduler);
        if (configure is not null)
        {
            services.AddSingleton(new BuyingJourneyBuilder.EngineConfiguration(configure));
        }

        return new BuyingJourneyBuilder(services);
    }

    private static JourneyService CreateService(IServiceProvider provider)
        => new(provider.GetRequiredService<JourneyEngine>(), Store(provider), BuyingJourneyBuilder.Options<JourneyServiceOptions>(provider), provider.GetService<TimeProvider>(), provider.GetService<ILogger<JourneyService>>());

    private static JourneyFeed CreateFeed(IServiceProvider provider)
        => new(Store(provider), BuyingJourneyBuilder.Options<JourneyFeedOptions>(provider), provider.GetService<TimeProvider>());

    private static JourneyScheduler CreateScheduler(IServiceProvider provider)
        => new(provider.GetRequiredService<JourneyService>(), Store(provider), BuyingJourneyBuilder.Options<JourneySchedulerOptions>(provider), provider.GetService<TimeProvider>(), provider.GetService<ILogger<JourneyScheduler>>());

    private static IJourneyStore Store(IServiceProvider provider)
        => provider.GetService<IJourneyStore>() ?? throw new InvalidOperationException(BuyingJourneyBuilder.NoStoreMessage);

    private static JourneyEngine CreateEngine(IServiceProvider provider)
    {
        var builder = new JourneyEngineBuilder().UseTimeProvider(provider.GetService<TimeProvider>() ?? TimeProvider.System);
        foreach (var configuration in provider.GetServices<BuyingJourneyBuilder.EngineConfiguration>())
        {
            configuration.Configure(builder, provider);
            if (builder.IsBuilt)
            {
                throw new InvalidOperationException("An AddBuyingJourney callback called Build() on the engine's builder; configure the builder and return: the engine is built once every callback has run.");
            }
        }

        return builder.Build();
    }
}
