using System;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Journeys;
using BuyingJourney.Persistence;
using BuyingJourney.Phases;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Group.GroupSignals;
using static BuyingJourney.Tests.Support.TestSignals;
using Microsoft.Extensions.Time.Testing;

namespace BuyingJourney.Tests;

/// <summary>
/// What-if: <see cref="JourneyEngine.WhatIf"/> compares a journey as it is with the journey as if some signals had also
/// happened, changing nothing; <see cref="JourneyService.WhatIfAsync"/> does the same for a stored journey and writes nothing.
/// </summary>
public sealed class WhatIfTests
{
    private const string Tenant = "t1";

    private static readonly JourneyEngine Engine = JourneyEngine.CreateDefault();

    /// <summary>Ann, the decision maker, reached consensus and left on day 3: the journey is at risk.</summary>
    private static readonly Signal[] AnnLeft =
    [
        By(0, "s1", SignalTypes.ProblemStated, "ann", StakeholderRoles.DecisionMaker),
        By(1, "s2", SignalTypes.MeetingMultiStakeholder, "ann", StakeholderRoles.DecisionMaker),
        By(2, "s3", SignalTypes.ConsensusReached, "ann", StakeholderRoles.DecisionMaker),
        By(3, "s4", SignalTypes.StakeholderLeft, "ann"),
    ];

    [Fact]
    public void WhatIf_NewDecisionMakerMet_AfterIsOpenBeforeStaysAtRisk()
    {
        var diff = Engine.WhatIf(JourneyId, AnnLeft, [By(4, "h1", SignalTypes.MeetingMultiStakeholder, "bob", StakeholderRoles.DecisionMaker)], Day(4));

        Assert.Equal(JourneyStatus.AtRisk, diff.Before.Status);
        Assert.Equal(JourneyStatus.Open, diff.After.Status);
        Assert.True(diff.StatusChanged);
        Assert.Contains(diff.Before.NextBestActions, static a => a.Code == "journey.at-risk");
        Assert.DoesNotContain(diff.After.Advice, static a => a.Code == "journey.at-risk");
        Assert.Equal(Engine.Assess(JourneyId, AnnLeft, Day(4)).State, diff.Before.State);
        Assert.Equal(Engine.Replay(JourneyId, [.. AnnLeft, By(4, "h1", SignalTypes.MeetingMultiStakeholder, "bob", StakeholderRoles.DecisionMaker)]), diff.After.State);
        Assert.Equal((Day(4), Day(4)), (diff.Before.AsOf, diff.After.AsOf));
    }

    [Fact]
    public void WhatIf_ActionMarkedDone_AfterNoLongerAdvisesIt()
    {
        var top = Engine.Assess(JourneyId, Busy, Day(2)).NextBestActions[0].Code;

        var diff = Engine.WhatIf(JourneyId, Busy, [Feedback(2, "h1", SignalTypes.ActionDone, top)], Day(2));

        Assert.Equal(top, diff.Before.NextBestActions[0].Code);
        Assert.DoesNotContain(diff.After.Advice, a => a.Code == top);
        Assert.False(diff.HasChanges);
    }

    [Fact]
    public void WhatIf_HypotheticalSignalsEarlierThanRealOnes_AreFoldedInJourneyOrder()
    {
        var diff = Engine.WhatIf(JourneyId, AnnLeft, [By(2.5, "h1", SignalTypes.DemoRequested, "bob", StakeholderRoles.Purchaser)], Day(4));

        // Bob joining after consensus reopens it a day before Ann leaves.
        Assert.Equal(["s4"], diff.Before.LoopBacks.Select(static l => l.SignalId));
        Assert.Equal(["h1"], diff.After.LoopBacks.Select(static l => l.SignalId));
    }

    [Fact]
    public void WhatIf_DoesNotChangeItsInputs()
    {
        Signal[] signals = [.. AnnLeft.AsEnumerable().Reverse()];
        Signal[] hypothetical = [By(5, "h2", SignalTypes.DemoRequested, "bob"), By(4, "h1", SignalTypes.StakeholderJoined, "bob", StakeholderRoles.DecisionMaker)];
        var signalsCopy = signals.ToArray();
        var hypotheticalCopy = hypothetical.ToArray();

        Engine.WhatIf(JourneyId, signals, hypothetical, Day(6));

        Assert.Equal(signalsCopy, signals);
        Assert.Equal(hypotheticalCopy, hypothetical);
    }

    [Fact]
    public void WhatIf_NoHypotheticalSignals_BeforeAndAfterEqual()
    {
        var diff = Engine.WhatIf(JourneyId, Busy, [], Day(3));

        Assert.Equal(diff.Before.State, diff.After.State);
        Assert.False(diff.HasChanges);
        Assert.Equal(diff.Before.NextBestActions.Select(static a => a.Code), diff.After.NextBestActions.Select(static a => a.Code));
    }

    [Fact]
    public void WhatIf_HypotheticalIdReusesARealOne_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => Engine.WhatIf(JourneyId, AnnLeft, [At(4, "s2", SignalTypes.DemoRequested)], Day(4)));

        Assert.Equal("hypothetical", ex.ParamName);
        Assert.Contains("hypothetical signal \"s2\" reuses the id of a signal of journey \"j\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_HypotheticalAfterAsOf_ThrowsNamingAsOf()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Engine.WhatIf(JourneyId, AnnLeft, [At(5, "h1", SignalTypes.DemoRequested)], Day(4)));

        Assert.Equal("asOf", ex.ParamName);
        Assert.Contains("\"h1\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_BadArguments_Throw()
    {
        Assert.Equal("signals", Assert.Throws<ArgumentNullException>(() => Engine.WhatIf(JourneyId, null!, [], Day(4))).ParamName);
        Assert.Throws<ArgumentNullException>(() => Engine.WhatIf(JourneyId, AnnLeft, null!, Day(4)));
        Assert.Contains("belongs to journey \"other\"", Assert.Throws<ArgumentException>(() => Engine.WhatIf(JourneyId, AnnLeft, [new Signal("h1", "other", Day(4), SignalTypes.DemoRequested)], Day(4))).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Engine.WhatIf(JourneyId, AnnLeft, [null!], Day(4)));
        Assert.Equal("journeyId", Assert.Throws<ArgumentException>(() => Engine.WhatIf(" ", AnnLeft, [], Day(4))).ParamName);
    }

    [Fact]
    public void WhatIf_BadHypotheticalSignals_ThrowNamingHypothetical()
    {
        Assert.Equal("hypothetical", Assert.Throws<ArgumentNullException>(() => Engine.WhatIf(JourneyId, AnnLeft, null!, Day(4))).ParamName);
        Assert.Equal("hypothetical", Assert.Throws<ArgumentException>(() => Engine.WhatIf(JourneyId, AnnLeft, [null!], Day(4))).ParamName);
        Assert.Equal("hypothetical", Assert.Throws<ArgumentException>(() => Engine.WhatIf(JourneyId, AnnLeft, [new Signal("h1", "other", Day(4), SignalTypes.DemoRequested)], Day(4))).ParamName);
    }

    [Fact]
    public void WhatIf_RealSignalsAfterAsOf_LeftOutOfBoth()
    {
        var diff = Engine.WhatIf(JourneyId, AnnLeft, [], Day(2.5));

        Assert.Equal(JourneyStatus.Open, diff.Before.Status);
        Assert.Equal("s3", diff.After.State.LastSignalId);
    }

    [Fact]
    public async Task WhatIfAsync_StoredJourney_ComparesAndWritesNothing()
    {
        var (store, service) = await StoredAsync(AnnLeft);
        var version = await store.GetVersionAsync(Tenant, JourneyId, TestContext.Current.CancellationToken);
        var snapshot = await store.LoadSnapshotAsync(Tenant, JourneyId, cancellationToken: TestContext.Current.CancellationToken);
        var before = await service.GetAsync(Tenant, JourneyId, cancellationToken: TestContext.Current.CancellationToken);

        var diff = await service.WhatIfAsync(Tenant, JourneyId, [By(4, "h1", SignalTypes.StakeholderJoined, "bob", StakeholderRoles.DecisionMaker)], Day(5), TestContext.Current.CancellationToken);

        Assert.Equal((JourneyStatus.AtRisk, JourneyStatus.Open), (diff.Before.Status, diff.After.Status));
        Assert.Equal(version, await store.GetVersionAsync(Tenant, JourneyId, TestContext.Current.CancellationToken));
        Assert.Same(snapshot, await store.LoadSnapshotAsync(Tenant, JourneyId, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(AnnLeft, (await store.ReadAsync(Tenant, JourneyId, cancellationToken: TestContext.Current.CancellationToken)).Select(static s => s.Signal));
        Assert.Equal(before.State, (await service.GetAsync(Tenant, JourneyId, cancellationToken: TestContext.Current.CancellationToken)).State);
        Assert.Equal(before.State, diff.Before.State);
    }

    [Fact]
    public async Task WhatIfAsync_NoAsOf_AssessesAtTheClockOrTheLatestSignal()
    {
        var (_, service) = await StoredAsync(AnnLeft);

        var now = await service.WhatIfAsync(Tenant, JourneyId, [By(4, "h1", SignalTypes.DemoRequested, "bob")], cancellationToken: TestContext.Current.CancellationToken);
        var ahead = await service.WhatIfAsync(Tenant, JourneyId, [By(20, "h1", SignalTypes.DemoRequested, "bob")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(Day(10), now.Before.AsOf);
        Assert.Equal(Day(10), now.After.AsOf);
        Assert.Equal(Day(20), ahead.After.AsOf);
        Assert.Equal(Day(20), ahead.Before.AsOf);
    }

    [Fact]
    public async Task WhatIfAsync_HypotheticalReusesAStoredId_ThrowsAndStoresNothing()
    {
        var (store, service) = await StoredAsync(AnnLeft);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => service.WhatIfAsync(Tenant, JourneyId, [At(4, "s1", SignalTypes.DemoRequested)], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("\"s1\"", ex.Message, StringComparison.Ordinal);
        Assert.Equal(AnnLeft.Length, await store.GetVersionAsync(Tenant, JourneyId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WhatIfAsync_UnknownJourney_BeforeIsEmptyAndNothingIsCreated()
    {
        var (store, service) = await StoredAsync(AnnLeft);

        var diff = await service.WhatIfAsync("t2", JourneyId, [By(4, "h1", SignalTypes.ProblemStated, "bob")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, diff.Before.State.SignalCount);
        Assert.Equal(1, diff.After.State.SignalCount);
        Assert.Equal(0, await store.GetVersionAsync("t2", JourneyId, TestContext.Current.CancellationToken));
        Assert.Empty(await store.ListJourneysAsync("t2", cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WhatIfAsync_BadArguments_ThrowNamingThem()
    {
        var (_, service) = await StoredAsync(AnnLeft);

        Assert.Equal("tenant", (await Assert.ThrowsAnyAsync<ArgumentException>(() => service.WhatIfAsync(" ", JourneyId, [], cancellationToken: TestContext.Current.CancellationToken))).ParamName);
        Assert.Equal("journeyId", (await Assert.ThrowsAnyAsync<ArgumentException>(() => service.WhatIfAsync(Tenant, "", [], cancellationToken: TestContext.Current.CancellationToken))).ParamName);
        Assert.Equal("hypothetical", (await Assert.ThrowsAsync<ArgumentNullException>(() => service.WhatIfAsync(Tenant, JourneyId, null!, cancellationToken: TestContext.Current.CancellationToken))).ParamName);
    }

    /// <summary>A service over a fresh in-memory store (snapshot after every signal, clock on day 10) holding <paramref name="signals"/>.</summary>
    private static async Task<(InMemoryJourneyStore Store, JourneyService Service)> StoredAsync(Signal[] signals)
    {
        var clock = new FakeTimeProvider(Day(10));
        var store = new InMemoryJourneyStore(clock);
        var service = new JourneyService(JourneyEngine.CreateDefault(clock), store, new JourneyServiceOptions { SnapshotEvery = 1 }, clock);
        await service.RecordAsync(Tenant, signals, TestContext.Current.CancellationToken);
        return (store, service);
    }
}
