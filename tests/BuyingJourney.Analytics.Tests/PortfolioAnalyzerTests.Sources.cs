using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Analytics.Tests.Support;
using BuyingJourney.Assessment;
using BuyingJourney.Evidence;
using BuyingJourney.Journeys;
using BuyingJourney.Persistence;
using BuyingJourney.Rules;
using BuyingJourney.Signals;
using BuyingJourney.Stages;
using Xunit;

namespace BuyingJourney.Analytics.Tests;

/// <summary>The same portfolio from memory, from an async stream and from a store gives the same analysis; a comparison equals the core's own sum of diffs.</summary>
public sealed partial class PortfolioAnalyzerTests
{
    [Fact]
    public async Task AnalyzeAsyncAndStore_SamePortfolio_RenderTheSameDashboard()
    {
        var journeys = Portfolios.Generate(150, 4);
        var analyzer = new PortfolioAnalyzer(Engine, StageMappings.SellerStages);
        var store = new InMemoryJourneyStore();
        foreach (var journey in journeys)
        {
            var sorted = journey.DistinctBy(s => s.Id).Order(SignalOrder.Instance).ToArray();
            await store.AppendAsync("tenant-a", sorted[0].JourneyId, 0, sorted, null, TestContext.Current.CancellationToken);
        }

        var inMemory = analyzer.Analyze(journeys, Portfolios.AsOf);
        var streamed = await analyzer.AnalyzeAsync(Stream(journeys), Portfolios.AsOf, cancellationToken: TestContext.Current.CancellationToken);
        var read = new List<long>();
        var stored = await analyzer.AnalyzeStoreAsync(store, "tenant-a", Portfolios.AsOf, pageSize: 7, progress: new Recorded(read), cancellationToken: TestContext.Current.CancellationToken);

        var page = PortfolioDashboard.Render(inMemory);
        Assert.Equal(page, PortfolioDashboard.Render(streamed));
        Assert.Equal(page, PortfolioDashboard.Render(stored));
        Assert.Equal(150, stored.Journeys + stored.NotStarted);
        Assert.Equal([.. Enumerable.Range(1, 21).Select(page => page * 7L), 150L], read);

        // Three workers counting while the store is read: the same counts.
        var parallel = await new PortfolioAnalyzer(Engine, StageMappings.SellerStages, new PortfolioOptions { MaxDegreeOfParallelism = 3 })
            .AnalyzeStoreAsync(store, "tenant-a", Portfolios.AsOf, pageSize: 7, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(inMemory.Stages.Select(s => (s.Journeys, s.Reached.Won, s.Reached.Closed)), parallel.Stages.Select(s => (s.Journeys, s.Reached.Won, s.Reached.Closed)));
        Assert.Equal(inMemory.Flows.Select(f => f.ToString()), parallel.Flows.Select(f => f.ToString()));
        Assert.Equal(inMemory.LoopBacks.Select(c => c.ToString()), parallel.LoopBacks.Select(c => c.ToString()));
        Assert.Equal(inMemory.Periods.Select(p => p.ToString()), parallel.Periods.Select(p => p.ToString()));
        Assert.Equal(inMemory.Forecast.ExpectedWins, parallel.Forecast.ExpectedWins, 9);
        Assert.Equal(inMemory.QuietJourneys.Select(q => q.JourneyId), parallel.QuietJourneys.Select(q => q.JourneyId));
    }

    [Fact]
    public void Analyze_WithCandidate_ComparisonEqualsTheCoresSumOfDiffs()
    {
        // The candidate reads a general inquiry as strong problem evidence: journeys change.
        var rule = EvidenceRule.ForSignalType("test:inquiry-is-a-problem", SignalTypes.InquiryGeneral, EvidenceItem.For(Model.GartnerTasks.ProblemIdentification, EvidenceStrength.Strong, "an inquiry names a problem"));
        var candidate = new JourneyEngineBuilder().UseRulebook(Rulebooks.Gartner.With([rule], "2.0.0-test")).Build();
        var journeys = Portfolios.Generate(200, 5);

        var analysis = new PortfolioAnalyzer(Engine, StageMappings.SellerStages).Analyze(journeys, Portfolios.AsOf, candidate);

        var diffs = journeys
            .Select(j => j.Where(s => s.OccurredAt <= Portfolios.AsOf).ToArray())
            .Where(j => j.Length > 0)
            .Select(j => JourneyDiff.Compare(Engine.Assess(j[0].JourneyId, j, Portfolios.AsOf), candidate.Assess(j[0].JourneyId, j, Portfolios.AsOf)));
        var expected = ReinterpretationSummary.Of(diffs);
        var comparison = analysis.Comparison!;
        Assert.True(expected.ChangedJourneyCount > 0, "the candidate changes some journeys");
        Assert.Equal(
            (expected.JourneyCount, expected.ChangedJourneyCount, expected.StatusChanges, expected.LoopBacksAppeared, expected.LoopBacksVanished),
            (comparison.JourneyCount, comparison.ChangedJourneyCount, comparison.StatusChanges, comparison.LoopBacksAppeared, comparison.LoopBacksVanished));
        Assert.Equal(expected.PhaseChanges.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal), comparison.PhaseChanges.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal));
        Assert.Equal($"{candidate.Rulebook.Name} 2.0.0-test", analysis.CandidateRulebook);
        Assert.Contains($"data-chart=\"comparison\" data-count=\"{expected.ChangedJourneyCount}\"", PortfolioDashboard.Render(analysis), StringComparison.Ordinal);
        Assert.Null(new PortfolioAnalyzer(Engine, StageMappings.SellerStages).Analyze(journeys, Portfolios.AsOf).Comparison);
    }

    /// <summary>A progress that records what it is told, synchronously (unlike <c>Progress&lt;T&gt;</c>, which posts).</summary>
    private sealed class Recorded(List<long> values) : IProgress<long>
    {
        public void Report(long value) => values.Add(value);
    }
}
