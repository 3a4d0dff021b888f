using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Journeys;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;

namespace BuyingJourney;

// The journey service, part: loading a journey's state (a usable snapshot checked against the stream, then the signals after it).
public sealed partial class JourneyService
{
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
        string tenant, string journeyId, DateTimeOffset? before, long? upTo, CancellationToken cancellationToken, JourneySnapshot? recalled = null)
    {
        var (from, tail, version) = await LoadBaseAsync(tenant, journeyId, before, upTo, cancellationToken, recalled).ConfigureAwait(false);
        return (_engine.Replay(journeyId, from, tail, []), version);
    }

    /// <summary>
    /// What <see cref="LoadAsync"/> folds: the usable snapshot's state (null: none, fold from the start), the stored
    /// signals to fold onto it, and the stream version they reach. A late signal's rebuild folds the new signals in too.
    /// </summary>
    private async Task<(JourneyState? From, Signal[] Tail, long Version)> LoadBaseAsync(
        string tenant, string journeyId, DateTimeOffset? before, long? upTo, CancellationToken cancellationToken, JourneySnapshot? recalled = null)
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
                return (null, [.. rows.Take(count).Select(s => s.Signal)], count > 0 ? rows[count - 1].Version : 0);
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
                return (snapshot.State, [.. tail.Select(s => s.Signal)], rows[count - 1].Version);
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
