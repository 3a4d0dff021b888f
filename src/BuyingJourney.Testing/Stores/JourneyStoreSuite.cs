using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace BuyingJourney.Testing;

/// <summary>
/// The contract every <see cref="IJourneyStore"/> must keep, as xunit tests: append, optimistic concurrency,
/// idempotency, late signals, snapshots, tenants, reads up to a time, and bad input. Derive a test class from it once
/// per store and override <see cref="CreateStore"/>; every test below then runs against that store.
/// </summary>
/// <remarks>
/// <para>Each test creates its own stores and uses only the <see cref="IJourneyStore"/> members, so a store that passes
/// keeps the contract the journey service relies on. Tests that fail name the broken rule in their name and summary.</para>
/// <para>xunit creates a new instance of the derived class for every test and may run test classes in parallel; one
/// test makes several concurrent calls on one store. Dispose what <see cref="CreateStore"/> made in the derived class
/// (implement <see cref="IDisposable"/> or <see cref="IAsyncDisposable"/> there).</para>
/// </remarks>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Test names read Member_Scenario_Expected in test reports.")]
public abstract class JourneyStoreSuite
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly TimeProvider Clock = new FakeTimeProvider(Day0.AddYears(1)); // never advanced: a fixed "now"

    /// <summary>
    /// A new, empty store: no tenant has any journey in it, and it shares nothing with the stores of earlier calls.
    /// Called one or more times by each test.
    /// </summary>
    /// <returns>The store under test.</returns>
    protected abstract IJourneyStore CreateStore();

    private static Signal S(string journey, string id, double day, string type = SignalTypes.ProblemStated)
        => new(id, journey, Day0.AddDays(day), type);

    /// <summary>An append to a new stream (expected version 0) stores the signals in the order given, not in time order, with versions 1, 2, 3..., and the stream's version is the number of signals stored.</summary>
    [Fact]
    public async Task AppendAsync_NewStream_StoresInOrderWithVersionsFromOne()
    {
        var store = CreateStore();

        var result = await store.AppendAsync("t1", "j", 0, [S("j", "a", 1), S("j", "b", 0), S("j", "c", 2)], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(3, result.Version);
        Assert.Equal([AppendOutcome.Appended, AppendOutcome.Appended, AppendOutcome.Appended], result.Outcomes);
        var read = await store.ReadAsync("t1", "j", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["a", "b", "c"], read.Select(s => s.Signal.Id));
        Assert.Equal([1L, 2L, 3L], read.Select(s => s.Version));
        Assert.Equal(3, await store.GetVersionAsync("t1", "j", TestContext.Current.CancellationToken));
    }

    /// <summary>A stored signal reads back equal to the one appended: id, journey, type, stakeholder, source, every attribute (empty values and any text included), and its time to the tick with its UTC offset.</summary>
    [Fact]
    public async Task AppendAsync_RoundTrip_KeepsEveryField()
    {
        var store = CreateStore();
        var signal = new Signal(
            "s-1", "j", new DateTimeOffset(2026, 3, 2, 9, 30, 15, 123, TimeSpan.FromHours(2)).AddTicks(4567), SignalTypes.ReferenceRequested,
            new Stakeholder("cfo-7", StakeholderRoles.DecisionMaker), "email",
            new Dictionary<string, string> { ["topic"] = "pricing", ["note"] = "ünïcødé \"quoted\" \n line", ["empty"] = string.Empty });

        await store.AppendAsync("t1", "j", 0, [signal], cancellationToken: TestContext.Current.CancellationToken);

        var read = Assert.Single(await store.ReadAsync("t1", "j", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(signal, read.Signal);
        Assert.Equal(signal.OccurredAt.Offset, read.Signal.OccurredAt.Offset);
    }

    /// <summary>An append whose expected version is not the stream's version, lower or higher, throws <see cref="JourneyVersionConflictException"/> naming the journey, the expected and the actual version, and stores none of its signals.</summary>
    [Fact]
    public async Task AppendAsync_WrongExpectedVersion_ThrowsConflictAndStoresNothing()
    {
        var store = CreateStore();
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0)], cancellationToken: TestContext.Current.CancellationToken);

        var conflict = await Assert.ThrowsAsync<JourneyVersionConflictException>(
            () => store.AppendAsync("t1", "j", 0, [S("j", "b", 1)], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("j", conflict.JourneyId);
        Assert.Equal(0, conflict.ExpectedVersion);
        Assert.Equal(1, conflict.ActualVersion);
        Assert.Equal(["a"], (await store.ReadAsync("t1", "j", cancellationToken: TestContext.Current.CancellationToken)).Select(s => s.Signal.Id));
        await Assert.ThrowsAsync<JourneyVersionConflictException>(() => store.AppendAsync("t1", "j", 5, [S("j", "b", 1)], cancellationToken: TestContext.Current.CancellationToken));
    }

    /// <summary>A signal whose id the stream already holds, or that repeats an id earlier in its batch, is reported <see cref="AppendOutcome.Duplicate"/> and not stored: the first copy stays as it was, and the version counts only the signals stored.</summary>
    [Fact]
    public async Task AppendAsync_StoredIdAndRepeatInBatch_AreDuplicatesAndStoredOnce()
    {
        var store = CreateStore();
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0)], cancellationToken: TestContext.Current.CancellationToken);

        var result = await store.AppendAsync("t1", "j", 1, [S("j", "a", 5, SignalTypes.DealLost), S("j", "b", 1), S("j", "b", 2)], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([AppendOutcome.Duplicate, AppendOutcome.Appended, AppendOutcome.Duplicate], result.Outcomes);
        Assert.Equal(2, result.Version);
        var read = await store.ReadAsync("t1", "j", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["a", "b"], read.Select(s => s.Signal.Id));
        Assert.Equal(SignalTypes.ProblemStated, read[0].Signal.Type);
        Assert.Equal(Day0.AddDays(1), read[1].Signal.OccurredAt);
    }

    /// <summary>An append of nothing but duplicates stores nothing and returns the unchanged version.</summary>
    [Fact]
    public async Task AppendAsync_OnlyDuplicates_KeepsTheVersion()
    {
        var store = CreateStore();
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0)], cancellationToken: TestContext.Current.CancellationToken);

        var result = await store.AppendAsync("t1", "j", 1, [S("j", "a", 0)], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1, result.Version);
        Assert.Equal([AppendOutcome.Duplicate], result.Outcomes);
    }

    /// <summary>A late signal (one that occurred before signals already stored) gets the next version, like any other: versions follow the order of appends, not the time the signals occurred.</summary>
    [Fact]
    public async Task AppendAsync_LateSignal_GetsTheNextVersion()
    {
        var store = CreateStore();
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 5), S("j", "b", 6)], cancellationToken: TestContext.Current.CancellationToken);

        var result = await store.AppendAsync("t1", "j", 2, [S("j", "late", 1)], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(3, result.Version);
        var read = await store.ReadAsync("t1", "j", afterVersion: 2, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(("late", 3L), (Assert.Single(read).Signal.Id, read[0].Version));
    }

    /// <summary>A read returns only the signals with a version above <c>afterVersion</c> and, when given, that occurred at or before <c>occurredAtOrBefore</c>, in version order; both filters combine.</summary>
    [Fact]
    public async Task ReadAsync_AfterVersionAndUpToTime_FilterTheStream()
    {
        var store = CreateStore();
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0), S("j", "b", 3), S("j", "c", 1), S("j", "d", 4)], cancellationToken: TestContext.Current.CancellationToken);

        var after = await store.ReadAsync("t1", "j", afterVersion: 2, cancellationToken: TestContext.Current.CancellationToken);
        var upTo = await store.ReadAsync("t1", "j", occurredAtOrBefore: Day0.AddDays(3), cancellationToken: TestContext.Current.CancellationToken);
        var both = await store.ReadAsync("t1", "j", 1, Day0.AddDays(1), TestContext.Current.CancellationToken);

        Assert.Equal(["c", "d"], after.Select(s => s.Signal.Id));
        Assert.Equal(["a", "b", "c"], upTo.Select(s => s.Signal.Id));
        Assert.Equal(["c"], both.Select(s => s.Signal.Id));
    }

    /// <summary>A journey the tenant never wrote reads as empty, with version 0 and no snapshot, rather than throwing.</summary>
    [Fact]
    public async Task ReadAsync_UnknownJourney_IsEmptyAndVersionZero()
    {
        var store = CreateStore();

        Assert.Empty(await store.ReadAsync("t1", "nope", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(0, await store.GetVersionAsync("t1", "nope", TestContext.Current.CancellationToken));
        Assert.Null(await store.LoadSnapshotAsync("t1", "nope", cancellationToken: TestContext.Current.CancellationToken));
    }

    /// <summary>A snapshot saved at a version already taken replaces the one there; a load returns the snapshot with the highest version, or, with <c>lastSignalBefore</c>, the highest whose journey's last signal occurred before that time, or null when there is none.</summary>
    [Fact]
    public async Task Snapshots_SaveReplaceAndLoadByLastSignalTime()
    {
        var store = CreateStore();
        var engine = JourneyEngine.CreateDefault();
        Signal[] signals = [S("j", "a", 0), S("j", "b", 2), S("j", "c", 4)];
        await store.AppendAsync("t1", "j", 0, signals, cancellationToken: TestContext.Current.CancellationToken);
        var atOne = new JourneySnapshot(engine.Replay("j", signals[..1]), 1, "rb", "1");
        var atThree = new JourneySnapshot(engine.Replay("j", signals), 3, "rb", "1");

        await store.SaveSnapshotAsync("t1", atOne, TestContext.Current.CancellationToken);
        await store.SaveSnapshotAsync("t1", atThree, TestContext.Current.CancellationToken);
        await store.SaveSnapshotAsync("t1", new JourneySnapshot(atThree.State, 3, "rb", "2"), TestContext.Current.CancellationToken);

        var latest = await store.LoadSnapshotAsync("t1", "j", cancellationToken: TestContext.Current.CancellationToken);
        var beforeDay3 = await store.LoadSnapshotAsync("t1", "j", Day0.AddDays(3), TestContext.Current.CancellationToken);
        var beforeDay0 = await store.LoadSnapshotAsync("t1", "j", Day0, TestContext.Current.CancellationToken);
        Assert.NotNull(latest);
        Assert.Equal((3L, "2"), (latest.Version, latest.RulebookVersion));
        Assert.Equal(atThree.State, latest.State);
        Assert.NotNull(beforeDay3);
        Assert.Equal(1, beforeDay3.Version);
        Assert.Equal(atOne.State, beforeDay3.State);
        Assert.Null(beforeDay0);
    }

    /// <summary>
    /// A snapshot loads back whole, with everything <see cref="JourneyService"/> needs to use it (the engine's fold
    /// fingerprint included): its record, <see cref="JourneyRecords.SerializeSnapshot"/>, is the saved snapshot's.
    /// </summary>
    [Fact]
    public async Task Snapshots_LoadBackWithTheSavedRecord()
    {
        // A snapshot as the journey service makes it, taken from the in-memory store (which keeps the object itself).
        Signal[] signals = [S("j", "a", 0), S("j", "b", 1, SignalTypes.ProblemDefined), S("j", "c", 2, SignalTypes.SolutionResearched)];
        var reference = new InMemoryJourneyStore();
        await new JourneyService(JourneyEngine.CreateDefault(Clock), reference, new JourneyServiceOptions { SnapshotEvery = 1 }, Clock)
            .RecordAsync("t1", signals, TestContext.Current.CancellationToken);
        var made = await reference.LoadSnapshotAsync("t1", "j", cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotNull(made);
        var store = CreateStore();
        await store.AppendAsync("t1", "j", 0, signals, cancellationToken: TestContext.Current.CancellationToken);

        await store.SaveSnapshotAsync("t1", made, TestContext.Current.CancellationToken);

        var loaded = await store.LoadSnapshotAsync("t1", "j", cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotNull(loaded);
        Assert.Equal(JourneyRecords.SerializeSnapshot(made), JourneyRecords.SerializeSnapshot(loaded));
    }

    /// <summary>A snapshot whose version is above the stream's is refused with <see cref="ArgumentException"/> and not saved.</summary>
    [Fact]
    public async Task SaveSnapshotAsync_BeyondTheStream_IsRejected()
    {
        var store = CreateStore();
        var engine = JourneyEngine.CreateDefault();
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0)], cancellationToken: TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveSnapshotAsync("t1", new JourneySnapshot(engine.Replay("j", [S("j", "a", 0)]), 2, "rb", "1"), TestContext.Current.CancellationToken));

        Assert.Null(await store.LoadSnapshotAsync("t1", "j", cancellationToken: TestContext.Current.CancellationToken));
    }

    /// <summary>Tenants are isolated in every call: another tenant sees none of a tenant's signals, versions, snapshots or journey ids, and may store the same journey and signal ids as a stream of its own (not as duplicates).</summary>
    [Fact]
    public async Task Tenants_SameIds_AreIsolatedForEveryCall()
    {
        var store = CreateStore();
        var engine = JourneyEngine.CreateDefault();
        await store.AppendAsync("tenant-a", "shared", 0, [S("shared", "x", 0)], cancellationToken: TestContext.Current.CancellationToken);
        await store.SaveSnapshotAsync("tenant-a", new JourneySnapshot(engine.Replay("shared", [S("shared", "x", 0)]), 1, "rb", "1"), TestContext.Current.CancellationToken);

        Assert.Empty(await store.ReadAsync("tenant-b", "shared", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(0, await store.GetVersionAsync("tenant-b", "shared", TestContext.Current.CancellationToken));
        Assert.Null(await store.LoadSnapshotAsync("tenant-b", "shared", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Empty(await store.ListJourneysAsync("tenant-b", cancellationToken: TestContext.Current.CancellationToken));

        // Tenant B writes the same journey and signal ids: its own stream, version 1, not a duplicate of A's.
        var result = await store.AppendAsync("tenant-b", "shared", 0, [S("shared", "x", 9, SignalTypes.DealLost)], cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([AppendOutcome.Appended], result.Outcomes);
        Assert.Equal(SignalTypes.ProblemStated, Assert.Single(await store.ReadAsync("tenant-a", "shared", cancellationToken: TestContext.Current.CancellationToken)).Signal.Type);
        Assert.Equal(SignalTypes.DealLost, Assert.Single(await store.ReadAsync("tenant-b", "shared", cancellationToken: TestContext.Current.CancellationToken)).Signal.Type);
        Assert.Equal(["shared"], await store.ListJourneysAsync("tenant-a", cancellationToken: TestContext.Current.CancellationToken));
    }

    /// <summary>The journey ids of a tenant list in ordinal (case-sensitive, byte-wise) order, a page of at most <c>limit</c> ids at a time, each page starting after the id given.</summary>
    [Fact]
    public async Task ListJourneysAsync_PagesInOrdinalOrder()
    {
        var store = CreateStore();
        foreach (var id in new[] { "b", "a", "B", "c-1", "c" })
        {
            await store.AppendAsync("t1", id, 0, [S(id, "s", 0)], cancellationToken: TestContext.Current.CancellationToken);
        }

        var first = await store.ListJourneysAsync("t1", null, 2, TestContext.Current.CancellationToken);
        var second = await store.ListJourneysAsync("t1", first[^1], 2, TestContext.Current.CancellationToken);
        var third = await store.ListJourneysAsync("t1", second[^1], 2, TestContext.Current.CancellationToken);

        Assert.Equal(["B", "a"], first);
        Assert.Equal(["b", "c"], second);
        Assert.Equal(["c-1"], third);
    }

    /// <summary>Ids and texts that look like SQL are stored and read back verbatim and change nothing else in the store.</summary>
    [Fact]
    public async Task SqlLookingIds_AreStoredVerbatimAndHarmless()
    {
        var store = CreateStore();
        const string Evil = "'; drop table signals; --";

        await store.AppendAsync(Evil, Evil, 0, [new Signal(Evil, Evil, Day0, Evil, new Stakeholder(Evil, Evil), Evil)], cancellationToken: TestContext.Current.CancellationToken);
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0)], cancellationToken: TestContext.Current.CancellationToken);

        var read = Assert.Single(await store.ReadAsync(Evil, Evil, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(Evil, read.Signal.Id);
        Assert.Equal(Evil, read.Signal.Type);
        Assert.Equal([Evil], await store.ListJourneysAsync(Evil, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Single(await store.ReadAsync("t1", "j", cancellationToken: TestContext.Current.CancellationToken));
    }

    /// <summary>Every call refuses a tenant that is null, empty, blank, holds a line break or is longer than <see cref="StoreArguments.MaxTenantLength"/>, with an <see cref="ArgumentException"/> whose parameter name is <c>tenant</c>.</summary>
    /// <param name="tenant">The bad tenant.</param>
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bad\ntenant")]
    public async Task EveryCall_BadTenant_ThrowsNamingTenantAndChangesNothing(string? tenant)
    {
        var store = CreateStore();
        var engine = JourneyEngine.CreateDefault();
        var snapshot = new JourneySnapshot(engine.Replay("j", [S("j", "a", 0)]), 1, "rb", "1");

        await AssertTenant(() => store.AppendAsync(tenant!, "j", 0, [S("j", "a", 0)], cancellationToken: TestContext.Current.CancellationToken));
        await AssertTenant(() => store.ReadAsync(tenant!, "j", cancellationToken: TestContext.Current.CancellationToken));
        await AssertTenant(() => store.GetVersionAsync(tenant!, "j", TestContext.Current.CancellationToken));
        await AssertTenant(() => store.SaveSnapshotAsync(tenant!, snapshot, TestContext.Current.CancellationToken));
        await AssertTenant(() => store.LoadSnapshotAsync(tenant!, "j", cancellationToken: TestContext.Current.CancellationToken));
        await AssertTenant(() => store.ListJourneysAsync(tenant!, cancellationToken: TestContext.Current.CancellationToken));
        await AssertTenant(() => store.AppendAsync(new string('t', StoreArguments.MaxTenantLength + 1), "j", 0, [S("j", "a", 0)], cancellationToken: TestContext.Current.CancellationToken));

        static async Task AssertTenant(Func<Task> call)
        {
            var ex = await Assert.ThrowsAnyAsync<ArgumentException>(call);
            Assert.Equal("tenant", ex.ParamName);
        }
    }

    /// <summary>An append with a signal of another journey, a null signal, an empty journey id or no list of signals, and a listing with a limit of 0, throw <see cref="ArgumentException"/>; a refused batch stores none of its signals (an append is all or nothing).</summary>
    [Fact]
    public async Task AppendAsync_BadBatch_ThrowsAndStoresNothing()
    {
        var store = CreateStore();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.AppendAsync("t1", "j", 0, [S("j", "a", 0), S("other", "b", 0)], cancellationToken: TestContext.Current.CancellationToken));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.AppendAsync("t1", "j", 0, [S("j", "a", 0), null!], cancellationToken: TestContext.Current.CancellationToken));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.AppendAsync("t1", "", 0, [], cancellationToken: TestContext.Current.CancellationToken));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.AppendAsync("t1", "j", 0, null!, cancellationToken: TestContext.Current.CancellationToken));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ListJourneysAsync("t1", null, 0, TestContext.Current.CancellationToken));

        Assert.Empty(await store.ReadAsync("t1", "j", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(0, await store.GetVersionAsync("t1", "j", TestContext.Current.CancellationToken));
    }

    /// <summary>An append whose token is already cancelled throws <see cref="OperationCanceledException"/> and stores nothing.</summary>
    [Fact]
    public async Task AppendAsync_Cancelled_StoresNothing()
    {
        var store = CreateStore();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AppendAsync("t1", "j", 0, [S("j", "a", 0)], cancellationToken: cancelled.Token));

        Assert.Equal(0, await store.GetVersionAsync("t1", "j", TestContext.Current.CancellationToken));
    }

    /// <summary>Concurrent writers that append at the version they read and retry on a conflict all get their signals stored, each id once, under versions 1 to N without gaps: of two appends at one version exactly one wins.</summary>
    [Fact]
    public async Task AppendAsync_ConcurrentWriters_EveryRoundExactlyOneWinsAndNoIdIsStoredTwice()
    {
        var store = CreateStore();
        const int Writers = 4;
        const int PerWriter = 25;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < PerWriter; i++)
            {
                // Every writer also re-sends a shared id: it must be stored once.
                Signal[] batch = [S("j", $"w{w}-{i}", i), S("j", $"shared-{i}", i)];
                while (true)
                {
                    var version = await store.GetVersionAsync("t1", "j", TestContext.Current.CancellationToken);
                    try
                    {
                        await store.AppendAsync("t1", "j", version, batch, cancellationToken: TestContext.Current.CancellationToken);
                        break;
                    }
                    catch (JourneyVersionConflictException)
                    {
                    }
                }
            }
        })));

        var read = await store.ReadAsync("t1", "j", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(Writers * PerWriter + PerWriter, read.Count);
        Assert.Equal(read.Count, read.Select(s => s.Signal.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Enumerable.Range(1, read.Count).Select(v => (long)v), read.Select(s => s.Version));
    }
}
