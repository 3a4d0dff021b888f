using System;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Sqlite.Tests.Support.TestSignals;

namespace BuyingJourney.Sqlite.Tests;

public sealed partial class SqliteJourneyStoreTests
{
    private const string TenantB = "tenant-b";

    [Fact]
    public async Task TenantIsolation_SameJourneyAndSignalIds_TenantBSeesNoneOfTenantA()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1"), At(1, "s2")], cancellationToken: Ct);
        await _store.SaveSnapshotAsync(Tenant, Snapshot(2, At(0, "s1"), At(1, "s2")), Ct);

        Assert.Empty(await _store.ReadAsync(TenantB, JourneyId, cancellationToken: Ct));
        Assert.Equal(0, await _store.GetVersionAsync(TenantB, JourneyId, Ct));
        Assert.Empty(await _store.ListJourneysAsync(TenantB, cancellationToken: Ct));
        Assert.Null(await _store.LoadSnapshotAsync(TenantB, JourneyId, cancellationToken: Ct));
        Assert.Equal([JourneyId], await _store.ListJourneysAsync(Tenant, cancellationToken: Ct));
    }

    [Fact]
    public async Task TenantIsolation_TenantBAppendsTheSameIds_OwnStreamAndNoEffectOnTenantA()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1"), At(1, "s2")], cancellationToken: Ct);

        var conflict = await Assert.ThrowsAsync<JourneyVersionConflictException>(() => _store.AppendAsync(TenantB, JourneyId, 2, [At(2, "s3")], cancellationToken: Ct));
        var result = await _store.AppendAsync(TenantB, JourneyId, 0, [At(0, "s1", SignalTypes.DealLost)], cancellationToken: Ct);

        Assert.Equal(0, conflict.ActualVersion);
        Assert.Equal(1, result.Version);
        Assert.Equal([AppendOutcome.Appended], result.Outcomes.ToArray());
        Assert.Equal(2, await _store.GetVersionAsync(Tenant, JourneyId, Ct));
        Assert.Equal(SignalTypes.ProblemStated, (await _store.ReadAsync(Tenant, JourneyId, cancellationToken: Ct))[0].Signal.Type);
        Assert.Equal(SignalTypes.DealLost, (await _store.ReadAsync(TenantB, JourneyId, cancellationToken: Ct))[0].Signal.Type);
    }

    [Fact]
    public async Task TenantIsolation_TenantBSnapshotsTenantAsJourney_ThrowsAndLeavesTenantAAlone()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1"), At(1, "s2")], cancellationToken: Ct);
        await _store.SaveSnapshotAsync(Tenant, Snapshot(2, At(0, "s1"), At(1, "s2")), Ct);

        await Assert.ThrowsAsync<ArgumentException>(() => _store.SaveSnapshotAsync(TenantB, Snapshot(JourneyId, 2, "evil", At(0, "s1")), Ct));

        Assert.Equal("1", (await _store.LoadSnapshotAsync(Tenant, JourneyId, cancellationToken: Ct))?.RulebookVersion);
        Assert.Null(await _store.LoadSnapshotAsync(TenantB, JourneyId, cancellationToken: Ct));
    }

    [Fact]
    public async Task SqlLookingIds_StoredAndReadBackVerbatim_TablesIntact()
    {
        const string tenant = "'; drop table signals; --";
        const string journey = "x\"); DELETE FROM streams; --";
        const string signalId = "1' OR '1'='1";
        await _store.AppendAsync(TenantB, "bystander", 0, [At(0, "s1", journeyId: "bystander")], cancellationToken: Ct);

        var result = await _store.AppendAsync(tenant, journey, 0, [At(0, signalId, journeyId: journey), At(1, "$tenant", journeyId: journey)], cancellationToken: Ct);
        await _store.SaveSnapshotAsync(tenant, Snapshot(journey, 2, "1", At(0, signalId, journeyId: journey)), Ct);

        Assert.Equal(2, result.Version);
        Assert.Equal([signalId, "$tenant"], (await _store.ReadAsync(tenant, journey, cancellationToken: Ct)).Select(s => s.Signal.Id).ToArray());
        Assert.Equal([journey], await _store.ListJourneysAsync(tenant, cancellationToken: Ct));
        Assert.Equal(journey, (await _store.LoadSnapshotAsync(tenant, journey, cancellationToken: Ct))?.JourneyId);
        Assert.Equal(3L, _db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('streams', 'signals', 'snapshots');"));
        Assert.Equal(tenant, _db.Scalar("SELECT tenant FROM signals WHERE version = 2;"));
        Assert.Equal(1, await _store.GetVersionAsync(TenantB, "bystander", Ct));
        Assert.Equal(2, await _store.GetVersionAsync(tenant, journey, Ct));
    }
}
