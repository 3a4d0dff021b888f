using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using Npgsql;
using Xunit;

namespace BuyingJourney.PostgreSql.Tests;

public sealed partial class PostgreSqlJourneyStoreTests
{
    [Fact]
    public async Task AppendAsync_TwoAppendersAtTheSameVersion_ExactlyOneWinsEachRound()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        const int Rounds = 40;
        using var barrier = new Barrier(2);
        var wins = new ConcurrentBag<(int Round, int Writer)>();
        var conflicts = new ConcurrentBag<(int Round, int Writer)>();

        async Task WriteAsync(int writer)
        {
            for (var round = 0; round < Rounds; round++)
            {
                // Both writers read the same version (nobody appends between the two barriers), then race.
                barrier.SignalAndWait(Ct);
                var version = await store.GetVersionAsync("t1", "j", Ct);
                barrier.SignalAndWait(Ct);
                try
                {
                    await store.AppendAsync("t1", "j", version, [S("j", $"r{round}-w{writer}", round)], cancellationToken: Ct);
                    wins.Add((round, writer));
                }
                catch (JourneyVersionConflictException ex)
                {
                    Assert.Equal(version + 1, ex.ActualVersion);
                    conflicts.Add((round, writer));
                }
            }
        }

        await Task.WhenAll(Task.Run(() => WriteAsync(0), Ct), Task.Run(() => WriteAsync(1), Ct));

        Assert.Equal(Enumerable.Range(0, Rounds), wins.Select(w => w.Round).Order());
        Assert.Equal(Enumerable.Range(0, Rounds), conflicts.Select(c => c.Round).Order());
        var read = await store.ReadAsync("t1", "j", cancellationToken: Ct);
        Assert.Equal(wins.OrderBy(w => w.Round).Select(w => $"r{w.Round}-w{w.Writer}"), read.Select(s => s.Signal.Id));
        Assert.Equal(Rounds, await store.GetVersionAsync("t1", "j", Ct));
    }

    [Fact]
    public async Task AppendAsync_FourWritersRetryingOnConflicts_StoreEveryIdOnceWithDenseVersions()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        const int Writers = 4;
        const int PerWriter = 200;
        var appended = 0;
        var duplicates = 0;
        var retries = 0;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(
            async () =>
            {
                for (var i = 0; i < PerWriter; i++)
                {
                    // Its own id, plus an id every writer sends: exactly one copy of each may be stored.
                    var batch = new[] { S("j", $"w{w}-{i}", i), S("j", $"shared-{i}", i) };
                    while (true)
                    {
                        var version = await store.GetVersionAsync("t1", "j", Ct);
                        try
                        {
                            var result = await store.AppendAsync("t1", "j", version, batch, cancellationToken: Ct);
                            Interlocked.Add(ref appended, result.Outcomes.Count(o => o == AppendOutcome.Appended));
                            Interlocked.Add(ref duplicates, result.Outcomes.Count(o => o == AppendOutcome.Duplicate));
                            break;
                        }
                        catch (JourneyVersionConflictException)
                        {
                            Interlocked.Increment(ref retries);
                        }
                    }
                }
            },
            Ct)));

        var expected = (Writers * PerWriter) + PerWriter;
        var rows = await database.ScalarAsync<long>($"SELECT count(*) FROM {store.Schema}.signals WHERE tenant = 't1' AND journey = 'j'");
        var distinctIds = await database.ScalarAsync<long>($"SELECT count(DISTINCT signal_id) FROM {store.Schema}.signals WHERE tenant = 't1' AND journey = 'j'");
        var maxVersion = await database.ScalarAsync<long>($"SELECT max(version) FROM {store.Schema}.signals WHERE tenant = 't1' AND journey = 'j'");
        Assert.Equal(expected, rows);
        Assert.Equal(rows, distinctIds);
        Assert.Equal(rows, maxVersion);
        Assert.Equal(expected, appended);
        Assert.Equal((Writers - 1) * PerWriter, duplicates);
        Assert.Equal(expected, await store.GetVersionAsync("t1", "j", Ct));
        TestContext.Current.TestOutputHelper?.WriteLine($"{retries} conflicts retried");
    }

    [Fact]
    public async Task AppendAsync_CancelledWhileWaitingForTheStreamLock_StoresNothing()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0)], cancellationToken: Ct);
        await using var blocker = await database.DataSource.OpenConnectionAsync(Ct);
        await using var transaction = await blocker.BeginTransactionAsync(Ct);
        await using (var hold = new NpgsqlCommand($"SELECT version FROM {store.Schema}.streams WHERE tenant = 't1' AND journey = 'j' FOR UPDATE", blocker, transaction))
        {
            await hold.ExecuteScalarAsync(Ct);
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var append = store.AppendAsync("t1", "j", 1, [S("j", "b", 1)], cancellationToken: cancel.Token);
        // Wait until the server reports a backend blocked on a lock: the append is then waiting for the row lock.
        var waiting = 0L;
        for (var poll = 0; poll < 1000 && waiting == 0 && !append.IsCompleted; poll++)
        {
            waiting = await database.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
            if (waiting == 0)
            {
                await Task.Delay(10, Ct);
            }
        }

        Assert.Equal(1, waiting);
        Assert.False(append.IsCompleted, "the append should be waiting for the row lock");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => append);
        await transaction.RollbackAsync(Ct);
        Assert.Equal(1, await store.GetVersionAsync("t1", "j", Ct));
        Assert.Equal(["a"], (await store.ReadAsync("t1", "j", cancellationToken: Ct)).Select(s => s.Signal.Id));
        Assert.Equal(2, (await store.AppendAsync("t1", "j", 1, [S("j", "b", 1)], cancellationToken: Ct)).Version);
    }

    [Fact]
    public async Task EveryCall_AlreadyCancelled_ThrowsOperationCanceled()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0)], cancellationToken: Ct);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var snapshot = new JourneySnapshot(JourneyEngine.CreateDefault().Replay("j", [S("j", "a", 0)]), 1, "rb", "1");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AppendAsync("t1", "j", 1, [S("j", "b", 1)], cancellationToken: cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ReadAsync("t1", "j", cancellationToken: cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetVersionAsync("t1", "j", cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SaveSnapshotAsync("t1", snapshot, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.LoadSnapshotAsync("t1", "j", cancellationToken: cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ListJourneysAsync("t1", cancellationToken: cancelled.Token));

        Assert.Equal(1, await store.GetVersionAsync("t1", "j", Ct));
        Assert.Null(await store.LoadSnapshotAsync("t1", "j", cancellationToken: Ct));
    }
}
