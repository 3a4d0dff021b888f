using System;
using System.Threading;
using System.Threading.Tasks;

namespace BuyingJourney.Persistence;

/// <summary>
/// A store capability: a lock per (tenant, journey) that a writer holds while it reads, folds and appends one
/// journey, so that writers in other processes queue for the journey instead of racing and retrying.
/// </summary>
/// <remarks>
/// <para><see cref="JourneyService"/> always serialises writers of one journey within a process (all services that
/// share one store instance); when its store also implements this interface, it takes this lock too, inside the
/// in-process turn, around each journey's read–fold–append. The lock is advisory: appends still check the expected
/// version, so a writer that does not take the lock is detected, never overwritten.</para>
/// <para>Implementations must be thread-safe, must release the lock when the returned handle is disposed or when
/// the process holding it dies (a database session lock does both), and may let two different journeys share a
/// lock (a hash collision only makes them queue for each other).</para>
/// </remarks>
public interface IJourneyWriteLock
{
    /// <summary>Waits for and takes the lock of one journey.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="journeyId">The journey.</param>
    /// <param name="cancellationToken">Cancels the wait; nothing is held when it is cancelled.</param>
    /// <returns>The held lock; dispose it to release the journey.</returns>
    /// <exception cref="ArgumentException">A bad tenant or journey id.</exception>
    ValueTask<IAsyncDisposable> AcquireAsync(string tenant, string journeyId, CancellationToken cancellationToken = default);
}
