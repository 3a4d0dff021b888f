using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Feed;
using BuyingJourney.Signals;

namespace BuyingJourney.Persistence;

// The in-memory store, part: the change feed (events per tenant, consumers' cursors) and the due-time index.
public sealed partial class InMemoryJourneyStore
{
    private readonly ConcurrentDictionary<string, TenantFeed> _feeds = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredJourneyEvent>> ReadEventsAsync(string tenant, long afterPosition = 0, int limit = 1000, string? journeyId = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.Tenant(tenant);
        StoreArguments.Position(afterPosition, nameof(afterPosition));
        StoreArguments.Limit(limit);
        if (journeyId is not null)
        {
            StoreArguments.JourneyId(journeyId);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!_feeds.TryGetValue(tenant, out var feed))
        {
            return Task.FromResult<IReadOnlyList<StoredJourneyEvent>>([]);
        }

        lock (feed)
        {
            // Positions are 1, 2, 3... so the events after a position start at its index.
            IReadOnlyList<StoredJourneyEvent> page = feed.Events
                .Skip((int)Math.Min(afterPosition, feed.Events.Count))
                .Where(e => journeyId is null || string.Equals(e.Event.JourneyId, journeyId, StringComparison.Ordinal))
                .Take(limit)
                .ToArray();
            return Task.FromResult(page);
        }
    }

    /// <inheritdoc />
    public Task<long> GetFeedCursorAsync(string tenant, string consumer, CancellationToken cancellationToken = default)
    {
        StoreArguments.Tenant(tenant);
        StoreArguments.Consumer(consumer);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_feeds.TryGetValue(tenant, out var feed))
        {
            return Task.FromResult(0L);
        }

        lock (feed)
        {
            return Task.FromResult(feed.Cursors.GetValueOrDefault(consumer));
        }
    }

    /// <inheritdoc />
    public Task SaveFeedCursorAsync(string tenant, string consumer, long position, CancellationToken cancellationToken = default)
    {
        StoreArguments.Tenant(tenant);
        StoreArguments.Consumer(consumer);
        StoreArguments.Position(position, nameof(position));
        cancellationToken.ThrowIfCancellationRequested();
        var feed = _feeds.GetOrAdd(tenant, static _ => new TenantFeed());
        lock (feed)
        {
            if (position > feed.Events.Count)
            {
                throw StoreArguments.BeyondFeed(position, feed.Events.Count);
            }

            if (position > feed.Cursors.GetValueOrDefault(consumer))
            {
                feed.Cursors[consumer] = position;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DueJourney>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit = 100, CancellationToken cancellationToken = default)
    {
        StoreArguments.Lease(lease);
        StoreArguments.Limit(limit);
        cancellationToken.ThrowIfCancellationRequested();
        var ticks = now.UtcTicks;
        var candidates = new List<(long DueAt, string Tenant, string Journey, Stream Stream)>();
        foreach (var ((tenant, journey), stream) in _streams)
        {
            lock (stream)
            {
                if (stream.DueAt is { } due && due <= ticks && !(stream.LeaseUntil > ticks))
                {
                    candidates.Add((due, tenant, journey, stream));
                }
            }
        }

        var claimed = new List<DueJourney>();
        foreach (var candidate in candidates.OrderBy(c => c.DueAt).ThenBy(c => c.Tenant, StringComparer.Ordinal).ThenBy(c => c.Journey, StringComparer.Ordinal))
        {
            if (claimed.Count == limit)
            {
                break;
            }

            lock (candidate.Stream)
            {
                // Checked again under the lock: another scheduler may have claimed it, or an append moved it, since.
                if (candidate.Stream.DueAt is { } due && due <= ticks && !(candidate.Stream.LeaseUntil > ticks))
                {
                    candidate.Stream.LeaseUntil = ticks + lease.Ticks;
                    claimed.Add(new DueJourney(candidate.Tenant, candidate.Journey, new DateTimeOffset(due, TimeSpan.Zero)));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<DueJourney>>(claimed);
    }

    /// <summary>Calls the append's factory with the signals it stores and the journey's view (the caller holds the stream's lock; nothing is changed yet).</summary>
    private static JourneyChanges Changes(JourneyChangesFactory factory, IReadOnlyList<Signal> signals, ImmutableArray<AppendOutcome>.Builder outcomes, string? view, string journeyId)
    {
        var appended = new List<Signal>(signals.Count);
        for (var i = 0; i < signals.Count; i++)
        {
            if (outcomes[i] == AppendOutcome.Appended)
            {
                appended.Add(signals[i]);
            }
        }

        var changes = factory(appended, view) ?? throw new InvalidOperationException("the changes factory returned null.");
        return changes.CheckedFor(journeyId);
    }

    /// <summary>Stores an append's changes: its events at the tenant's next positions, the journey's view and due time, the claim released (the caller holds the stream's lock).</summary>
    private void Publish(string tenant, Stream stream, JourneyChanges changes, DateTimeOffset now)
    {
        stream.View = changes.View;
        stream.DueAt = changes.DueAt?.UtcTicks;
        stream.LeaseUntil = null;
        if (changes.Events.IsEmpty)
        {
            return;
        }

        var feed = _feeds.GetOrAdd(tenant, static _ => new TenantFeed());
        lock (feed)
        {
            foreach (var @event in changes.Events)
            {
                feed.Events.Add(new StoredJourneyEvent(@event, feed.Events.Count + 1, now));
            }
        }
    }

    private sealed class TenantFeed
    {
        public List<StoredJourneyEvent> Events { get; } = [];

        public Dictionary<string, long> Cursors { get; } = new(StringComparer.Ordinal);
    }
}
