using System;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Sqlite.Tests.Support.TestSignals;

namespace BuyingJourney.Sqlite.Tests;

public sealed partial class SqliteJourneyStoreTests
{
    [Fact]
    public async Task AppendAsync_NewStream_AssignsVersionsFromOneAndReadsBackEqualSignals()
    {
        Signal[] signals = [At(0, "s1"), At(1, "s2", SignalTypes.SolutionResearched), new("s3", JourneyId, Day(2).ToOffset(TimeSpan.FromHours(5)), SignalTypes.RfpIssued, new Stakeholder("p1", "cfo"), "email", new System.Collections.Generic.Dictionary<string, string> { ["k"] = "v" })];

        var result = await _store.AppendAsync(Tenant, JourneyId, 0, signals, cancellationToken: Ct);
        var stored = await _store.ReadAsync(Tenant, JourneyId, cancellationToken: Ct);

        Assert.Equal(3, result.Version);
        Assert.Equal([AppendOutcome.Appended, AppendOutcome.Appended, AppendOutcome.Appended], result.Outcomes.ToArray());
        Assert.Equal([1L, 2L, 3L], stored.Select(s => s.Version).ToArray());
        Assert.Equal(signals, stored.Select(s => s.Signal).ToArray());
        Assert.Equal(TimeSpan.FromHours(5), stored[2].Signal.OccurredAt.Offset);
        Assert.Equal(3, await _store.GetVersionAsync(Tenant, JourneyId, Ct));
    }

    [Fact]
    public async Task AppendAsync_ExistingStream_ContinuesVersions()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1"), At(1, "s2")], cancellationToken: Ct);

        var result = await _store.AppendAsync(Tenant, JourneyId, 2, [At(2, "s3")], cancellationToken: Ct);

        var stored = await _store.ReadAsync(Tenant, JourneyId, cancellationToken: Ct);

        Assert.Equal(3, result.Version);
        Assert.Equal([1L, 2L, 3L], stored.Select(s => s.Version).ToArray());
    }

    [Fact]
    public async Task AppendAsync_RecordedAt_ComesFromTheTimeProvider()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1")], cancellationToken: Ct);
        _clock.Advance(TimeSpan.FromHours(1));
        await _store.AppendAsync(Tenant, JourneyId, 1, [At(1, "s2")], cancellationToken: Ct);

        var stored = await _store.ReadAsync(Tenant, JourneyId, cancellationToken: Ct);

        Assert.Equal(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero), stored[0].RecordedAt);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 13, 0, 0, TimeSpan.Zero), stored[1].RecordedAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task AppendAsync_WrongExpectedVersion_ThrowsConflictAndStoresNothing(long expected)
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1"), At(1, "s2")], cancellationToken: Ct);

        var ex = await Assert.ThrowsAsync<JourneyVersionConflictException>(
            () => _store.AppendAsync(Tenant, JourneyId, expected, [At(2, "s3"), At(3, "s4")], cancellationToken: Ct));

        Assert.Equal(JourneyId, ex.JourneyId);
        Assert.Equal(expected, ex.ExpectedVersion);
        Assert.Equal(2, ex.ActualVersion);
        Assert.Equal(2, await _store.GetVersionAsync(Tenant, JourneyId, Ct));
        Assert.Equal(["s1", "s2"], (await _store.ReadAsync(Tenant, JourneyId, cancellationToken: Ct)).Select(s => s.Signal.Id).ToArray());
    }

    [Fact]
    public async Task AppendAsync_NewStreamExpectedAboveZero_ThrowsConflict()
    {
        var ex = await Assert.ThrowsAsync<JourneyVersionConflictException>(() => _store.AppendAsync(Tenant, JourneyId, 1, [At(0, "s1")], cancellationToken: Ct));

        Assert.Equal(0, ex.ActualVersion);
        Assert.Empty(await _store.ListJourneysAsync(Tenant, cancellationToken: Ct));
    }

    [Fact]
    public async Task AppendAsync_IdAlreadyStored_ReportsDuplicateAndKeepsTheStoredCopy()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1"), At(1, "s2")], cancellationToken: Ct);

        var result = await _store.AppendAsync(Tenant, JourneyId, 2, [At(5, "s1", SignalTypes.DealLost), At(2, "s3")], cancellationToken: Ct);
        var stored = await _store.ReadAsync(Tenant, JourneyId, cancellationToken: Ct);

        Assert.Equal([AppendOutcome.Duplicate, AppendOutcome.Appended], result.Outcomes.ToArray());
        Assert.Equal(3, result.Version);
        Assert.Equal(["s1", "s2", "s3"], stored.Select(s => s.Signal.Id).ToArray());
        Assert.Equal(SignalTypes.ProblemStated, stored[0].Signal.Type);
        Assert.Equal(3, stored[2].Version);
    }

    [Fact]
    public async Task AppendAsync_IdRepeatedInBatch_FirstCopyWins()
    {
        var result = await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "a"), At(1, "b"), At(2, "a", SignalTypes.DealWon)], cancellationToken: Ct);
        var stored = await _store.ReadAsync(Tenant, JourneyId, cancellationToken: Ct);

        Assert.Equal([AppendOutcome.Appended, AppendOutcome.Appended, AppendOutcome.Duplicate], result.Outcomes.ToArray());
        Assert.Equal(2, result.Version);
        Assert.Equal(2, stored.Count);
        Assert.Equal(At(0, "a"), stored[0].Signal);
    }

    [Fact]
    public async Task AppendAsync_OnlyDuplicates_KeepsTheVersion()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1")], cancellationToken: Ct);

        var result = await _store.AppendAsync(Tenant, JourneyId, 1, [At(0, "s1"), At(0, "s1")], cancellationToken: Ct);

        Assert.Equal(1, result.Version);
        Assert.Equal([AppendOutcome.Duplicate, AppendOutcome.Duplicate], result.Outcomes.ToArray());
        Assert.Equal(1, await _store.GetVersionAsync(Tenant, JourneyId, Ct));
    }

    [Fact]
    public async Task AppendAsync_EmptyBatch_ReturnsTheVersionAndCreatesNoStream()
    {
        var result = await _store.AppendAsync(Tenant, JourneyId, 0, [], cancellationToken: Ct);

        Assert.Equal(0, result.Version);
        Assert.Empty(result.Outcomes);
        Assert.Empty(await _store.ListJourneysAsync(Tenant, cancellationToken: Ct));
        await Assert.ThrowsAsync<JourneyVersionConflictException>(() => _store.AppendAsync(Tenant, JourneyId, 1, [], cancellationToken: Ct));
    }

    [Fact]
    public async Task AppendAsync_LateSignal_GetsTheNextVersion()
    {
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(5, "late-later")], cancellationToken: Ct);

        await _store.AppendAsync(Tenant, JourneyId, 1, [At(1, "early")], cancellationToken: Ct);
        var stored = await _store.ReadAsync(Tenant, JourneyId, cancellationToken: Ct);

        Assert.Equal(["late-later", "early"], stored.Select(s => s.Signal.Id).ToArray());
        Assert.Equal([1L, 2L], stored.Select(s => s.Version).ToArray());
    }

    [Fact]
    public async Task AppendAsync_ConcurrentWritersAtOneVersion_ExactlyOneWins()
    {
        var other = _db.CreateStore();
        await _store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s0")], cancellationToken: Ct);

        var attempts = Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => (i % 2 == 0 ? _store : other).AppendAsync(Tenant, JourneyId, 1, [At(1, $"w{i}-a"), At(2, $"w{i}-b")], cancellationToken: Ct), Ct))
            .ToArray();
        var outcomes = await Task.WhenAll(attempts.Select(async t =>
        {
            try
            {
                await t;
                return "ok";
            }
            catch (JourneyVersionConflictException)
            {
                return "conflict";
            }
        }));

        Assert.Equal(1, outcomes.Count(o => o == "ok"));
        Assert.Equal(7, outcomes.Count(o => o == "conflict"));
        Assert.Equal(3, await _store.GetVersionAsync(Tenant, JourneyId, Ct));
    }

    [Fact]
    public async Task AppendAsync_ManyConcurrentWritersRetryingOnConflict_AllSignalsStoredWithoutBusyErrors()
    {
        var stores = new[] { _store, _db.CreateStore(), _db.CreateStore() };
        const int writers = 6;
        const int perWriter = 15;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var store = stores[w % stores.Length];
            var journey = $"journey-{w % 2}";
            for (var i = 0; i < perWriter; i++)
            {
                while (true)
                {
                    var version = await store.GetVersionAsync(Tenant, journey, Ct);
                    try
                    {
                        await store.AppendAsync(Tenant, journey, version, [At(i, $"w{w}-{i}", journeyId: journey)], cancellationToken: Ct);
                        break;
                    }
                    catch (JourneyVersionConflictException)
                    {
                        // Another writer went first: read again and retry.
                    }
                }
            }
        }, Ct)));

        Assert.Equal(writers / 2 * perWriter, await _store.GetVersionAsync(Tenant, "journey-0", Ct));
        Assert.Equal(writers / 2 * perWriter, await _store.GetVersionAsync(Tenant, "journey-1", Ct));
        var versions = (await _store.ReadAsync(Tenant, "journey-0", cancellationToken: Ct)).Select(s => s.Version).ToArray();
        Assert.Equal(Enumerable.Range(1, writers / 2 * perWriter).Select(v => (long)v).ToArray(), versions);
    }
}
