using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Xunit;
using Microsoft.Extensions.Time.Testing;

namespace BuyingJourney.PostgreSql.Tests;

public sealed partial class PostgreSqlJourneyStoreTests
{
    [Fact]
    public async Task ReadJourneysAsync_PagesLikeListJourneys_WithEveryJourneysSignalsAsReadAsyncReadsThem()
    {
        var clock = new FakeTimeProvider(Day0);
        var store = await database.CreateMigratedStoreAsync(clock, Ct);
        string[] ids = ["b", "a", "\uFFFD", "\U0001F600", "é", "z"];
        foreach (var id in ids)
        {
            await store.AppendAsync("t1", id, 0, [S(id, "s1", 1), S(id, "s0", 0)], cancellationToken: Ct);
            clock.SetUtcNow(clock.GetUtcNow().AddMinutes(1));
        }

        await store.AppendAsync("t1", "a", 2, [S("a", "s2", 2, SignalTypes.DealWon)], cancellationToken: Ct);
        await store.AppendAsync("t2", "a", 0, [S("a", "other tenant", 0)], cancellationToken: Ct);
        await store.AppendAsync("t1", "empty", 0, [], cancellationToken: Ct);

        var pages = new List<IReadOnlyList<StoredJourney>>();
        string? after = null;
        while (true)
        {
            var page = await store.ReadJourneysAsync("t1", after, 4, Ct);
            pages.Add(page);
            if (page.Count < 4)
            {
                break;
            }

            after = page[^1].JourneyId;
        }

        var journeys = pages.SelectMany(p => p).ToArray();
        Assert.Equal([4, 2], pages.Select(p => p.Count));
        Assert.Equal(await store.ListJourneysAsync("t1", cancellationToken: Ct), journeys.Select(j => j.JourneyId));
        foreach (var journey in journeys)
        {
            var expected = await store.ReadAsync("t1", journey.JourneyId, cancellationToken: Ct);
            Assert.Equal(expected.Select(s => (s.Signal, s.Version, s.RecordedAt)), journey.Signals.Select(s => (s.Signal, s.Version, s.RecordedAt)));
            Assert.Equal(await store.GetVersionAsync("t1", journey.JourneyId, Ct), journey.Version);
        }

        Assert.Equal(["s1", "s0", "s2"], journeys.Single(j => j.JourneyId == "a").Signals.Select(s => s.Signal.Id));
        Assert.Equal(["\U0001F600", "\uFFFD"], (await store.ReadJourneysAsync("t1", "é", 10, Ct)).Select(j => j.JourneyId));
        Assert.Empty(await store.ReadJourneysAsync("t1", "\uFFFD", 10, Ct));
        Assert.Empty(await store.ReadJourneysAsync("nobody", cancellationToken: Ct));
    }

    [Fact]
    public async Task ReadJourneysAsync_RowsStoredOutOfVersionOrder_ComeBackInVersionOrder()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0), S("j", "b", 1), S("j", "c", 2)], cancellationToken: Ct);

        // Rewrite the rows so that the heap holds them as 3, 1, 2 and the id index sorts them as 2, 3, 1.
        await database.ExecuteAsync(
            $"""
            CREATE TEMP TABLE moved AS SELECT * FROM {store.Schema}.signals;
            DELETE FROM {store.Schema}.signals;
            INSERT INTO {store.Schema}.signals SELECT * FROM moved ORDER BY (version % 3) DESC;
            UPDATE {store.Schema}.signals SET signal_id = CASE signal_id WHEN 'a' THEN 'z' WHEN 'b' THEN 'x' ELSE 'y' END,
                payload = replace(payload, '"id":"' || signal_id || '"', '"id":"' || CASE signal_id WHEN 'a' THEN 'z' WHEN 'b' THEN 'x' ELSE 'y' END || '"');
            """);

        var journey = Assert.Single(await store.ReadJourneysAsync("t1", cancellationToken: Ct));

        Assert.Equal([1L, 2L, 3L], journey.Signals.Select(s => s.Version));
        Assert.Equal(["z", "x", "y"], journey.Signals.Select(s => s.Signal.Id));
    }

    [Fact]
    public async Task ReadJourneysAsync_DamagedRow_ThrowsRecordExceptionNamingJourneyAndVersion()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        await store.AppendAsync("t1", "a", 0, [S("a", "s", 0)], cancellationToken: Ct);
        await store.AppendAsync("t1", "b", 0, [S("b", "s", 0), S("b", "t", 1)], cancellationToken: Ct);
        await database.ExecuteAsync($"UPDATE {store.Schema}.signals SET payload = '{{\"type\": ' WHERE journey = 'b' AND version = 2");

        var ex = await Assert.ThrowsAsync<JourneyRecordException>(() => store.ReadJourneysAsync("t1", cancellationToken: Ct));

        Assert.Equal(("b", "signal version 2"), (ex.JourneyId, ex.Record));
        Assert.Contains("malformed JSON", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["a"], (await store.ReadJourneysAsync("t1", null, 1, Ct)).Select(j => j.JourneyId));
    }

    [Fact]
    public async Task ReadJourneysAsync_BadArgumentsOrNoSchema_ThrowNamingWhatIsWrong()
    {
        var store = database.CreateStore();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.Equal("tenant", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ReadJourneysAsync(" ", cancellationToken: Ct))).ParamName);
        Assert.Equal("tenant", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ReadJourneysAsync(null!, cancellationToken: Ct))).ParamName);
        Assert.Equal("limit", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ReadJourneysAsync("t1", null, 0, Ct))).ParamName);
        Assert.Equal("limit", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ReadJourneysAsync("t1", null, 10_001, Ct))).ParamName);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ReadJourneysAsync("t1", cancellationToken: cancelled.Token));
        var notMigrated = await Assert.ThrowsAsync<InvalidOperationException>(() => store.ReadJourneysAsync("t1", cancellationToken: Ct));
        Assert.Contains("MigrateAsync", notMigrated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadJourneysSql_TenantWrittenAfterTheLastAnalyze_LooksUpEachJourneysSignalsByKey()
    {
        // An analysed tenant (its journey_order is the ASCII ids as UTF-16BE), then one the statistics have never seen: the planner estimates it at one row and, with the
        // plain join, scanned all of the tenant's signals once per journey of the page (100x slower).
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        var s = store.Schema;
        await database.ExecuteAsync(
            $"""
            ALTER TABLE {s}.streams SET (autovacuum_enabled = false);
            ALTER TABLE {s}.signals SET (autovacuum_enabled = false);
            INSERT INTO {s}.streams SELECT 'old', 'j' || g, decode(regexp_replace(encode(convert_to('j' || g, 'UTF8'), 'hex'), '(..)', '00\1', 'g'), 'hex'), 10 FROM generate_series(1, 200) AS g;
            INSERT INTO {s}.signals SELECT 'old', 'j' || g, v, 's' || v, v, now(), 'x' FROM generate_series(1, 200) AS g, generate_series(1, 10) AS v;
            ANALYZE {s}.streams;
            ANALYZE {s}.signals;
            """);
        for (var j = 0; j < 50; j++)
        {
            var id = "n" + j.ToString("D2", CultureInfo.InvariantCulture);
            await store.AppendAsync("new", id, 0, Enumerable.Range(0, 10).Select(i => S(id, "s" + i.ToString(CultureInfo.InvariantCulture), i)).ToArray(), cancellationToken: Ct);
        }

        foreach (var tenant in new[] { "new", "old" })
        {
            foreach (var after in new[] { false, true })
            {
                object[] parameters = after ? [tenant, 100, Encoding.BigEndianUnicode.GetBytes("a")] : [tenant, 100];
                var plan = await database.ScalarAsync<string>("EXPLAIN (FORMAT JSON) " + store.ReadJourneysSql(after), parameters);
                var scans = SignalScans(JsonDocument.Parse(plan).RootElement[0].GetProperty("Plan")).ToArray();

                var scan = Assert.Single(scans);
                Assert.True(
                    scan.GetProperty("Node Type").GetString() == "Index Scan" && scan.GetProperty("Index Name").GetString() == "signals_pkey",
                    $"tenant {tenant}, after {after}: signals read by {scan}, not by the primary key:\n{plan}");
                var condition = scan.GetProperty("Index Cond").GetString()!;
                Assert.True(condition.Contains("tenant =", StringComparison.Ordinal) && condition.Contains("journey =", StringComparison.Ordinal), $"tenant {tenant}, after {after}: the signals of each journey are not looked up by key ({condition}):\n{plan}");
            }
        }

        var journeys = await store.ReadJourneysAsync("new", cancellationToken: Ct);
        Assert.Equal(50, journeys.Count);
        Assert.All(journeys, j => Assert.Equal(Enumerable.Range(1, 10).Select(v => (long)v), j.Signals.Select(x => x.Version)));
    }

    /// <summary>The plan's nodes that read the signals table.</summary>
    private static IEnumerable<JsonElement> SignalScans(JsonElement node)
    {
        if (node.TryGetProperty("Relation Name", out var relation) && relation.GetString() == "signals")
        {
            yield return node;
        }

        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                foreach (var scan in SignalScans(child))
                {
                    yield return scan;
                }
            }
        }
    }
}
