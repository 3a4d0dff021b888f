using System;
using BuyingJourney.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;

namespace BuyingJourney;

/// <summary>Puts BuyingJourney's journeys on an Orleans cluster.</summary>
public static class BuyingJourneyOrleansExtensions
{
    /// <summary>
    /// Registers <see cref="IJourneyCluster"/> and the journey grains' options, on a silo and on a client alike (the
    /// silo hosts the grains; both call them). Each journey's grain uses the silo's <see cref="JourneyService"/> (the
    /// store and options chosen on this builder); when the cluster is used, it fires the journeys' due transitions,
    /// so do not run the store-polling <see cref="JourneyScheduler"/> too (it would do no harm: a refresh stores only
    /// what the feed has not told).
    /// </summary>
    /// <remarks>
    /// Configure Orleans itself as usual (clustering, a reminder service on the silos, a stream provider named
    /// <see cref="JourneyClusterOptions.StreamProvider"/> on silos and clients). Keyed registrations
    /// (<c>AddKeyedBuyingJourney</c>) are not supported: the grains use the unkeyed service. Safe to call more than
    /// once; every <paramref name="configure"/> runs, in order.
    /// </remarks>
    /// <param name="builder">The builder of <c>AddBuyingJourney</c>.</param>
    /// <param name="configure">Sets the cluster options; optional.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException">The builder is a keyed registration's.</exception>
    public static BuyingJourneyBuilder UseOrleans(this BuyingJourneyBuilder builder, Action<JourneyClusterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.ServiceKey is not null)
        {
            throw new ArgumentException($"UseOrleans is for the unkeyed AddBuyingJourney registration; this builder is keyed \"{builder.ServiceKey}\".", nameof(builder));
        }

        var services = builder.Services;
        services.AddOptions<JourneyClusterOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton<IJourneyCluster>(provider => new JourneyCluster(
            provider.GetRequiredService<IClusterClient>(),
            provider.GetRequiredService<JourneyService>(),
            provider.GetRequiredService<IOptions<JourneyClusterOptions>>().Value));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<GrainCollectionOptions>, IdleDeactivation>());
        return builder;
    }

    /// <summary>Sets the journey grains' idle deactivation from <see cref="JourneyClusterOptions.IdleDeactivation"/>.</summary>
    private sealed class IdleDeactivation(IOptions<JourneyClusterOptions> options) : IConfigureOptions<GrainCollectionOptions>
    {
        public void Configure(GrainCollectionOptions collection)
        {
            var age = options.Value.Validated().IdleDeactivation;
            collection.ClassSpecificCollectionAge[typeof(JourneyGrain).FullName!] = age;
            collection.ClassSpecificCollectionAge[typeof(LocalJourneyGrain).FullName!] = age;
        }
    }
}
