using System;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Diagnostics;
using BuyingJourney.Internal;
using BuyingJourney.Feed;
using BuyingJourney.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BuyingJourney;

/// <summary>
/// Makes the transitions that happen with no signal happen on time: when a journey's due time comes (a task fading, a
/// revisit fizzling, a task going quiet), it claims the journey from the store's due-time index with a lease and brings
/// its change feed up to date (<see cref="JourneyService.RefreshAsync"/>). Several schedulers, in one process or on
/// several servers, may run against one store: each due journey is claimed by one at a time, and an event is stored
/// exactly once even when a lease runs out mid-work, because each append diffs against the feed's stored view.
/// </summary>
/// <remarks>Thread-safe. Time is the injected <see cref="TimeProvider"/>'s, so tests advance a fake clock.</remarks>
public sealed class JourneyScheduler
{
    private readonly JourneyService _service;
    private readonly IJourneyStore _store;
    private readonly JourneySchedulerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates a scheduler.</summary>
    /// <param name="service">The service whose engine the store's journeys are folded with.</param>
    /// <param name="store">The service's store.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <param name="timeProvider">The clock that says what is due; null for <see cref="TimeProvider.System"/>. Give the service the same one.</param>
    /// <param name="logger">Where journeys that cannot be brought up to date are logged (event id 5); null logs nothing.</param>
    /// <exception cref="ArgumentNullException">A null service or store.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option out of range; the message names it.</exception>
    public JourneyScheduler(JourneyService service, IJourneyStore store, JourneySchedulerOptions? options = null, TimeProvider? timeProvider = null, ILogger<JourneyScheduler>? logger = null)
    {
        _service = Guard.NotNull(service);
        _store = Guard.NotNull(store);
        _options = (options ?? new JourneySchedulerOptions()).Validated();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Handles every journey due now: claims them a batch at a time and brings each one's feed up to date. A journey
    /// that fails is logged and left to its lease (another run takes it when the lease ends); the others go on.
    /// </summary>
    /// <param name="cancellationToken">Stops between journeys; a claimed journey not yet handled is taken again when its lease ends.</param>
    /// <returns>How many events the run stored.</returns>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var fired = 0;
        while (true)
        {
            var due = await _store.ClaimDueAsync(_timeProvider.GetUtcNow(), _options.Lease, _options.BatchSize, cancellationToken).ConfigureAwait(false);
            foreach (var journey in due)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    var result = await _service.RefreshAsync(journey.Tenant, journey.JourneyId, cancellationToken).ConfigureAwait(false);
                    fired += result.Events.Length;
                    if (!result.Events.IsEmpty)
                    {
                        JourneyTelemetry.DueFired.Add(result.Events.Length);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    JourneyTelemetry.DueFailures.Add(1);
                    JourneyLog.DueJourneyFailed(_logger, journey.Tenant, journey.JourneyId, e);
                }
            }

            // A short batch means nothing more is due now (claimed journeys are not claimed again until their lease ends).
            if (due.Count < _options.BatchSize)
            {
                return fired;
            }
        }
    }

    /// <summary>Runs <see cref="RunDueAsync"/> until cancelled, waiting <see cref="JourneySchedulerOptions.PollInterval"/> between runs.</summary>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await RunDueAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(_options.PollInterval, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }
}
