using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Journeys;
using BuyingJourney.Feed;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using BuyingJourney.Tests.Support;
using Xunit;
using Microsoft.Extensions.Time.Testing;

namespace BuyingJourney.Tests;

/// <summary>
/// The service against a store that returns damaged or contradictory records: it never loops, never trusts a
/// snapshot the stream contradicts, tells corruption from concurrency, and saves only snapshots of what it appended.
/// </summary>
public sealed partial class JourneyServiceTests
{
    private const string Tenant = "t";
    private const string Journey = "acme";

    private static readonly string[] Types =
    [
        SignalTypes.ProblemStated, SignalTypes.SolutionResearched, SignalTypes.RequirementsDrafted, SignalTypes.RfpIssued,
        SignalTypes.ReferenceRequested, SignalTypes.StakeholderJoined, SignalTypes.DemoRequested, SignalTypes.ProblemMetricMissed,
    ];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task GetAsync_SnapshotWhoseRowTimeDisagreesWithItsPayload_ThrowsNamingTheSnapshotInsteadOfLooping()
    {
        var cancel = TestContext.Current.CancellationToken;
        var engine = JourneyEngine.CreateDefault();
        var store = new ScriptedStore();
        var service = Service(engine, store);
        await service.RecordAsync(Tenant, Signals(1, 10), cancel);

        // The payload says its last signal is on day 30; the "row" answers every bound as if it were on day 5, as a
        // snapshot row whose last_signal_ticks column disagrees with its payload does.
        var future = Snapshot(engine, engine.Replay(Journey, [.. Signals(1, 4), new Signal("s-late", Journey, Day0.AddDays(30), SignalTypes.ProblemStated)]), 5);
        store.OnLoadSnapshot = (_, _) => future;

        var ex = await Assert.ThrowsAsync<JourneyRecordException>(() => service.GetAsync(Tenant, Journey, cancellationToken: cancel));

        Assert.Equal(Journey, ex.JourneyId);
        Assert.Contains("snapshot version 5", ex.Message, StringComparison.Ordinal);
        Assert.InRange(store.SnapshotLoads, 1, 3);
    }

    [Fact(Timeout = 30_000)]
    public async Task RecordAsync_SnapshotWhoseRowTimeDisagreesWithItsPayload_ThrowsInsteadOfLooping()
    {
        var cancel = TestContext.Current.CancellationToken;
        var engine = JourneyEngine.CreateDefault();
        var store = new ScriptedStore();
        var service = Service(engine, store);

        // Stored by another process: this service remembers no state of the journey and must load it.
        await store.Inner.AppendAsync(Tenant, Journey, 0, Signals(1, 10), cancellationToken: cancel);
        var future = Snapshot(engine, engine.Replay(Journey, [.. Signals(1, 4), new Signal("s-late", Journey, Day0.AddDays(30), SignalTypes.ProblemStated)]), 5);
        store.OnLoadSnapshot = (_, _) => future;

        await Assert.ThrowsAsync<JourneyRecordException>(() => service.RecordAsync(Tenant, Signals(11, 11), cancel));

        Assert.Equal(10, await store.GetVersionAsync(Tenant, Journey, cancel));
    }

    [Theory]
    [InlineData("signalCount above the version")]
    [InlineData("copied to a later version")]
    [InlineData("copied to an earlier version")]
    [InlineData("above the stream")]
    public async Task GetAndRecord_SnapshotThatTheStreamContradicts_IsNotUsedAndTheJourneyEqualsTheReplay(string damage)
    {
        var engine = JourneyEngine.CreateDefault();
        var store = new ScriptedStore();
        var service = Service(engine, store);
        await store.Inner.AppendAsync(Tenant, Journey, 0, Signals(1, 10), cancellationToken: Cancel);
        var atFive = engine.Replay(Journey, Signals(1, 5));
        var atEight = engine.Replay(Journey, Signals(1, 8));
        var wrong = damage switch
        {
            "signalCount above the version" => Snapshot(engine, WithSignalCount(atFive, 7), 5),
            "copied to a later version" => Snapshot(engine, atFive, 8),
            "copied to an earlier version" => Snapshot(engine, atEight, 5),
            _ => Snapshot(engine, engine.Replay(Journey, Signals(1, 10)), 12),
        };
        store.OnLoadSnapshot = (_, _) => wrong;

        var now = await service.GetAsync(Tenant, Journey, cancellationToken: Cancel);
        var recorded = await service.RecordAsync(Tenant, Signals(11, 12), Cancel);

        Assert.Equal(engine.Replay(Journey, Signals(1, 10)), now.State);
        Assert.Equal(engine.Replay(Journey, Signals(1, 12)), recorded.Journeys[Journey]);
    }

    [Fact(Timeout = 30_000)]
    public async Task RecordAsync_StreamVersionAheadOfItsSignalRows_ThrowsJourneyRecordExceptionNotAConflict()
    {
        var cancel = TestContext.Current.CancellationToken;
        var engine = JourneyEngine.CreateDefault();
        var store = new ScriptedStore();
        var service = Service(engine, store);
        await service.RecordAsync(Tenant, Signals(1, 10), cancel);

        // Rows 9 and 10 are gone, the stream row still says 10.
        store.OnRead = stored => [.. stored.Where(s => s.Version <= 8)];

        var ex = await Assert.ThrowsAsync<JourneyRecordException>(() => service.RecordAsync(Tenant, Signals(11, 11), cancel));

        Assert.Equal(Journey, ex.JourneyId);
        Assert.Contains("version 10", ex.Message, StringComparison.Ordinal);
        Assert.Contains("version 8", ex.Message, StringComparison.Ordinal);
        Assert.InRange(store.Appends - 1, 1, 3);
    }

    [Fact(Timeout = 30_000)]
    public async Task RecordAsync_SignalRowsBeyondTheStreamVersion_ThrowsJourneyRecordExceptionNotAConflict()
    {
        var cancel = TestContext.Current.CancellationToken;
        var engine = JourneyEngine.CreateDefault();
        var store = new ScriptedStore();
        var service = Service(engine, store);
        await service.RecordAsync(Tenant, Signals(1, 10), cancel);
        var ghost = new StoredSignal(new Signal("ghost", Journey, Day0.AddDays(10.5), SignalTypes.ProblemStated), 11, Day0);
        store.OnRead = stored => [.. stored, ghost];

        var ex = await Assert.ThrowsAsync<JourneyRecordException>(() => service.RecordAsync(Tenant, Signals(11, 11), cancel));

        Assert.Contains("version 10", ex.Message, StringComparison.Ordinal);
        Assert.Contains("version 11", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_GapInTheSignalVersions_ThrowsNamingTheMissingVersion()
    {
        var engine = JourneyEngine.CreateDefault();
        var store = new ScriptedStore();
        var service = Service(engine, store);
        await service.RecordAsync(Tenant, Signals(1, 10), Cancel);
        store.OnRead = stored => [.. stored.Where(s => s.Version != 4)];

        var ex = await Assert.ThrowsAsync<JourneyRecordException>(() => service.GetAsync(Tenant, Journey, cancellationToken: Cancel));

        Assert.Contains("signal version 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordAsync_LateSignalWhileAnotherWriterAppends_SavesASnapshotOfExactlyTheVersionItAppended()
    {
        var engine = JourneyEngine.CreateDefault();
        var store = new ScriptedStore();
        var service = Service(engine, store, snapshotEvery: 6);
        await service.RecordAsync(Tenant, Signals(1, 4), Cancel);
        await service.RecordAsync(Tenant, Signals(6, 6), Cancel);
        Assert.Empty(store.SavedSnapshots);

        // Right after this writer's append, another writer (not going through this service) appends signal 7.
        var other = true;
        store.AfterAppend = async appended =>
        {
            if (other)
            {
                other = false;
                await store.Inner.AppendAsync(Tenant, Journey, appended.Version, Signals(7, 7), cancellationToken: Cancel);
            }
        };

        var recorded = await service.RecordAsync(Tenant, Signals(5, 5), Cancel); // late: sorts before signal 6

        var snapshot = Assert.Single(store.SavedSnapshots);
        var stored = await store.Inner.ReadAsync(Tenant, Journey, cancellationToken: Cancel);
        Assert.Equal(RecordStatus.LateRebuilt, Assert.Single(recorded.Signals).Status);
        Assert.Equal(6, snapshot.Version);
        Assert.Equal(engine.Replay(Journey, stored.Where(s => s.Version <= 6).Select(s => s.Signal)), snapshot.State);
        Assert.Equal(snapshot.State, recorded.Journeys[Journey]);
    }

    [Fact]
    public async Task RecordAsync_TwoHundredSimultaneousCallsOnOneJourney_AllSucceedWithoutConflicts()
    {
        var engine = JourneyEngine.CreateDefault();
        var store = new ScriptedStore { ReadDelay = TimeSpan.FromMilliseconds(1) };
        var services = new[] { Service(engine, store), Service(engine, store) };

        var calls = Enumerable.Range(0, 200)
            .Select(i => Task.Run(() => services[i % 2].RecordAsync(Tenant, [new Signal($"s{i:000}", Journey, Day0.AddMinutes(i), Types[i % Types.Length])], Cancel)))
            .ToArray();
        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.Contains(r.Signals[0].Status, new[] { RecordStatus.Applied, RecordStatus.LateRebuilt }));
        Assert.Equal(0, results.Sum(r => r.ConflictRetries));
        Assert.Equal(200, store.Appends);
        var stored = await store.Inner.ReadAsync(Tenant, Journey, cancellationToken: Cancel);
        Assert.Equal(200, stored.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RecordAsync_AfterAWriterOutsideTheService_CatchesUpFromTheRememberedStateWithoutAConflict(bool outsideSignalIsLate)
    {
        var engine = JourneyEngine.CreateDefault();
        var store = new ScriptedStore();
        var service = Service(engine, store);
        await service.RecordAsync(Tenant, Signals(1, 5), Cancel);
        var loadsBefore = store.SnapshotLoads;

        // A writer that does not go through this service appends a signal: after the remembered state's last one, or
        // (late) before it.
        var outside = outsideSignalIsLate ? new Signal("s00", Journey, Day0.AddDays(0.5), SignalTypes.ProblemStated) : Signals(6, 6)[0];
        await store.Inner.AppendAsync(Tenant, Journey, 5, [outside], cancellationToken: Cancel);
        var recorded = await service.RecordAsync(Tenant, Signals(7, 7), Cancel);

        var stored = await store.Inner.ReadAsync(Tenant, Journey, cancellationToken: Cancel);
        Assert.Equal(0, recorded.ConflictRetries);
        Assert.Equal(RecordStatus.Applied, Assert.Single(recorded.Signals).Status);
        Assert.Equal(engine.Replay(Journey, stored.Select(s => s.Signal)), recorded.Journeys[Journey]);

        // In step: only the signals stored since were read. Out of step: the store's snapshots were consulted.
        Assert.Equal(outsideSignalIsLate ? loadsBefore + 1 : loadsBefore, store.SnapshotLoads);
    }

    [Fact(Timeout = 30_000)]
    public async Task RecordAsync_QueuedWriterHandedAStateAWriterOutsideTheServiceOvertook_RetriesOnceAndEqualsTheReplay()
    {
        var cancel = TestContext.Current.CancellationToken;
        var engine = JourneyEngine.CreateDefault();
        var store = new ScriptedStore();
        var service = Service(engine, store);
        var gates = JourneyWriteGates.For(store);
        Task<RecordResult>? queued = null;
        store.AfterAppend = async appended =>
        {
            if (queued is null)
            {
                // While this writer still holds its turn: a second call queues behind it, and a writer that does not
                // go through the service appends a signal, so the state handed over to the queued call is behind.
                queued = Task.Run(() => service.RecordAsync(Tenant, Signals(3, 3), cancel));
                while (gates.Users(Tenant, Journey) < 2)
                {
                    await Task.Delay(1, cancel);
                }

                await store.Inner.AppendAsync(Tenant, Journey, appended.Version, Signals(2, 2), cancellationToken: cancel);
            }
        };

        await service.RecordAsync(Tenant, Signals(1, 1), cancel);
        var second = await queued!;

        Assert.Equal(1, second.ConflictRetries);
        Assert.Equal(RecordStatus.Applied, Assert.Single(second.Signals).Status);
        var stored = await store.Inner.ReadAsync(Tenant, Journey, cancellationToken: cancel);
        Assert.Equal(3, stored.Count);
        Assert.Equal(engine.Replay(Journey, stored.Select(s => s.Signal)), second.Journeys[Journey]);
    }

    [Fact]
    public async Task RecordAsync_WriteThatFailedPartWay_IsNotRememberedAndTheNextWriterReloads()
    {
        var engine = JourneyEngine.CreateDefault();
        var store = new ScriptedStore();
        var service = new JourneyService(engine, store, new JourneyServiceOptions { MaxSignalsPerAppend = 2 }, new FakeTimeProvider(Day0.AddYears(1)));
        await service.RecordAsync(Tenant, Signals(1, 2), Cancel);
        store.OnAppend = (_, _, _, batch, append) => batch[0].Id == "s05" ? throw new InvalidOperationException("disk full") : append();

        await Assert.ThrowsAsync<InvalidOperationException>(() => service.RecordAsync(Tenant, Signals(3, 6), Cancel));
        store.OnAppend = null;
        var loadsBefore = store.SnapshotLoads;
        var recorded = await service.RecordAsync(Tenant, Signals(5, 6), Cancel);

        Assert.Equal(loadsBefore + 1, store.SnapshotLoads);
        var stored = await store.Inner.ReadAsync(Tenant, Journey, cancellationToken: Cancel);
        Assert.Equal(6, stored.Count);
        Assert.Equal(engine.Replay(Journey, stored.Select(s => s.Signal)), recorded.Journeys[Journey]);
    }

    [Fact]
    public async Task RecordAsync_StoreWithAWriteLock_HoldsItAroundEveryAppend()
    {
        var engine = JourneyEngine.CreateDefault();
        var store = new LockingStore();
        var service = Service(engine, store);

        var calls = Enumerable.Range(0, 20)
            .Select(i => Task.Run(() => service.RecordAsync(Tenant, [new Signal($"s{i:00}", Journey, Day0.AddMinutes(i), SignalTypes.ProblemStated)], Cancel)))
            .ToArray();
        await Task.WhenAll(calls);

        Assert.Equal(20, store.Acquired);
        Assert.Equal(0, store.Held);
        Assert.Equal(20, store.AppendsWhileHeld);
        Assert.Equal(20, store.Appends);
    }

    [Fact]
    public async Task RecordAsync_MoreSignalsForOneJourneyThanOneAppendTakes_SplitsIntoBoundedAppendsAndStoresAll()
    {
        var engine = JourneyEngine.CreateDefault();
        var store = new ScriptedStore();
        var service = new JourneyService(engine, store, new JourneyServiceOptions { MaxSignalsPerAppend = 100 }, new FakeTimeProvider(Day0.AddYears(1)));
        var signals = Enumerable.Range(0, 250).Select(i => new Signal($"s{i:000}", Journey, Day0.AddHours(i), Types[i % Types.Length])).Reverse().ToArray();

        var recorded = await service.RecordAsync(Tenant, [.. signals, signals[0]], Cancel);

        Assert.Equal([100, 100, 51], store.AppendSizes);
        Assert.Equal(RecordStatus.Duplicate, recorded.Signals[^1].Status);
        Assert.Equal(250, (await store.Inner.ReadAsync(Tenant, Journey, cancellationToken: Cancel)).Count);
        Assert.Equal(engine.Replay(Journey, signals), recorded.Journeys[Journey]);
    }

    [Fact]
    public void Constructor_MaxSignalsPerAppendOutOfRange_ThrowsNamingTheOption()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(
            () => new JourneyService(JourneyEngine.CreateDefault(), new InMemoryJourneyStore(), new JourneyServiceOptions { MaxSignalsPerAppend = 0 }));

        Assert.Equal(nameof(JourneyServiceOptions.MaxSignalsPerAppend), ex.ParamName);
    }

    private static JourneyService Service(JourneyEngine engine, IJourneyStore store, int snapshotEvery = 100)
        => new(engine, store, new JourneyServiceOptions { SnapshotEvery = snapshotEvery }, new FakeTimeProvider(Day0.AddYears(1)));

    /// <summary>Signals s01.. of journey "acme", one a day from day <paramref name="from"/> to <paramref name="to"/>.</summary>
    private static Signal[] Signals(int from, int to)
        => [.. Enumerable.Range(from, to - from + 1).Select(i => new Signal($"s{i:00}", Journey, Day0.AddDays(i), Types[i % Types.Length]))];

    private static JourneySnapshot Snapshot(JourneyEngine engine, JourneyState state, long version)
        => new(state, version, engine.Rulebook.Name, engine.Rulebook.Version) { FoldFingerprint = engine.FoldFingerprint };

    private static JourneyState WithSignalCount(JourneyState s, int count)
        => new(s.JourneyId, s.ModelName, s.Status, s.StatusSinceTicks, s.StatusSignalId, s.Tasks, s.LoopBacks, s.LoopBackCount, count, s.UnrecognizedSignalCount, s.LastSignalTicks, s.LastSignalId, s.BuyingGroup, s.Feedback);

    /// <summary>A store with a write lock that counts holders and checks every append happens under it.</summary>
    private sealed class LockingStore : ScriptedStore, IJourneyWriteLock
    {
        private int _held;
        private int _acquired;
        private int _appendsWhileHeld;

        public int Held => _held;

        public int Acquired => _acquired;

        public int AppendsWhileHeld => _appendsWhileHeld;

        public ValueTask<IAsyncDisposable> AcquireAsync(string tenant, string journeyId, CancellationToken cancellationToken = default)
        {
            Assert.Equal(1, Interlocked.Increment(ref _held));
            Interlocked.Increment(ref _acquired);
            return ValueTask.FromResult<IAsyncDisposable>(new Release(this));
        }

        public override Task<AppendResult> AppendAsync(string tenant, string journeyId, long expectedVersion, IReadOnlyList<Signal> signals, JourneyChangesFactory? changes = null, CancellationToken cancellationToken = default)
        {
            if (Volatile.Read(ref _held) == 1)
            {
                Interlocked.Increment(ref _appendsWhileHeld);
            }

            return base.AppendAsync(tenant, journeyId, expectedVersion, signals, changes, cancellationToken);
        }

        private sealed class Release(LockingStore store) : IAsyncDisposable
        {
            public ValueTask DisposeAsync()
            {
                Interlocked.Decrement(ref store._held);
                return ValueTask.CompletedTask;
            }
        }
    }
}
