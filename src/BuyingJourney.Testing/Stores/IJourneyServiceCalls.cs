using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Assessment;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;

namespace BuyingJourney.Testing;

/// <summary>
/// The journey-service calls <see cref="JourneyServiceSuite"/>'s tests make, so a derived suite can route them through
/// another front of the service (e.g. an Orleans cluster); each has <see cref="JourneyService"/>'s meaning.
/// </summary>
public interface IJourneyServiceCalls
{
    /// <summary>As <see cref="JourneyService.RecordAsync(string, IEnumerable{Signal}, CancellationToken)"/>.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="signals">The signals.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was recorded.</returns>
    Task<RecordResult> RecordAsync(string tenant, IEnumerable<Signal> signals, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="JourneyService.GetAsync"/>.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="journeyId">The journey.</param>
    /// <param name="asOf">The time; null for now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The assessment.</returns>
    Task<JourneyAssessment> GetAsync(string tenant, string journeyId, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="JourneyService.GetAtVersionAsync"/>.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="journeyId">The journey.</param>
    /// <param name="version">The stream version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The assessment.</returns>
    Task<JourneyAssessment> GetAtVersionAsync(string tenant, string journeyId, long version, CancellationToken cancellationToken = default);
}
