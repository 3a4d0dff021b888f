using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using BuyingJourney.Persistence;

namespace BuyingJourney.Hosting;

/// <summary>
/// Asks the hosted rebuild worker (<c>AddHostedRebuild</c>) to rebuild a tenant's journeys under the service's engine,
/// and tells how far each rebuild has come. Requests are handled one at a time, in order; a tenant asked for again
/// while queued or running is not queued twice.
/// </summary>
/// <remarks>Thread-safe. Requests live in memory: a request lost with the process is asked again (or listed in
/// <see cref="JourneyRebuildOptions.Tenants"/>), and the rebuild goes on where it stopped.</remarks>
public sealed class JourneyRebuilds
{
    private readonly Channel<string> _requests = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, JourneyRebuildStatus> _status = new(StringComparer.Ordinal);

    /// <summary>Asks for a rebuild of <paramref name="tenant"/>; returns at once.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <returns>The tenant's status: queued, or the one already queued or running.</returns>
    /// <exception cref="ArgumentException">A bad tenant id.</exception>
    public JourneyRebuildStatus Request(string tenant)
    {
        StoreArguments.Tenant(tenant);
        var queued = new JourneyRebuildStatus(tenant, JourneyRebuildState.Queued, null, null);
        var status = _status.AddOrUpdate(tenant, queued, (_, current) => current.State is JourneyRebuildState.Queued or JourneyRebuildState.Running ? current : queued);
        if (ReferenceEquals(status, queued))
        {
            _requests.Writer.TryWrite(tenant);
        }

        return status;
    }

    /// <summary>The last known status of <paramref name="tenant"/>'s rebuild in this process; null when none was asked for.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <exception cref="ArgumentException">A bad tenant id.</exception>
    public JourneyRebuildStatus? Status(string tenant)
        => _status.TryGetValue(StoreArguments.Tenant(tenant), out var status) ? status : null;

    /// <summary>The next requested tenant, for the worker.</summary>
    internal ValueTask<string> NextAsync(CancellationToken cancellationToken) => _requests.Reader.ReadAsync(cancellationToken);

    /// <summary>Records a rebuild's new status, for the worker.</summary>
    internal void Update(JourneyRebuildStatus status) => _status[status.Tenant] = status;
}
