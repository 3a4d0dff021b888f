using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Feed;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;

namespace BuyingJourney.Testing.Tests.Stores;

/// <summary>
/// Stores with one deliberate bug each, for checking that the suites catch it: each wraps an
/// <see cref="InMemoryJourneyStore"/> (which keeps the contract) and breaks one rule on the way in or out.
/// </summary>
internal static class BrokenStores
{
    /// <summary>Every broken store by name, each call a new, empty one.</summary>
    public static IReadOnlyDictionary<string, Func<IJourneyStore>> All { get; } = new Dictionary<string, Func<IJourneyStore>>(StringComparer.Ordinal)
    {
        [nameof(IgnoresExpectedVersion)] = () => new IgnoresExpectedVersion(),
        [nameof(StoresRepeatedIdsAgain)] = () => new StoresRepeatedIdsAgain(),
        [nameof(AcknowledgesButLosesTheLastSignal)] = () => new AcknowledgesButLosesTheLastSignal(),
        [nameof(LeaksAcrossTenants)] = () => new LeaksAcrossTenants(),
        [nameof(ReadsInTimeOrder)] = () => new ReadsInTimeOrder(),
        [nameof(DropsTheSnapshotFingerprint)] = () => new DropsTheSnapshotFingerprint(),
        [nameof(StoresPartOfABadBatch)] = () => new StoresPartOfABadBatch(),
        [nameof(IgnoresCancellation)] = () => new IgnoresCancellation(),
        [nameof(ListsInCultureOrder)] = () => new ListsInCultureOrder(),
        [nameof(LoadsTheLatestSnapshotWhateverTheTime)] = () => new LoadsTheLatestSnapshotWhateverTheTime(),
        [nameof(ReadsEverySignalWhateverTheTime)] = () => new ReadsEverySignalWhateverTheTime(),
        [nameof(StoresTimesInUtc)] = () => new StoresTimesInUtc(),
        [nameof(AcceptsAnyTenant)] = () => new AcceptsAnyTenant(),
    };

    /// <summary>Passes every call to an in-memory store; each broken store overrides the call it breaks.</summary>
    internal abstract class Wrapper : IJourneyStore
    {
        protected InMemoryJourneyStore Inner { get; } = new();

        public virtual Task<AppendResult> AppendAsync(string tenant, string journeyId, long expectedVersion, IReadOnlyList<Signal> signals, JourneyChangesFactory? changes = null, CancellationToken cancellationToken = default)
            => Inner.AppendAsync(tenant, journeyId, expectedVersion, signals, changes, cancellationToken);

        public virtual Task<IReadOnlyList<StoredSignal>> ReadAsync(string tenant, string journeyId, long afterVersion = 0, DateTimeOffset? occurredAtOrBefore = null, CancellationToken cancellationToken = default)
            => Inner.ReadAsync(tenant, journeyId, afterVersion, occurredAtOrBefore, cancellationToken);

        public virtual Task<long> GetVersionAsync(string tenant, string journeyId, CancellationToken cancellationToken = default)
            => Inner.GetVersionAsync(tenant, journeyId, cancellationToken);

        public virtual Task SaveSnapshotAsync(string tenant, JourneySnapshot snapshot, CancellationToken cancellationToken = default)
            => Inner.SaveSnapshotAsync(tenant, snapshot, cancellationToken);

        public virtual Task<JourneySnapshot?> LoadSnapshotAsync(string tenant, string journeyId, DateTimeOffset? lastSignalBefore = null, CancellationToken cancellationToken = default)
            => Inner.LoadSnapshotAsync(tenant, journeyId, lastSignalBefore, cancellationToken);

        public virtual Task<IReadOnlyList<string>> ListJourneysAsync(string tenant, string? after = null, int limit = 1000, CancellationToken cancellationToken = default)
            => Inner.ListJourneysAsync(tenant, after, limit, cancellationToken);

        public virtual Task<IReadOnlyList<StoredJourneyEvent>> ReadEventsAsync(string tenant, long afterPosition = 0, int limit = 1000, string? journeyId = null, CancellationToken cancellationToken = default)
            => Inner.ReadEventsAsync(tenant, afterPosition, limit, journeyId, cancellationToken);

        public virtual Task<long> GetFeedCursorAsync(string tenant, string consumer, CancellationToken cancellationToken = default)
            => Inner.GetFeedCursorAsync(tenant, consumer, cancellationToken);

        public virtual Task SaveFeedCursorAsync(string tenant, string consumer, long position, CancellationToken cancellationToken = default)
            => Inner.SaveFeedCursorAsync(tenant, consumer, position, cancellationToken);

        public virtual Task<IReadOnlyList<DueJourney>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit = 100, CancellationToken cancellationToken = default)
            => Inner.ClaimDueAsync(now, lease, limit, cancellationToken);
    }

    /// <summary>Appends at whatever version the stream has: a lost update instead of a conflict.</summary>
    internal sealed class IgnoresExpectedVersion : Wrapper
    {
        public override async Task<AppendResult> AppendAsync(string tenant, string journeyId, long expectedVersion, IReadOnlyList<Signal> signals, JourneyChangesFactory? changes = null, CancellationToken cancellationToken = default)
            => await Inner.AppendAsync(tenant, journeyId, await Inner.GetVersionAsync(tenant, journeyId, cancellationToken), signals, changes, cancellationToken);
    }

    /// <summary>Has no unique key on the signal id: a repeated id, in the batch or already stored, is stored again.</summary>
    internal sealed class StoresRepeatedIdsAgain : Wrapper
    {
        private long _copies;

        public override Task<AppendResult> AppendAsync(string tenant, string journeyId, long expectedVersion, IReadOnlyList<Signal> signals, JourneyChangesFactory? changes = null, CancellationToken cancellationToken = default)
        {
            // Each copy gets an inner id of its own; reads give the signal its own id back.
            var copies = signals?.Select(s => s is null ? null! : WithId(s, s.Id + "#" + Interlocked.Increment(ref _copies).ToString(CultureInfo.InvariantCulture))).ToArray();
            return Inner.AppendAsync(tenant, journeyId, expectedVersion, copies!, changes, cancellationToken);
        }

        public override async Task<IReadOnlyList<StoredSignal>> ReadAsync(string tenant, string journeyId, long afterVersion = 0, DateTimeOffset? occurredAtOrBefore = null, CancellationToken cancellationToken = default)
            => [.. (await Inner.ReadAsync(tenant, journeyId, afterVersion, occurredAtOrBefore, cancellationToken))
                .Select(s => new StoredSignal(WithId(s.Signal, s.Signal.Id[..s.Signal.Id.LastIndexOf('#')]), s.Version, s.RecordedAt))];
    }

    /// <summary>Reports every signal of a batch appended, but never stores the last one of a batch of several.</summary>
    internal sealed class AcknowledgesButLosesTheLastSignal : Wrapper
    {
        public override async Task<AppendResult> AppendAsync(string tenant, string journeyId, long expectedVersion, IReadOnlyList<Signal> signals, JourneyChangesFactory? changes = null, CancellationToken cancellationToken = default)
        {
            if (signals is not { Count: > 1 })
            {
                return await Inner.AppendAsync(tenant, journeyId, expectedVersion, signals!, changes, cancellationToken);
            }

            var result = await Inner.AppendAsync(tenant, journeyId, expectedVersion, [.. signals.Take(signals.Count - 1)], changes, cancellationToken);
            return new AppendResult(result.Version, result.Outcomes.Add(AppendOutcome.Appended));
        }
    }

    /// <summary>A store that hands every call to the in-memory store under another tenant, <see cref="Map"/>'s.</summary>
    internal abstract class TenantMapped : Wrapper
    {
        public override Task<AppendResult> AppendAsync(string tenant, string journeyId, long expectedVersion, IReadOnlyList<Signal> signals, JourneyChangesFactory? changes = null, CancellationToken cancellationToken = default)
            => Inner.AppendAsync(Map(tenant), journeyId, expectedVersion, signals, changes, cancellationToken);

        public override Task<IReadOnlyList<StoredSignal>> ReadAsync(string tenant, string journeyId, long afterVersion = 0, DateTimeOffset? occurredAtOrBefore = null, CancellationToken cancellationToken = default)
            => Inner.ReadAsync(Map(tenant), journeyId, afterVersion, occurredAtOrBefore, cancellationToken);

        public override Task<long> GetVersionAsync(string tenant, string journeyId, CancellationToken cancellationToken = default)
            => Inner.GetVersionAsync(Map(tenant), journeyId, cancellationToken);

        public override Task SaveSnapshotAsync(string tenant, JourneySnapshot snapshot, CancellationToken cancellationToken = default)
            => Inner.SaveSnapshotAsync(Map(tenant), snapshot, cancellationToken);

        public override Task<JourneySnapshot?> LoadSnapshotAsync(string tenant, string journeyId, DateTimeOffset? lastSignalBefore = null, CancellationToken cancellationToken = default)
            => Inner.LoadSnapshotAsync(Map(tenant), journeyId, lastSignalBefore, cancellationToken);

        public override Task<IReadOnlyList<string>> ListJourneysAsync(string tenant, string? after = null, int limit = 1000, CancellationToken cancellationToken = default)
            => Inner.ListJourneysAsync(Map(tenant), after, limit, cancellationToken);

        public override Task<IReadOnlyList<StoredJourneyEvent>> ReadEventsAsync(string tenant, long afterPosition = 0, int limit = 1000, string? journeyId = null, CancellationToken cancellationToken = default)
            => Inner.ReadEventsAsync(Map(tenant), afterPosition, limit, journeyId, cancellationToken);

        public override Task<long> GetFeedCursorAsync(string tenant, string consumer, CancellationToken cancellationToken = default)
            => Inner.GetFeedCursorAsync(Map(tenant), consumer, cancellationToken);

        public override Task SaveFeedCursorAsync(string tenant, string consumer, long position, CancellationToken cancellationToken = default)
            => Inner.SaveFeedCursorAsync(Map(tenant), consumer, position, cancellationToken);

        /// <summary>The tenant the in-memory store is asked with.</summary>
        protected abstract string Map(string? tenant);
    }

    /// <summary>Keeps one stream per journey id whatever the tenant: tenants read and overwrite each other's journeys.</summary>
    internal sealed class LeaksAcrossTenants : TenantMapped
    {
        private const string OneTenant = "everyone";


        /// <summary>Checks the tenant like a store should, then forgets it.</summary>
        protected override string Map(string? tenant)
        {
            StoreArguments.Tenant(tenant);
            return OneTenant;
        }
    }

    /// <summary>Reads a stream in the order the signals occurred instead of the order they were stored (version order).</summary>
    internal sealed class ReadsInTimeOrder : Wrapper
    {
        public override async Task<IReadOnlyList<StoredSignal>> ReadAsync(string tenant, string journeyId, long afterVersion = 0, DateTimeOffset? occurredAtOrBefore = null, CancellationToken cancellationToken = default)
            => [.. (await Inner.ReadAsync(tenant, journeyId, afterVersion, occurredAtOrBefore, cancellationToken)).OrderBy(s => s.Signal.OccurredAt)];
    }

    /// <summary>Saves only a snapshot's public parts (as a store that maps the fields itself would), losing the engine's fold fingerprint.</summary>
    internal sealed class DropsTheSnapshotFingerprint : Wrapper
    {
        public override Task SaveSnapshotAsync(string tenant, JourneySnapshot snapshot, CancellationToken cancellationToken = default)
            => Inner.SaveSnapshotAsync(tenant, snapshot is null ? null! : new JourneySnapshot(snapshot.State, snapshot.Version, snapshot.RulebookName, snapshot.RulebookVersion), cancellationToken);
    }

    /// <summary>Appends signal by signal, each on its own: a batch refused part of the way keeps the signals before the bad one.</summary>
    internal sealed class StoresPartOfABadBatch : Wrapper
    {
        public override async Task<AppendResult> AppendAsync(string tenant, string journeyId, long expectedVersion, IReadOnlyList<Signal> signals, JourneyChangesFactory? changes = null, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(signals);
            var version = expectedVersion;
            var outcomes = ImmutableArray.CreateBuilder<AppendOutcome>(signals.Count);
            foreach (var signal in signals)
            {
                var result = await Inner.AppendAsync(tenant, journeyId, version, [signal], changes, cancellationToken);
                version = result.Version;
                outcomes.Add(result.Outcomes[0]);
            }

            return new AppendResult(version, outcomes.MoveToImmutable());
        }
    }

    /// <summary>Never looks at the cancellation token of an append.</summary>
    internal sealed class IgnoresCancellation : Wrapper
    {
        public override Task<AppendResult> AppendAsync(string tenant, string journeyId, long expectedVersion, IReadOnlyList<Signal> signals, JourneyChangesFactory? changes = null, CancellationToken cancellationToken = default)
            => Inner.AppendAsync(tenant, journeyId, expectedVersion, signals, cancellationToken: CancellationToken.None);
    }

    /// <summary>Lists journey ids in culture-aware, case-insensitive order (as a database collation may) instead of ordinal order.</summary>
    internal sealed class ListsInCultureOrder : Wrapper
    {
        public override async Task<IReadOnlyList<string>> ListJourneysAsync(string tenant, string? after = null, int limit = 1000, CancellationToken cancellationToken = default)
        {
            StoreArguments.Limit(limit);
            var all = await Inner.ListJourneysAsync(tenant, null, 10_000, cancellationToken);
            return [.. all.Order(StringComparer.InvariantCultureIgnoreCase)
                .Where(id => after is null || StringComparer.InvariantCultureIgnoreCase.Compare(id, after) > 0)
                .Take(limit)];
        }
    }

    /// <summary>Loads the latest snapshot even when asked for one whose last signal is before a time.</summary>
    internal sealed class LoadsTheLatestSnapshotWhateverTheTime : Wrapper
    {
        public override Task<JourneySnapshot?> LoadSnapshotAsync(string tenant, string journeyId, DateTimeOffset? lastSignalBefore = null, CancellationToken cancellationToken = default)
            => Inner.LoadSnapshotAsync(tenant, journeyId, null, cancellationToken);
    }

    /// <summary>Reads every signal even when asked for those up to a time.</summary>
    internal sealed class ReadsEverySignalWhateverTheTime : Wrapper
    {
        public override Task<IReadOnlyList<StoredSignal>> ReadAsync(string tenant, string journeyId, long afterVersion = 0, DateTimeOffset? occurredAtOrBefore = null, CancellationToken cancellationToken = default)
            => Inner.ReadAsync(tenant, journeyId, afterVersion, null, cancellationToken);
    }

    /// <summary>Stores a signal's time as UTC, losing the offset it was given with (the instant is kept).</summary>
    internal sealed class StoresTimesInUtc : Wrapper
    {
        public override Task<AppendResult> AppendAsync(string tenant, string journeyId, long expectedVersion, IReadOnlyList<Signal> signals, JourneyChangesFactory? changes = null, CancellationToken cancellationToken = default)
            => Inner.AppendAsync(tenant, journeyId, expectedVersion, signals?.Select(s => s is null ? null! : WithTime(s, s.OccurredAt.ToUniversalTime())).ToArray()!, changes, cancellationToken);
    }

    /// <summary>Takes any tenant text, null and blank included, as a tenant of its own.</summary>
    internal sealed class AcceptsAnyTenant : TenantMapped
    {

        /// <summary>A valid inner tenant for any text: the text's UTF-16 code units in hex.</summary>
        protected override string Map(string? tenant)
            => "t" + string.Concat((tenant ?? string.Empty).Select(c => ((int)c).ToString("x4", CultureInfo.InvariantCulture)));
    }

    private static Signal WithId(Signal signal, string id)
        => new(id, signal.JourneyId, signal.OccurredAt, signal.Type, signal.Stakeholder, signal.Source, signal.Attributes);

    private static Signal WithTime(Signal signal, DateTimeOffset occurredAt)
        => new(signal.Id, signal.JourneyId, occurredAt, signal.Type, signal.Stakeholder, signal.Source, signal.Attributes);
}
