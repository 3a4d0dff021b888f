using System;
using System.Collections.Generic;
using BuyingJourney.Internal;
using BuyingJourney.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace BuyingJourney;

/// <summary>
/// Returned by <see cref="BuyingJourneyServiceCollectionExtensions.AddBuyingJourney"/>: chooses where the
/// <see cref="JourneyService"/> keeps journeys and configures its options. The engine itself is configured by the
/// callback given to <c>AddBuyingJourney</c>, on a <see cref="JourneyEngineBuilder"/>.
/// </summary>
/// <remarks>
/// <para>The store is an explicit choice, one of three: <see cref="UseInMemory"/> (tests and demos: journeys are lost
/// when the process ends), <c>UseSqlite(connectionString)</c> from the BuyingJourney.Sqlite package, or
/// <c>UsePostgreSql(connectionString)</c> from the BuyingJourney.PostgreSql package; or register an
/// <see cref="IJourneyStore"/> of your own. The last choice wins. Without one, resolving the
/// <see cref="JourneyService"/> throws an <see cref="InvalidOperationException"/> naming the choices (the engine alone
/// needs no store).</para>
/// <para>Not thread-safe; use while configuring services.</para>
/// </remarks>
public sealed class BuyingJourneyBuilder
{
    /// <summary>What resolving the <see cref="JourneyService"/> without a store says.</summary>
    internal const string NoStoreMessage =
        "No journey store was chosen for the JourneyService. Choose one on what AddBuyingJourney returns: "
        + "UseInMemory() (journeys are lost when the process ends), UseSqlite(connectionString) (package BuyingJourney.Sqlite) "
        + "or UsePostgreSql(connectionString) (package BuyingJourney.PostgreSql); or register an IJourneyStore of your own.";

    internal BuyingJourneyBuilder(IServiceCollection services, object? serviceKey)
    {
        Services = services;
        ServiceKey = serviceKey;
    }

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// The key the engine, the service, its store, feed and scheduler are registered under (keyed services), from
    /// <see cref="BuyingJourneyServiceCollectionExtensions.AddKeyedBuyingJourney"/>; null for the unkeyed registration of
    /// <see cref="BuyingJourneyServiceCollectionExtensions.AddBuyingJourney"/>.
    /// </summary>
    public object? ServiceKey { get; }

    /// <summary>
    /// Keeps journeys in an <see cref="InMemoryJourneyStore"/>, registered as the singleton <see cref="IJourneyStore"/>
    /// (replacing any store registered before): for tests and demos, since its journeys are lost when the process
    /// ends. The store stamps signals with a registered <see cref="TimeProvider"/>, or <see cref="TimeProvider.System"/>.
    /// </summary>
    /// <returns>This builder.</returns>
    public BuyingJourneyBuilder UseInMemory() => UseStore(static provider => new InMemoryJourneyStore(provider.GetService<TimeProvider>()));

    /// <summary>
    /// Keeps journeys in the store <paramref name="create"/> makes, registered as the singleton <see cref="IJourneyStore"/>
    /// and as <typeparamref name="TStore"/> (under <see cref="ServiceKey"/> when there is one), replacing the store chosen
    /// before under the same key. The store packages' <c>UseSqlite</c> and <c>UsePostgreSql</c> call it; so can a store of your own.
    /// </summary>
    /// <typeparam name="TStore">The store's type.</typeparam>
    /// <param name="create">Makes the store, once, from the service provider; the container disposes it if it is disposable.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="create"/> is null.</exception>
    public BuyingJourneyBuilder UseStore<TStore>(Func<IServiceProvider, TStore> create)
        where TStore : class, IJourneyStore
    {
        Guard.NotNull(create);
        Remove(typeof(TStore));
        Remove(typeof(IJourneyStore));
        if (ServiceKey is null)
        {
            Services.AddSingleton(create);
            if (typeof(TStore) != typeof(IJourneyStore))
            {
                Services.AddSingleton<IJourneyStore>(static provider => provider.GetRequiredService<TStore>());
            }
        }
        else
        {
            Services.AddKeyedSingleton<TStore>(ServiceKey, (provider, _) => create(provider));
            if (typeof(TStore) != typeof(IJourneyStore))
            {
                Services.AddKeyedSingleton<IJourneyStore>(ServiceKey, static (provider, key) => provider.GetRequiredKeyedService<TStore>(key));
            }
        }

        return this;
    }

    /// <summary>Changes the <see cref="JourneyService"/> options; every configuration runs, in order, and the result is validated when the service is created.</summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is null.</exception>
    public BuyingJourneyBuilder ConfigureService(Action<JourneyServiceOptions> configure) => Configure(configure);

    /// <summary>Changes the <see cref="JourneyFeed"/> options; every configuration runs, in order, and the result is validated when the feed is created.</summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is null.</exception>
    public BuyingJourneyBuilder ConfigureFeed(Action<JourneyFeedOptions> configure) => Configure(configure);

    /// <summary>Changes the <see cref="JourneyScheduler"/> options; every configuration runs, in order, and the result is validated when the scheduler is created.</summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is null.</exception>
    public BuyingJourneyBuilder ConfigureScheduler(Action<JourneySchedulerOptions> configure) => Configure(configure);

    /// <summary>The options of type <typeparamref name="T"/> after every configuration registered under <paramref name="key"/> (null: unkeyed), in order.</summary>
    internal static T Options<T>(IServiceProvider provider, object? key)
        where T : new()
    {
        var options = new T();
        foreach (var configuration in All<OptionsConfiguration<T>>(provider, key))
        {
            configuration.Configure(options);
        }

        return options;
    }

    /// <summary>Every service of type <typeparamref name="T"/> registered under <paramref name="key"/> (null: the unkeyed ones).</summary>
    internal static IEnumerable<T> All<T>(IServiceProvider provider, object? key)
        => key is null ? provider.GetServices<T>() : provider.GetKeyedServices<T>(key);

    /// <summary>The service of type <typeparamref name="T"/> registered under <paramref name="key"/> (null: unkeyed), or null.</summary>
    internal static T? Get<T>(IServiceProvider provider, object? key)
        where T : class
        => key is null ? provider.GetService<T>() : provider.GetKeyedService<T>(key);

    /// <summary>Registers <paramref name="instance"/> under this builder's key.</summary>
    internal void Add<T>(T instance)
        where T : class
    {
        if (ServiceKey is null)
        {
            Services.AddSingleton(instance);
        }
        else
        {
            Services.AddKeyedSingleton(ServiceKey, instance);
        }
    }

    private BuyingJourneyBuilder Configure<T>(Action<T> configure)
    {
        Guard.NotNull(configure);
        Add(new OptionsConfiguration<T>(configure));
        return this;
    }

    /// <summary>Removes the registrations of <paramref name="type"/> under this builder's key (the unkeyed ones when it has none).</summary>
    private void Remove(Type type)
    {
        for (var i = Services.Count - 1; i >= 0; i--)
        {
            var descriptor = Services[i];
            if (descriptor.ServiceType == type && (ServiceKey is null ? !descriptor.IsKeyedService : Equals(descriptor.ServiceKey, ServiceKey)))
            {
                Services.RemoveAt(i);
            }
        }
    }

    /// <summary>One <c>AddBuyingJourney</c> callback, registered in call order.</summary>
    internal sealed class EngineConfiguration(Action<JourneyEngineBuilder, IServiceProvider> configure)
    {
        public Action<JourneyEngineBuilder, IServiceProvider> Configure { get; } = configure;
    }

    /// <summary>One configuration of options of type <typeparamref name="T"/>, registered in call order.</summary>
    internal sealed class OptionsConfiguration<T>(Action<T> configure)
    {
        public Action<T> Configure { get; } = configure;
    }
}
