using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Assessment;
using BuyingJourney.Internal;
using BuyingJourney.Journeys;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;

namespace BuyingJourney;

/// <summary>
/// The API a CRM calls: records signals safely in an <see cref="IJourneyStore"/> and answers with assessments that
/// always equal the replay of what was stored. Idempotent (a stored id is acknowledged and changes nothing),
/// accepts late signals (stores them and rebuilds from a snapshot taken before them), lets the writers of one journey
/// take turns instead of racing, and reports per signal what happened.
/// </summary>
/// <remarks>Thread-safe; share one instance. Every call is scoped by tenant.</remarks>
public sealed class JourneyService
{
    private readonly JourneyEngine _engine;
    private readonly IJourneyStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly JourneyServiceOptions _options;

    /// <summary>How many snapshots one load tries before it folds the journey from its signals alone.</summary>
    private const int MaxSnapshotLoads = 3;

    /// <summary>Creates the service.</summary>
    /// <param name="engine">The engine that folds and assesses journeys.</param>
    /// <param name="store">Where signals and snapshots are kept.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <param name="timeProvider">The clock for "now" and the future-timestamp check; null for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentNullException">A null engine or store.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option out of range; the message names it.</exception>
    public JourneyService(JourneyEngine engine, IJourneyStore store, JourneyServiceOptions? options = null, TimeProvider? timeProvider = null)
    {
        _engine = Guard.NotNull(engine);
        _store = Guard.NotNull(store);
        _options = (options ?? new JourneyServiceOptions()).Validated();
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

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
    /// <returns>One outcome per signal, in the order given, and each touched journey's new state.</returns>
    /// <exception cref="ArgumentNullException">A null tenant or list.</exception>
    /// <exception cref="ArgumentException">A bad tenant id or a null signal; nothing is stored.</exception>
    /// <exception cref="JourneyVersionConflictException">Writers that take no turn kept winning for <see cref="JourneyServiceOptions.MaxConflictRetries"/> attempts; what this call stored before stays stored.</exception>
    /// <exception cref="JourneyRecordException">A stored record is damaged (it names the journey and the record), or the stream's version disagrees with its signal rows; no retry mends either.</exception>
    public async Task<RecordResult> RecordAsync(string tenant, IEnumerable<Signal> signals, CancellationToken cancellationToken = default)
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
        var retries = 0;
        foreach (var (journeyId, indexes) in byJourney)
        {
            var (state, conflicts) = await RecordJourneyAsync(tenant, journeyId, list, indexes, outcomes, cancellationToken).ConfigureAwait(false);
            states[journeyId] = state;
            retries += conflicts;
        }

        return new RecordResult([.. outcomes.Select(o => o!)], states.ToImmutable(), retries);
    }

    /// <summary>
    /// A journey's assessment. With <paramref name="asOf"/> null: now (the service's clock, or the journey's last signal
    /// if that is later), from the latest snapshot
    /// and the signals after it, without the per-task evidence. With a time: as of then (time travel), replayed from
    /// the signals that occurred up to it, with the evidence behind every score.
    /// </summary>
    /// <exception cref="ArgumentException">A bad tenant or journey id.</exception>
    /// <exception cref="JourneyRecordException">A stored record is damaged; it names the journey and the record.</exception>
    public async Task<JourneyAssessment> GetAsync(string tenant, string journeyId, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.Tenant(tenant);
        StoreArguments.JourneyId(journeyId);
        if (asOf is not { } time)
        {
            var (state, _) = await LoadAsync(tenant, journeyId, null, null, cancellationToken).ConfigureAwait(false);
            var now = _timeProvider.GetUtcNow();
            return _engine.Assess(state, state.LastSignalAt is { } last && last > now ? last : now);
        }

        var stored = await _store.ReadAsync(tenant, journeyId, 0, time, cancellationToken).ConfigureAwait(false);
        return _engine.Assess(journeyId, stored.Select(s => s.Signal), time);
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

    private async Task<(JourneyState State, int Conflicts)> RecordJourneyAsync(
        string tenant, string journeyId, Signal[] list, List<int> indexes, SignalRecordOutcome?[] outcomes, CancellationToken cancellationToken)
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
            if (!known || !handedOver)
            {
                var recalled = known
                    ? new JourneySnapshot(state, version, _engine.Rulebook.Name, _engine.Rulebook.Version) { FoldFingerprint = _engine.FoldFingerprint }
                    : null;
                (state, version) = await LoadAsync(tenant, journeyId, null, null, cancellationToken, recalled: recalled).ConfigureAwait(false);
            }

            var conflicts = 0;
            for (var start = 0; start < indexes.Count; start += _options.MaxSignalsPerAppend)
            {
                var chunk = indexes.GetRange(start, Math.Min(_options.MaxSignalsPerAppend, indexes.Count - start));
                (state, version, conflicts) = await AppendChunkAsync(tenant, journeyId, list, chunk, outcomes, state, version, conflicts, cancellationToken).ConfigureAwait(false);
            }

            if (state.SignalCount > 0)
            {
                turn.Remember(_engine, state, version);
            }

            return (state, conflicts);
        }
        finally
        {
            if (held is not null)
            {
                await held.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Appends one bounded part of a journey's batch at <paramref name="version"/>, retrying on conflicts, and folds it.</summary>
    private async Task<(JourneyState State, long Version, int Conflicts)> AppendChunkAsync(
        string tenant, string journeyId, Signal[] list, List<int> indexes, SignalRecordOutcome?[] outcomes,
        JourneyState state, long version, int conflicts, CancellationToken cancellationToken)
    {
        var batch = indexes.Select(i => list[i]).ToArray();
        while (true)
        {
            AppendResult appended;
            try
            {
                appended = await _store.AppendAsync(tenant, journeyId, version, batch, cancellationToken).ConfigureAwait(false);
            }
            catch (JourneyVersionConflictException conflict) when (conflicts + 1 < _options.MaxConflictRetries)
            {
                conflicts++;
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

            var fresh = new List<int>();
            for (var k = 0; k < batch.Length; k++)
            {
                if (appended.Outcomes[k] == AppendOutcome.Duplicate)
                {
                    outcomes[indexes[k]] = new SignalRecordOutcome(batch[k], RecordStatus.Duplicate, null);
                }
                else
                {
                    fresh.Add(k);
                }
            }

            if (fresh.Count == 0)
            {
                return (state, appended.Version, conflicts);
            }

            var late = fresh.Where(k => state.LastSignalId is not null && SortsBefore(batch[k], state)).ToHashSet();
            JourneyState next;
            if (late.Count == 0)
            {
                next = state;
                foreach (var k in fresh.OrderBy(k => batch[k], Comparer<Signal>.Create(Signal.CompareOrder)))
                {
                    var result = _engine.Apply(next, batch[k]);
                    next = result.State;
                    outcomes[indexes[k]] = result.Outcome == SignalOutcome.RuleFailed
                        ? new SignalRecordOutcome(batch[k], RecordStatus.RuleFailed, "stored, but " + result.Reason)
                        : new SignalRecordOutcome(batch[k], RecordStatus.Applied, null);
                }
            }
            else
            {
                // Rebuilt from a snapshot before the late signals, up to exactly the version this append made: a writer
                // that appended since is not part of this state (nor of the snapshot saved from it).
                var earliest = late.Min(k => batch[k].OccurredAt);
                var refused = new Dictionary<string, string>(StringComparer.Ordinal);
                (next, _) = await LoadAsync(tenant, journeyId, earliest, appended.Version, cancellationToken, refused).ConfigureAwait(false);
                foreach (var k in fresh)
                {
                    outcomes[indexes[k]] = refused.TryGetValue(batch[k].Id, out var reason)
                        ? new SignalRecordOutcome(batch[k], RecordStatus.RuleFailed, "stored, but " + reason)
                        : new SignalRecordOutcome(batch[k], late.Contains(k) ? RecordStatus.LateRebuilt : RecordStatus.Applied, null);
                }
            }

            if (version / _options.SnapshotEvery != appended.Version / _options.SnapshotEvery && next.SignalCount > 0)
            {
                await _store.SaveSnapshotAsync(tenant, new JourneySnapshot(next, appended.Version, _engine.Rulebook.Name, _engine.Rulebook.Version) { FoldFingerprint = _engine.FoldFingerprint }, cancellationToken).ConfigureAwait(false);
            }

            return (next, appended.Version, conflicts);
        }
    }

    /// <summary>
    /// The journey as the fold of its stored signals (those up to version <paramref name="upTo"/> when given), from
    /// the newest usable snapshot: one of this rulebook version and fold fingerprint, whose last signal occurred
    /// before <paramref name="before"/> (when given), that the stream agrees with (its version holds a signal, it
    /// counts no more signals than its version, and the signal at its version is folded into it), and after which
    /// every stored signal sorts after its last one. Returns the state and the stream version it includes.
    /// </summary>
    /// <remarks>
    /// Bounded on any data: at most <see cref="MaxSnapshotLoads"/> snapshots are tried before the journey is folded from
    /// its signals alone. A snapshot the stream contradicts is passed over (the signals are the truth); a snapshot that
    /// breaks the bound it was asked for, or a stream whose versions are not 1, 2, 3..., is corruption and throws
    /// <see cref="JourneyRecordException"/>.
    /// </remarks>
    private async Task<(JourneyState State, long Version)> LoadAsync(
        string tenant, string journeyId, DateTimeOffset? before, long? upTo, CancellationToken cancellationToken,
        Dictionary<string, string>? failures = null, JourneySnapshot? recalled = null)
    {
        var snapshot = recalled ?? await _store.LoadSnapshotAsync(tenant, journeyId, before, cancellationToken).ConfigureAwait(false);
        var loads = recalled is null ? 1 : 0;
        while (true)
        {
            if (snapshot is null && loads == 0)
            {
                // The recalled state did not fit the stream: go on from the store's newest snapshot instead.
                snapshot = await _store.LoadSnapshotAsync(tenant, journeyId, before, cancellationToken).ConfigureAwait(false);
                loads++;
            }

            snapshot = Checked(snapshot, journeyId, before, upTo);
            var from = snapshot?.Version ?? 1;
            var rows = await _store.ReadAsync(tenant, journeyId, from - 1, null, cancellationToken).ConfigureAwait(false);
            if (Gap(rows, from) is { } missing)
            {
                if (snapshot is null)
                {
                    throw new JourneyRecordException(journeyId, "signal version " + missing.ToString(CultureInfo.InvariantCulture), "is missing: the stream's signal versions are not consecutive.");
                }

                snapshot = null;
                continue;
            }

            var count = upTo is { } limit ? CountUpTo(rows, limit) : rows.Count;
            if (snapshot is null)
            {
                var all = rows.Take(count).Select(s => s.Signal);
                return (_engine.Replay(journeyId, null, all, failures ?? []), count > 0 ? rows[count - 1].Version : 0);
            }

            if (!StreamAgrees(snapshot, rows))
            {
                snapshot = null;
                continue;
            }

            var tail = rows.Skip(1).Take(count - 1).ToArray();
            var stale = tail.Where(s => SortsBefore(s.Signal, snapshot.State) || string.Equals(s.Signal.Id, snapshot.State.LastSignalId, StringComparison.Ordinal)).ToArray();
            if (stale.Length == 0)
            {
                return (_engine.Replay(journeyId, snapshot.State, tail.Select(s => s.Signal), failures ?? []), rows[count - 1].Version);
            }

            if (loads == MaxSnapshotLoads)
            {
                snapshot = null;
                continue;
            }

            // A signal stored after the snapshot sorts before it: use an older snapshot, from before that signal.
            var earliest = stale.Min(s => s.Signal.OccurredAt);
            before = before is { } b && b < earliest ? b : earliest;
            snapshot = await _store.LoadSnapshotAsync(tenant, journeyId, before, cancellationToken).ConfigureAwait(false);
            loads++;
        }
    }

    /// <summary>The snapshot when this service can use it, null when not; throws when it breaks the bound it was loaded for.</summary>
    private JourneySnapshot? Checked(JourneySnapshot? snapshot, string journeyId, DateTimeOffset? before, long? upTo)
    {
        if (snapshot is null || !Usable(snapshot) || (upTo is { } limit && snapshot.Version > limit))
        {
            return null;
        }

        if (before is { } bound && snapshot.State.LastSignalAt >= bound)
        {
            throw new JourneyRecordException(
                journeyId,
                "snapshot version " + snapshot.Version.ToString(CultureInfo.InvariantCulture),
                $"the store returned it as one whose last signal occurred before {bound:O}, but its state's last signal occurred at {snapshot.State.LastSignalAt:O}: the stored row disagrees with its payload.");
        }

        return snapshot;
    }

    /// <summary>The first missing version when the rows are not <paramref name="first"/>, <paramref name="first"/> + 1, ...; null when they are.</summary>
    private static long? Gap(IReadOnlyList<StoredSignal> rows, long first)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Version != first + i)
            {
                return first + i;
            }
        }

        return null;
    }

    private static int CountUpTo(IReadOnlyList<StoredSignal> rows, long version)
    {
        var count = 0;
        while (count < rows.Count && rows[count].Version <= version)
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// Whether the stream agrees with what a snapshot claims: the stream holds a signal at the snapshot's version (the
    /// first row), the state counts at most that many signals, and that signal is folded into it (it does not sort
    /// after the state's last signal). A snapshot whose own last signal was refused by a rule may fail this and is
    /// then simply not used.
    /// </summary>
    private static bool StreamAgrees(JourneySnapshot snapshot, IReadOnlyList<StoredSignal> rows)
    {
        var state = snapshot.State;
        if (rows.Count == 0 || rows[0].Version != snapshot.Version || state.SignalCount < 1 || state.SignalCount > snapshot.Version)
        {
            return false;
        }

        var atVersion = rows[0].Signal;
        return string.Equals(atVersion.Id, state.LastSignalId, StringComparison.Ordinal)
            ? atVersion.OccurredAt.UtcTicks == state.LastSignalTicks
            : SortsBefore(atVersion, state);
    }

    private bool Usable(JourneySnapshot snapshot)
        => !snapshot.IsOutdated
           && string.Equals(snapshot.RulebookName, _engine.Rulebook.Name, StringComparison.Ordinal)
           && string.Equals(snapshot.RulebookVersion, _engine.Rulebook.Version, StringComparison.Ordinal)
           && string.Equals(snapshot.FoldFingerprint, _engine.FoldFingerprint, StringComparison.Ordinal)
           && string.Equals(snapshot.State.ModelName, _engine.Model.Name, StringComparison.Ordinal)
           && snapshot.State.Tasks.Length == _engine.Model.Tasks.Length
           && snapshot.State.LastSignalId is not null
           && string.Equals(snapshot.State.JourneyId, snapshot.JourneyId, StringComparison.Ordinal);

    private static bool SortsBefore(Signal signal, JourneyState state)
    {
        var ticks = signal.OccurredAt.UtcTicks;
        var last = state.LastSignalAt!.Value.UtcTicks;
        return ticks < last || (ticks == last && string.CompareOrdinal(signal.Id, state.LastSignalId) < 0);
    }
}
