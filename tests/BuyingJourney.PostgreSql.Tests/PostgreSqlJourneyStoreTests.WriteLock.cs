using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace BuyingJourney.PostgreSql.Tests;

public sealed partial class PostgreSqlJourneyStoreTests
{
    /// <summary>How long a lock that should be free may take to come: a bound that turns a hang into a failure, not a timing.</summary>
    private static readonly TimeSpan LockBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AcquireAsync_HeldByAnotherProcess_WaitsUntilTheHolderDisposesIt()
    {
        await using var queue = await QueueBehindAHolderAsync(Ct);
        var (holder, waiter, held, waiting) = (queue.Holder, queue.Waiter, queue.Held, queue.Waiting);

        Assert.False(waiting.IsCompleted, "the second store should wait while the first holds the lock");
        await held.DisposeAsync();
        var taken = await waiting.WaitAsync(LockBound, Ct);

        Assert.Equal((0L, 1L), (await AdvisoryLocksAsync(holder.Name), await AdvisoryLocksAsync(waiter.Name)));
        await taken.DisposeAsync();
        await taken.DisposeAsync();
        await held.DisposeAsync();

        // Both connections went back to their pools (the sessions stay open) with nothing held.
        Assert.Equal((0L, 0L), (await AdvisoryLocksAsync(holder.Name), await AdvisoryLocksAsync(waiter.Name)));
        Assert.Equal(1L, await SessionsAsync(holder.Name, "idle"));
        Assert.Equal(1L, await SessionsAsync(waiter.Name, "idle"));
        await using var again = await holder.Store.AcquireAsync("t1", "j", Ct);
    }

    [Fact]
    public async Task AcquireAsync_OtherJourneysTenantsOrSchemas_DoNotWaitForAHeldJourney()
    {
        var schema = database.NewSchema();
        await using var holder = await LockingStoreAsync(schema, "holder");
        await using var other = await LockingStoreAsync(schema, "other");
        await using var otherSchema = await LockingStoreAsync(database.NewSchema(), "other-schema");
        await using var held = await holder.Store.AcquireAsync("t1", "j1", Ct);

        // Each would wait for ever behind the held lock; the bound turns a wait into a failure.
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bound.CancelAfter(LockBound);
        await using var journey = await other.Store.AcquireAsync("t1", "j2", bound.Token);
        await using var tenant = await other.Store.AcquireAsync("t2", "j1", bound.Token);
        await using var elsewhere = await otherSchema.Store.AcquireAsync("t1", "j1", bound.Token);

        Assert.Equal(1L, await AdvisoryLocksAsync(holder.Name));
        Assert.Equal(2L, await AdvisoryLocksAsync(other.Name));
        Assert.Equal(1L, await AdvisoryLocksAsync(otherSchema.Name));
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_ThrowsAndHoldsNothing()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await using var queue = await QueueBehindAHolderAsync(cancel.Token);
        var (holder, waiter, held, waiting) = (queue.Holder, queue.Waiter, queue.Held, queue.Waiting);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0L, await AdvisoryLocksAsync(waiter.Name, granted: null));
        Assert.Equal(0L, await SessionsAsync(waiter.Name, "idle in transaction%"));
        await held.DisposeAsync();
        await using var taken = await waiter.Store.AcquireAsync("t1", "j", Ct);
        Assert.Equal(1L, await AdvisoryLocksAsync(waiter.Name));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await holder.Store.AcquireAsync("t1", "other", cancelled.Token));
        Assert.Equal(0L, await AdvisoryLocksAsync(holder.Name, granted: null));
    }

    [Fact]
    public async Task AcquireAsync_HoldersServerSessionTerminated_ReleasesTheLock()
    {
        await using var queue = await QueueBehindAHolderAsync(Ct);
        var (holder, waiter, held, waiting) = (queue.Holder, queue.Waiter, queue.Held, queue.Waiting);

        Assert.True(await database.ScalarAsync<bool>("SELECT bool_and(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1", holder.Name));
        await using var taken = await waiting.WaitAsync(LockBound, Ct);

        Assert.Equal(1L, await AdvisoryLocksAsync(waiter.Name));
        await held.DisposeAsync();
        await taken.DisposeAsync();

        // The broken connection was not pooled: the holder's store takes the lock again on a fresh one.
        await using var again = await holder.Store.AcquireAsync("t1", "j", Ct);
        Assert.Equal(1L, await AdvisoryLocksAsync(holder.Name));
    }

    [Fact]
    public async Task AcquireAsync_BadIds_ThrowNamingTheParameter()
    {
        var store = database.CreateStore();

        Assert.Equal("tenant", (await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.AcquireAsync(" ", "j", Ct))).ParamName);
        Assert.Equal("tenant", (await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.AcquireAsync(null!, "j", Ct))).ParamName);
        Assert.Equal("journeyId", (await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.AcquireAsync("t1", "", Ct))).ParamName);
        Assert.Equal("journeyId", (await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.AcquireAsync("t1", "a\nb", Ct))).ParamName);
    }

    [Fact]
    public void JourneyLockKey_IsAStableHashOfSchemaTenantAndJourney()
    {
        // Processes running different builds must agree on the key: it is pinned (FNV-1a of the UTF-8 text, computed independently).
        Assert.Equal(8866068715297915105L, PostgreSqlJourneyStore.JourneyLockKey("buying_journey", "t1", "j"));
        Assert.NotEqual(PostgreSqlJourneyStore.JourneyLockKey("s", "ab", "c"), PostgreSqlJourneyStore.JourneyLockKey("s", "a", "bc"));
        Assert.NotEqual(PostgreSqlJourneyStore.JourneyLockKey("s", "t", "j"), PostgreSqlJourneyStore.JourneyLockKey("s2", "t", "j"));
    }

    /// <summary>
    /// Two stores of one schema, each with a data source of its own (two processes): the holder has taken the lock of
    /// (t1, j) and the waiter's <see cref="PostgreSqlJourneyStore.AcquireAsync"/> of it, with <paramref name="waiterToken"/>,
    /// is blocked on it in the server.
    /// </summary>
    private async Task<LockQueue> QueueBehindAHolderAsync(CancellationToken waiterToken)
    {
        var schema = database.NewSchema();
        var holder = await LockingStoreAsync(schema, "holder");
        var waiter = await LockingStoreAsync(schema, "waiter");
        var held = await holder.Store.AcquireAsync("t1", "j", Ct);
        var waiting = waiter.Store.AcquireAsync("t1", "j", waiterToken).AsTask();
        await WaitUntilBlockedOnAdvisoryLockAsync(waiter.Name, waiting);
        return new LockQueue(holder, waiter, held, waiting);
    }

    /// <summary>A migrated store in <paramref name="schema"/> with a data source of its own (as another process has), whose sessions are named.</summary>
    private async Task<LockingStore> LockingStoreAsync(string schema, string role)
    {
        var name = role + "-" + schema + "-" + Guid.NewGuid().ToString("N")[..8];
        var dataSource = NpgsqlDataSource.Create(database.ConnectionStringFor(name));
        var store = new PostgreSqlJourneyStore(dataSource, schema);
        await store.MigrateAsync(Ct);
        return new LockingStore(name, store, dataSource);
    }

    /// <summary>Waits until a session of <paramref name="applicationName"/> is blocked on an advisory lock.</summary>
    private async Task WaitUntilBlockedOnAdvisoryLockAsync(string applicationName, Task acquiring)
    {
        for (var poll = 0; poll < 3000 && !acquiring.IsCompleted; poll++)
        {
            if (await database.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock' AND wait_event = 'advisory'", applicationName) == 1)
            {
                return;
            }

            await Task.Delay(10, Ct);
        }

        Assert.Fail($"no session of \"{applicationName}\" started waiting for the advisory lock (acquire completed: {acquiring.IsCompleted}).");
    }

    /// <summary>The advisory locks the sessions of <paramref name="applicationName"/> hold (or wait for, or both when null).</summary>
    private Task<long> AdvisoryLocksAsync(string applicationName, bool? granted = true)
        => database.ScalarAsync<long>(
            "SELECT count(*) FROM pg_locks AS l JOIN pg_stat_activity AS a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND a.application_name = $1 AND ($2 = 'any' OR l.granted = ($2 = 'granted'))",
            applicationName,
            granted switch { null => "any", true => "granted", false => "waiting" });

    /// <summary>The sessions of <paramref name="applicationName"/> whose state is like <paramref name="statePattern"/>.</summary>
    private Task<long> SessionsAsync(string applicationName, string statePattern)
        => database.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND state LIKE $2", applicationName, statePattern);

    private sealed record LockQueue(LockingStore Holder, LockingStore Waiter, IAsyncDisposable Held, Task<IAsyncDisposable> Waiting) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Held.DisposeAsync();
            await Holder.DisposeAsync();
            await Waiter.DisposeAsync();
        }
    }

    private sealed record LockingStore(string Name, PostgreSqlJourneyStore Store, NpgsqlDataSource DataSource) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Store.DisposeAsync();
            await DataSource.DisposeAsync();
        }
    }
}
