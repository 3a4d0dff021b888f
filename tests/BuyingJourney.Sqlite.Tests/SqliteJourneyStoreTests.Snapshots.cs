using System;
using System.Threading.Tasks;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Sqlite.Tests.Support.TestSignals;

namespace BuyingJourney.Sqlite.Tests;

public sealed partial class SqliteJourneyStoreTests
{
    private static readonly Signal[] FourSignals = [At(1, "s1"), At(2, "s2", SignalTypes.SolutionResearched), At(3, "s3", SignalTypes.RfpIssued), At(4, "s4", SignalTypes.StakeholderJoined)];

    [Fact]
    public async Task SaveSnapshotAsync_ThenLoad_ReturnsAnEqualSnapshot()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, FourSignals, cancellationToken: Ct);
        var snapshot = Snapshot(4, FourSignals);

        await _store.SaveSnapshotAsync(Tenant, snapshot, Ct);
        var loaded = await _store.LoadSnapshotAsync(Tenant, JourneyId, cancellationToken: Ct);

        Assert.NotNull(loaded);
        Assert.Equal(4, loaded.Version);
        Assert.Equal(snapshot.State, loaded.State);
        Assert.Equal("gartner", loaded.RulebookName);
        Assert.Equal("1", loaded.RulebookVersion);
    }

    [Fact]
    public async Task SaveSnapshotAsync_SameVersion_ReplacesTheEarlierOne()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, FourSignals, cancellationToken: Ct);
        await _store.SaveSnapshotAsync(Tenant, Snapshot(JourneyId, 2, "1", FourSignals[..2]), Ct);

        var replacement = Snapshot(JourneyId, 2, "2", FourSignals[..1]);
        await _store.SaveSnapshotAsync(Tenant, replacement, Ct);
        var loaded = await _store.LoadSnapshotAsync(Tenant, JourneyId, cancellationToken: Ct);

        Assert.NotNull(loaded);
        Assert.Equal("2", loaded.RulebookVersion);
        Assert.Equal(replacement.State, loaded.State);
        Assert.Equal(1L, _db.Scalar("SELECT COUNT(*) FROM snapshots;"));
    }

    [Fact]
    public async Task LoadSnapshotAsync_NoSnapshot_ReturnsNull()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, FourSignals, cancellationToken: Ct);

        Assert.Null(await _store.LoadSnapshotAsync(Tenant, JourneyId, cancellationToken: Ct));
        Assert.Null(await _store.LoadSnapshotAsync(Tenant, "never", cancellationToken: Ct));
    }

    [Fact]
    public async Task LoadSnapshotAsync_WithoutLastSignalBefore_ReturnsTheHighestVersion()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, FourSignals, cancellationToken: Ct);
        await _store.SaveSnapshotAsync(Tenant, Snapshot(4, FourSignals), Ct);
        await _store.SaveSnapshotAsync(Tenant, Snapshot(2, FourSignals[..2]), Ct);

        var loaded = await _store.LoadSnapshotAsync(Tenant, JourneyId, cancellationToken: Ct);

        Assert.Equal(4, loaded?.Version);
    }

    [Fact]
    public async Task LoadSnapshotAsync_LastSignalBefore_ReturnsTheHighestVersionWhoseLastSignalIsEarlier()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, FourSignals, cancellationToken: Ct);
        await _store.SaveSnapshotAsync(Tenant, Snapshot(2, FourSignals[..2]), Ct); // last signal on day 2
        await _store.SaveSnapshotAsync(Tenant, Snapshot(4, FourSignals), Ct);      // last signal on day 4

        Assert.Equal(4, (await _store.LoadSnapshotAsync(Tenant, JourneyId, Day(4).AddTicks(1), Ct))?.Version);
        Assert.Equal(2, (await _store.LoadSnapshotAsync(Tenant, JourneyId, Day(4), Ct))?.Version);
        Assert.Equal(2, (await _store.LoadSnapshotAsync(Tenant, JourneyId, Day(3).ToOffset(TimeSpan.FromHours(-8)), Ct))?.Version);
        Assert.Null(await _store.LoadSnapshotAsync(Tenant, JourneyId, Day(2), Ct));
    }

    [Fact]
    public async Task SaveSnapshotAsync_VersionAboveTheStream_ThrowsArgumentExceptionAndStoresNothing()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, FourSignals[..2], cancellationToken: Ct);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _store.SaveSnapshotAsync(Tenant, Snapshot(3, FourSignals[..3]), Ct));

        Assert.Equal("snapshot", ex.ParamName);
        Assert.Null(await _store.LoadSnapshotAsync(Tenant, JourneyId, cancellationToken: Ct));
    }
}
