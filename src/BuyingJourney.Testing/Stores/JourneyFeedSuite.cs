using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Feed;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace BuyingJourney.Testing;

/// <summary>
/// The change-feed part of the <see cref="IJourneyStore"/> contract, as xunit tests: what an append's changes factory
/// is given and what is stored with the signals (all or nothing), the tenant's feed positions, consumers' cursors, and
/// the due-time claims; then the feed end to end through <see cref="JourneyService"/>, <see cref="JourneyScheduler"/>
/// and <see cref="JourneyFeed"/> on a fake clock. Derive a test class from it once per store and override
/// <see cref="CreateStore"/>.
/// </summary>
/// <remarks>
/// Each test creates its own stores and uses only public members; xunit creates a new instance of the derived class for
/// every test. Dispose what <see cref="CreateStore"/> made in the derived class.
/// </remarks>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Test names read Member_Scenario_Expected in test reports.")]
public abstract class JourneyFeedSuite
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A new, empty store that shares nothing with the stores of earlier calls. Called one or more times by each test.</summary>
    /// <returns>The store under test.</returns>
    protected abstract IJourneyStore CreateStore();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Signal S(string journey, string id, double day, string type = SignalTypes.ProblemStated)
        => new(id, journey, Day0.AddDays(day), type);

    /// <summary>One event per appended signal (naming it), the view counting them, due a day after the last.</summary>
    private static JourneyChanges PerSignal(string journeyId, IReadOnlyList<Signal> appended, string? view)
        => new(
            appended.Select(s => new JourneyEvent(journeyId, JourneyEventTypes.TaskPhaseChanged, s.OccurredAt, s.Id, "task", "NotStarted", "Active")),
            ((view is null ? 0 : int.Parse(view, System.Globalization.CultureInfo.InvariantCulture)) + appended.Count).ToString(System.Globalization.CultureInfo.InvariantCulture),
            appended.Count == 0 ? null : appended.Max(s => s.OccurredAt).AddDays(1));

    /// <summary>The factory is called once per append with the signals the store stores (duplicates left out) and the view the last append with changes left; what it returns is stored with them.</summary>
    [Fact]
    public async Task AppendAsync_WithChanges_GivesTheFactoryTheStoredSignalsAndTheLastViewAndStoresItsEvents()
    {
        var store = CreateStore();
        var calls = new List<(string[] Ids, string? View)>();
        JourneyChanges Factory(IReadOnlyList<Signal> appended, string? view)
        {
            calls.Add(([.. appended.Select(s => s.Id)], view));
            return PerSignal("j", appended, view);
        }

        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0), S("j", "b", 1)], Factory, Ct);
        await store.AppendAsync("t1", "j", 2, [S("j", "a", 0), S("j", "c", 2), S("j", "c", 3)], Factory, Ct);

        Assert.Equal([(["a", "b"], null), (["c"], "2")], calls.Select(c => (c.Ids, c.View)).ToArray(), new CallComparer());
        var events = await store.ReadEventsAsync("t1", cancellationToken: Ct);
        Assert.Equal([1L, 2, 3], events.Select(e => e.Position));
        Assert.Equal(["a", "b", "c"], events.Select(e => e.Event.SignalId));
        Assert.Equal(PerSignal("j", [S("j", "c", 2)], "2").Events[0], events[2].Event);
    }

    /// <summary>When the factory throws, nothing of the append is stored: no signal, no event, no view.</summary>
    [Fact]
    public async Task AppendAsync_FactoryThrows_StoresNothing()
    {
        var store = CreateStore();
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0)], (a, v) => PerSignal("j", a, v), Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync("t1", "j", 1, [S("j", "b", 1)], (_, _) => throw new InvalidOperationException("boom"), Ct));

        Assert.Equal(1, await store.GetVersionAsync("t1", "j", Ct));
        Assert.Single(await store.ReadEventsAsync("t1", cancellationToken: Ct));
        string? seen = null;
        await store.AppendAsync("t1", "j", 1, [], (a, v) => { seen = v; return PerSignal("j", a, v); }, Ct);
        Assert.Equal("1", seen);
    }

    /// <summary>A factory that returns another journey's event breaks the append: nothing is stored.</summary>
    [Fact]
    public async Task AppendAsync_FactoryReturnsAnotherJourneysEvent_StoresNothing()
    {
        var store = CreateStore();

        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => store.AppendAsync("t1", "j", 0, [S("j", "a", 0)], (a, v) => PerSignal("other", a, v), Ct));

        Assert.Equal(0, await store.GetVersionAsync("t1", "j", Ct));
        Assert.Empty(await store.ReadEventsAsync("t1", cancellationToken: Ct));
    }

    /// <summary>An append of no signal with changes stores its events (how time-driven events are stored) and still checks the version; null changes leave the journey's view as it was.</summary>
    [Fact]
    public async Task AppendAsync_NoSignalWithChanges_StoresEventsAndChecksTheVersion()
    {
        var store = CreateStore();
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0)], (a, v) => PerSignal("j", a, v), Ct);
        await store.AppendAsync("t1", "j", 1, [S("j", "b", 1)], cancellationToken: Ct);
        var fade = new JourneyEvent("j", JourneyEventTypes.TaskPhaseChanged, Day0.AddDays(9), null, "task", "Active", "Dormant");

        await Assert.ThrowsAsync<JourneyVersionConflictException>(() => store.AppendAsync("t1", "j", 1, [], (_, v) => new JourneyChanges([fade], v!, null), Ct));
        string? seen = null;
        await store.AppendAsync("t1", "j", 2, [], (_, v) => { seen = v; return new JourneyChanges([fade], v!, null); }, Ct);

        Assert.Equal("1", seen);
        Assert.Equal(2, await store.GetVersionAsync("t1", "j", Ct));
        var events = await store.ReadEventsAsync("t1", cancellationToken: Ct);
        Assert.Equal([1L, 2], events.Select(e => e.Position));
        Assert.Equal(fade, events[1].Event);
    }

    /// <summary>Each tenant's feed has its own positions 1, 2, 3...; a tenant reads only its own events, a page at a time, all or one journey's.</summary>
    [Fact]
    public async Task ReadEventsAsync_PositionsPerTenant_PagesAndJourneyFilter()
    {
        var store = CreateStore();
        await store.AppendAsync("t1", "j1", 0, [S("j1", "a", 0), S("j1", "b", 1)], (a, v) => PerSignal("j1", a, v), Ct);
        await store.AppendAsync("t2", "j1", 0, [S("j1", "x", 0)], (a, v) => PerSignal("j1", a, v), Ct);
        await store.AppendAsync("t1", "j2", 0, [S("j2", "c", 2)], (a, v) => PerSignal("j2", a, v), Ct);

        Assert.Equal(["a", "b", "c"], (await store.ReadEventsAsync("t1", cancellationToken: Ct)).Select(e => e.Event.SignalId));
        Assert.Equal([(1L, "x")], (await store.ReadEventsAsync("t2", cancellationToken: Ct)).Select(e => (e.Position, e.Event.SignalId!)));
        Assert.Equal([2L], (await store.ReadEventsAsync("t1", 1, 1, cancellationToken: Ct)).Select(e => e.Position));
        Assert.Equal([3L], (await store.ReadEventsAsync("t1", 0, 10, "j2", Ct)).Select(e => e.Position));
        Assert.Empty(await store.ReadEventsAsync("t3", cancellationToken: Ct));
        await Assert.ThrowsAnyAsync<ArgumentOutOfRangeException>(() => store.ReadEventsAsync("t1", -1, cancellationToken: Ct));
        await Assert.ThrowsAnyAsync<ArgumentOutOfRangeException>(() => store.ReadEventsAsync("t1", 0, 0, cancellationToken: Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ReadEventsAsync(" ", cancellationToken: Ct));
    }

    /// <summary>A cursor starts at 0, never moves back, refuses a position beyond the tenant's last event (storing nothing), and is kept per tenant and consumer.</summary>
    [Fact]
    public async Task FeedCursor_NeverMovesBack_RefusesWhatIsNotStored_PerTenantAndConsumer()
    {
        var store = CreateStore();
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0), S("j", "b", 1), S("j", "c", 2)], (a, v) => PerSignal("j", a, v), Ct);

        Assert.Equal(0, await store.GetFeedCursorAsync("t1", "crm", Ct));
        await store.SaveFeedCursorAsync("t1", "crm", 2, Ct);
        await store.SaveFeedCursorAsync("t1", "crm", 1, Ct);
        var beyond = await Assert.ThrowsAnyAsync<ArgumentOutOfRangeException>(() => store.SaveFeedCursorAsync("t1", "crm", 4, Ct));
        await Assert.ThrowsAnyAsync<ArgumentOutOfRangeException>(() => store.SaveFeedCursorAsync("t2", "crm", 1, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SaveFeedCursorAsync("t1", "", 1, Ct));

        Assert.Equal("position", beyond.ParamName);
        Assert.Equal(2, await store.GetFeedCursorAsync("t1", "crm", Ct));
        Assert.Equal(0, await store.GetFeedCursorAsync("t1", "ui", Ct));
        Assert.Equal(0, await store.GetFeedCursorAsync("t2", "crm", Ct));
    }

    /// <summary>A due journey is claimed by one caller until its lease ends; an append with changes releases it and sets its next due time; earliest due first, at most the limit.</summary>
    [Fact]
    public async Task ClaimDueAsync_LeasesDueJourneysOnce_UntilTheLeaseEndsOrAnAppendReleasesThem()
    {
        var store = CreateStore();
        await store.AppendAsync("t1", "late", 0, [S("late", "a", 3)], (a, v) => PerSignal("late", a, v), Ct);
        await store.AppendAsync("t2", "early", 0, [S("early", "b", 1)], (a, v) => PerSignal("early", a, v), Ct);
        await store.AppendAsync("t1", "never", 0, [S("never", "c", 0)], (_, v) => new JourneyChanges([], "0", null), Ct);
        var now = Day0.AddDays(10);
        var lease = TimeSpan.FromMinutes(1);

        Assert.Empty(await store.ClaimDueAsync(Day0.AddDays(1.5), lease, 10, Ct));
        var first = await store.ClaimDueAsync(now, lease, 1, Ct);
        var second = await store.ClaimDueAsync(now, lease, 10, Ct);
        var none = await store.ClaimDueAsync(now.AddSeconds(30), lease, 10, Ct);
        var expired = await store.ClaimDueAsync(now.AddMinutes(2), lease, 10, Ct);

        Assert.Equal([("t2", "early", Day0.AddDays(2))], first.Select(d => (d.Tenant, d.JourneyId, d.DueAt)));
        Assert.Equal([("t1", "late", Day0.AddDays(4))], second.Select(d => (d.Tenant, d.JourneyId, d.DueAt)));
        Assert.Empty(none);
        Assert.Equal(["early", "late"], expired.Select(d => d.JourneyId));

        await store.AppendAsync("t2", "early", 1, [], (_, v) => new JourneyChanges([], v!, Day0.AddDays(20)), Ct);
        Assert.Equal(["late"], (await store.ClaimDueAsync(now.AddMinutes(4), lease, 10, Ct)).Select(d => d.JourneyId));
        Assert.Equal(["late", "early"], (await store.ClaimDueAsync(Day0.AddDays(20), lease, 10, Ct)).Select(d => d.JourneyId));
        await Assert.ThrowsAnyAsync<ArgumentOutOfRangeException>(() => store.ClaimDueAsync(now, TimeSpan.Zero, 10, Ct));
        await Assert.ThrowsAnyAsync<ArgumentOutOfRangeException>(() => store.ClaimDueAsync(now, lease, 0, Ct));
    }

    /// <summary>Concurrent claims never hand the same due journey to two callers.</summary>
    [Fact]
    public async Task ClaimDueAsync_Concurrent_NeverClaimsAJourneyTwice()
    {
        var store = CreateStore();
        for (var i = 0; i < 40; i++)
        {
            var id = "j" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await store.AppendAsync("t1", id, 0, [S(id, "a", 0)], (a, v) => PerSignal(id, a, v), Ct);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.ClaimDueAsync(Day0.AddDays(5), TimeSpan.FromMinutes(5), 7, Ct), Ct)));

        var rest = await store.ClaimDueAsync(Day0.AddDays(5), TimeSpan.FromMinutes(5), 100, Ct);

        var claimed = claims.SelectMany(c => c).Concat(rest).Select(d => d.JourneyId).ToArray();
        Assert.Equal(claimed.Length, claimed.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(40, claimed.Length);
    }

    /// <summary>Through the service: a loop-back comes out as events naming the signal that caused it, in the feed and in the record's result, in journey order.</summary>
    [Fact]
    public async Task RecordAsync_LoopBack_StoresEventsNamingTheirSignal()
    {
        var store = CreateStore();
        var clock = new FakeTimeProvider(Day0.AddDays(3));
        var service = new JourneyService(JourneyEngine.CreateDefault(clock), store, timeProvider: clock);

        var first = await service.RecordAsync("t1", [S("j", "a", 0), S("j", "b", 1, SignalTypes.ProblemDefined)], Ct);
        var second = await service.RecordAsync("t1", [S("j", "d", 3)], Ct);

        var feed = await new JourneyFeed(store).ReadAsync("t1", cancellationToken: Ct);
        Assert.Equal([.. first.Events, .. second.Events], feed.Select(e => e.Event));
        var loopBack = Assert.Single(feed, e => e.Event.Type == JourneyEventTypes.TaskLoopedBack).Event;
        Assert.Equal(("ProblemIdentification", "d", Day0.AddDays(3)), (loopBack.TaskId!, loopBack.SignalId!, loopBack.At));
        Assert.Contains(second.Events, e => e.Type == JourneyEventTypes.TaskPhaseChanged && e.TaskId == "ProblemIdentification" && e.From == "Completed" && e.To == "Revisiting" && e.SignalId == "d");
        Assert.Contains(first.Events, e => e.Type == JourneyEventTypes.TaskPhaseChanged && e.To == "Completed" && e.SignalId == "b");
        Assert.Equal(feed.OrderBy(e => e.Position).Select(e => e.Position), feed.Select(e => e.Position));
    }

    /// <summary>A repeat of stored signals stores no event; a late signal's corrections (here: a loop-back it reveals) are stored after what was told, which stays as it was.</summary>
    [Fact]
    public async Task RecordAsync_LateSignal_StoresTheCorrectionsAfterWhatWasTold()
    {
        var store = CreateStore();
        var clock = new FakeTimeProvider(Day0.AddDays(3));
        var service = new JourneyService(JourneyEngine.CreateDefault(clock), store, timeProvider: clock);
        await service.RecordAsync("t1", [S("j", "a", 0), S("j", "d", 3)], Ct);
        var told = await store.ReadEventsAsync("t1", cancellationToken: Ct);

        var repeat = await service.RecordAsync("t1", [S("j", "a", 0), S("j", "d", 3)], Ct);
        var late = await service.RecordAsync("t1", [S("j", "b", 1, SignalTypes.ProblemDefined)], Ct);

        Assert.Empty(repeat.Events);
        Assert.Equal(RecordStatus.LateRebuilt, Assert.Single(late.Signals).Status);
        var after = await store.ReadEventsAsync("t1", told[^1].Position, cancellationToken: Ct);
        Assert.Equal(late.Events, after.Select(e => e.Event));
        Assert.Equal(told, (await store.ReadEventsAsync("t1", cancellationToken: Ct)).Take(told.Count), new StoredComparer());
        var loopBack = Assert.Single(after, e => e.Event.Type == JourneyEventTypes.TaskLoopedBack).Event;
        Assert.Equal(("ProblemIdentification", "d"), (loopBack.TaskId!, loopBack.SignalId!));
    }

    /// <summary>
    /// A task fades with no signal: at its fade tick two schedulers racing store its phase change exactly once, with no
    /// signal and at that tick; before it nothing is due; later runs never store it again.
    /// </summary>
    [Fact]
    public async Task Scheduler_TwoRacing_StoreADormancyExactlyOnceAtItsTick()
    {
        var store = CreateStore();
        var clock = new FakeTimeProvider(Day0);
        var engine = JourneyEngine.CreateDefault(clock);
        var service = new JourneyService(engine, store, timeProvider: clock);
        var recorded = await service.RecordAsync("t1", [S("j", "a", 0, SignalTypes.SolutionResearched)], Ct);
        var task = engine.Assess(recorded.Journeys["j"], Day0).Tasks.Where(t => t.FadesAt is not null).MinBy(t => t.FadesAt)
            ?? throw new InvalidOperationException("no task of the journey can fade.");
        var fadesAt = task.FadesAt!.Value;
        var schedulers = new[]
        {
            new JourneyScheduler(service, store, timeProvider: clock),
            new JourneyScheduler(new JourneyService(engine, store, timeProvider: clock), store, timeProvider: clock),
        };

        clock.SetUtcNow(fadesAt.AddTicks(-1));
        Assert.Equal(0, (await Task.WhenAll(schedulers.Select(s => s.RunDueAsync(Ct)))).Sum());
        clock.SetUtcNow(fadesAt.AddTicks(1));
        var fired = (await Task.WhenAll(schedulers.Select(s => Task.Run(() => s.RunDueAsync(Ct), Ct)))).Sum();
        var stored = (await store.ReadEventsAsync("t1", cancellationToken: Ct)).Where(e => e.Event.SignalId is null).ToArray();
        clock.Advance(TimeSpan.FromDays(400));
        await Task.WhenAll(schedulers.Select(s => Task.Run(() => s.RunDueAsync(Ct), Ct)));
        await Task.WhenAll(schedulers.Select(s => s.RunDueAsync(Ct)));

        Assert.Equal(stored.Length, fired);
        var dormancy = Assert.Single(stored, e => e.Event.Type == JourneyEventTypes.TaskPhaseChanged).Event;
        Assert.Equal((task.TaskId, "Active", "Dormant", fadesAt), (dormancy.TaskId!, dormancy.From!, dormancy.To!, dormancy.At));
        Assert.Single(await store.ReadEventsAsync("t1", cancellationToken: Ct), e => e.Event.Type == JourneyEventTypes.TaskPhaseChanged && e.Event.TaskId == task.TaskId && e.Event.To == "Dormant");
    }

    /// <summary>A task configured with a quiet period is reported quiet once when it has had no evidence for that long.</summary>
    [Fact]
    public async Task Scheduler_QuietPeriod_ReportsAQuietTaskOnce()
    {
        var store = CreateStore();
        var clock = new FakeTimeProvider(Day0);
        var options = new JourneyServiceOptions();
        options.QuietAfter["Validation"] = TimeSpan.FromDays(3);
        var service = new JourneyService(JourneyEngine.CreateDefault(clock), store, options, clock);
        var scheduler = new JourneyScheduler(service, store, timeProvider: clock);
        await service.RecordAsync("t1", [S("j", "a", 0, SignalTypes.TrialStarted)], Ct);

        clock.SetUtcNow(Day0.AddDays(2));
        await scheduler.RunDueAsync(Ct);
        clock.SetUtcNow(Day0.AddDays(3).AddMinutes(1));
        await scheduler.RunDueAsync(Ct);
        clock.SetUtcNow(Day0.AddDays(30));
        await scheduler.RunDueAsync(Ct);

        var quiet = Assert.Single(await store.ReadEventsAsync("t1", cancellationToken: Ct), e => e.Event.Type == JourneyEventTypes.TaskQuiet).Event;
        Assert.Equal(("Validation", Day0.AddDays(3), "3.00:00:00"), (quiet.TaskId!, quiet.At, quiet.To!));
    }

    /// <summary>A follower gets what is stored and then what a service records, as it is recorded.</summary>
    [Fact]
    public async Task FollowAsync_YieldsStoredEventsThenNewOnes()
    {
        var store = CreateStore();
        var clock = new FakeTimeProvider(Day0.AddDays(4));
        var service = new JourneyService(JourneyEngine.CreateDefault(clock), store, timeProvider: clock);
        await service.RecordAsync("t1", [S("j", "a", 0)], Ct);
        var feed = new JourneyFeed(store, new JourneyFeedOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        stop.CancelAfter(TimeSpan.FromMinutes(1));
        var seen = new List<StoredJourneyEvent>();

        await foreach (var stored in feed.FollowAsync("t1", 0, "j", stop.Token))
        {
            seen.Add(stored);
            if (seen.Count == 1)
            {
                await service.RecordAsync("t1", [S("j", "b", 1, SignalTypes.ProblemDefined)], Ct);
            }

            if (seen.Any(e => e.Event.SignalId == "b"))
            {
                break;
            }
        }

        Assert.Equal((await store.ReadEventsAsync("t1", cancellationToken: Ct)).Select(e => e.Position).Take(seen.Count), seen.Select(e => e.Position));
    }

    private sealed class CallComparer : IEqualityComparer<(string[] Ids, string? View)>
    {
        public bool Equals((string[] Ids, string? View) x, (string[] Ids, string? View) y) => x.Ids.SequenceEqual(y.Ids) && x.View == y.View;

        public int GetHashCode((string[] Ids, string? View) obj) => obj.Ids.Length;
    }

    private sealed class StoredComparer : IEqualityComparer<StoredJourneyEvent>
    {
        public bool Equals(StoredJourneyEvent? x, StoredJourneyEvent? y) => x!.Position == y!.Position && x.Event.Equals(y.Event);

        public int GetHashCode(StoredJourneyEvent obj) => obj.Position.GetHashCode();
    }
}
