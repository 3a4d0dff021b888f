using System;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BuyingJourney.Hosting;

/// <summary>The store answers a read (the version of a journey no tenant has): it is reachable and its schema is there.</summary>
internal sealed class JourneyStoreHealthCheck(IJourneyStore store) : IHealthCheck
{
    /// <summary>The tenant and journey the probe reads; no real tenant has them (ids are the CRM's, this one is reserved by the name).</summary>
    internal const string ProbeTenant = "buyingjourney-health-probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.GetVersionAsync(ProbeTenant, ProbeTenant, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"the journey store ({store.GetType().Name}) answered.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"the journey store ({store.GetType().Name}) did not answer: {e.Message}", e);
        }
    }
}
