using System;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Microsoft.Extensions.Time.Testing;

namespace BuyingJourney.Tests;

/// <summary>The service's own argument and option checks, its DI registration, and the engine's ReplayFrom it relies on.</summary>
public sealed partial class JourneyServiceTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(nameof(JourneyServiceOptions.MaxClockSkew))]
    [InlineData(nameof(JourneyServiceOptions.SnapshotEvery))]
    [InlineData(nameof(JourneyServiceOptions.MaxConflictRetries))]
    public void Constructor_OptionOutOfRange_ThrowsNamingTheOption(string option)
    {
        var options = new JourneyServiceOptions();
        switch (option)
        {
            case nameof(JourneyServiceOptions.MaxClockSkew):
                options.MaxClockSkew = TimeSpan.FromDays(2);
                break;
            case nameof(JourneyServiceOptions.SnapshotEvery):
                options.SnapshotEvery = 0;
                break;
            default:
                options.MaxConflictRetries = 0;
                break;
        }

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new JourneyService(JourneyEngine.CreateDefault(), new InMemoryJourneyStore(), options));

        Assert.Equal(option, ex.ParamName);
        Assert.Contains("JourneyServiceOptions." + option, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NullEngineOrStore_ThrowsNamingIt()
    {
        Assert.Equal("engine", Assert.Throws<ArgumentNullException>(() => new JourneyService(null!, new InMemoryJourneyStore())).ParamName);
        Assert.Equal("store", Assert.Throws<ArgumentNullException>(() => new JourneyService(JourneyEngine.CreateDefault(), null!)).ParamName);
    }

    [Fact]
    public async Task GetAsync_BadIds_ThrowNamingThem()
    {
        var service = new JourneyService(JourneyEngine.CreateDefault(), new InMemoryJourneyStore());

        Assert.Equal("tenant", (await Assert.ThrowsAnyAsync<ArgumentException>(() => service.GetAsync(" ", "j", cancellationToken: TestContext.Current.CancellationToken))).ParamName);
        Assert.Equal("journeyId", (await Assert.ThrowsAnyAsync<ArgumentException>(() => service.GetAsync("t", null!, cancellationToken: TestContext.Current.CancellationToken))).ParamName);
    }

    [Fact]
    public async Task AddBuyingJourney_RegistersAServiceOverTheInMemoryStoreWithConfiguredOptions()
    {
        var services = new ServiceCollection();
        services.AddBuyingJourney().ConfigureService(o => o.SnapshotEvery = 1).UseInMemory();
        services.AddBuyingJourney();
        using var provider = services.BuildServiceProvider();

        var service = provider.GetRequiredService<JourneyService>();
        await service.RecordAsync("t", [new Signal("a", "j", Day0, SignalTypes.ProblemStated)], TestContext.Current.CancellationToken);

        var store = Assert.IsType<InMemoryJourneyStore>(provider.GetRequiredService<IJourneyStore>());
        Assert.Same(service, provider.GetRequiredService<JourneyService>());
        Assert.Equal(1, services.Count(d => d.ServiceType == typeof(JourneyService)));
        Assert.NotNull(await store.LoadSnapshotAsync("t", "j", cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public void ReplayFrom_ASnapshotState_EqualsReplayOfEverything()
    {
        var engine = JourneyEngine.CreateDefault();
        Signal[] signals =
        [
            new("a", "j", Day0, SignalTypes.ProblemStated),
            new("b", "j", Day0.AddDays(1), SignalTypes.ProblemDefined),
            new("c", "j", Day0.AddDays(2), SignalTypes.SolutionResearched),
            new("d", "j", Day0.AddDays(3), SignalTypes.ProblemStated),
        ];
        var snapshot = engine.Replay("j", signals[..2]);

        var continued = engine.ReplayFrom(snapshot, [signals[3], signals[2], signals[1], signals[3]]);

        Assert.Equal(engine.Replay("j", signals), continued);
        Assert.Equal("signals", Assert.Throws<ArgumentException>(() => engine.ReplayFrom(snapshot, [new Signal("x", "other", Day0, "t")])).ParamName);
        Assert.Equal("state", Assert.Throws<ArgumentNullException>(() => engine.ReplayFrom(null!, signals)).ParamName);
    }

    [Fact]
    public async Task GetAsync_WithoutAsOf_AssessesAtTheServicesClockOrTheLastSignalIfLater()
    {
        // Two services on one store: one whose clock is past the journey's last signal, one whose clock is behind it.
        var store = new InMemoryJourneyStore();
        var service = new JourneyService(JourneyEngine.CreateDefault(), store, timeProvider: new FakeTimeProvider(Day0.AddDays(10)));
        var behind = new JourneyService(JourneyEngine.CreateDefault(), store, timeProvider: new FakeTimeProvider(Day0.AddDays(-1)));
        await service.RecordAsync("t", [new Signal("a", "j", Day0, SignalTypes.ProblemStated)], TestContext.Current.CancellationToken);

        var now = await service.GetAsync("t", "j", cancellationToken: TestContext.Current.CancellationToken);
        var skewed = await behind.GetAsync("t", "j", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(Day0.AddDays(10), now.AsOf);
        Assert.Equal(Day0, skewed.AsOf);
    }
}
