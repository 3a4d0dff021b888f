using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Assessment;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;

namespace BuyingJourney.Service;

/// <summary>
/// How the endpoints record signals and read a journey now: through the journey service of this process
/// (<see cref="LocalJourneys"/>), or, in samples/BuyingJourney.Cluster, through each journey's grain.
/// </summary>
public interface IJourneys
{
    /// <summary>Records a tenant's signals, as <see cref="JourneyService.RecordAsync(string, IEnumerable{Signal}, CancellationToken)"/>.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="signals">The signals.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcomes and the events stored.</returns>
    Task<RecordResult> RecordAsync(string tenant, IReadOnlyList<Signal> signals, CancellationToken cancellationToken);

    /// <summary>A journey's assessment now.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="journeyId">The journey.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The assessment.</returns>
    Task<JourneyAssessment> GetAsync(string tenant, string journeyId, CancellationToken cancellationToken);
}

/// <summary>The journeys of this process's <see cref="JourneyService"/>.</summary>
/// <param name="service">The journey service.</param>
public sealed class LocalJourneys(JourneyService service) : IJourneys
{
    /// <inheritdoc/>
    public Task<RecordResult> RecordAsync(string tenant, IReadOnlyList<Signal> signals, CancellationToken cancellationToken)
        => service.RecordAsync(tenant, signals, cancellationToken);

    /// <inheritdoc/>
    public Task<JourneyAssessment> GetAsync(string tenant, string journeyId, CancellationToken cancellationToken)
        => service.GetAsync(tenant, journeyId, cancellationToken: cancellationToken);
}
