using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using Microsoft.Data.Sqlite;
using Xunit;
using static BuyingJourney.Sqlite.Tests.Support.TestSignals;

namespace BuyingJourney.Sqlite.Tests;

// The due-time index: journeys claimed when due, with a lease, by one claimer at a time.
public sealed partial class SqliteJourneyStoreTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private Task<AppendResult> DueAsync(string tenant, string journeyId, DateTimeOffset? dueAt)
        => _store.AppendAsync(tenant, journeyId, 0, [At(0, "s1", journeyId: journeyId)], new ChangesFactory("v", dueAt).Create, Ct);

    [Fact]
    public async Task ClaimDueAsync_ReturnsDueJourneysOfEveryTenantEarliestFirst()
    {
        var now = _clock.GetUtcNow();
        await DueAsync(Tenant, "late", now.AddHours(-1));
        await DueAsync("tenant-b", "early", now.AddHours(-3));
        await DueAsync(Tenant, "early", now.AddHours(-2));
        await DueAsync(Tenant, "exactly-now", now);
        await DueAsync(Tenant, "future", now.AddTicks(1));
        await DueAsync(Tenant, "never", null);

        var claimed = await _store.ClaimDueAsync(now, Lease, cancellationToken: Ct);

        Assert.Equal(["tenant-b/early", "tenant-a/early", "tenant-a/late", "tenant-a/exactly-now"], claimed.Select(d => $"{d.Tenant}/{d.JourneyId}"));
        Assert.Equal([now.AddHours(-3), now.AddHours(-2), now.AddHours(-1), now], claimed.Select(d => d.DueAt));
        Assert.Equal((now + Lease).UtcTicks, _db.Scalar("SELECT lease_until_ticks FROM feeds WHERE journey = 'late';"));
        Assert.Equal(DBNull.Value, _db.Scalar("SELECT lease_until_ticks FROM feeds WHERE journey = 'future';"));
    }

    [Fact]
    public async Task ClaimDueAsync_Limit_ClaimsTheEarliestAndLeavesTheRestForTheNextCall()
    {
        var now = _clock.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            await DueAsync(Tenant, $"j{i}", now.AddMinutes(-10 + i));
        }

        var first = await _store.ClaimDueAsync(now, Lease, 2, Ct);
        var second = await _store.ClaimDueAsync(now, Lease, 2, Ct);
        var third = await _store.ClaimDueAsync(now, Lease, 2, Ct);

        Assert.Equal(["j0", "j1"], first.Select(d => d.JourneyId));
        Assert.Equal(["j2", "j3"], second.Select(d => d.JourneyId));
        Assert.Equal(["j4"], third.Select(d => d.JourneyId));
        Assert.Empty(await _store.ClaimDueAsync(now, Lease, 2, Ct));
    }

    [Fact]
    public async Task ClaimDueAsync_Lease_HoldsUntilItEndsAndThenTheJourneyIsClaimedAgain()
    {
        await DueAsync(Tenant, JourneyId, _clock.GetUtcNow());
        Assert.Single(await _store.ClaimDueAsync(_clock.GetUtcNow(), Lease, cancellationToken: Ct));

        _clock.Advance(Lease - TimeSpan.FromTicks(1));
        var during = await _store.ClaimDueAsync(_clock.GetUtcNow(), Lease, cancellationToken: Ct);
        _clock.Advance(TimeSpan.FromTicks(1));
        var after = await _db.CreateStore(_clock).ClaimDueAsync(_clock.GetUtcNow(), Lease, cancellationToken: Ct);

        Assert.Empty(during);
        Assert.Equal(JourneyId, Assert.Single(after).JourneyId);
    }

    [Fact]
    public async Task AppendAsync_WithChanges_ReleasesTheClaimAndMovesTheDueTime()
    {
        var now = _clock.GetUtcNow();
        await DueAsync(Tenant, JourneyId, now);
        Assert.Single(await _store.ClaimDueAsync(now, Lease, cancellationToken: Ct));

        await _store.AppendAsync(Tenant, JourneyId, 1, [], new ChangesFactory("v2", now.AddMinutes(-1)).Create, Ct);
        var again = await _store.ClaimDueAsync(now, Lease, cancellationToken: Ct);
        await _store.AppendAsync(Tenant, JourneyId, 1, [], new ChangesFactory("v3", now.AddDays(1)).Create, Ct);

        Assert.Equal(now.AddMinutes(-1), Assert.Single(again).DueAt);
        Assert.Empty(await _store.ClaimDueAsync(now.AddDays(1).AddTicks(-1), Lease, cancellationToken: Ct));
        Assert.Single(await _store.ClaimDueAsync(now.AddDays(1), Lease, cancellationToken: Ct));
    }

    [Fact]
    public async Task ClaimDueAsync_TwoStoresOnOneFileRacing_NeverClaimTheSameJourneyTwice()
    {
        var now = _clock.GetUtcNow();
        for (var i = 0; i < 60; i++)
        {
            await DueAsync(Tenant, $"j{i:00}", now.AddSeconds(-i));
        }

        // The second store reaches the file through a symbolic link: another path, so it does not share the first
        // one's in-process write gate and the two meet only at SQLite's file lock, as two processes would.
        var link = _db.Path + ".link";
        File.CreateSymbolicLink(link, _db.Path);
        var linkConnectionString = new SqliteConnectionStringBuilder { DataSource = link }.ToString();
        var viaLink = new SqliteJourneyStore(linkConnectionString, _clock);
        SqliteJourneyStore[] stores = [_store, _db.CreateStore(_clock), viaLink];
        var claims = new ConcurrentBag<(int Store, string Journey)>();
        try
        {
            await Task.WhenAll(stores.Select((store, index) => Task.Run(
                async () =>
                {
                    while (await store.ClaimDueAsync(now, Lease, 3, Ct) is { Count: > 0 } batch)
                    {
                        foreach (var due in batch)
                        {
                            claims.Add((index, due.JourneyId));
                        }
                    }
                },
                Ct)));
        }
        finally
        {
            using (var connection = new SqliteConnection(linkConnectionString))
            {
                SqliteConnection.ClearPool(connection);
            }

            File.Delete(link);
        }

        var journeys = claims.Select(c => c.Journey).ToList();
        Assert.Equal(60, journeys.Count);
        Assert.Equal(Enumerable.Range(0, 60).Select(i => $"j{i:00}"), journeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ClaimDueAsync_DamagedDueTime_ThrowsJourneyRecordExceptionAndClaimsNothing()
    {
        var now = _clock.GetUtcNow();
        await DueAsync(Tenant, JourneyId, now);
        await DueAsync(Tenant, "k", now);
        _db.Scalar("UPDATE feeds SET due_at_ticks = -5 WHERE journey = 'k';");

        var ex = await Assert.ThrowsAsync<JourneyRecordException>(() => _store.ClaimDueAsync(now, Lease, cancellationToken: Ct));

        Assert.Equal("k", ex.JourneyId);
        Assert.Equal(0L, _db.Scalar("SELECT COUNT(*) FROM feeds WHERE lease_until_ticks IS NOT NULL;"));
    }

    [Fact]
    public async Task ClaimDueAsync_UsesTheDueIndex()
    {
        await DueAsync(Tenant, JourneyId, _clock.GetUtcNow());

        var plan = string.Join(" | ", QueryPlan("SELECT tenant, journey FROM feeds WHERE due_at_ticks <= 5 AND (lease_until_ticks IS NULL OR lease_until_ticks <= 5) ORDER BY due_at_ticks, tenant, journey LIMIT 3;"));

        Assert.Contains("feeds_due", plan, StringComparison.Ordinal);
    }

    private List<string> QueryPlan(string sql)
    {
        using var connection = _db.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(3));
        }

        return rows;
    }
}
