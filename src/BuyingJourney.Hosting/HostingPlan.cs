namespace BuyingJourney.Hosting;

/// <summary>What the host runs for BuyingJourney, as the builder's extension methods chose (one per service collection and key).</summary>
internal sealed class HostingPlan(object? key)
{
    /// <summary>The key of the registrations this plan serves (<c>AddKeyedBuyingJourney</c>); null for the unkeyed ones.</summary>
    public object? Key { get; } = key;

    /// <summary>The name of this key's <see cref="JourneyRebuildOptions"/> (named options).</summary>
    public string OptionsName => Key?.ToString() ?? Microsoft.Extensions.Options.Options.DefaultName;

    /// <summary>The service of type <typeparamref name="T"/> under this plan's key.</summary>
    public T Get<T>(System.IServiceProvider provider)
        where T : notnull
        => Key is null
            ? Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<T>(provider)
            : Microsoft.Extensions.DependencyInjection.ServiceProviderKeyedServiceExtensions.GetRequiredKeyedService<T>(provider, Key);

    /// <summary>Migrate the store's schema at start-up, before anything else uses it.</summary>
    public bool Migrate { get; set; }

    /// <summary>Run the due-time scheduler.</summary>
    public bool Scheduler { get; set; }

    /// <summary>Run the rebuild worker.</summary>
    public bool Rebuild { get; set; }
}
