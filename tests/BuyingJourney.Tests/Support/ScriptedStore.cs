using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Feed;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;

namespace BuyingJourney.Tests.Support;

/// <summary>
/// An <see cref="InMemoryJourneyStore"/> whose answers a test can rewrite: corrupt snapshots and rows, a version that
/// disagrees with the signals, another writer appending between two calls. Counts every call.
/// </summary>
internal class ScriptedStore : IJourneyStore
{
    /// <summary>The real store underneath.</summary>
    public InMemoryJourneyStore Inner { get; } = new();

    /// <summary>Rewrites what <see cref="LoadSnapshotAsync"/> returns: (asked-for bound, stored answer) to the answer given.</summary>
    public Func<DateTimeOffset?, JourneySnapshot?, JourneySnapshot?>? OnLoadSnapshot { get; set; }

    /// <summary>Rewrites what <see cref="ReadAsync"/> returns.</summary>
    public Func<IReadOnlyList<StoredSignal>, IReadOnlyList<StoredSignal>>? OnRead { get; set; }

    /// <summary>Replaces <see cref="AppendAsync"/> (the inner store's append is passed in).</summary>
    public Func<string, string, long, IReadOnlyList<Signal>, Func<Task<AppendResult>>, Task<AppendResult>>? OnAppend { get; set; }

    /// <summary>Called after each append the inner store accepted, before the call returns.</summary>
    public Func<AppendResult, Task>? AfterAppend { get; set; }

    /// <summary>Delays each read, widening the window in which writers race.</summary>
    public TimeSpan ReadDelay { get; set; }

    /// <summary>How often <see cref="AppendAsync"/> was called.</summary>
    public int Appends => _appends;

    /// <summary>How often <see cref="LoadSnapshotAsync"/> was called.</summary>
    public int SnapshotLoads => _snapshotLoads;

    /// <summary>The batch sizes of every append.</summary>
    public List<int> AppendSizes { get; } = [];

    /// <summary>Every snapshot saved.</summary>
    public List<JourneySnapshot> SavedSnapshots { get; } = [];

    private int _appends;
    private int _snapshotLoads;

    public virtual async Task<AppendResult> AppendAsync(string tenant, string journeyId, long expectedVersion, IReadOnlyList<Signal> signals, JourneyChangesFactory? changes = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _appends);
        lock (AppendSizes)
        {
            AppendSizes.Add(signals.Count);
        }

        var result = OnAppend is { } append
            ? await append(tenant, journeyId, expectedVersion, signals, () => Inner.AppendAsync(tenant, journeyId, expectedVersion, signals, changes, cancellationToken))
            : await Inner.AppendAsync(tenant, journeyId, expectedVersion, signals, changes, cancellationToken);
        if (AfterAppend is { } after)
        {
            await after(result);
        }

        return result;
    }

    public async Task<IReadOnlyList<StoredSignal>> ReadAsync(string tenant, string journeyId, long afterVersion = 0, DateTimeOffset? occurredAtOrBefore = null, CancellationToken cancellationToken = default)
    {
        if (ReadDelay > TimeSpan.Zero)
        {
            await Task.Delay(ReadDelay, cancellationToken);
        }

        var stored = await Inner.ReadAsync(tenant, journeyId, afterVersion, occurredAtOrBefore, cancellationToken);
        return OnRead is { } read ? read(stored) : stored;
    }

    public Task<long> GetVersionAsync(string tenant, string journeyId, CancellationToken cancellationToken = default)
        => Inner.GetVersionAsync(tenant, journeyId, cancellationToken);

    public Task SaveSnapshotAsync(string tenant, JourneySnapshot snapshot, CancellationToken cancellationToken = default)
    {
        lock (SavedSnapshots)
        {
            SavedSnapshots.Add(snapshot);
        }

        return Inner.SaveSnapshotAsync(tenant, snapshot, cancellationToken);
    }

    public async Task<JourneySnapshot?> LoadSnapshotAsync(string tenant, string journeyId, DateTimeOffset? lastSignalBefore = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _snapshotLoads);
        var stored = await Inner.LoadSnapshotAsync(tenant, journeyId, lastSignalBefore, cancellationToken);
        return OnLoadSnapshot is { } load ? load(lastSignalBefore, stored) : stored;
    }

    public Task<IReadOnlyList<string>> ListJourneysAsync(string tenant, string? after = null, int limit = 1000, CancellationToken cancellationToken = default)
        => Inner.ListJourneysAsync(tenant, after, limit, cancellationToken);

    public Task<IReadOnlyList<StoredJourneyEvent>> ReadEventsAsync(string tenant, long afterPosition = 0, int limit = 1000, string? journeyId = null, CancellationToken cancellationToken = default)
        => Inner.ReadEventsAsync(tenant, afterPosition, limit, journeyId, cancellationToken);

    public Task<long> GetFeedCursorAsync(string tenant, string consumer, CancellationToken cancellationToken = default)
        => Inner.GetFeedCursorAsync(tenant, consumer, cancellationToken);

    public Task SaveFeedCursorAsync(string tenant, string consumer, long position, CancellationToken cancellationToken = default)
        => Inner.SaveFeedCursorAsync(tenant, consumer, position, cancellationToken);

    public Task<IReadOnlyList<DueJourney>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit = 100, CancellationToken cancellationToken = default)
        => Inner.ClaimDueAsync(now, lease, limit, cancellationToken);
}
