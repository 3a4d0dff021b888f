using System;
using System.Collections.Generic;

namespace BuyingJourney.Hosting;

/// <summary>Options of the hosted rebuild worker (<c>AddHostedRebuild</c>), validated when the host starts.</summary>
/// <remarks>Not thread-safe while being configured.</remarks>
public sealed class JourneyRebuildOptions
{
    /// <summary>
    /// The tenants to rebuild under the service's engine when the host starts (after a rulebook change). A rebuild
    /// killed part-way goes on where it stopped at the next start: journeys already rebuilt are skipped, so leaving a
    /// tenant here after it is done costs one snapshot check per journey at each start. Each id is checked like a tenant id.
    /// </summary>
    /// <value>Empty.</value>
    public IList<string> Tenants { get; } = [];

    /// <summary>Journeys per page (progress is reported and logged after each). 1 to 10,000.</summary>
    /// <value>100.</value>
    public int PageSize { get; set; } = 100;

    internal JourneyRebuildOptions Validated()
    {
        if (PageSize is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(PageSize), PageSize, $"{nameof(JourneyRebuildOptions)}.{nameof(PageSize)} is {PageSize}; it must be between 1 and 10000.");
        }

        var copy = new JourneyRebuildOptions { PageSize = PageSize };
        foreach (var tenant in Tenants)
        {
            copy.Tenants.Add(Persistence.StoreArguments.Tenant(tenant));
        }

        return copy;
    }
}
