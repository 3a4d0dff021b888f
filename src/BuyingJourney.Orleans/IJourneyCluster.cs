using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Assessment;
using BuyingJourney.Feed;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;

namespace BuyingJourney.Orleans;

/// <summary>
/// The journey service of a CRM on an Orleans cluster: records go to each journey's grain (its single writer, which
/// keeps the journey hot), reads of now are answered from the grain's state, and each tenant's change events can be
/// followed live. Registered by <see cref="BuyingJourneyOrleansExtensions.UseOrleans"/> on silos and clients alike.
/// </summary>
/// <remarks>
/// <para>Thread-safe; resolve it once. The grain's state is assessed on the caller's side with the caller's own
/// <see cref="JourneyService"/>: configure clients with the same model and rulebook as the silos. Reads as of a time
/// replay the stored signals (nothing hot to use) and are answered by the caller's service from the store.</para>
/// </remarks>
public interface IJourneyCluster
{
    /// <summary>
    /// Records signals (of one or more journeys) for a tenant, each journey's through its grain; as
    /// <see cref="JourneyService.RecordAsync(string, IEnumerable{Signal}, CancellationToken)"/>, with the same outcomes.
    /// </summary>
    /// <param name="tenant">The tenant (a CRM customer's space); journey ids are unique within it.</param>
    /// <param name="signals">The signals, in the order to store them; repeats of stored ids are allowed.</param>
    /// <param name="cancellationToken">Cancels waiting for the grains; a call a grain has taken still completes there.</param>
    /// <returns>One outcome per signal, in the order given, each touched journey's new state and the events stored.</returns>
    /// <exception cref="ArgumentNullException">A null tenant or list.</exception>
    /// <exception cref="ArgumentException">A bad tenant id or a null signal; nothing is stored.</exception>
    Task<RecordResult> RecordAsync(string tenant, IEnumerable<Signal> signals, CancellationToken cancellationToken = default);

    /// <summary>
    /// A journey's assessment: with <paramref name="asOf"/> null, now, from the state its grain holds; with a time, as
    /// of then (replayed from the stored signals, with evidence), as <see cref="JourneyService.GetAsync"/>.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="journeyId">The journey.</param>
    /// <param name="asOf">The moment to assess as of; null means now.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The assessment.</returns>
    /// <exception cref="ArgumentException">A bad tenant or journey id.</exception>
    Task<JourneyAssessment> GetAsync(string tenant, string journeyId, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Follows a tenant's change events live, as the journeys' grains publish them on the tenant's Orleans stream (the
    /// store's change feed, <see cref="JourneyFeed"/>, keeps them durably; the stream is the live copy).
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="onEvent">Called for each event, per journey in the order stored.</param>
    /// <param name="cancellationToken">Cancels subscribing.</param>
    /// <returns>The subscription; dispose it to stop.</returns>
    /// <exception cref="ArgumentNullException">A null handler.</exception>
    /// <exception cref="ArgumentException">A bad tenant id.</exception>
    Task<IAsyncDisposable> SubscribeAsync(string tenant, Func<JourneyEvent, Task> onEvent, CancellationToken cancellationToken = default);
}
