using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Diagnostics;
using BuyingJourney.Feed;
using BuyingJourney.Journeys;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;

namespace BuyingJourney;

// The journey service, part: what one append stores besides its signals (the fold of the signals the store takes, and
// the change-feed events between the journey's stored view and its view now), computed inside the store's transaction.
public sealed partial class JourneyService
{
    /// <summary>
    /// One append's fold, for the store to call once it knows which signals it stores: folds them onto the state the
    /// writer holds (in order, or, when one sorts before the state's last signal, rebuilt from <c>rebuild</c>, read
    /// before the append under the writer's turn), and diffs the journey's view now against the stored one.
    /// </summary>
    private sealed class AppendFold(JourneyService service, string journeyId, JourneyState state, (JourneyState? From, Signal[] Tail)? rebuild)
    {
        /// <summary>Per fresh signal id, why a rule refused it (stored, but not folded).</summary>
        public Dictionary<string, string> Refused { get; } = new(StringComparer.Ordinal);

        /// <summary>The state after the append; set by <see cref="Changes"/>.</summary>
        public JourneyState? Next { get; private set; }

        /// <summary>The fresh signals that were folded as late ones (a rebuild), by id.</summary>
        public HashSet<string> Late { get; } = new(StringComparer.Ordinal);

        /// <summary>The events the append stores; set by <see cref="Changes"/>.</summary>
        public ImmutableArray<JourneyEvent> Events { get; private set; } = [];

        /// <summary>The <see cref="JourneyChangesFactory"/> the store calls (again, from scratch, when a retried append calls it again).</summary>
        public JourneyChanges Changes(IReadOnlyList<Signal> appended, string? view)
        {
            Refused.Clear();
            Late.Clear();
            var next = state;
            foreach (var signal in appended)
            {
                if (state.LastSignalId is not null && SortsBefore(signal, state))
                {
                    Late.Add(signal.Id);
                }
            }

            if (Late.Count == 0)
            {
                foreach (var signal in appended.OrderBy(s => s, Comparer<Signal>.Create(Signal.CompareOrder)))
                {
                    var result = service._engine.Apply(next, signal);
                    next = result.State;
                    if (result.Outcome == SignalOutcome.RuleFailed)
                    {
                        Refused[signal.Id] = result.Reason!;
                    }
                }
            }
            else
            {
                var (from, tail) = rebuild ?? throw new InvalidOperationException("a late signal reached an append that read no rebuild base.");
                next = service._engine.Replay(journeyId, from, tail.Concat(appended), Refused);
            }

            var changes = service.Publish(next, view, appended);
            Next = next;
            Events = changes.Events;
            return changes;
        }
    }

    /// <summary>
    /// The changes to store with an append that leaves the journey at <paramref name="state"/>: its view now (the
    /// service's clock, or the last signal if later), the events from the stored view to it, and when it is next due.
    /// </summary>
    private JourneyChanges Publish(JourneyState state, string? storedView, IReadOnlyList<Signal> appended)
    {
        var now = _timeProvider.GetUtcNow();
        var asOf = state.LastSignalAt is { } last && last > now ? last : now;
        var assessment = _engine.Assess(state, asOf);
        var after = JourneyView.Of(assessment, _quietAfter);
        var before = storedView is null ? JourneyView.Of(_engine.Assess(_engine.Start(state.JourneyId), asOf), _quietAfter) : StoredView(storedView, state.JourneyId);
        var events = JourneyEventDiff.Between(before, after, assessment, appended, _quietAfter);
        return new JourneyChanges(events, after.Serialize(), JourneyView.DueAfter(assessment, _quietAfter));
    }

    /// <summary>The journey's stored feed view.</summary>
    /// <exception cref="JourneyRecordException">The store holds a view this version cannot read.</exception>
    private static JourneyView StoredView(string text, string journeyId)
    {
        try
        {
            return JourneyView.Parse(text);
        }
        catch (FormatException e)
        {
            throw new JourneyRecordException(journeyId, "feed view", "the stored view cannot be read: " + e.Message, e);
        }
    }

    /// <summary>
    /// Brings a journey's change feed up to now with no signal: stores, as events, what changed since the feed last
    /// told it (a task that faded, a revisit that fizzled, a task gone quiet; after a rulebook change, the corrections
    /// its re-interpretation makes), exactly once however many callers race, and its next due time.
    /// <see cref="JourneyScheduler"/> calls it for journeys that fall due; a rebuild calls it under a new engine.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="journeyId">The journey.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events stored (none when the feed was up to date, or the tenant has no such journey) and the journey's state.</returns>
    /// <exception cref="ArgumentException">A bad tenant or journey id.</exception>
    /// <exception cref="JourneyRecordException">A stored record is damaged; it names the journey and the record.</exception>
    public async Task<RecordResult> RefreshAsync(string tenant, string journeyId, CancellationToken cancellationToken = default)
    {
        StoreArguments.Tenant(tenant);
        StoreArguments.JourneyId(journeyId);
        using var activity = JourneyTelemetry.Source.StartActivity("buyingjourney.refresh");
        activity?.SetTag("buyingjourney.journey.id", journeyId);
        try
        {
            var (result, _) = await RefreshCoreAsync(tenant, journeyId, cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (Exception e) when (Reported(activity, tenant, journeyId, e))
        {
            throw;
        }
    }

    /// <summary><see cref="RefreshAsync"/>'s work, with the stream version the state includes (0 for no journey).</summary>
    private async Task<(RecordResult Result, long Version)> RefreshCoreAsync(string tenant, string journeyId, CancellationToken cancellationToken, HeldJourney? held = null)
    {
        var states = ImmutableDictionary<string, JourneyState>.Empty.WithComparers(StringComparer.Ordinal);
        var events = new List<JourneyEvent>();
        if (held is not { State.SignalCount: > 0 } && await _store.GetVersionAsync(tenant, journeyId, cancellationToken).ConfigureAwait(false) == 0)
        {
            return (new RecordResult([], states, 0, []), 0);
        }

        var (state, version, conflicts) = await RecordJourneyAsync(tenant, journeyId, [], [], [], events, cancellationToken, held).ConfigureAwait(false);
        return (new RecordResult([], states.Add(journeyId, state), conflicts, [.. events]), version);
    }

    /// <summary>After an append stored <paramref name="events"/>: counts them and wakes this process's feed followers.</summary>
    private static void Published(IJourneyStore store, ImmutableArray<JourneyEvent> events)
    {
        if (events.IsEmpty)
        {
            return;
        }

        foreach (var @event in events)
        {
            JourneyTelemetry.FeedEvents.Add(1, new KeyValuePair<string, object?>("buyingjourney.event.type", @event.Type));
            if (@event.Type == JourneyEventTypes.TaskLoopedBack)
            {
                JourneyTelemetry.LoopBacks.Add(1);
            }
            else if (@event.Type == JourneyEventTypes.StatusChanged)
            {
                JourneyTelemetry.StatusChanges.Add(1, new KeyValuePair<string, object?>("buyingjourney.status", StatusTag(@event.To)));
            }
        }

        FeedNotifier.For(store).Pulse();
    }
}
