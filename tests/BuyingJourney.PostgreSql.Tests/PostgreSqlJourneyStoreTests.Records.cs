using System;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Xunit;

namespace BuyingJourney.PostgreSql.Tests;

public sealed partial class PostgreSqlJourneyStoreTests
{
    [Fact]
    public async Task SqlLookingIds_RoundTripVerbatimAndLeaveTheTablesIntact()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        const string Evil = "'; drop table signals; --";
        string evilSchema = $"x\"; DROP SCHEMA {store.Schema} CASCADE; --";
        var signal = new Signal(evilSchema, Evil, Day0, Evil, new Stakeholder(Evil, Evil), Evil, new System.Collections.Generic.Dictionary<string, string> { [Evil] = evilSchema });

        var result = await store.AppendAsync(Evil, Evil, 0, [signal], cancellationToken: Ct);
        var duplicate = await store.AppendAsync(Evil, Evil, 1, [signal], cancellationToken: Ct);
        await store.SaveSnapshotAsync(Evil, new JourneySnapshot(JourneyEngine.CreateDefault().Replay(Evil, [signal]), 1, "rb", "1"), Ct);

        Assert.Equal([AppendOutcome.Appended], result.Outcomes);
        Assert.Equal([AppendOutcome.Duplicate], duplicate.Outcomes);
        Assert.Equal(signal, Assert.Single(await store.ReadAsync(Evil, Evil, cancellationToken: Ct)).Signal);
        Assert.Equal([Evil], await store.ListJourneysAsync(Evil, cancellationToken: Ct));
        Assert.Equal([Evil], await store.ListJourneysAsync(Evil, "'", 10, Ct));
        Assert.Equal(1, (await store.LoadSnapshotAsync(Evil, Evil, cancellationToken: Ct))?.Version);
        Assert.Equal(Evil, await database.ScalarAsync<string>($"SELECT tenant FROM {store.Schema}.signals"));
        foreach (var table in new[] { "streams", "signals", "snapshots", "schema_version" })
        {
            Assert.True(await database.ScalarAsync<bool>("SELECT to_regclass($1) IS NOT NULL", $"{store.Schema}.{table}"), table);
        }
    }

    [Fact]
    public async Task ReadAsync_MalformedJsonRow_ThrowsRecordExceptionNamingJourneyAndVersion()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        await store.AppendAsync("t1", "acme", 0, [S("acme", "a", 0), S("acme", "b", 1), S("acme", "c", 2)], cancellationToken: Ct);
        await database.ExecuteAsync($"UPDATE {store.Schema}.signals SET payload = '{{\"type\": \"signal.v2\", \"schema\": 2, ' WHERE version = 2");

        var ex = await Assert.ThrowsAsync<JourneyRecordException>(() => store.ReadAsync("t1", "acme", cancellationToken: Ct));

        Assert.Equal("acme", ex.JourneyId);
        Assert.Equal("signal version 2", ex.Record);
        Assert.Contains("\"acme\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("signal version 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("malformed JSON", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["c"], (await store.ReadAsync("t1", "acme", afterVersion: 2, cancellationToken: Ct)).Select(s => s.Signal.Id));
    }

    [Fact]
    public async Task ReadAsync_RowWhosePayloadIsAnotherSignal_ThrowsRecordException()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0), S("j", "b", 1)], cancellationToken: Ct);
        await database.ExecuteAsync($"UPDATE {store.Schema}.signals SET payload = (SELECT payload FROM {store.Schema}.signals WHERE version = 1) WHERE version = 2");

        var ex = await Assert.ThrowsAsync<JourneyRecordException>(() => store.ReadAsync("t1", "j", cancellationToken: Ct));

        Assert.Equal("signal version 2", ex.Record);
        Assert.Contains("\"b\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadSnapshotAsync_MalformedJsonRow_ThrowsRecordExceptionNamingTheSnapshot()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0)], cancellationToken: Ct);
        await store.SaveSnapshotAsync("t1", new JourneySnapshot(JourneyEngine.CreateDefault().Replay("j", [S("j", "a", 0)]), 1, "rb", "1"), Ct);
        await database.ExecuteAsync($"UPDATE {store.Schema}.snapshots SET payload = 'not json at all'");

        var ex = await Assert.ThrowsAsync<JourneyRecordException>(() => store.LoadSnapshotAsync("t1", "j", cancellationToken: Ct));

        Assert.Equal(("j", "snapshot version 1"), (ex.JourneyId, ex.Record));
    }

    [Fact]
    public async Task LoadSnapshotAsync_RowsLastSignalTicksDisagreeWithPayload_ThrowsRecordExceptionNamingTheSnapshot()
    {
        var store = await database.CreateMigratedStoreAsync(cancellationToken: Ct);
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0)], cancellationToken: Ct);
        await store.SaveSnapshotAsync("t1", new JourneySnapshot(JourneyEngine.CreateDefault().Replay("j", [S("j", "a", 0)]), 1, "rb", "1"), Ct);
        await database.ExecuteAsync($"UPDATE {store.Schema}.snapshots SET last_signal_ticks = last_signal_ticks - 1");

        var latest = await Assert.ThrowsAsync<JourneyRecordException>(() => store.LoadSnapshotAsync("t1", "j", cancellationToken: Ct));
        var before = await Assert.ThrowsAsync<JourneyRecordException>(() => store.LoadSnapshotAsync("t1", "j", Day0, Ct));

        Assert.Equal(("j", "snapshot version 1"), (latest.JourneyId, latest.Record));
        Assert.Equal(("j", "snapshot version 1"), (before.JourneyId, before.Record));
        Assert.Contains(Day0.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), latest.Message, StringComparison.Ordinal);
    }
}
