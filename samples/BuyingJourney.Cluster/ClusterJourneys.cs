using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Assessment;
using BuyingJourney.Orleans;
using BuyingJourney.Persistence;
using BuyingJourney.Service;
using BuyingJourney.Signals;

namespace BuyingJourney.Cluster;

/// <summary>The service's journeys through the cluster: each journey's grain records its signals and answers for it now.</summary>
/// <param name="cluster">The cluster's client API.</param>
public sealed class ClusterJourneys(IJourneyCluster cluster) : IJourneys
{
    /// <inheritdoc/>
    public Task<RecordResult> RecordAsync(string tenant, IReadOnlyList<Signal> signals, CancellationToken cancellationToken)
        => cluster.RecordAsync(tenant, signals, cancellationToken);

    /// <inheritdoc/>
    public Task<JourneyAssessment> GetAsync(string tenant, string journeyId, CancellationToken cancellationToken)
        => cluster.GetAsync(tenant, journeyId, cancellationToken: cancellationToken);
}
