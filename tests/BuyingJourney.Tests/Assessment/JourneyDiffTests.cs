using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Assessment;
using BuyingJourney.Evidence;
using BuyingJourney.Model;
using BuyingJourney.Persistence;
using BuyingJourney.Phases;
using BuyingJourney.Rules;
using BuyingJourney.Signals;
using Xunit;

namespace BuyingJourney.Tests.Assessment;

/// <summary>Re-interpretation: the same stored signals under a new rulebook version, and the diff between the two.</summary>
public sealed class JourneyDiffTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Version 1.1.0: a missed target is only normal evidence, so it no longer reopens problem identification on its own.</summary>
    private static readonly JourneyEngine Candidate = new JourneyEngineBuilder()
        .UseRulebook(new Rulebook(
            "gartner-default",
            "1.1.0",
            Rulebooks.Gartner.Rules
                .Where(r => r.Id != "gartner:" + SignalTypes.ProblemMetricMissed)
                .Append(EvidenceRule.ForSignalType(
                    "gartner:" + SignalTypes.ProblemMetricMissed,
                    SignalTypes.ProblemMetricMissed,
                    EvidenceItem.For(GartnerTasks.ProblemIdentification, EvidenceStrength.Normal, "a missed target")))))
        .Build();

    private static Signal[] Story(string journey) =>
    [
        new("s1", journey, Day0, SignalTypes.ProblemStated),
        new("s2", journey, Day0.AddDays(2), SignalTypes.ProblemDefined),
        new("s3", journey, Day0.AddDays(5), SignalTypes.SolutionResearched),
        new("s4", journey, Day0.AddDays(8), SignalTypes.ProblemMetricMissed),
    ];

    [Fact]
    public void Compare_SameEngine_HasNoChanges()
    {
        var engine = JourneyEngine.CreateDefault();
        var assessment = engine.Assess("j", Story("j"), Day0.AddDays(9));

        var diff = JourneyDiff.Compare(assessment, engine.Assess("j", Story("j"), Day0.AddDays(9)));

        Assert.False(diff.HasChanges);
        Assert.Empty(diff.Tasks);
    }

    [Fact]
    public void Compare_NewRulebookVersion_ShowsTheVanishedLoopBackAndThePhaseChange()
    {
        var current = JourneyEngine.CreateDefault().Assess("j", Story("j"), Day0.AddDays(9));
        var candidate = Candidate.Assess("j", Story("j"), Day0.AddDays(9));

        var diff = JourneyDiff.Compare(current, candidate);
        var reverse = JourneyDiff.Compare(candidate, current);

        Assert.True(diff.HasChanges);
        Assert.Equal(("1.0.0", "1.1.0"), (diff.Before.RulebookVersion, diff.After.RulebookVersion));
        var change = Assert.Single(diff.Tasks);
        Assert.Equal((GartnerTasks.ProblemIdentification, TaskPhase.Revisiting, TaskPhase.Completed, 1, 0), (change.TaskId, change.Before, change.After, change.LoopBacksBefore, change.LoopBacksAfter));
        Assert.Equal("s4", Assert.Single(diff.LoopBacksVanished).SignalId);
        Assert.Empty(diff.LoopBacksAppeared);
        Assert.Equal("s4", Assert.Single(reverse.LoopBacksAppeared).SignalId);
        Assert.False(diff.StatusChanged);
    }

    [Fact]
    public void Compare_DifferentJourneys_ThrowsNamingAfter()
    {
        var engine = JourneyEngine.CreateDefault();

        var ex = Assert.Throws<ArgumentException>(() => JourneyDiff.Compare(engine.Assess("a", Story("a"), Day0.AddDays(9)), engine.Assess("b", Story("b"), Day0.AddDays(9))));

        Assert.Equal("after", ex.ParamName);
        Assert.Equal("before", Assert.Throws<ArgumentNullException>(() => JourneyDiff.Compare(null!, null!)).ParamName);
    }

    [Fact]
    public async Task ReinterpretAllAsync_StoredJourneys_SumsTheDiffsAndWritesNothing()
    {
        var store = new InMemoryJourneyStore();
        var service = new JourneyService(JourneyEngine.CreateDefault(), store);
        await service.RecordAsync("t", [.. Story("a"), .. Story("b")], TestContext.Current.CancellationToken);
        await service.RecordAsync("t", [new Signal("x1", "c", Day0, SignalTypes.DemoRequested)], TestContext.Current.CancellationToken);

        var one = await service.ReinterpretAsync("t", "a", Candidate, Day0.AddDays(9), TestContext.Current.CancellationToken);
        var summary = await service.ReinterpretAllAsync("t", Candidate, Day0.AddDays(9), TestContext.Current.CancellationToken);

        Assert.Equal("s4", Assert.Single(one.LoopBacksVanished).SignalId);
        Assert.Equal((3, 2, 2, 0, 0), (summary.JourneyCount, summary.ChangedJourneyCount, summary.LoopBacksVanished, summary.LoopBacksAppeared, summary.StatusChanges));
        Assert.Equal(2, summary.PhaseChanges[(GartnerTasks.ProblemIdentification, TaskPhase.Revisiting, TaskPhase.Completed)]);
        Assert.Equal(4, await store.GetVersionAsync("t", "a", TestContext.Current.CancellationToken));
        Assert.Equal(1, (await service.GetAsync("t", "a", Day0.AddDays(9), TestContext.Current.CancellationToken)).State.LoopBackCount);
    }

    [Fact]
    public async Task ReinterpretAsync_CandidateWithAnotherModel_Throws()
    {
        var service = new JourneyService(JourneyEngine.CreateDefault(), new InMemoryJourneyStore());
        var other = new JourneyEngineBuilder().UseModel(BuyingModels.Rackham3).UseRulebook(Rulebooks.Rackham3).Build();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => service.ReinterpretAsync("t", "a", other, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("candidate", ex.ParamName);
    }

    [Fact]
    public async Task RebuildAllAsync_UnderANewRulebook_StoresCorrectionsResumesAfterACancelAndIsThenCurrent()
    {
        var store = new InMemoryJourneyStore();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Day0.AddDays(9));
        var current = new JourneyService(JourneyEngine.CreateDefault(clock), store, timeProvider: clock);
        var ids = new[] { "a", "b", "c", "d", "e" };
        foreach (var id in ids)
        {
            await current.RecordAsync("t", Story(id), TestContext.Current.CancellationToken);
        }

        var dryRun = await current.ReinterpretAllAsync("t", Candidate, cancellationToken: TestContext.Current.CancellationToken);
        var told = (await store.ReadEventsAsync("t", limit: 10_000, cancellationToken: TestContext.Current.CancellationToken)).Count;
        var next = new JourneyService(Candidate, store, timeProvider: clock);
        using var cancel = new CancellationTokenSource();
        var reports = new List<JourneyRebuildProgress>();
        var cancelling = new SyncProgress(p => { reports.Add(p); cancel.Cancel(); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.RebuildAllAsync("t", cancelling, 2, cancel.Token));
        var resumed = await next.RebuildAllAsync("t", null, 2, TestContext.Current.CancellationToken);
        var again = await next.RebuildAllAsync("t", null, 2, TestContext.Current.CancellationToken);

        Assert.Equal(5, dryRun.ChangedJourneyCount);
        Assert.Equal((2, 0, "b"), (Assert.Single(reports).Rebuilt, reports[0].AlreadyCurrent, reports[0].LastJourneyId!));
        Assert.Equal((3, 2, "e"), (resumed.Rebuilt, resumed.AlreadyCurrent, resumed.LastJourneyId!));
        Assert.Equal((0, 5, 0), (again.Rebuilt, again.AlreadyCurrent, again.Events));
        var corrections = (await store.ReadEventsAsync("t", told, 10_000, cancellationToken: TestContext.Current.CancellationToken)).Select(e => e.Event).ToArray();
        Assert.Equal(reports[0].Events + resumed.Events, corrections.Length);
        Assert.NotEmpty(corrections);
        Assert.All(corrections, e => Assert.Null(e.SignalId));
        foreach (var id in ids)
        {
            var snapshot = await store.LoadSnapshotAsync("t", id, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(("1.1.0", 4L), (snapshot!.RulebookVersion, snapshot.Version));
        }

        Assert.Equal("pageSize", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => next.RebuildAllAsync("t", null, 0, TestContext.Current.CancellationToken))).ParamName);
    }

    private sealed class SyncProgress(Action<JourneyRebuildProgress> report) : IProgress<JourneyRebuildProgress>
    {
        public void Report(JourneyRebuildProgress value) => report(value);
    }
}
