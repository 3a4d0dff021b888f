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
        services.TryAddSingleton(provider => CreateEngine(provider, null));
        services.TryAddSingleton(provider => CreateService(provider, null));
        services.TryAddSingleton(provider => CreateFeed(provider, null));
        services.TryAddSingleton(provider => CreateScheduler(provider, null));
        return Builder(services, null, configure);
    }

    /// <summary>
    /// Registers a second (third...) journey engine in one process, as keyed services under <paramref name="serviceKey"/>:
    /// its <see cref="JourneyEngine"/>, <see cref="JourneyService"/>, <see cref="JourneyFeed"/> and
    /// <see cref="JourneyScheduler"/>, each resolved with <c>GetRequiredKeyedService&lt;T&gt;(serviceKey)</c> or
    /// <c>[FromKeyedServices(serviceKey)]</c>, for example one per buying model. Everything chosen on the returned builder
    /// (the store, the options, the hosting package's work) is that key's alone; the <see cref="TimeProvider"/> and the
    /// loggers are shared. Otherwise as <see cref="AddBuyingJourney"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The key; not null.</param>
    /// <param name="configure">Configures this key's engine, as for <see cref="AddBuyingJourney"/>; optional.</param>
    /// <returns>A builder to choose this key's store and options on.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="serviceKey"/> is null.</exception>
    public static BuyingJourneyBuilder AddKeyedBuyingJourney(this IServiceCollection services, object serviceKey, Action<JourneyEngineBuilder, IServiceProvider>? configure = null)
    {
        Guard.NotNull(services);
        Guard.NotNull(serviceKey);
        services.TryAddKeyedSingleton(serviceKey, static (provider, key) => CreateEngine(provider, key));
        services.TryAddKeyedSingleton(serviceKey, static (provider, key) => CreateService(provider, key));
        services.TryAddKeyedSingleton(serviceKey, static (provider, key) => CreateFeed(provider, key));
        services.TryAddKeyedSingleton(serviceKey, static (provider, key) => CreateScheduler(provider, key));
        return Builder(services, serviceKey, configure);
    }

    private static BuyingJourneyBuilder Builder(IServiceCollection services, object? key, Action<JourneyEngineBuilder, IServiceProvider>? configure)
    {
        var builder = new BuyingJourneyBuilder(services, key);
        if (configure is not null)
        {
            builder.Add(new BuyingJourneyBuilder.EngineConfiguration(configure));
        }

        return builder;
    }

    private static JourneyService CreateService(IServiceProvider provider, object? key)
        => new(Engine(provider, key), Store(provider, key), BuyingJourneyBuilder.Options<JourneyServiceOptions>(provider, key), provider.GetService<TimeProvider>(), provider.GetService<ILogger<JourneyService>>());

    private static JourneyFeed CreateFeed(IServiceProvider provider, object? key)
        => new(Store(provider, key), BuyingJourneyBuilder.Options<JourneyFeedOptions>(provider, key), provider.GetService<TimeProvider>());

    private static JourneyScheduler CreateScheduler(IServiceProvider provider, object? key)
        => new(
            BuyingJourneyBuilder.Get<JourneyService>(provider, key) ?? throw new InvalidOperationException("The journey service is not registered."),
            Store(provider, key),
            BuyingJourneyBuilder.Options<JourneySchedulerOptions>(provider, key),
            provider.GetService<TimeProvider>(),
            provider.GetService<ILogger<JourneyScheduler>>());

    private static JourneyEngine Engine(IServiceProvider provider, object? key)
        => BuyingJourneyBuilder.Get<JourneyEngine>(provider, key) ?? throw new InvalidOperationException("The journey engine is not registered.");

    private static IJourneyStore Store(IServiceProvider provider, object? key)
        => BuyingJourneyBuilder.Get<IJourneyStore>(provider, key)
           ?? throw new InvalidOperationException(key is null ? BuyingJourneyBuilder.NoStoreMessage : $"No journey store was chosen for the JourneyService keyed \"{key}\". " + BuyingJourneyBuilder.NoStoreMessage);

    private static JourneyEngine CreateEngine(IServiceProvider provider, object? key)
    {
        var builder = new JourneyEngineBuilder().UseTimeProvider(provider.GetService<TimeProvider>() ?? TimeProvider.System);
        foreach (var configuration in BuyingJourneyBuilder.All<BuyingJourneyBuilder.EngineConfiguration>(provider, key))
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
