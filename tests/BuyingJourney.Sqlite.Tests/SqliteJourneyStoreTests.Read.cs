using System;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Sqlite.Tests.Support.TestSignals;

namespace BuyingJourney.Sqlite.Tests;

public sealed partial class SqliteJourneyStoreTests
{
    [Fact]
    public async Task ReadAsync_AfterVersion_ReturnsOnlyLaterVersions()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1"), At(1, "s2"), At(2, "s3"), At(3, "s4")], cancellationToken: Ct);

        var stored = await _store.ReadAsync(Tenant, JourneyId, afterVersion: 2, cancellationToken: Ct);

        Assert.Equal([3L, 4L], stored.Select(s => s.Version).ToArray());
        Assert.Empty(await _store.ReadAsync(Tenant, JourneyId, afterVersion: 4, cancellationToken: Ct));
    }

    [Fact]
    public async Task ReadAsync_OccurredAtOrBefore_ComparesInstantsInclusively()
    {
        // s2 is on day 2 written with a +05:00 offset; the filter is given in UTC.
        Signal[] signals = [At(0, "s1"), new("s2", JourneyId, Day(2).ToOffset(TimeSpan.FromHours(5)), SignalTypes.ProblemDefined), At(3, "s3"), At(1, "s4-late")];
        await _store.AppendAsync(Tenant, JourneyId, 0, signals, cancellationToken: Ct);

        var upToDay2 = await _store.ReadAsync(Tenant, JourneyId, occurredAtOrBefore: Day(2), cancellationToken: Ct);
        var justBeforeDay2 = await _store.ReadAsync(Tenant, JourneyId, occurredAtOrBefore: Day(2).AddTicks(-1).ToOffset(TimeSpan.FromHours(-7)), cancellationToken: Ct);
        var combined = await _store.ReadAsync(Tenant, JourneyId, afterVersion: 1, occurredAtOrBefore: Day(2), cancellationToken: Ct);

        Assert.Equal(["s1", "s2", "s4-late"], upToDay2.Select(s => s.Signal.Id).ToArray());
        Assert.Equal(["s1", "s4-late"], justBeforeDay2.Select(s => s.Signal.Id).ToArray());
        Assert.Equal(["s2", "s4-late"], combined.Select(s => s.Signal.Id).ToArray());
    }

    [Fact]
    public async Task ReadAsync_UnknownJourney_ReturnsEmptyAndVersionZero()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1")], cancellationToken: Ct);

        Assert.Empty(await _store.ReadAsync(Tenant, "other", cancellationToken: Ct));
        Assert.Equal(0, await _store.GetVersionAsync(Tenant, "other", Ct));
    }
}
