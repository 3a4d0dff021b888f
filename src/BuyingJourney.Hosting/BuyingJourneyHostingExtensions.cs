using System;
using System.Collections.Generic;
using BuyingJourney.Hosting;
using BuyingJourney.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BuyingJourney;

/// <summary>
/// Runs BuyingJourney's background work in a .NET host (<c>Microsoft.Extensions.Hosting</c>): options bound from
/// configuration and validated when the host starts, the store migrated at start-up, the due-time scheduler and the
/// rebuild worker as one hosted service, and a health check for the store.
/// </summary>
/// <remarks>
/// Every method registers the package's one hosted service once per key (a builder of <c>AddKeyedBuyingJourney</c>
/// gets its own, working on that key's services); its start creates the journey service, feed and
/// scheduler (so a bad option fails the host's start with a message naming it, not the first request), then migrates
/// the store when <see cref="MigrateOnStartup"/> was called, and only then starts the scheduler and the rebuild worker.
/// </remarks>
public static class BuyingJourneyHostingExtensions
{
    /// <summary>
    /// Binds the options from a configuration section (for example <c>builder.Configuration.GetSection("BuyingJourney")</c>):
    /// its <c>Service</c>, <c>Feed</c>, <c>Scheduler</c> and <c>Rebuild</c> sections into <see cref="JourneyServiceOptions"/>,
    /// <see cref="JourneyFeedOptions"/>, <see cref="JourneySchedulerOptions"/> and <see cref="JourneyRebuildOptions"/>
    /// (times as <c>"00:05:00"</c>, <c>Service:QuietAfter</c> as an object of task id to period, <c>Rebuild:Tenants</c> as an
    /// array). Read and validated when the host starts: a value that is not a number or a time, or a key no option has,
    /// fails the start with a message naming its path.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddBuyingJourney</c>.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static BuyingJourneyBuilder BindConfiguration(this BuyingJourneyBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        Plan(builder);
        builder.ConfigureService(options => OptionsReader.Read(section.GetSection("Service"), options));
        builder.ConfigureFeed(options => OptionsReader.Read(section.GetSection("Feed"), options));
        builder.ConfigureScheduler(options => OptionsReader.Read(section.GetSection("Scheduler"), options));
        builder.Services.Configure<JourneyRebuildOptions>(Plan(builder).OptionsName, options => OptionsReader.Read(section.GetSection("Rebuild"), options));
        return builder;
    }

    /// <summary>
    /// Creates or upgrades the store's schema when the host starts, before the scheduler or the rebuild worker touch it
    /// (for a store that implements <see cref="IJourneyStoreMigration"/>, as the SQLite and PostgreSQL stores do; others
    /// have nothing to migrate). A failed migration fails the host's start.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddBuyingJourney</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">A null builder.</exception>
    public static BuyingJourneyBuilder MigrateOnStartup(this BuyingJourneyBuilder builder)
    {
        Plan(builder).Migrate = true;
        return builder;
    }

    /// <summary>
    /// Runs the <see cref="JourneyScheduler"/> in the host until it stops: transitions with no signal (a task fading, a
    /// task going quiet) are stored when they fall due. Several hosts may run it against one store.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddBuyingJourney</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">A null builder.</exception>
    public static BuyingJourneyBuilder AddHostedScheduler(this BuyingJourneyBuilder builder)
    {
        Plan(builder).Scheduler = true;
        return builder;
    }

    /// <summary>
    /// Runs the rebuild worker in the host: the <see cref="JourneyRebuildOptions.Tenants"/> when it starts, then each
    /// tenant asked for through the registered <see cref="JourneyRebuilds"/>, one at a time, with
    /// <see cref="JourneyService.RebuildAllAsync"/> (resumable: a rebuild stopped by a kill goes on where it stopped at the next start).
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddBuyingJourney</c>.</param>
    /// <param name="configure">Changes the rebuild options; null for none.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">A null builder.</exception>
    public static BuyingJourneyBuilder AddHostedRebuild(this BuyingJourneyBuilder builder, Action<JourneyRebuildOptions>? configure = null)
    {
        var plan = Plan(builder);
        plan.Rebuild = true;
        if (plan.Key is null)
        {
            builder.Services.TryAddSingleton<JourneyRebuilds>();
        }
        else
        {
            builder.Services.TryAddKeyedSingleton<JourneyRebuilds>(plan.Key);
        }

        builder.Services.AddOptions<JourneyRebuildOptions>(plan.OptionsName);
        if (configure is not null)
        {
            builder.Services.Configure(plan.OptionsName, configure);
        }

        return builder;
    }

    /// <summary>Adds a health check that the journey store answers a read (reachable, its schema in place).</summary>
    /// <param name="builder">The health checks builder (<c>services.AddHealthChecks()</c>).</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status reported when the store does not answer; null for <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by (for example "ready"); null for none.</param>
    /// <param name="serviceKey">The key of the store to check (<c>AddKeyedBuyingJourney</c>); null for the unkeyed one.</param>
    /// <returns>The health checks builder.</returns>
    /// <exception cref="ArgumentNullException">A null builder or name.</exception>
    public static IHealthChecksBuilder AddBuyingJourneyStore(this IHealthChecksBuilder builder, string name = "buyingjourney-store", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(name);
        var plan = new HostingPlan(serviceKey);
        return builder.Add(new HealthCheckRegistration(name, provider => new JourneyStoreHealthCheck(plan.Get<IJourneyStore>(provider)), failureStatus, tags));
    }

    /// <summary>The plan of the builder's key, registered once per key with the hosted service that carries it out.</summary>
    private static HostingPlan Plan(BuyingJourneyBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var descriptor in builder.Services)
        {
            if (descriptor.ServiceType == typeof(HostingPlan) && !descriptor.IsKeyedService && descriptor.ImplementationInstance is HostingPlan existing && Equals(existing.Key, builder.ServiceKey))
            {
                return existing;
            }
        }

        var plan = new HostingPlan(builder.ServiceKey);
        builder.Services.AddSingleton(plan);
        builder.Services.AddHostedService(provider => new BuyingJourneyHostedService(provider, plan));
        return plan;
    }
}
