using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Diagnostics;
using BuyingJourney.Feed;
using BuyingJourney.Journeys;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;

namespace BuyingJourney;

// The journey service, part: recording signals (chunks appended at the expected version, retried on conflicts, the journey's writers taking turns).
public sealed partial class JourneyService
{
    /// <summary>
    /// Records signals (of one or more journeys) for a tenant. Signals dated further in the future than
    /// <see cref="JourneyServiceOptions.MaxClockSkew"/> are refused and not stored; every other signal is stored once.
    /// </summary>
    /// <remarks>
    /// <para>Writers of one journey take turns: calls in this process (through any service on the same store instance)
    /// wait for the journey on an in-process gate, first come first served, and when the store implements
    /// <see cref="IJourneyWriteLock"/> the call also holds that lock, so writers in other processes queue too. Appends
    /// still carry the expected stream version: a writer that takes no turn is detected and the append retried.</para>
    /// <para>A journey's signals are stored in appends of at most <see cref="JourneyServiceOptions.MaxSignalsPerAppend"/>,
    /// in the order given, each atomic. When the call fails, what it stored before the failure stays stored; sending the
    /// same signals again is safe (stored ids come back as <see cref="RecordStatus.Duplicate"/>).</para>
    /// </remarks>
    /// <param name="tenant">The tenant (a CRM customer's space); journey ids are unique within it.</param>
    /// <param name="signals">The signals to record, of one or more journeys, in the order to store them; repeats of stored ids are allowed.</param>
    /// <param name="cancellationToken">Cancels the call; what was stored before stays stored.</param>
    /// <returns>One outcome per signal, in the order given, and each touched journey's new state.</returns>
    /// <exception cref="ArgumentNullException">A null tenant or list.</exception>
    /// <exception cref="ArgumentException">A bad tenant id or a null signal; nothing is stored.</exception>
    /// <exception cref="JourneyVersionConflictException">Writers that take no turn kept winning for <see cref="JourneyServiceOptions.MaxConflictRetries"/> attempts; what this call stored before stays stored.</exception>
    /// <exception cref="JourneyRecordException">A stored record is damaged (it names the journey and the record), or the stream's version disagrees with its signal rows; no retry mends either.</exception>
    public async Task<RecordResult> RecordAsync(string tenant, IEnumerable<Signal> signals, CancellationToken cancellationToken = default)
    {
        var list = CheckedSignals(tenant, signals);
        return await RecordCheckedAsync(tenant, list, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><see cref="RecordAsync"/> of checked signals; <paramref name="held"/>: the state a single writer of one journey keeps (JourneyService.Cluster.cs), or null.</summary>
    private async Task<RecordResult> RecordCheckedAsync(string tenant, Signal[] list, HeldJourney? held, CancellationToken cancellationToken)
    {
        using var activity = JourneyTelemetry.Source.StartActivity("buyingjourney.record");
        activity?.SetTag("buyingjourney.signal.count", list.Length);
        try
        {
            var result = await RecordAllAsync(tenant, list, held, cancellationToken).ConfigureAwait(false);
            Count(tenant, result);
            return result;
        }
        catch (Exception e) when (Reported(activity, tenant, null, e))
        {
            throw;
        }
    }

    /// <summary>Counts the outcomes and logs the refusals of a finished <see cref="RecordAsync"/> call.</summary>
    private void Count(string tenant, RecordResult result)
    {
        foreach (var outcome in result.Signals)
        {
            if (JourneyTelemetry.SignalsRecorded.Enabled)
            {
                JourneyTelemetry.SignalsRecorded.Add(1, new KeyValuePair<string, object?>("buyingjourney.record.status", StatusNames[(int)outcome.Status]));
            }

            if (outcome.Status == RecordStatus.RuleFailed)
            {
                JourneyLog.SignalRefusedByRule(_logger, tenant, outcome.Signal.JourneyId, outcome.Signal.Id, outcome.Reason!);
            }
            else if (outcome.Status == RecordStatus.Refused)
            {
                JourneyLog.SignalRefused(_logger, tenant, outcome.Signal.JourneyId, outcome.Signal.Id, outcome.Reason!);
            }
        }
    }

    /// <summary>The <c>buyingjourney.record.status</c> tag of each <see cref="RecordStatus"/>, by its value.</summary>
    private static readonly string[] StatusNames = ["applied", "duplicate", "late_rebuilt", "rule_failed", "refused"];

    private async Task<RecordResult> RecordAllAsync(string tenant, Signal[] list, HeldJourney? held, CancellationToken cancellationToken)
    {
        var outcomes = new SignalRecordOutcome?[list.Length];
        var latest = _timeProvider.GetUtcNow() + _options.MaxClockSkew;
        var byJourney = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i].OccurredAt > latest)
            {
                outcomes[i] = new SignalRecordOutcome(list[i], RecordStatus.Refused, $"occurredAt {list[i].OccurredAt:O} is more than {_options.MaxClockSkew} ahead of the service's clock.");
                continue;
            }

            if (!byJourney.TryGetValue(list[i].JourneyId, out var indexes))
            {
                byJourney[list[i].JourneyId] = indexes = [];
            }

            indexes.Add(i);
        }

        var states = ImmutableDictionary.CreateBuilder<string, JourneyState>(StringComparer.Ordinal);
        var events = new List<JourneyEvent>();
        var retries = 0;
        foreach (var (journeyId, indexes) in byJourney)
        {
            var (state, _, conflicts) = await RecordJourneyAsync(tenant, journeyId, list, indexes, outcomes, events, cancellationToken, held).ConfigureAwait(false);
            states[journeyId] = state;
            retries += conflicts;
        }

        return new RecordResult([.. outcomes.Select(o => o!)], states.ToImmutable(), retries, [.. events]);
    }

    private async Task<(JourneyState State, long Version, int Conflicts)> RecordJourneyAsync(
        string tenant, string journeyId, Signal[] list, List<int> indexes, SignalRecordOutcome?[] outcomes, List<JourneyEvent> events, CancellationToken cancellationToken, HeldJourney? writer = null)
    {
        // Writers of one journey take turns: in this process on the store's gate, across processes on the store's lock.
        using var turn = await JourneyWriteGates.For(_store).EnterAsync(tenant, journeyId, cancellationToken).ConfigureAwait(false);
        var held = _store is IJourneyWriteLock writeLock
            ? await writeLock.AcquireAsync(tenant, journeyId, cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            // The state this store's last writer of the journey left: handed over in this queue, it is the stream's
            // (a writer that takes no turn is caught by the append's version check); left earlier, it is a snapshot in
            // memory, checked against the stream like a stored one, and only the signals stored since are read.
            var known = turn.TryRecall(_engine, out var state, out var version, out var handedOver);
            turn.Forget();
            (known, handedOver) = Held(writer, journeyId, ref state, ref version) ? (true, true) : (known, handedOver);
            if (!known || !handedOver)
            {
                var recalled = known
                    ? new JourneySnapshot(state, version, _engine.Rulebook.Name, _engine.Rulebook.Version) { FoldFingerprint = _engine.FoldFingerprint }
                    : null;
                (state, version) = await LoadAsync(tenant, journeyId, null, null, cancellationToken, recalled: recalled).ConfigureAwait(false);
            }

            var conflicts = 0;
            var start = 0;
            do
            {
                // At least one append, an empty one for no signals: it brings the journey's feed up to now.
                var chunk = indexes.GetRange(start, Math.Min(_options.MaxSignalsPerAppend, indexes.Count - start));
                (state, version, conflicts) = await AppendChunkAsync(tenant, journeyId, list, chunk, outcomes, events, state, version, conflicts, cancellationToken).ConfigureAwait(false);
                start += chunk.Count;
            }
            while (start < indexes.Count);

            if (state.SignalCount > 0)
            {
                turn.Remember(_engine, state, version);
            }

            writer?.Keep(state, version);
            return (state, version, conflicts);
        }
        catch when (writer is not null)
        {
            writer.Keep(null, 0); // a write failed part-way: what the writer held may be behind the stream
            throw;
        }
        finally
        {
            if (held is not null)
            {
                await held.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Appends one bounded part of a journey's batch at <paramref name="version"/> (an empty part: no signal, the
    /// journey's feed brought up to now), retrying on conflicts; the store folds it and stores its events with it.
    /// </summary>
    private async Task<(JourneyState State, long Version, int Conflicts)> AppendChunkAsync(
        string tenant, string journeyId, Signal[] list, List<int> indexes, SignalRecordOutcome?[] outcomes, List<JourneyEvent> events,
        JourneyState state, long version, int conflicts, CancellationToken cancellationToken)
    {
        var batch = indexes.Select(i => list[i]).ToArray();
        while (true)
        {
            // A late signal's rebuild base is read before the append, under this writer's turn: the append's version
            // check catches a writer that took none.
            var late = batch.Where(s => state.LastSignalId is not null && SortsBefore(s, state)).ToArray();
            (JourneyState? From, Signal[] Tail)? rebuild = null;
            if (late.Length > 0)
            {
                var (from, tail, _) = await LoadBaseAsync(tenant, journeyId, late.Min(s => s.OccurredAt), version, cancellationToken).ConfigureAwait(false);
                rebuild = (from, tail);
            }

            var fold = new AppendFold(this, journeyId, state, rebuild);
            AppendResult appended;
            try
            {
                appended = await AppendAsync(tenant, journeyId, version, batch, fold.Changes, cancellationToken).ConfigureAwait(false);
            }
            catch (JourneyVersionConflictException conflict) when (conflicts + 1 < _options.MaxConflictRetries)
            {
                conflicts++;
                JourneyTelemetry.AppendConflicts.Add(1);
                JourneyLog.AppendConflict(_logger, tenant, journeyId, version, conflicts, _options.MaxConflictRetries - 1);
                var expected = version;
                (state, version) = await LoadAsync(tenant, journeyId, null, null, cancellationToken).ConfigureAwait(false);
                if (version == expected && conflict.ActualVersion >= 0 && conflict.ActualVersion != expected)
                {
                    // Another writer's append would be visible now; reading the same version again means the stream's
                    // version and its signal rows disagree: corruption, which no retry mends.
                    throw new JourneyRecordException(
                        journeyId,
                        "stream",
                        $"the stream is at version {conflict.ActualVersion.ToString(CultureInfo.InvariantCulture)} but its signal rows end at version {expected.ToString(CultureInfo.InvariantCulture)}.");
                }

                continue;
            }

            var next = fold.Next ?? throw new InvalidOperationException($"the store appended to journey \"{journeyId}\" without calling the changes factory.");
            for (var k = 0; k < batch.Length; k++)
            {
                var id = batch[k].Id;
                outcomes[indexes[k]] = appended.Outcomes[k] == AppendOutcome.Duplicate
                    ? new SignalRecordOutcome(batch[k], RecordStatus.Duplicate, null)
                    : fold.Refused.TryGetValue(id, out var reason)
                        ? new SignalRecordOutcome(batch[k], RecordStatus.RuleFailed, "stored, but " + reason)
                        : new SignalRecordOutcome(batch[k], fold.Late.Contains(id) ? RecordStatus.LateRebuilt : RecordStatus.Applied, null);
            }

            events.AddRange(fold.Events);
            Published(_store, fold.Events);
            if (version / _options.SnapshotEvery != appended.Version / _options.SnapshotEvery && next.SignalCount > 0)
            {
                await _store.SaveSnapshotAsync(tenant, new JourneySnapshot(next, appended.Version, _engine.Rulebook.Name, _engine.Rulebook.Version) { FoldFingerprint = _engine.FoldFingerprint }, cancellationToken).ConfigureAwait(false);
            }

            return (next, appended.Version, conflicts);
        }
    }

    /// <summary>One append to the store, inside a <c>buyingjourney.append</c> activity and timed.</summary>
    private async Task<AppendResult> AppendAsync(string tenant, string journeyId, long version, Signal[] batch, JourneyChangesFactory changes, CancellationToken cancellationToken)
    {
        using var activity = JourneyTelemetry.Source.StartActivity("buyingjourney.append");
        activity?.SetTag("buyingjourney.journey.id", journeyId);
        activity?.SetTag("buyingjourney.signal.count", batch.Length);
        var started = _timeProvider.GetTimestamp();
        try
        {
            var appended = await _store.AppendAsync(tenant, journeyId, version, batch, changes, cancellationToken).ConfigureAwait(false);
            JourneyTelemetry.AppendDuration.Record(_timeProvider.GetElapsedTime(started).TotalSeconds);
            return appended;
        }
        catch (Exception e)
        {
            JourneyTelemetry.Fail(activity, e);
            JourneyTelemetry.AppendDuration.Record(_timeProvider.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("error.type", e.GetType().FullName));
            throw;
        }
    }

    /// <summary>The <c>buyingjourney.status</c> tag of a status name.</summary>
    private static string StatusTag(string? status) => status switch
    {
        nameof(Phases.JourneyStatus.AtRisk) => "at_risk",
        null => "none",
        _ => status.ToLowerInvariant(),
    };
}
