using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Internal;
using BuyingJourney.Feed;
using BuyingJourney.Persistence;

namespace BuyingJourney;

/// <summary>
/// A tenant's change feed, for the CRM: read it a page at a time from a position, follow it live, and keep a
/// consumer's place in it. Delivery is at least once and in order (per tenant, so per journey): a consumer that
/// acknowledges what it handled resumes after a crash from its last acknowledged position and sees again only what it
/// had not acknowledged.
/// </summary>
/// <remarks>Thread-safe; share one instance per store. Events are written by <see cref="JourneyService"/> in the same
/// transaction as the signals that caused them, and by <see cref="JourneyService.RefreshAsync"/> for changes that come
/// with no signal.</remarks>
public sealed class JourneyFeed
{
    private readonly IJourneyStore _store;
    private readonly JourneyFeedOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the feed of a store.</summary>
    /// <param name="store">The store the journeys' events are kept in.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <param name="timeProvider">The clock followers poll by; null for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentNullException">A null store.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option out of range; the message names it.</exception>
    public JourneyFeed(IJourneyStore store, JourneyFeedOptions? options = null, TimeProvider? timeProvider = null)
    {
        _store = Guard.NotNull(store);
        _options = (options ?? new JourneyFeedOptions()).Validated();
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>A page of the tenant's events after <paramref name="afterPosition"/>, in position order.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="afterPosition">Only events after this position (0 for all, or a consumer's cursor).</param>
    /// <param name="limit">At most this many (1 to 10,000).</param>
    /// <param name="journeyId">Only this journey's events; null for all of the tenant's.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ArgumentException">A bad tenant or journey id.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative position or a limit out of range.</exception>
    public Task<IReadOnlyList<StoredJourneyEvent>> ReadAsync(string tenant, long afterPosition = 0, int limit = 1000, string? journeyId = null, CancellationToken cancellationToken = default)
        => _store.ReadEventsAsync(tenant, afterPosition, limit, journeyId, cancellationToken);

    /// <summary>
    /// Follows the tenant's feed live: every event after <paramref name="afterPosition"/>, then each new one as it is
    /// stored (at once for appends through a service in this process, within <see cref="JourneyFeedOptions.PollInterval"/>
    /// for other writers), until cancelled.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="afterPosition">Start after this position (0 for the whole feed, or a consumer's cursor).</param>
    /// <param name="journeyId">Only this journey's events; null for all of the tenant's.</param>
    /// <param name="cancellationToken">Ends the enumeration (with <see cref="OperationCanceledException"/>).</param>
    /// <exception cref="ArgumentException">A bad tenant or journey id.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative position.</exception>
    public IAsyncEnumerable<StoredJourneyEvent> FollowAsync(string tenant, long afterPosition = 0, string? journeyId = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.Tenant(tenant);
        StoreArguments.Position(afterPosition, nameof(afterPosition));
        if (journeyId is not null)
        {
            StoreArguments.JourneyId(journeyId);
        }

        return FollowCoreAsync(tenant, afterPosition, journeyId, cancellationToken);
    }

    private async IAsyncEnumerable<StoredJourneyEvent> FollowCoreAsync(string tenant, long position, string? journeyId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var notifier = FeedNotifier.For(_store);
        while (true)
        {
            // Taken before the read: an append that lands after the read still wakes this follower.
            var woken = notifier.Next;
            var page = await _store.ReadEventsAsync(tenant, position, _options.PageSize, journeyId, cancellationToken).ConfigureAwait(false);
            foreach (var stored in page)
            {
                position = stored.Position;
                yield return stored;
            }

            if (page.Count == _options.PageSize)
            {
                continue;
            }

            using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(_options.PollInterval, _timeProvider, poll.Token);
            await Task.WhenAny(woken, delay).ConfigureAwait(false);
            await poll.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>The last position <paramref name="consumer"/> acknowledged for the tenant (0 when none): where it resumes.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="consumer">The consumer's name (an id: not blank, at most 256 characters).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ArgumentException">A bad tenant or consumer name.</exception>
    public Task<long> GetCursorAsync(string tenant, string consumer, CancellationToken cancellationToken = default)
        => _store.GetFeedCursorAsync(tenant, consumer, cancellationToken);

    /// <summary>Acknowledges that <paramref name="consumer"/> handled every event up to <paramref name="position"/>; a cursor never moves back.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="consumer">The consumer's name.</param>
    /// <param name="position">The last position handled.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">A bad tenant or consumer name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative position, or one beyond the tenant's last event; nothing is stored.</exception>
    public Task AcknowledgeAsync(string tenant, string consumer, long position, CancellationToken cancellationToken = default)
        => _store.SaveFeedCursorAsync(tenant, consumer, position, cancellationToken);
}
