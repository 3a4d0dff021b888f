using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Assessment;
using BuyingJourney.Diagnostics;
using BuyingJourney.Feed;
using BuyingJourney.Journeys;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;

namespace BuyingJourney;

// The journey service, part: the hooks a journey's single writer (BuyingJourney.Orleans's grain) records through, keeping
// its journey's state itself instead of relying on the store's small cache of recent writers (JourneyWriteGates).
public sealed partial class JourneyService
{
    /// <summary>The checked signals of a record call: the tenant is valid and no signal is null.</summary>
    /// <exception cref="ArgumentNullException">A null tenant or list.</exception>
    /// <exception cref="ArgumentException">A bad tenant id or a null signal.</exception>
    internal static Signal[] CheckedSignals(string tenant, IEnumerable<Signal> signals)
    {
        StoreArguments.Tenant(tenant);
        ArgumentNullException.ThrowIfNull(signals);
        var list = signals.ToArray();
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentException($"signals[{i}] is null.", nameof(signals));
            }
        }

        return list;
    }

    /// <summary>The assessment of a state now: the service's clock, or the state's last signal if that is later (what <see cref="GetAsync"/> answers without a time).</summary>
    internal JourneyAssessment AssessNow(JourneyState state)
    {
        var now = _timeProvider.GetUtcNow();
        return _engine.Assess(state, state.LastSignalAt is { } last && last > now ? last : now);
    }

    /// <summary>When the journey at <paramref name="state"/> is next due for a refresh (a task fading or going quiet), as the change feed stores it; null: never.</summary>
    internal DateTimeOffset? DueAt(JourneyState state) => state.SignalCount == 0 ? null : JourneyView.DueAfter(AssessNow(state), _quietAfter);

    /// <summary>
    /// The first time after the journey's last signal at which it falls due (a task fading or going quiet): what a
    /// writer that does not know when the feed last told the journey must check first; null: never.
    /// </summary>
    internal DateTimeOffset? DueAfterLastSignal(JourneyState state)
        => state.LastSignalAt is { } last ? JourneyView.DueAfter(_engine.Assess(state, last), _quietAfter) : null;

    /// <summary>The clock of this service.</summary>
    internal TimeProvider Clock => _timeProvider;

    /// <summary>The engine of this service.</summary>
    internal JourneyEngine Engine => _engine;

    /// <summary>Loads a journey into <paramref name="held"/>: the fold of its stored signals, from the newest usable snapshot, and the stream version.</summary>
    internal async Task LoadHeldAsync(HeldJourney held, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        var (state, version) = await LoadAsync(held.Tenant, held.JourneyId, null, null, cancellationToken).ConfigureAwait(false);
        held.Keep(state, version);
    }

    /// <summary>
    /// <see cref="RecordAsync(string, IEnumerable{Signal}, CancellationToken)"/> for the single writer of one journey: starts from the state <paramref name="held"/>
    /// keeps (loading it when it keeps none) and leaves the new one there. The append still carries the expected
    /// version, so a writer outside the single writer is detected and the call retried from the stream.
    /// </summary>
    /// <exception cref="ArgumentException">A signal of another journey, or as <see cref="RecordAsync(string, IEnumerable{Signal}, CancellationToken)"/>.</exception>
    internal async Task<RecordResult> RecordHeldAsync(HeldJourney held, IEnumerable<Signal> signals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        var list = CheckedSignals(held.Tenant, signals);
        for (var i = 0; i < list.Length; i++)
        {
            if (!string.Equals(list[i].JourneyId, held.JourneyId, StringComparison.Ordinal))
            {
                throw new ArgumentException($"signals[{i}] is of journey \"{list[i].JourneyId}\", not \"{held.JourneyId}\".", nameof(signals));
            }
        }

        return await RecordCheckedAsync(held.Tenant, list, held, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><see cref="RefreshAsync(string, string, CancellationToken)"/> for the single writer of one journey, from and into <paramref name="held"/>.</summary>
    internal async Task<RecordResult> RefreshHeldAsync(HeldJourney held, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        using var activity = JourneyTelemetry.Source.StartActivity("buyingjourney.refresh");
        activity?.SetTag("buyingjourney.journey.id", held.JourneyId);
        try
        {
            var (result, _) = await RefreshCoreAsync(held.Tenant, held.JourneyId, cancellationToken, held).ConfigureAwait(false);
            return result;
        }
        catch (Exception e) when (Reported(activity, held.Tenant, held.JourneyId, e))
        {
            throw;
        }
    }

    /// <summary>Whether <paramref name="held"/> keeps the state of <paramref name="journeyId"/>; if so, it is copied out.</summary>
    private static bool Held(HeldJourney? held, string journeyId, ref JourneyState state, ref long version)
    {
        if (held is not { State: { } kept } || !string.Equals(held.JourneyId, journeyId, StringComparison.Ordinal))
        {
            return false;
        }

        (state, version) = (kept, held.Version);
        return true;
    }
}

/// <summary>
/// The state a journey's single writer keeps between calls: what the stream held at <see cref="Version"/> after its
/// last write (null: unknown, load it). Not thread-safe: one writer (a grain activation) owns it.
/// </summary>
internal sealed class HeldJourney
{
    /// <summary>Creates an empty hold for a journey.</summary>
    /// <exception cref="ArgumentException">A bad tenant or journey id.</exception>
    public HeldJourney(string tenant, string journeyId)
    {
        StoreArguments.Tenant(tenant);
        StoreArguments.JourneyId(journeyId);
        Tenant = tenant;
        JourneyId = journeyId;
    }

    /// <summary>The tenant.</summary>
    public string Tenant { get; }

    /// <summary>The journey.</summary>
    public string JourneyId { get; }

    /// <summary>The journey's state as stored at <see cref="Version"/>; null when not known.</summary>
    public JourneyState? State { get; private set; }

    /// <summary>The stream version <see cref="State"/> includes.</summary>
    public long Version { get; private set; }

    /// <summary>Keeps a state (null: forget it).</summary>
    public void Keep(JourneyState? state, long version) => (State, Version) = (state, state is null ? 0 : version);
}
