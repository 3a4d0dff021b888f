using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Assessment;
using BuyingJourney.Diagnostics;
using BuyingJourney.Internal;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BuyingJourney;

/// <summary>
/// The API a CRM calls: records signals safely in an <see cref="IJourneyStore"/> and answers with assessments that
/// always equal the replay of what was stored. Idempotent (a stored id is acknowledged and changes nothing),
/// accepts late signals (stores them and rebuilds from a snapshot taken before them), lets the writers of one journey
/// take turns instead of racing, and reports per signal what happened.
/// </summary>
/// <remarks>
/// <para>Thread-safe; share one instance. Every call is scoped by tenant. It reports what it does through the
/// <see cref="JourneyTelemetry"/> meter and activity source and, when given one, an <see cref="ILogger"/>
/// (<see cref="JourneyTelemetry"/> lists the instruments; the log events have ids 1 to 4: a rule refused a stored
/// signal, a signal refused for its time, an append conflict retried, a damaged record; and 6, a rebuild's progress).</para>
/// <para>Every append also stores the journey's change-feed events in the same transaction (what changed since the
/// feed last told it: <see cref="Feed.JourneyEventTypes"/>), read with <see cref="JourneyFeed"/>; changes that come with
/// no signal are stored by <see cref="RefreshAsync"/>, which <see cref="JourneyScheduler"/> calls when they fall due.</para>
/// </remarks>
public sealed partial class JourneyService
{
    private readonly JourneyEngine _engine;
    private readonly IJourneyStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly JourneyServiceOptions _options;
    private readonly ILogger _logger;
    private readonly IReadOnlyDictionary<string, TimeSpan> _quietAfter;

    /// <summary>How many snapshots one load tries before it folds the journey from its signals alone.</summary>
    private const int MaxSnapshotLoads = 3;

    /// <summary>Creates the service.</summary>
    /// <param name="engine">The engine that folds and assesses journeys.</param>
    /// <param name="store">Where signals and snapshots are kept.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <param name="timeProvider">The clock for "now" and the future-timestamp check; null for <see cref="TimeProvider.System"/>.</param>
    /// <param name="logger">Where the service logs what an operator must see; null logs nothing.</param>
    /// <exception cref="ArgumentNullException">A null engine or store.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option out of range; the message names it.</exception>
    /// <exception cref="ArgumentException">A quiet period for a task the engine's model does not have.</exception>
    public JourneyService(JourneyEngine engine, IJourneyStore store, JourneyServiceOptions? options = null, TimeProvider? timeProvider = null, ILogger<JourneyService>? logger = null)
    {
        _engine = Guard.NotNull(engine);
        _store = Guard.NotNull(store);
        _options = (options ?? new JourneyServiceOptions()).Validated();
        foreach (var task in _options.QuietAfter.Keys)
        {
            if (!_engine.Model.Tasks.Any(t => string.Equals(t.Id, task, StringComparison.Ordinal)))
            {
                throw new ArgumentException($"{nameof(JourneyServiceOptions)}.{nameof(JourneyServiceOptions.QuietAfter)} names task \"{task}\", which model \"{_engine.Model.Name}\" does not have.", nameof(options));
            }
        }

        _quietAfter = new Dictionary<string, TimeSpan>(_options.QuietAfter, StringComparer.Ordinal);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// A journey's assessment. With <paramref name="asOf"/> null: now (the service's clock, or the journey's last signal
    /// if that is later), from the latest snapshot
    /// and the signals after it, without the per-task evidence. With a time: as of then (time travel), replayed from
    /// the signals that occurred up to it, with the evidence behind every score.
    /// </summary>
    /// <param name="tenant">The tenant (a CRM customer's space); journey ids are unique within it.</param>
    /// <param name="journeyId">The journey.</param>
    /// <param name="asOf">The moment to assess as of (time travel); null means now.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ArgumentException">A bad tenant or journey id.</exception>
    /// <exception cref="JourneyRecordException">A stored record is damaged; it names the journey and the record.</exception>
    public async Task<JourneyAssessment> GetAsync(string tenant, string journeyId, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.Tenant(tenant);
        StoreArguments.JourneyId(journeyId);
        using var activity = JourneyTelemetry.Source.StartActivity("buyingjourney.assess");
        try
        {
            if (asOf is not { } time)
            {
                var (state, _) = await LoadAsync(tenant, journeyId, null, null, cancellationToken).ConfigureAwait(false);
                return AssessNow(state);
            }

            var stored = await _store.ReadAsync(tenant, journeyId, 0, time, cancellationToken).ConfigureAwait(false);
            return _engine.Assess(journeyId, stored.Select(s => s.Signal), time);
        }
        catch (Exception e) when (Reported(activity, tenant, journeyId, e))
        {
            throw;
        }
    }

    /// <summary>
    /// Reports a failure on its way out: the activity's error status, and a damaged record in the log. Always false,
    /// so the exception filter that calls it never catches.
    /// </summary>
    private bool Reported(System.Diagnostics.Activity? activity, string tenant, string? journeyId, Exception exception)
    {
        JourneyTelemetry.Fail(activity, exception);
        if (exception is JourneyRecordException damaged)
        {
            JourneyLog.DamagedRecord(_logger, tenant, journeyId ?? "(several)", damaged.Message, damaged);
        }

        return false;
    }

    /// <summary>
    /// What-if for a stored journey: its assessment now, and as if the <paramref name="hypothetical"/> signals had also
    /// happened (see <see cref="JourneyEngine.WhatIf"/>). Reads the stored signals and writes nothing.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="journeyId">The journey.</param>
    /// <param name="hypothetical">The signals to imagine; their ids must differ from the stored ones.</param>
    /// <param name="asOf">The time of both assessments; null for now, or the latest stored or hypothetical signal if later.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ArgumentException">A bad tenant or journey id, a signal of another journey, or a hypothetical id that is already stored.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hypothetical signal occurs after <paramref name="asOf"/>.</exception>
    public async Task<JourneyDiff> WhatIfAsync(string tenant, string journeyId, IEnumerable<Signal> hypothetical, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.Tenant(tenant);
        StoreArguments.JourneyId(journeyId);
        ArgumentNullException.ThrowIfNull(hypothetical);
        var extra = hypothetical.ToArray();
        var stored = await _store.ReadAsync(tenant, journeyId, 0, null, cancellationToken).ConfigureAwait(false);
        var signals = stored.Select(s => s.Signal).ToArray();
        var time = asOf ?? _timeProvider.GetUtcNow();
        if (asOf is null)
        {
            foreach (var signal in signals.Concat(extra))
            {
                if (signal is not null && signal.OccurredAt > time)
                {
                    time = signal.OccurredAt;
                }
            }
        }

        return _engine.WhatIf(journeyId, signals, extra, time);
    }

    /// <summary>
    /// A journey as it was when its stream held <paramref name="version"/> signals (append order), assessed as of the
    /// latest of those signals, with evidence.
    /// </summary>
    /// <param name="tenant">The tenant (a CRM customer's space); journey ids are unique within it.</param>
    /// <param name="journeyId">The journey.</param>
    /// <param name="version">How many signals of the stream, in append order, to replay; from 1 to the stream's version.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ArgumentException">A bad tenant or journey id.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is below 1 or above the stream's version.</exception>
    public async Task<JourneyAssessment> GetAtVersionAsync(string tenant, string journeyId, long version, CancellationToken cancellationToken = default)
    {
        StoreArguments.Tenant(tenant);
        StoreArguments.JourneyId(journeyId);
        var stored = await _store.ReadAsync(tenant, journeyId, 0, null, cancellationToken).ConfigureAwait(false);
        if (version < 1 || version > stored.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, $"journey \"{journeyId}\" has versions 1 to {stored.Count}.");
        }

        var signals = stored.Where(s => s.Version <= version).Select(s => s.Signal).ToArray();
        var asOf = signals.Max(s => s.OccurredAt);
        return _engine.Assess(journeyId, signals, asOf);
    }

    /// <summary>
    /// Re-interprets a stored journey under another engine (typically a new rulebook version): replays its stored
    /// signals under both and compares the assessments as of <paramref name="asOf"/> (null: now, or the last signal if later).
    /// Nothing is written.
    /// </summary>
    /// <param name="tenant">The tenant (a CRM customer's space); journey ids are unique within it.</param>
    /// <param name="journeyId">The journey.</param>
    /// <param name="candidate">The engine to compare with this service's; it must have the same model.</param>
    /// <param name="asOf">The moment both assessments are made as of; null means now, or the last signal if later.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ArgumentNullException">A null candidate.</exception>
    /// <exception cref="ArgumentException">A bad tenant or journey id, or a candidate with another model.</exception>
    public async Task<JourneyDiff> ReinterpretAsync(string tenant, string journeyId, JourneyEngine candidate, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.Tenant(tenant);
        StoreArguments.JourneyId(journeyId);
        ArgumentNullException.ThrowIfNull(candidate);
        if (!string.Equals(candidate.Model.Name, _engine.Model.Name, StringComparison.Ordinal))
        {
            throw new ArgumentException($"the candidate engine uses model \"{candidate.Model.Name}\"; the service's uses \"{_engine.Model.Name}\".", nameof(candidate));
        }

        var stored = await _store.ReadAsync(tenant, journeyId, 0, asOf, cancellationToken).ConfigureAwait(false);
        var signals = stored.Select(s => s.Signal).ToArray();
        var time = asOf ?? _timeProvider.GetUtcNow();
        foreach (var signal in signals)
        {
            if (signal.OccurredAt > time)
            {
                time = signal.OccurredAt;
            }
        }

        return JourneyDiff.Compare(_engine.Assess(journeyId, signals, time), candidate.Assess(journeyId, signals, time));
    }

    /// <summary>Re-interprets every journey of a tenant under another engine (see <see cref="ReinterpretAsync"/>) and sums the diffs. Nothing is written.</summary>
    /// <param name="tenant">The tenant (a CRM customer's space); journey ids are unique within it.</param>
    /// <param name="candidate">The engine to compare with this service's; it must have the same model.</param>
    /// <param name="asOf">The moment every assessment is made as of; null means now, or each journey's last signal if later.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="ArgumentNullException">A null candidate.</exception>
    /// <exception cref="ArgumentException">A bad tenant id, or a candidate with another model.</exception>
    public async Task<ReinterpretationSummary> ReinterpretAllAsync(string tenant, JourneyEngine candidate, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.Tenant(tenant);
        ArgumentNullException.ThrowIfNull(candidate);
        var diffs = new List<JourneyDiff>();
        string? after = null;
        while (true)
        {
            var page = await _store.ListJourneysAsync(tenant, after, 1000, cancellationToken).ConfigureAwait(false);
            foreach (var journeyId in page)
            {
                diffs.Add(await ReinterpretAsync(tenant, journeyId, candidate, asOf, cancellationToken).ConfigureAwait(false));
            }

            if (page.Count < 1000)
            {
                return ReinterpretationSummary.Of(diffs);
            }

            after = page[^1];
        }
    }
}
