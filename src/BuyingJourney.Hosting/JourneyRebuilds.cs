using System;
using System.Collections.Generic;
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
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <summary>Asks for a rebuild of <paramref name="tenant"/>; returns at once.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <returns>The tenant's status: queued, or the one already queued or running.</returns>
    /// <exception cref="ArgumentException">A bad tenant id.</exception>
    public JourneyRebuildStatus Request(string tenant)
    {
        StoreArguments.Tenant(tenant);
        lock (_gate)
        {
            if (_entries.TryGetValue(tenant, out var entry) && entry.Status is { } current && !IsFinished(current))
            {
                return current;
            }

            var queued = new JourneyRebuildStatus(tenant, JourneyRebuildState.Queued, null, null);
            if (entry is { Status: null })
            {
                // Someone waits for this tenant's first rebuild: this is the one.
                entry.Status = queued;
            }
            else
            {
                _entries[tenant] = new Entry(queued);
            }

            _requests.Writer.TryWrite(tenant);
            return queued;
        }
    }

    /// <summary>The last known status of <paramref name="tenant"/>'s rebuild in this process; null when none was asked for.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <exception cref="ArgumentException">A bad tenant id.</exception>
    public JourneyRebuildStatus? Status(string tenant)
    {
        StoreArguments.Tenant(tenant);
        lock (_gate)
        {
            return _entries.TryGetValue(tenant, out var entry) ? entry.Status : null;
        }
    }

    /// <summary>
    /// Waits for the end of <paramref name="tenant"/>'s latest requested rebuild (completed, failed, or cancelled by
    /// the host's stop) and returns the status it ended with: at once when it has ended; when no rebuild of the tenant
    /// was asked for yet in this process, the end of the next one asked for.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">Stops the wait (not the rebuild).</param>
    /// <returns>The status the rebuild ended with.</returns>
    /// <exception cref="ArgumentException">A bad tenant id.</exception>
    public Task<JourneyRebuildStatus> WhenEndedAsync(string tenant, CancellationToken cancellationToken = default)
    {
        StoreArguments.Tenant(tenant);
        lock (_gate)
        {
            if (!_entries.TryGetValue(tenant, out var entry))
            {
                _entries[tenant] = entry = new Entry(null);
            }

            return entry.Ended.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The next requested tenant, for the worker.</summary>
    internal ValueTask<string> NextAsync(CancellationToken cancellationToken) => _requests.Reader.ReadAsync(cancellationToken);

    /// <summary>Records a rebuild's new status, for the worker; an ending status ends the waits on it.</summary>
    internal void Update(JourneyRebuildStatus status)
    {
        lock (_gate)
        {
            // The worker updates only tenants it took from the queue, which Request entered.
            var entry = _entries[status.Tenant];
            entry.Status = status;
            if (IsFinished(status))
            {
                entry.Ended.TrySetResult(status);
            }
        }
    }

    private static bool IsFinished(JourneyRebuildStatus status) => status.State is not (JourneyRebuildState.Queued or JourneyRebuildState.Running);

    /// <summary>A tenant's latest rebuild: its status (null while only waited for, not yet asked for) and the wait that ends with it.</summary>
    private sealed class Entry(JourneyRebuildStatus? status)
    {
        public JourneyRebuildStatus? Status { get; set; } = status;

        public TaskCompletionSource<JourneyRebuildStatus> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
