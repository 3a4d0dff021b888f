using System;
using BuyingJourney.Internal;
using BuyingJourney.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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

    internal BuyingJourneyBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Keeps journeys in an <see cref="InMemoryJourneyStore"/>, registered as the singleton <see cref="IJourneyStore"/>
    /// (replacing any store registered before): for tests and demos, since its journeys are lost when the process
    /// ends. The store stamps signals with a registered <see cref="TimeProvider"/>, or <see cref="TimeProvider.System"/>.
    /// </summary>
    /// <returns>This builder.</returns>
    public BuyingJourneyBuilder UseInMemory()
    {
        Services.RemoveAll<IJourneyStore>();
        Services.AddSingleton<IJourneyStore>(static provider => new InMemoryJourneyStore(provider.GetService<TimeProvider>()));
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

    /// <summary>The options of type <typeparamref name="T"/> after every registered configuration, in order.</summary>
    internal static T Options<T>(IServiceProvider provider)
        where T : new()
    {
        var options = new T();
        foreach (var configuration in provider.GetServices<OptionsConfiguration<T>>())
        {
            configuration.Configure(options);
        }

        return options;
    }

    private BuyingJourneyBuilder Configure<T>(Action<T> configure)
    {
        Guard.NotNull(configure);
        Services.AddSingleton(new OptionsConfiguration<T>(configure));
        return this;
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
