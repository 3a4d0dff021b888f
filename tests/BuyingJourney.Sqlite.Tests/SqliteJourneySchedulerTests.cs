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
        var dormancies = await RaceSchedulersPastTheFadeAsync(Day(0).AddHours(1), TaskPhase.Active, i => [new Signal($"s{i}", $"acme-{i}", Day(0), SignalTypes.ProblemStated)]);

        Assert.All(dormancies, e => Assert.Equal(TaskPhase.Dormant.ToString(), e.To));
    }

    [Fact]
    public async Task TwoSchedulersOnTwoStoresOfOneFile_StoreEachFizzledRevisitExactlyOnce()
    {
        var fizzles = await RaceSchedulersPastTheFadeAsync(Day(20).AddHours(1), TaskPhase.Revisiting, i =>
        [
            new Signal($"a{i}", $"acme-{i}", Day(0), SignalTypes.ProblemStated),
            new Signal($"b{i}", $"acme-{i}", Day(1), SignalTypes.ProblemDefined),
            new Signal($"c{i}", $"acme-{i}", Day(20), SignalTypes.ProblemStated),
            new Signal($"d{i}", $"acme-{i}", Day(20), SignalTypes.ProblemMetricMissed),
        ]);

        Assert.All(fizzles, e => Assert.Equal(TaskPhase.Completed.ToString(), e.To));
    }

    /// <summary>
    /// Records <paramref name="signals"/> for <see cref="Journeys"/> journeys at <paramref name="recordAt"/>, finds the first task in
    /// <paramref name="phase"/> to fade, moves the clock past its fade tick and races two schedulers on two stores of
    /// the file; checks that each journey got exactly one phase change of that task out of <paramref name="phase"/>,
    /// with no signal, and that a later run finds nothing due. Returns those phase changes.
    /// </summary>
    private async Task<JourneyEvent[]> RaceSchedulersPastTheFadeAsync(DateTimeOffset recordAt, TaskPhase phase, Func<int, Signal[]> signals)
    {
        var ct = TestContext.Current.CancellationToken;
        _clock.SetUtcNow(recordAt);
        var engine = JourneyEngine.CreateDefault(_clock);
        var (storeA, storeB) = (_db.CreateStore(_clock), _db.CreateStore(_clock));
        var (serviceA, serviceB) = (new JourneyService(engine, storeA, timeProvider: _clock), new JourneyService(engine, storeB, timeProvider: _clock));
        await serviceA.RecordAsync(Tenant, Enumerable.Range(0, Journeys).SelectMany(signals), ct);
        var fading = (await serviceA.GetAsync(Tenant, "acme-0", cancellationToken: ct)).Tasks.Where(t => t.Phase == phase && t.FadesAt is not null).MinBy(t => t.FadesAt);
        Assert.True(fading is not null, $"no task is {phase} after the signals");
        var recorded = await storeA.ReadEventsAsync(Tenant, limit: 10_000, cancellationToken: ct);
        Assert.DoesNotContain(recorded, e => IsLeaving(e.Event, fading.TaskId, phase));

        _clock.SetUtcNow(fading.FadesAt!.Value.AddTicks(1));
        var fired = await Task.WhenAll(
            Task.Run(() => new JourneyScheduler(serviceA, storeA, timeProvider: _clock).RunDueAsync(ct), ct),
            Task.Run(() => new JourneyScheduler(serviceB, storeB, timeProvider: _clock).RunDueAsync(ct), ct));
        var again = await new JourneyScheduler(serviceB, storeB, timeProvider: _clock).RunDueAsync(ct);

        var events = await storeB.ReadEventsAsync(Tenant, limit: 10_000, cancellationToken: ct);
        var changes = events.Select(e => e.Event).Where(e => IsLeaving(e, fading.TaskId, phase)).ToArray();
        Assert.Equal(Enumerable.Range(0, Journeys).Select(i => $"acme-{i}"), changes.Select(e => e.JourneyId).Order(StringComparer.Ordinal));
        Assert.All(changes, e => Assert.Null(e.SignalId));
        Assert.All(changes, e => Assert.Equal(fading.FadesAt, e.At));
        Assert.Equal(events.Count - recorded.Count, fired.Sum());
        Assert.Equal(0, again);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(p => (long)p), events.Select(e => e.Position));
        return changes;
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

    private static bool IsLeaving(JourneyEvent e, string taskId, TaskPhase phase)
        => e.Type == JourneyEventTypes.TaskPhaseChanged && e.TaskId == taskId && e.From == phase.ToString();
}
