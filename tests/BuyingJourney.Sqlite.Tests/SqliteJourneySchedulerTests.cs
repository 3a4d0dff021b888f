using System;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Feed;
using BuyingJourney.Phases;
using BuyingJourney.Signals;
using BuyingJourney.Sqlite.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static BuyingJourney.Sqlite.Tests.Support.TestSignals;

namespace BuyingJourney.Sqlite.Tests;

/// <summary>The journey service and its scheduler end to end on one SQLite file, with a fake clock.</summary>
public sealed class SqliteJourneySchedulerTests : IDisposable
{
    private const int Journeys = 8;

    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _clock = new(Day(0).AddHours(1));

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task TwoSchedulersOnTwoStoresOfOneFile_StoreEachDormancyExactlyOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = JourneyEngine.CreateDefault(_clock);
        var (storeA, storeB) = (_db.CreateStore(_clock), _db.CreateStore(_clock));
        var (serviceA, serviceB) = (new JourneyService(engine, storeA, timeProvider: _clock), new JourneyService(engine, storeB, timeProvider: _clock));
        await serviceA.RecordAsync(Tenant, Enumerable.Range(0, Journeys).Select(i => new Signal($"s{i}", $"acme-{i}", Day(0), SignalTypes.ProblemStated)), ct);
        var active = (await serviceA.GetAsync(Tenant, "acme-0", cancellationToken: ct)).Tasks.Where(t => t.Phase == TaskPhase.Active).ToArray();
        var fading = active.Where(t => t.FadesAt is not null).MinBy(t => t.FadesAt)!;
        var recorded = (await storeA.ReadEventsAsync(Tenant, limit: 10_000, cancellationToken: ct)).Count;
        Assert.DoesNotContain(await storeA.ReadEventsAsync(Tenant, limit: 10_000, cancellationToken: ct), IsDormancy);

        _clock.SetUtcNow(fading.FadesAt!.Value.AddTicks(1));
        var fired = await Task.WhenAll(
            Task.Run(() => new JourneyScheduler(serviceA, storeA, timeProvider: _clock).RunDueAsync(ct), ct),
            Task.Run(() => new JourneyScheduler(serviceB, storeB, timeProvider: _clock).RunDueAsync(ct), ct));
        var again = await new JourneyScheduler(serviceB, storeB, timeProvider: _clock).RunDueAsync(ct);

        var events = await storeB.ReadEventsAsync(Tenant, limit: 10_000, cancellationToken: ct);
        var dormancies = events.Where(IsDormancy).Select(e => e.Event).ToArray();
        Assert.Equal(Enumerable.Range(0, Journeys).Select(i => $"acme-{i}"), dormancies.Where(e => e.TaskId == fading.TaskId).Select(e => e.JourneyId).Order(StringComparer.Ordinal));
        Assert.All(dormancies, e => Assert.Null(e.SignalId));
        Assert.All(dormancies, e => Assert.Equal(TaskPhase.Active.ToString(), e.From));
        Assert.Equal(events.Count - recorded, fired.Sum());
        Assert.Equal(0, again);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(p => (long)p), events.Select(e => e.Position));
    }

    [Fact]
    public async Task Scheduler_BeforeTheFadeTime_StoresNothingAndClaimsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = JourneyEngine.CreateDefault(_clock);
        var store = _db.CreateStore(_clock);
        var service = new JourneyService(engine, store, timeProvider: _clock);
        await service.RecordAsync(Tenant, [new Signal("s1", "acme", Day(0), SignalTypes.ProblemStated)], ct);
        var fadesAt = (await service.GetAsync(Tenant, "acme", cancellationToken: ct)).Tasks.Where(t => t.Phase == TaskPhase.Active).Min(t => t.FadesAt)!.Value;
        var before = (await store.ReadEventsAsync(Tenant, cancellationToken: ct)).Count;

        _clock.SetUtcNow(fadesAt.AddTicks(-1));
        var fired = await new JourneyScheduler(service, store, timeProvider: _clock).RunDueAsync(ct);

        Assert.Equal(0, fired);
        Assert.Equal(before, (await store.ReadEventsAsync(Tenant, cancellationToken: ct)).Count);
        Assert.Empty(await store.ClaimDueAsync(_clock.GetUtcNow(), TimeSpan.FromMinutes(1), cancellationToken: ct));
        Assert.Single(await store.ClaimDueAsync(fadesAt, TimeSpan.FromMinutes(1), cancellationToken: ct));
    }

    private static bool IsDormancy(StoredJourneyEvent stored)
        => stored.Event.Type == JourneyEventTypes.TaskPhaseChanged && stored.Event.To == TaskPhase.Dormant.ToString();
}
