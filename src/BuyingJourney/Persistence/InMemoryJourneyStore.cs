using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Feed;
using BuyingJourney.Signals;

namespace BuyingJourney.Persistence;

/// <summary>
/// An <see cref="IJourneyStore"/> in process memory: the default when no store is configured, and for tests.
/// Nothing survives the process.
/// </summary>
/// <remarks>Thread-safe: each stream has its own lock, and each tenant's feed one taken inside it; appends (signals,
/// events, the journey's feed view and due time) are all-or-nothing.</remarks>
public sealed partial class InMemoryJourneyStore : IJourneyStore
{
    private readonly ConcurrentDictionary<(string Tenant, string Journey), Stream> _streams = new();
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">The clock for <see cref="StoredSignal.RecordedAt"/>; null for <see cref="TimeProvider.System"/>.</param>
    public InMemoryJourneyStore(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public Task<AppendResult> AppendAsync(string tenant, string journeyId, long expectedVersion, IReadOnlyList<Signal> signals, JourneyChangesFactory? changes = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.Tenant(tenant);
        StoreArguments.JourneyId(journeyId);
        StoreArguments.Signals(signals, journeyId);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        cancellationToken.ThrowIfCancellationRequested();
        var stream = _streams.GetOrAdd((tenant, journeyId), static _ => new Stream());
        lock (stream)
        {
            if (stream.Signals.Count != expectedVersion)
            {
                throw new JourneyVersionConflictException(journeyId, expectedVersion, stream.Signals.Count);
            }

            var outcomes = ImmutableArray.CreateBuilder<AppendOutcome>(signals.Count);
            var now = _timeProvider.GetUtcNow();
            var added = new HashSet<string>(StringComparer.Ordinal);
            foreach (var signal in signals)
            {
                var fresh = !stream.Ids.Contains(signal.Id) && added.Add(signal.Id);
                outcomes.Add(fresh ? AppendOutcome.Appended : AppendOutcome.Duplicate);
            }

            var computed = changes is null ? null : Changes(changes, signals, outcomes, stream.View, journeyId);
            var version = (long)stream.Signals.Count;
            for (var i = 0; i < signals.Count; i++)
            {
                if (outcomes[i] == AppendOutcome.Appended)
                {
                    stream.Signals.Add(new StoredSignal(signals[i], ++version, now));
                    stream.Ids.Add(signals[i].Id);
                }
            }

            if (computed is not null)
            {
                Publish(tenant, stream, computed, now);
            }

            return Task.FromResult(new AppendResult(version, outcomes.MoveToImmutable()));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredSignal>> ReadAsync(string tenant, string journeyId, long afterVersion = 0, DateTimeOffset? occurredAtOrBefore = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.Tenant(tenant);
        StoreArguments.JourneyId(journeyId);
        ArgumentOutOfRangeException.ThrowIfNegative(afterVersion);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_streams.TryGetValue((tenant, journeyId), out var stream))
        {
            return Task.FromResult<IReadOnlyList<StoredSignal>>([]);
        }

        lock (stream)
        {
            IReadOnlyList<StoredSignal> result = stream.Signals
                .Where(s => s.Version > afterVersion && (occurredAtOrBefore is not { } limit || s.Signal.OccurredAt <= limit))
                .ToArray();
            return Task.FromResult(result);
        }
    }

    /// <inheritdoc />
    public Task<long> GetVersionAsync(string tenant, string journeyId, CancellationToken cancellationToken = default)
    {
        StoreArguments.Tenant(tenant);
        StoreArguments.JourneyId(journeyId);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_streams.TryGetValue((tenant, journeyId), out var stream))
        {
            return Task.FromResult(0L);
        }

        lock (stream)
        {
            return Task.FromResult((long)stream.Signals.Count);
        }
    }

    /// <inheritdoc />
    public Task SaveSnapshotAsync(string tenant, JourneySnapshot snapshot, CancellationToken cancellationToken = default)
    {
        StoreArguments.Tenant(tenant);
        ArgumentNullException.ThrowIfNull(snapshot);
        cancellationToken.ThrowIfCancellationRequested();
        var stream = _streams.GetOrAdd((tenant, snapshot.JourneyId), static _ => new Stream());
        lock (stream)
        {
            if (snapshot.Version > stream.Signals.Count)
            {
                throw new ArgumentException($"snapshot of journey \"{snapshot.JourneyId}\" is at version {snapshot.Version}, beyond the stream's {stream.Signals.Count}.", nameof(snapshot));
            }

            stream.Snapshots[snapshot.Version] = snapshot;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<JourneySnapshot?> LoadSnapshotAsync(string tenant, string journeyId, DateTimeOffset? lastSignalBefore = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.Tenant(tenant);
        StoreArguments.JourneyId(journeyId);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_streams.TryGetValue((tenant, journeyId), out var stream))
        {
            return Task.FromResult<JourneySnapshot?>(null);
        }

        lock (stream)
        {
            for (var i = stream.Snapshots.Count - 1; i >= 0; i--)
            {
                var snapshot = stream.Snapshots.Values[i];
                if (lastSignalBefore is not { } before || (snapshot.State.LastSignalAt is { } last && last < before))
                {
                    return Task.FromResult<JourneySnapshot?>(snapshot);
                }
            }
        }

        return Task.FromResult<JourneySnapshot?>(null);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListJourneysAsync(string tenant, string? after = null, int limit = 1000, CancellationToken cancellationToken = default)
    {
        StoreArguments.Tenant(tenant);
        StoreArguments.Limit(limit);
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<string> page = _streams
            .Where(pair => pair.Key.Tenant == tenant && (after is null || string.CompareOrdinal(pair.Key.Journey, after) > 0) && HasSignals(pair.Value))
            .Select(pair => pair.Key.Journey)
            .Order(StringComparer.Ordinal)
            .Take(limit)
            .ToArray();
        return Task.FromResult(page);
    }

    private static bool HasSignals(Stream stream)
    {
        lock (stream)
        {
            return stream.Signals.Count > 0;
        }
    }

    private sealed class Stream
    {
        public List<StoredSignal> Signals { get; } = [];

        public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);

        public SortedList<long, JourneySnapshot> Snapshots { get; } = [];

        /// <summary>The journey's feed view, as the last append with changes left it.</summary>
        public string? View { get; set; }

        /// <summary>When the journey is next due, UTC ticks; null for never.</summary>
        public long? DueAt { get; set; }

        /// <summary>Until when a scheduler's claim holds, UTC ticks; null when unclaimed.</summary>
        public long? LeaseUntil { get; set; }
    }
}
