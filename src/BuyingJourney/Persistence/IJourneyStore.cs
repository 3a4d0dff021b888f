using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Feed;
using BuyingJourney.Signals;

namespace BuyingJourney.Persistence;

/// <summary>
/// Keeps journeys' signals as append-only streams, one per (tenant, journey), with optimistic concurrency,
/// idempotent appends and snapshots. Every call is scoped by tenant: a tenant can never read, list or overwrite
/// another tenant's journeys, whatever ids it passes.
/// </summary>
/// <remarks>
/// <para>A stream's version is the number of signals stored in it; versions are assigned 1, 2, 3... in append
/// order (which is not journey order: a late signal gets the next version). Signal ids are unique per stream:
/// appending an id that is already stored stores nothing and reports <see cref="AppendOutcome.Duplicate"/>.</para>
/// <para>Implementations must be thread-safe, must make an append all-or-nothing, and must throw
/// <see cref="JourneyVersionConflictException"/> (storing nothing) when the stream's version is not the expected one.
/// Tenant and journey ids are checked like signal ids (non-blank, at most <see cref="Signal.MaxIdLength"/>
/// characters); a bad one throws <see cref="ArgumentException"/>. Stored records that cannot be read throw
/// <see cref="JourneyRecordException"/> naming the journey and the record.</para>
/// </remarks>
public interface IJourneyStore
{
    /// <summary>
    /// Appends signals to a journey's stream if its version is <paramref name="expectedVersion"/> (0 for a new stream),
    /// skipping signals whose id the stream already holds (also repeats within the batch: the first copy wins).
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="journeyId">The journey; every signal must belong to it.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="signals">The signals, in the order to store them.</param>
    /// <param name="cancellationToken">
    /// Cancels the call. Cancelled before the batch reaches the database, nothing is stored; cancelled (or the process
    /// ended) while the database commits, the batch may be stored although the call did not return. Append it again:
    /// ids already stored come back as <see cref="AppendOutcome.Duplicate"/>.
    /// </param>
    /// <param name="changes">
    /// Computes what to store with the signals (events, the journey's feed view, when it is next due); the store calls it
    /// once it knows which signals it stores, inside the transaction, and stores its result with them (positions in the
    /// tenant's feed assigned in commit order, the journey's view and due time replaced, its claim released). Null
    /// stores the signals alone and leaves the journey's feed as it was.
    /// </param>
    /// <returns>The outcome per signal (same order) and the stream's new version.</returns>
    /// <exception cref="JourneyVersionConflictException">Another writer appended first; nothing was stored.</exception>
    /// <exception cref="ArgumentException">A bad tenant or journey id, a null signal, or a signal of another journey.</exception>
    /// <remarks>When <paramref name="changes"/> throws, nothing is stored and the exception propagates.</remarks>
    Task<AppendResult> AppendAsync(string tenant, string journeyId, long expectedVersion, IReadOnlyList<Signal> signals, JourneyChangesFactory? changes = null, CancellationToken cancellationToken = default);

    /// <summary>Reads a journey's stored signals in append (version) order.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="journeyId">The journey.</param>
    /// <param name="afterVersion">Only signals with a higher version (0 for all).</param>
    /// <param name="occurredAtOrBefore">Only signals that occurred at or before this time; null for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The signals; empty for a journey the tenant does not have.</returns>
    Task<IReadOnlyList<StoredSignal>> ReadAsync(string tenant, string journeyId, long afterVersion = 0, DateTimeOffset? occurredAtOrBefore = null, CancellationToken cancellationToken = default);

    /// <summary>The stream's current version (0 when the tenant has no such journey).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="journeyId">The journey.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<long> GetVersionAsync(string tenant, string journeyId, CancellationToken cancellationToken = default);

    /// <summary>Saves a snapshot; a snapshot at the same version is replaced.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="snapshot">The snapshot; its version must not be above the stream's.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">A bad tenant, or a snapshot whose version is above the stream's.</exception>
    Task SaveSnapshotAsync(string tenant, JourneySnapshot snapshot, CancellationToken cancellationToken = default);

    /// <summary>
    /// The snapshot with the highest version whose journey's last signal occurred before <paramref name="lastSignalBefore"/>
    /// (null: the highest version of all), or null when there is none.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="journeyId">The journey.</param>
    /// <param name="lastSignalBefore">Only snapshots whose journey's last signal occurred before this time; null for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<JourneySnapshot?> LoadSnapshotAsync(string tenant, string journeyId, DateTimeOffset? lastSignalBefore = null, CancellationToken cancellationToken = default);

    /// <summary>The tenant's journey ids in ordinal order, a page at a time.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="after">Start after this id (null: from the start).</param>
    /// <param name="limit">At most this many (1 to 10,000).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<string>> ListJourneysAsync(string tenant, string? after = null, int limit = 1000, CancellationToken cancellationToken = default);

    /// <summary>The tenant's change feed after a position, in position order (commit order), a page at a time.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="afterPosition">Only events with a higher position (0 for all).</param>
    /// <param name="limit">At most this many (1 to 10,000).</param>
    /// <param name="journeyId">Only this journey's events; null for all of the tenant's.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">A bad tenant or journey id.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative position or a limit out of range.</exception>
    Task<IReadOnlyList<StoredJourneyEvent>> ReadEventsAsync(string tenant, long afterPosition = 0, int limit = 1000, string? journeyId = null, CancellationToken cancellationToken = default);

    /// <summary>The last feed position a consumer acknowledged (0 when none).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="consumer">The consumer's name (checked like an id).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">A bad tenant or consumer name.</exception>
    Task<long> GetFeedCursorAsync(string tenant, string consumer, CancellationToken cancellationToken = default);

    /// <summary>
    /// Acknowledges a consumer's feed position: it has handled every event up to it. A cursor never moves back: a
    /// position below the stored one changes nothing.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="consumer">The consumer's name (checked like an id).</param>
    /// <param name="position">The last position handled; at most the tenant's last stored position.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">A bad tenant or consumer name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative position, or one beyond the tenant's last stored event; nothing is stored.</exception>
    Task SaveFeedCursorAsync(string tenant, string consumer, long position, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="limit"/> journeys (of any tenant) whose due time is at or before
    /// <paramref name="now"/> and that no other scheduler holds, earliest due first, for <paramref name="lease"/>: until
    /// then no other call returns them. An append with changes for the journey releases the claim; a claim whose
    /// holder died expires.
    /// </summary>
    /// <param name="now">The scheduler's time.</param>
    /// <param name="lease">How long the claim holds (1 second to 1 day).</param>
    /// <param name="limit">At most this many (1 to 10,000).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentOutOfRangeException">A lease or limit out of range.</exception>
    Task<IReadOnlyList<DueJourney>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit = 100, CancellationToken cancellationToken = default);
}
