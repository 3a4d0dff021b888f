namespace BuyingJourney.Hosting;

/// <summary>What the host runs for BuyingJourney, as the builder's extension methods chose (one per service collection).</summary>
internal sealed class HostingPlan
{
    /// <summary>Migrate the store's schema at start-up, before anything else uses it.</summary>
    public bool Migrate { get; set; }

    /// <summary>Run the due-time scheduler.</summary>
    public bool Scheduler { get; set; }

    /// <summary>Run the rebuild worker.</summary>
    public bool Rebuild { get; set; }
}
