using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Sqlite.Tests.Support.TestSignals;

namespace BuyingJourney.Sqlite.Tests;

public sealed partial class SqliteJourneyStoreTests
{
    public static TheoryData<string> BadIds => new()
    {
        "",
        "   ",
        new string('x', Signal.MaxIdLength + 1),
        "a\nb",
        "a\u0000b",
    };

    // Not theory data: the test runner's serialisation would repair unpaired surrogates before the test saw them.
    private static readonly string[] UnpairedSurrogateIds = ["lone \uD800 surrogate", "reversed \uDC00\uD800 pair", "ends \uD83D"];

    private IEnumerable<(string Name, Func<Task> Call)> CallsWithTenant(string tenant) =>
    [
        ("append", () => _store.AppendAsync(tenant, JourneyId, 0, [At(0, "s1")], cancellationToken: Ct)),
        ("read", () => _store.ReadAsync(tenant, JourneyId, cancellationToken: Ct)),
        ("version", () => _store.GetVersionAsync(tenant, JourneyId, Ct)),
        ("save", () => _store.SaveSnapshotAsync(tenant, Snapshot(1, At(0, "s1")), Ct)),
        ("load", () => _store.LoadSnapshotAsync(tenant, JourneyId, cancellationToken: Ct)),
        ("list", () => _store.ListJourneysAsync(tenant, cancellationToken: Ct)),
        ("events", () => _store.ReadEventsAsync(tenant, cancellationToken: Ct)),
        ("cursor", () => _store.GetFeedCursorAsync(tenant, "consumer", Ct)),
        ("save cursor", () => _store.SaveFeedCursorAsync(tenant, "consumer", 0, Ct)),
    ];

    private IEnumerable<(string Name, Func<Task> Call)> CallsWithJourney(string journeyId) =>
    [
        ("append", () => _store.AppendAsync(Tenant, journeyId, 0, [], cancellationToken: Ct)),
        ("read", () => _store.ReadAsync(Tenant, journeyId, cancellationToken: Ct)),
        ("version", () => _store.GetVersionAsync(Tenant, journeyId, Ct)),
        ("load", () => _store.LoadSnapshotAsync(Tenant, journeyId, cancellationToken: Ct)),
    ];

    [Fact]
    public async Task EveryCall_NullTenant_ThrowsArgumentNullExceptionNamingTenant()
    {
        foreach (var (name, call) in CallsWithTenant(null!))
        {
            var ex = await Assert.ThrowsAsync<ArgumentNullException>(call);
            Assert.True(ex.ParamName == "tenant", $"{name}: {ex.ParamName}");
        }
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task EveryCall_BadTenant_ThrowsArgumentExceptionNamingTenant(string tenant)
    {
        foreach (var (name, call) in CallsWithTenant(tenant))
        {
            var ex = await Assert.ThrowsAsync<ArgumentException>(call);
            Assert.True(ex.ParamName == "tenant", $"{name}: {ex.ParamName}");
        }
    }

    [Fact]
    public async Task EveryCall_TenantWithAnUnpairedSurrogate_ThrowsArgumentExceptionNamingTenant()
    {
        foreach (var tenant in UnpairedSurrogateIds)
        {
            foreach (var (name, call) in CallsWithTenant(tenant))
            {
                var ex = await Assert.ThrowsAsync<ArgumentException>(call);
                Assert.True(ex.ParamName == "tenant", $"{name}: {ex.ParamName}");
            }
        }

        Assert.Empty(await _store.ListJourneysAsync("lone \uFFFD surrogate", cancellationToken: Ct));
    }

    [Fact]
    public async Task EveryCall_JourneyIdWithAnUnpairedSurrogate_ThrowsArgumentExceptionNamingJourneyId()
    {
        foreach (var journeyId in UnpairedSurrogateIds)
        {
            foreach (var (name, call) in CallsWithJourney(journeyId))
            {
                var ex = await Assert.ThrowsAsync<ArgumentException>(call);
                Assert.True(ex.ParamName == "journeyId", $"{name}: {ex.ParamName}");
            }
        }
    }

    [Fact]
    public async Task EveryCall_NullJourneyId_ThrowsArgumentNullExceptionNamingJourneyId()
    {
        foreach (var (name, call) in CallsWithJourney(null!))
        {
            var ex = await Assert.ThrowsAsync<ArgumentNullException>(call);
            Assert.True(ex.ParamName == "journeyId", $"{name}: {ex.ParamName}");
        }
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task EveryCall_BadJourneyId_ThrowsArgumentExceptionNamingJourneyId(string journeyId)
    {
        foreach (var (name, call) in CallsWithJourney(journeyId))
        {
            var ex = await Assert.ThrowsAsync<ArgumentException>(call);
            Assert.True(ex.ParamName == "journeyId", $"{name}: {ex.ParamName}");
        }
    }

    [Fact]
    public async Task ValidIds_AtTheLengthLimit_AreAccepted()
    {
        var tenant = new string('t', Signal.MaxIdLength);
        var journey = "\U0001F600" + new string('j', Signal.MaxIdLength - 2);

        var result = await _store.AppendAsync(tenant, journey, 0, [At(0, "s1", journeyId: journey)], cancellationToken: Ct);

        Assert.Equal(1, result.Version);
        Assert.Equal([journey], await _store.ListJourneysAsync(tenant, cancellationToken: Ct));
    }

    [Fact]
    public async Task AppendAsync_NullSignals_ThrowsArgumentNullException()
    {
        var ex = await Assert.ThrowsAsync<ArgumentNullException>(() => _store.AppendAsync(Tenant, JourneyId, 0, null!, cancellationToken: Ct));

        Assert.Equal("signals", ex.ParamName);
    }

    [Fact]
    public async Task AppendAsync_NullSignalInTheBatch_ThrowsArgumentExceptionAndStoresNothing()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1"), null!], cancellationToken: Ct));

        Assert.Equal("signals", ex.ParamName);
        Assert.Equal(0, await _store.GetVersionAsync(Tenant, JourneyId, Ct));
    }

    [Fact]
    public async Task AppendAsync_SignalOfAnotherJourney_ThrowsArgumentExceptionAndStoresNothing()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1"), At(1, "s2", journeyId: "other")], cancellationToken: Ct));

        Assert.Equal("signals", ex.ParamName);
        Assert.Contains("other", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, await _store.GetVersionAsync(Tenant, JourneyId, Ct));
        Assert.Equal(0, await _store.GetVersionAsync(Tenant, "other", Ct));
    }

    [Fact]
    public async Task SignalIdWithALoneSurrogate_CannotEvenBeMade_SoNothingReachesTheStore()
    {
        var ex = Assert.Throws<ArgumentException>(() => At(0, "a\uD800"));

        Assert.Equal("id", ex.ParamName);
        Assert.Equal(0, await _store.GetVersionAsync(Tenant, JourneyId, Ct));
    }

    [Fact]
    public async Task NumericArguments_OutOfRange_ThrowArgumentOutOfRangeException()
    {
        Assert.Equal("expectedVersion", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.AppendAsync(Tenant, JourneyId, -1, [], cancellationToken: Ct))).ParamName);
        Assert.Equal("afterVersion", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.ReadAsync(Tenant, JourneyId, -1, cancellationToken: Ct))).ParamName);
        Assert.Equal("limit", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.ListJourneysAsync(Tenant, limit: 0, cancellationToken: Ct))).ParamName);
        Assert.Equal("limit", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.ListJourneysAsync(Tenant, limit: 10_001, cancellationToken: Ct))).ParamName);
    }

    [Fact]
    public async Task SaveSnapshotAsync_NullSnapshot_ThrowsArgumentNullException()
    {
        var ex = await Assert.ThrowsAsync<ArgumentNullException>(() => _store.SaveSnapshotAsync(Tenant, null!, Ct));

        Assert.Equal("snapshot", ex.ParamName);
    }

    [Fact]
    public void Constructor_NullConnectionString_ThrowsArgumentNullException()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => new SqliteJourneyStore(null!));

        Assert.Equal("connectionString", ex.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Data Source=")]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=shared;Mode=Memory;Cache=Shared")]
    [InlineData("Data Source=journeys.db;Mode=ReadOnly")]
    [InlineData("Data Source=journeys.db;No Such Keyword=1")]
    [InlineData("Data Source=journeys.db;Default Timeout=soon")]
    public void Constructor_UnusableConnectionString_ThrowsArgumentException(string connectionString)
    {
        var ex = Assert.Throws<ArgumentException>(() => new SqliteJourneyStore(connectionString));

        Assert.Equal("connectionString", ex.ParamName);
    }

    [Fact]
    public async Task EveryCall_CancelledToken_ThrowsAndStoresNothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var token = cancelled.Token;
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1")], cancellationToken: Ct);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.AppendAsync(Tenant, JourneyId, 1, [At(1, "s2")], cancellationToken: token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.AppendAsync(Tenant, "fresh", 0, [At(1, "s2", journeyId: "fresh")], cancellationToken: token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.ReadAsync(Tenant, JourneyId, cancellationToken: token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.GetVersionAsync(Tenant, JourneyId, token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.SaveSnapshotAsync(Tenant, Snapshot(1, At(0, "s1")), token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.LoadSnapshotAsync(Tenant, JourneyId, cancellationToken: token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.ListJourneysAsync(Tenant, cancellationToken: token));

        Assert.Equal(1, await _store.GetVersionAsync(Tenant, JourneyId, Ct));
        Assert.Equal([JourneyId], await _store.ListJourneysAsync(Tenant, cancellationToken: Ct));
        Assert.Null(await _store.LoadSnapshotAsync(Tenant, JourneyId, cancellationToken: Ct));
    }
}
