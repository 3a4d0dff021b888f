using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace BuyingJourney.Testing;

/// <summary>
/// <see cref="JourneyService"/> over a store, as xunit tests: idempotency, late signals rebuilt from a snapshot, conflict
/// retries, refusals, time travel, tenants, and many writers at once. Derive a test class from it once per store and
/// override <see cref="CreateStore"/>; every test below then runs the service against that store.
/// </summary>
/// <remarks>
/// <para>The service is the store's main client: these tests pass only if the store keeps the
/// <see cref="IJourneyStore"/> contract under the service's real use (concurrent appends with retries, snapshots saved
/// and loaded, reads up to a time). Run <see cref="JourneyStoreSuite"/> too: it checks each rule of the contract on
/// its own.</para>
/// <para>The signals are dated in 2026 against a fixed clock a year later, whatever the date of the run. xunit creates
/// a new instance of the derived class for every test and may run test classes in parallel; several tests make many
/// concurrent calls on one store. Dispose what <see cref="CreateStore"/> made in the derived class.</para>
/// </remarks>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Test names read Member_Scenario_Expected in test reports.")]
public abstract class JourneyServiceSuite
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] Types =
    [
        SignalTypes.ProblemStated, SignalTypes.ProblemDefined, SignalTypes.SolutionResearched, SignalTypes.SolutionApproachChosen,
        SignalTypes.RequirementsDrafted, SignalTypes.RequirementsApproved, SignalTypes.RfpIssued, SignalTypes.DemoRequested,
        SignalTypes.ReferenceRequested, SignalTypes.ValidationPassed, SignalTypes.StakeholderJoined, SignalTypes.ConsensusReached,
        SignalTypes.ContentInsightRead, SignalTypes.BudgetFrozen, "crm.note",
    ];

    private static readonly TimeProvider Clock = new FakeTimeProvider(Day0.AddYears(1)); // never advanced: a fixed "now"

    /// <summary>
    /// A new, empty store: no tenant has any journey in it, and it shares nothing with the stores of earlier calls.
    /// Called once by each test.
    /// </summary>
    /// <returns>The store under test.</returns>
    protected abstract IJourneyStore CreateStore();

    /// <summary>
    /// How many signals <see cref="ManyWriters_DuplicatesAndLateSignalsAcrossTwoTenants_EverySignalOnceAndEveryJourneyEqualsItsReplay"/>
    /// delivers, duplicates included; a tenth are late and a tenth are duplicates.
    /// </summary>
    /// <value>10,000. Lower it for a store too slow for that many in a test run (a few hundred still mix every case).</value>
    protected virtual int ManyWritersSignalCount => 10_000;

    private static Signal S(string journey, string id, double day, string type = SignalTypes.ProblemStated)
        => new(id, journey, Day0.AddDays(day), type);

    /// <summary>
    /// What every test calls: by default a <see cref="JourneyService"/> made by <see cref="CreateService"/>. Override it
    /// to route the calls through another front of the service (a cluster, a remote host) built on that service.
    /// </summary>
    /// <param name="store">The test's store.</param>
    /// <param name="snapshotEvery">The service's <see cref="JourneyServiceOptions.SnapshotEvery"/>.</param>
    /// <param name="engine">The engine; null for <see cref="JourneyEngine.CreateDefault"/> on the suite's clock.</param>
    /// <returns>The calls the tests make.</returns>
    protected virtual IJourneyServiceCalls Service(IJourneyStore store, int snapshotEvery = 100, JourneyEngine? engine = null)
        => new ServiceCalls(CreateService(store, snapshotEvery, engine));

    /// <summary>The service the tests run against: <paramref name="engine"/> (or the default one) on the suite's fixed clock, with <paramref name="snapshotEvery"/>.</summary>
    /// <param name="store">The test's store.</param>
    /// <param name="snapshotEvery">The service's <see cref="JourneyServiceOptions.SnapshotEvery"/>.</param>
    /// <param name="engine">The engine; null for <see cref="JourneyEngine.CreateDefault"/> on the suite's clock.</param>
    /// <returns>The service.</returns>
    protected static JourneyService CreateService(IJourneyStore store, int snapshotEvery = 100, JourneyEngine? engine = null)
        => new(engine ?? JourneyEngine.CreateDefault(Clock), store, new JourneyServiceOptions { SnapshotEvery = snapshotEvery }, Clock);

    private sealed class ServiceCalls(JourneyService service) : IJourneyServiceCalls
    {
        public Task<RecordResult> RecordAsync(string tenant, IEnumerable<Signal> signals, System.Threading.CancellationToken cancellationToken = default)
            => service.RecordAsync(tenant, signals, cancellationToken);

        public Task<BuyingJourney.Assessment.JourneyAssessment> GetAsync(string tenant, string journeyId, DateTimeOffset? asOf = null, System.Threading.CancellationToken cancellationToken = default)
            => service.GetAsync(tenant, journeyId, asOf, cancellationToken);

        public Task<BuyingJourney.Assessment.JourneyAssessment> GetAtVersionAsync(string tenant, string journeyId, long version, System.Threading.CancellationToken cancellationToken = default)
            => service.GetAtVersionAsync(tenant, journeyId, version, cancellationToken);
    }

    /// <summary>Recording signals again (and an id repeated within one call) gives <see cref="RecordStatus.Duplicate"/>, stores nothing more and leaves the journey as it was: retries are safe.</summary>
    [Fact]
    public async Task RecordAsync_SameSignalsTwice_SecondTimeAllDuplicatesAndNothingChanges()
    {
        var store = CreateStore();
        var service = Service(store);
        Signal[] signals = [S("j", "a", 0), S("j", "b", 1, SignalTypes.ProblemDefined), S("j", "b", 1, SignalTypes.ProblemDefined)];

        var first = await service.RecordAsync("t1", signals, TestContext.Current.CancellationToken);
        var second = await service.RecordAsync("t1", signals, TestContext.Current.CancellationToken);

        Assert.Equal([RecordStatus.Applied, RecordStatus.Applied, RecordStatus.Duplicate], first.Signals.Select(s => s.Status));
        Assert.All(second.Signals, s => Assert.Equal(RecordStatus.Duplicate, s.Status));
        Assert.Equal(first.Journeys["j"], second.Journeys["j"]);
        Assert.Equal(2, await store.GetVersionAsync("t1", "j", TestContext.Current.CancellationToken));
    }

    /// <summary>A late signal, older than the journey's snapshot, is stored and reported <see cref="RecordStatus.LateRebuilt"/>, and the journey returned and read afterwards equals the replay of every stored signal.</summary>
    [Fact]
    public async Task RecordAsync_LateSignal_IsStoredAndTheJourneyEqualsTheReplayOfAllStored()
    {
        var store = CreateStore();
        var service = Service(store, snapshotEvery: 2);
        var engine = JourneyEngine.CreateDefault(Clock);
        for (var i = 0; i < 10; i++)
        {
            await service.RecordAsync("t1", [S("j", $"s{i:00}", 10 + (i * 3), Types[i % Types.Length])], TestContext.Current.CancellationToken);
        }

        Assert.NotNull(await store.LoadSnapshotAsync("t1", "j", cancellationToken: TestContext.Current.CancellationToken));
        var late = S("j", "late", 15, SignalTypes.ProblemStated);

        var result = await service.RecordAsync("t1", [late, S("j", "new", 60, SignalTypes.DemoRequested)], TestContext.Current.CancellationToken);

        Assert.Equal([RecordStatus.LateRebuilt, RecordStatus.Applied], result.Signals.Select(s => s.Status));
        var stored = await store.ReadAsync("t1", "j", cancellationToken: TestContext.Current.CancellationToken);
        var replayed = engine.Replay("j", stored.Select(s => s.Signal));
        Assert.Equal(replayed, result.Journeys["j"]);
        var current = await service.GetAsync("t1", "j", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(replayed, current.State);
    }

    /// <summary>A snapshot the store gives back is used only with the fold fingerprint the service saved with it: kept, the service continues from the snapshot; lost, it folds the journey from its signals instead.</summary>
    /// <param name="keepFingerprint">Whether the snapshot given back keeps its fingerprint.</param>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GetAsync_SnapshotReadBackFromTheStore_UsedOnlyWithItsFoldFingerprint(bool keepFingerprint)
    {
        // The service's snapshot goes through the store and back with a signal count the fold of these signals does not
        // give (but one the stream does not contradict: at most its version): with the engine's fold fingerprint kept,
        // the service continues from it; without, it folds the signals.
        var store = CreateStore();
        var service = Service(store, snapshotEvery: 2);
        await service.RecordAsync("t1", [S("j", "a", 0), S("j", "b", 1, SignalTypes.ProblemDefined), S("j", "c", 2, SignalTypes.SolutionResearched), S("j", "d", 3, SignalTypes.RfpIssued)], TestContext.Current.CancellationToken);
        var saved = await store.LoadSnapshotAsync("t1", "j", cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotNull(saved);
        var record = System.Text.Json.Nodes.JsonNode.Parse(JourneyRecords.SerializeSnapshot(saved))!.AsObject();
        var fold = record["fold"];
        Assert.True(fold is not null, "the snapshot read back from the store has lost the fold fingerprint the service saved it with");
        Assert.StartsWith("fold.v1:", fold.GetValue<string>(), StringComparison.Ordinal);
        record["signalCount"] = 3;
        if (!keepFingerprint)
        {
            record.Remove("fold");
        }

        await store.SaveSnapshotAsync("t1", JourneyRecords.DeserializeSnapshot(record.ToJsonString(), "j", "snapshot"), TestContext.Current.CancellationToken);

        // A reader that loads the journey from the store (a single writer that keeps the journey hot, such as a
        // cluster's grain, would answer from its own fold until it is loaded again).
        var current = await CreateService(store, snapshotEvery: 2).GetAsync("t1", "j", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(keepFingerprint ? 3 : 4, current.State.SignalCount);
    }

    /// <summary>With signals arriving in random time order and frequent snapshots, the journey after every call equals the replay of the stored signals.</summary>
    [Fact]
    public async Task RecordAsync_ManyLateSignalsWithSnapshots_AlwaysEqualsReplay()
    {
        var store = CreateStore();
        var service = Service(store, snapshotEvery: 3);
        var engine = JourneyEngine.CreateDefault(Clock);
        var random = new Random(7);
        for (var i = 0; i < 40; i++)
        {
            var signal = S("j", $"s{i:00}", random.Next(0, 120) + (random.Next(0, 24) / 24.0), Types[random.Next(Types.Length)]);
            var result = await service.RecordAsync("t1", [signal], TestContext.Current.CancellationToken);

            var stored = await store.ReadAsync("t1", "j", cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(engine.Replay("j", stored.Select(s => s.Signal)), result.Journeys["j"]);
        }
    }

    /// <summary>A signal dated further ahead of the service's clock than the allowed skew is refused with a reason and not stored; one within the skew is stored.</summary>
    [Fact]
    public async Task RecordAsync_FutureBeyondSkew_IsRefusedAndNotStored()
    {
        var store = CreateStore();
        var service = Service(store);
        var now = Clock.GetUtcNow();
        var tooLate = new Signal("future", "j", now.AddMinutes(6), SignalTypes.ProblemStated);
        var withinSkew = new Signal("soon", "j", now.AddMinutes(4), SignalTypes.ProblemStated);

        var result = await service.RecordAsync("t1", [tooLate, withinSkew], TestContext.Current.CancellationToken);

        Assert.Equal(RecordStatus.Refused, result.Signals[0].Status);
        Assert.Contains("ahead of the service's clock", result.Signals[0].Reason, StringComparison.Ordinal);
        Assert.Equal(RecordStatus.Applied, result.Signals[1].Status);
        Assert.Equal(["soon"], (await store.ReadAsync("t1", "j", cancellationToken: TestContext.Current.CancellationToken)).Select(s => s.Signal.Id));
    }

    /// <summary>A null or empty tenant, or a null signal, throws <see cref="ArgumentException"/> naming the parameter, and nothing of the call is stored.</summary>
    [Fact]
    public async Task RecordAsync_BadTenantOrNullSignal_ThrowsAndStoresNothing()
    {
        var store = CreateStore();
        var service = Service(store);

        Assert.Equal("tenant", (await Assert.ThrowsAnyAsync<ArgumentException>(() => service.RecordAsync(null!, [S("j", "a", 0)], TestContext.Current.CancellationToken))).ParamName);
        Assert.Equal("tenant", (await Assert.ThrowsAnyAsync<ArgumentException>(() => service.RecordAsync("", [S("j", "a", 0)], TestContext.Current.CancellationToken))).ParamName);
        Assert.Equal("signals", (await Assert.ThrowsAnyAsync<ArgumentException>(() => service.RecordAsync("t1", [S("j", "a", 0), null!], TestContext.Current.CancellationToken))).ParamName);

        Assert.Empty(await store.ReadAsync("t1", "j", cancellationToken: TestContext.Current.CancellationToken));
    }

    /// <summary>Bad input of every kind (too many attributes, a far-future signal, a missing tenant, SQL-looking ids) gets its error or refusal, and the signals already stored are unchanged.</summary>
    [Fact]
    public async Task BadInputOfEveryKind_GetsAClearErrorAndLeavesTheStoreUnchanged()
    {
        var store = CreateStore();
        var service = Service(store);
        await service.RecordAsync("t1", [S("j", "a", 0), S("j", "b", 1)], TestContext.Current.CancellationToken);
        var before = await store.ReadAsync("t1", "j", cancellationToken: TestContext.Current.CancellationToken);
        var oversized = Enumerable.Range(0, Signal.MaxAttributes + 1).ToDictionary(i => $"k{i}", i => "v");

        var attributes = Assert.Throws<ArgumentException>(() => new Signal("c", "j", Day0, SignalTypes.ProblemStated, attributes: oversized));
        var future = await service.RecordAsync("t1", [new Signal("c", "j", Clock.GetUtcNow().AddDays(1), SignalTypes.ProblemStated)], TestContext.Current.CancellationToken);
        var nullTenant = await Assert.ThrowsAnyAsync<ArgumentException>(() => service.RecordAsync(null!, [S("j", "c", 2)], TestContext.Current.CancellationToken));
        var emptyTenant = await Assert.ThrowsAnyAsync<ArgumentException>(() => service.RecordAsync(string.Empty, [S("j", "c", 2)], TestContext.Current.CancellationToken));
        var sqlTenant = await service.RecordAsync("'; drop table signals; --", [S("j", "'; delete from signals; --", 2)], TestContext.Current.CancellationToken);

        Assert.Equal("attributes", attributes.ParamName);
        Assert.Equal(RecordStatus.Refused, Assert.Single(future.Signals).Status);
        Assert.Equal(("tenant", "tenant"), (nullTenant.ParamName, emptyTenant.ParamName));
        Assert.Equal(RecordStatus.Applied, Assert.Single(sqlTenant.Signals).Status);
        var after = await store.ReadAsync("t1", "j", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(before.Select(s => (s.Signal, s.Version)), after.Select(s => (s.Signal, s.Version)));
        Assert.Single(await store.ReadAsync("'; drop table signals; --", "j", cancellationToken: TestContext.Current.CancellationToken));
    }

    /// <summary>A signal whose rule throws is still stored and reported <see cref="RecordStatus.RuleFailed"/> naming the rule, on time or late.</summary>
    [Fact]
    public async Task RecordAsync_RuleThatThrows_IsStoredAndReportedAsRuleFailed()
    {
        var store = CreateStore();
        var engine = new JourneyEngineBuilder()
            .UseTimeProvider(Clock)
            .AddRule("test:boom", ["x.boom"], (_, _) => throw new InvalidOperationException("kaboom"))
            .Build();
        var service = Service(store, engine: engine);

        var result = await service.RecordAsync("t1", [S("j", "a", 1), S("j", "boom", 2, "x.boom")], TestContext.Current.CancellationToken);
        var late = await service.RecordAsync("t1", [S("j", "boom-late", 0, "x.boom")], TestContext.Current.CancellationToken);

        Assert.Equal(RecordStatus.RuleFailed, result.Signals[1].Status);
        Assert.Contains("test:boom", result.Signals[1].Reason, StringComparison.Ordinal);
        Assert.Equal(RecordStatus.RuleFailed, late.Signals[0].Status);
        Assert.Equal(3, await store.GetVersionAsync("t1", "j", TestContext.Current.CancellationToken));
        Assert.Equal(1, late.Journeys["j"].SignalCount);
    }

    /// <summary>The journey as of a past time, or at a stream version, equals the replay of the signals up to then; a version beyond the stream throws <see cref="ArgumentOutOfRangeException"/>.</summary>
    [Fact]
    public async Task GetAsync_AsOfAPastTime_EqualsTheAssessmentOfTheSignalsUpToThen()
    {
        var store = CreateStore();
        var service = Service(store);
        var engine = JourneyEngine.CreateDefault(Clock);
        Signal[] signals = [S("j", "a", 0), S("j", "b", 2, SignalTypes.ProblemDefined), S("j", "c", 4, SignalTypes.SolutionResearched), S("j", "d", 6, SignalTypes.ProblemMetricMissed)];
        await service.RecordAsync("t1", signals, TestContext.Current.CancellationToken);

        var past = await service.GetAsync("t1", "j", Day0.AddDays(3), TestContext.Current.CancellationToken);
        var atVersion = await service.GetAtVersionAsync("t1", "j", 3, TestContext.Current.CancellationToken);
        var now = await service.GetAsync("t1", "j", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(engine.Replay("j", signals[..2]), past.State);
        Assert.True(past.HasEvidenceDetail);
        Assert.Equal(engine.Replay("j", signals[..3]), atVersion.State);
        Assert.Equal(engine.Replay("j", signals), now.State);
        Assert.Equal(1, now.State.LoopBackCount);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => service.GetAtVersionAsync("t1", "j", 5, TestContext.Current.CancellationToken));
    }

    /// <summary>Two services writing one journey of one store at once lose none of each other's signals, and the journey equals the replay of what is stored.</summary>
    [Fact]
    public async Task TwoServicesOnOneStore_RaceOnOneJourney_NeitherWritersSignalsAreLost()
    {
        var store = CreateStore();
        var engine = JourneyEngine.CreateDefault(Clock);
        var first = Service(store);
        var second = Service(store);

        await Task.WhenAll(
            Task.Run(async () =>
            {
                for (var i = 0; i < 30; i++)
                {
                    await first.RecordAsync("t1", [S("j", $"a{i:00}", i)], TestContext.Current.CancellationToken);
                }
            }),
            Task.Run(async () =>
            {
                for (var i = 0; i < 30; i++)
                {
                    await second.RecordAsync("t1", [S("j", $"b{i:00}", i + 0.5, SignalTypes.DemoRequested)], TestContext.Current.CancellationToken);
                }
            }));

        var stored = await store.ReadAsync("t1", "j", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(60, stored.Count);
        Assert.Equal(engine.Replay("j", stored.Select(s => s.Signal)), (await first.GetAsync("t1", "j", cancellationToken: TestContext.Current.CancellationToken)).State);
    }

    /// <summary>Two hundred simultaneous calls on one journey through two services all succeed without a conflict retry (the service waits its turn), under versions 1 to 200, and the journey equals the replay of what is stored.</summary>
    [Fact]
    public async Task RecordAsync_TwoHundredSimultaneousCallsOnOneJourney_AllSucceedWithoutConflictRetries()
    {
        var store = CreateStore();
        var engine = JourneyEngine.CreateDefault(Clock);
        var services = new[] { Service(store, snapshotEvery: 25), Service(store, snapshotEvery: 25) };

        // 200 calls at once, half through each of two services sharing the store: a busy account synced by mail,
        // calendar and web activity together. Every call must succeed; writers wait their turn instead of racing.
        var calls = Enumerable.Range(0, 200)
            .Select(i => Task.Run(() => services[i % 2].RecordAsync("t1", [S("busy", $"s{i:000}", i / 10.0, Types[i % Types.Length])], TestContext.Current.CancellationToken)))
            .ToArray();
        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.Contains(Assert.Single(r.Signals).Status, new[] { RecordStatus.Applied, RecordStatus.LateRebuilt }));
        Assert.Equal(0, results.Sum(r => r.ConflictRetries));
        var stored = await store.ReadAsync("t1", "busy", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(200, stored.Count);
        Assert.Equal(Enumerable.Range(1, 200).Select(v => (long)v), stored.Select(s => s.Version));
        var replay = engine.Replay("busy", stored.Select(s => s.Signal));
        Assert.Equal(replay, (await services[0].GetAsync("t1", "busy", cancellationToken: TestContext.Current.CancellationToken)).State);
        Assert.Equal(replay, (await services[1].RecordAsync("t1", [stored[0].Signal], TestContext.Current.CancellationToken)).Journeys["busy"]);
    }

    /// <summary>Unusual but valid text (emoji, combining marks, right-to-left marks, control characters, the longest attribute value) is stored and read back exactly, and the journey and its snapshot equal the replay of what is stored.</summary>
    [Fact]
    public async Task RecordAsync_OddButWellFormedText_IsStoredAndReadBackExactlyAsApplied()
    {
        var store = CreateStore();
        var engine = JourneyEngine.CreateDefault(Clock);
        var service = Service(store, snapshotEvery: 2);
        var texts = new[]
        {
            "emoji \ud83d\ude00 and a flag \ud83c\uddec\ud83c\udde7", "combining e\u0301 vs \u00e9", "right-to-left \u05e9\u05dc\u05d5\u05dd \u202e",
            "quotes \" ' and backslash \\ and slash /", "controls \u0000 \u0001 \u001f \u007f \n\r\t", "non-characters \ufffe \uffff \ufffd",
            "astral \udbff\udfff", string.Empty, new string('\u00e9', Signal.MaxAttributeValueLength),
        };
        var signals = texts.Select((text, i) => new Signal(
                $"s{i}\ud83d\ude00",
                "odd",
                Day0.AddDays(i),
                i % 2 == 0 ? SignalTypes.ActionDone : SignalTypes.ProblemStated,
                new Stakeholder($"p\u00e9{i}", i % 3 == 0 ? "r\u00f4le \ud83d\ude00" : StakeholderRoles.Influencer),
                "source \u2013 \ud83d\udce7",
                new Dictionary<string, string> { ["action"] = text, ["note"] = text, ["k\u00e9y"] = "v" }))
            .ToArray();

        var recorded = await service.RecordAsync("t1", signals, TestContext.Current.CancellationToken);
        var stored = await store.ReadAsync("t1", "odd", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(signals, stored.Select(s => s.Signal));
        var replay = engine.Replay("odd", stored.Select(s => s.Signal));
        Assert.Equal(replay, recorded.Journeys["odd"]);
        Assert.Equal(replay, (await service.GetAsync("t1", "odd", cancellationToken: TestContext.Current.CancellationToken)).State);
        var snapshot = await store.LoadSnapshotAsync("t1", "odd", cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotNull(snapshot);
        Assert.Equal(engine.Replay("odd", stored.Where(s => s.Version <= snapshot.Version).Select(s => s.Signal)), snapshot.State);
    }

    /// <summary>Eight writers delivering <see cref="ManyWritersSignalCount"/> signals to fifty journeys of two tenants, a tenth of them late and a tenth duplicates, store every signal once, in its own tenant only, and every journey equals the replay of its stored signals.</summary>
    [Fact]
    public async Task ManyWriters_DuplicatesAndLateSignalsAcrossTwoTenants_EverySignalOnceAndEveryJourneyEqualsItsReplay()
    {
        var store = CreateStore();
        var engine = JourneyEngine.CreateDefault(Clock);
        const int Writers = 8;
        const int Journeys = 50;
        var total = ManyWritersSignalCount;
        var random = new Random(2026);

        // The distinct signals: 50 journeys, split over two tenants (even and odd journey numbers).
        var distinct = new List<(string Tenant, Signal Signal)>();
        var perJourneyDay = new double[Journeys];
        var uniqueCount = total - (total / 10);
        for (var i = 0; i < uniqueCount; i++)
        {
            var journey = random.Next(Journeys);
            perJourneyDay[journey] += random.NextDouble();
            distinct.Add(($"tenant-{journey % 2}", S($"j{journey:00}", $"j{journey:00}-s{i:00000}", perJourneyDay[journey], Types[random.Next(Types.Length)])));
        }

        // 10% late: move a tenth of the signals to the end of the delivery order (they are dated earlier than what precedes them).
        var lateCount = total / 10;
        var delivery = distinct.Take(distinct.Count - lateCount).ToList();
        var late = distinct.Skip(distinct.Count - lateCount).Select(d => (d.Tenant, Signal: new Signal(d.Signal.Id, d.Signal.JourneyId, d.Signal.OccurredAt.AddDays(-30), d.Signal.Type))).ToList();
        var expected = delivery.Concat(late).ToList();
        delivery.AddRange(late);

        // 10% duplicates: re-deliver random signals again at random places.
        for (var i = 0; i < total / 10; i++)
        {
            delivery.Insert(random.Next(delivery.Count), delivery[random.Next(delivery.Count)]);
        }

        var queue = new ConcurrentQueue<(string Tenant, Signal Signal)>(delivery);
        var statuses = new ConcurrentBag<RecordStatus>();
        var retries = 0;
        var service = Service(store, snapshotEvery: 25);
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            var batch = new List<(string Tenant, Signal Signal)>();
            while (queue.TryDequeue(out var item))
            {
                batch.Add(item);
                if (batch.Count == 5)
                {
                    await FlushAsync(batch);
                }
            }

            // Another writer may have taken the last items after this one's last dequeue: send what is left.
            await FlushAsync(batch);
        })));

        async Task FlushAsync(List<(string Tenant, Signal Signal)> batch)
        {
            foreach (var group in batch.GroupBy(b => b.Tenant))
            {
                var result = await service.RecordAsync(group.Key, group.Select(g => g.Signal), TestContext.Current.CancellationToken);
                System.Threading.Interlocked.Add(ref retries, result.ConflictRetries);
                foreach (var outcome in result.Signals)
                {
                    statuses.Add(outcome.Status);
                }
            }

            batch.Clear();
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{delivery.Count} deliveries by {Writers} writers: {statuses.Count(s => s == RecordStatus.Applied)} applied, {statuses.Count(s => s == RecordStatus.LateRebuilt)} late and rebuilt, "
            + $"{statuses.Count(s => s == RecordStatus.Duplicate)} duplicates absorbed, {retries} conflict retries");
        Assert.Equal(delivery.Count, statuses.Count);
        Assert.Equal(expected.Count, statuses.Count(s => s != RecordStatus.Duplicate));
        Assert.Contains(RecordStatus.LateRebuilt, statuses);
        foreach (var tenant in new[] { "tenant-0", "tenant-1" })
        {
            var journeys = await store.ListJourneysAsync(tenant, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(Enumerable.Range(0, Journeys).Where(j => $"tenant-{j % 2}" == tenant).Select(j => $"j{j:00}"), journeys);
            foreach (var journey in journeys)
            {
                var stored = await store.ReadAsync(tenant, journey, cancellationToken: TestContext.Current.CancellationToken);
                var want = expected.Where(e => e.Tenant == tenant && e.Signal.JourneyId == journey).Select(e => e.Signal.Id).Order(StringComparer.Ordinal);
                Assert.Equal(want, stored.Select(s => s.Signal.Id).Order(StringComparer.Ordinal));
                var other = tenant == "tenant-0" ? "tenant-1" : "tenant-0";
                Assert.Empty(await store.ReadAsync(other, journey, cancellationToken: TestContext.Current.CancellationToken));
                var current = await service.GetAsync(tenant, journey, cancellationToken: TestContext.Current.CancellationToken);
                Assert.Equal(engine.Replay(journey, stored.Select(s => s.Signal)), current.State);
            }
        }
    }
}
