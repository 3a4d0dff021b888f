using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Model;
using BuyingJourney.Persistence;
using BuyingJourney.Rules;
using BuyingJourney.Signals;
using BuyingJourney.Stages;
using Xunit;

namespace BuyingJourney.Analytics.Tests;

/// <summary>Bad input gets a clear error naming what was wrong.</summary>
public sealed partial class PortfolioAnalyzerTests
{
    private static readonly JourneyEngine Rackham = new JourneyEngineBuilder().UseModel(BuyingModels.Rackham3).UseRulebook(Rulebooks.Rackham3).Build();

    [Fact]
    public void Constructor_NullOrMismatchedArguments_Throw()
    {
        Assert.Equal("engine", Assert.Throws<ArgumentNullException>(() => new PortfolioAnalyzer(null!, StageMappings.SellerStages)).ParamName);
        Assert.Equal("stages", Assert.Throws<ArgumentNullException>(() => new PortfolioAnalyzer(Engine, null!)).ParamName);
        var mismatch = Assert.Throws<ArgumentException>(() => new PortfolioAnalyzer(Rackham, StageMappings.SellerStages));
        Assert.Equal("stages", mismatch.ParamName);
        Assert.Contains($"\"{StageMappings.SellerStages.ModelName}\"", mismatch.Message, StringComparison.Ordinal);
        Assert.Contains(Rackham.Model.Name, mismatch.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(PortfolioOptions.MinClosedDeals))]
    [InlineData(nameof(PortfolioOptions.QuietAfter))]
    [InlineData(nameof(PortfolioOptions.FadingWithin))]
    [InlineData(nameof(PortfolioOptions.QuietJourneysListed))]
    [InlineData(nameof(PortfolioOptions.MaxGroups))]
    [InlineData(nameof(PortfolioOptions.Period))]
    [InlineData(nameof(PortfolioOptions.MaxDegreeOfParallelism))]
    public void Constructor_OptionOutOfRange_ThrowsNamingIt(string option)
    {
        var options = option switch
        {
            nameof(PortfolioOptions.MinClosedDeals) => new PortfolioOptions { MinClosedDeals = 0 },
            nameof(PortfolioOptions.QuietAfter) => new PortfolioOptions { QuietAfter = TimeSpan.FromMinutes(5) },
            nameof(PortfolioOptions.FadingWithin) => new PortfolioOptions { FadingWithin = TimeSpan.FromDays(-1) },
            nameof(PortfolioOptions.QuietJourneysListed) => new PortfolioOptions { QuietJourneysListed = 1001 },
            nameof(PortfolioOptions.MaxGroups) => new PortfolioOptions { MaxGroups = 0 },
            nameof(PortfolioOptions.MaxDegreeOfParallelism) => new PortfolioOptions { MaxDegreeOfParallelism = 0 },
            _ => new PortfolioOptions { Period = (PortfolioPeriod)7 },
        };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PortfolioAnalyzer(Engine, StageMappings.SellerStages, options));

        Assert.Equal("options." + option, error.ParamName);
        Assert.Contains("PortfolioOptions." + option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_AreACopy()
    {
        var options = new PortfolioOptions { MinClosedDeals = 5 };
        var analyzer = new PortfolioAnalyzer(Engine, StageMappings.SellerStages, options);

        options.MinClosedDeals = 500;
        analyzer.Options.MinClosedDeals = 700;

        Assert.Equal(5, analyzer.Options.MinClosedDeals);
    }

    [Fact]
    public void Analyze_BadJourneys_ThrowNamingTheJourneyAndSignal()
    {
        var analyzer = new PortfolioAnalyzer(Engine, StageMappings.SellerStages);
        var good = new Signal("a1", "acme", T0, SignalTypes.ProblemStated);

        Assert.Equal("journeys", Assert.Throws<ArgumentNullException>(() => analyzer.Analyze(null!, HandAsOf)).ParamName);
        var nullJourney = Assert.Throws<ArgumentException>(() => analyzer.Analyze([[good], null!], HandAsOf));
        Assert.Equal("journeys", nullJourney.ParamName);
        Assert.Contains("journey #1", nullJourney.Message, StringComparison.Ordinal);
        var nullSignal = Assert.Throws<ArgumentException>(() => analyzer.Analyze([[good, null!]], HandAsOf));
        Assert.Contains("journey #0 of the portfolio (\"acme\"): signal [1] is null", nullSignal.Message, StringComparison.Ordinal);
        var mixed = Assert.Throws<ArgumentException>(() => analyzer.Analyze([[good, new Signal("x1", "globex", T0, SignalTypes.ProblemStated)]], HandAsOf));
        Assert.Contains("signal \"x1\" belongs to journey \"globex\", the first to \"acme\"", mixed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_BadJourneyCountedInParallel_ThrowsItsError()
    {
        var analyzer = new PortfolioAnalyzer(Engine, StageMappings.SellerStages, new PortfolioOptions { MaxDegreeOfParallelism = 2 });
        var journeys = Support.Portfolios.Generate(500, 6).Cast<IEnumerable<Signal>>().ToList();
        journeys.Insert(300, null!);

        var error = Assert.Throws<ArgumentException>(() => analyzer.Analyze(journeys, Support.Portfolios.AsOf));

        Assert.Contains("journey #300 of the portfolio is null", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => analyzer.Analyze(Failing(), Support.Portfolios.AsOf));
    }

    [Fact]
    public void Analyze_AsOfBeforeEverySignal_ThrowsNamingTheFirstSignalTime()
    {
        var analyzer = new PortfolioAnalyzer(Engine, StageMappings.SellerStages);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => analyzer.Analyze(HandPortfolio(), T0.AddDays(-1)));

        Assert.Equal("asOf", error.ParamName);
        Assert.Contains("before every signal of the portfolio (the first occurs at 2026-03-02T09:00:00.0000000+00:00)", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => analyzer.Analyze(HandPortfolio(), DateTimeOffset.MinValue));
    }

    [Fact]
    public void Analyze_EmptyPortfolio_IsAnEmptyAnalysis()
    {
        var analysis = new PortfolioAnalyzer(Engine, StageMappings.SellerStages).Analyze([], HandAsOf);

        Assert.Equal(0, analysis.Journeys);
        Assert.Empty(analysis.Periods);
        Assert.Empty(analysis.Forecast.Lines);
        Assert.Null(analysis.Overall.Rate);
        Assert.Contains("data-chart=\"maze\" data-count=\"0\"", PortfolioDashboard.Render(analysis), StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_CandidateOfAnotherModel_Throws()
    {
        var analyzer = new PortfolioAnalyzer(Engine, StageMappings.SellerStages);

        var error = Assert.Throws<ArgumentException>(() => analyzer.Analyze(HandPortfolio(), HandAsOf, Rackham));

        Assert.Equal("candidate", error.ParamName);
        Assert.Contains("same model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyzeStoreAsync_BadArguments_Throw()
    {
        var analyzer = new PortfolioAnalyzer(Engine, StageMappings.SellerStages);
        var store = new InMemoryJourneyStore();

        Assert.Equal("store", (await Assert.ThrowsAsync<ArgumentNullException>(() => analyzer.AnalyzeStoreAsync(null!, "t", HandAsOf, cancellationToken: TestContext.Current.CancellationToken))).ParamName);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => analyzer.AnalyzeStoreAsync(store, " ", HandAsOf, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("pageSize", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => analyzer.AnalyzeStoreAsync(store, "t", HandAsOf, pageSize: 0, cancellationToken: TestContext.Current.CancellationToken))).ParamName);
        Assert.Equal("journeys", (await Assert.ThrowsAsync<ArgumentNullException>(() => analyzer.AnalyzeAsync(null!, HandAsOf, cancellationToken: TestContext.Current.CancellationToken))).ParamName);
    }

    [Fact]
    public async Task AnalyzeAsync_Cancelled_StopsWithTheCancellation()
    {
        var analyzer = new PortfolioAnalyzer(Engine, StageMappings.SellerStages, new PortfolioOptions { MaxDegreeOfParallelism = 2 });
        using var cancel = new System.Threading.CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => analyzer.AnalyzeAsync(Stream(Support.Portfolios.Generate(300, 8)), Support.Portfolios.AsOf, cancellationToken: cancel.Token));
    }

    [Fact]
    public void Percentile_OutOfRange_Throws()
    {
        var analysis = new PortfolioAnalyzer(Engine, StageMappings.SellerStages).Analyze(HandPortfolio(), HandAsOf);

        Assert.Equal("quantile", Assert.Throws<ArgumentOutOfRangeException>(() => analysis.CycleTimeWon.Percentile(1.5)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => analysis.CycleTimeWon.Percentile(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => analysis.StatusCount((Phases.JourneyStatus)9));
        Assert.Throws<ArgumentOutOfRangeException>(() => analysis.Tasks[0].Journeys((Phases.TaskPhase)9));
    }

    [Theory]
    [InlineData("https://crm.example/journeys", "placeholder")]
    [InlineData("javascript:alert('{journeyId}')", "scheme \"javascript\"")]
    [InlineData("data:text/html,{journeyId}", "scheme \"data\"")]
    public void Render_BadTemplate_Throws(string template, string says)
    {
        var analysis = new PortfolioAnalyzer(Engine, StageMappings.SellerStages).Analyze(HandPortfolio(), HandAsOf);

        var error = Assert.Throws<ArgumentException>(() => PortfolioDashboard.Render(analysis, template));

        Assert.Equal("journeyUrlTemplate", error.ParamName);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
        Assert.Equal("analysis", Assert.Throws<ArgumentNullException>(() => PortfolioDashboard.Render(null!)).ParamName);
    }

    [Fact]
    public void Analyze_ManyGroups_PoolsTheRestAsOther()
    {
        var journeys = Support.Portfolios.Generate(200, 9);

        var analysis = new PortfolioAnalyzer(Engine, StageMappings.SellerStages, new PortfolioOptions { MaxGroups = 3 }).Analyze(journeys, Support.Portfolios.AsOf);

        Assert.Equal(4, analysis.ByTaskConfiguration.Length);
        var other = Assert.Single(analysis.ByTaskConfiguration, g => g.IsOther);
        Assert.Equal("other", other.Label);
        Assert.Equal(analysis.Journeys, analysis.ByTaskConfiguration.Sum(g => g.Outcome.Closed + g.OpenJourneys));
    }

    private static IEnumerable<IEnumerable<Signal>> Failing()
    {
        foreach (var journey in Support.Portfolios.Generate(200, 7))
        {
            yield return journey;
        }

        throw new InvalidOperationException("the export broke off");
    }

    private static async IAsyncEnumerable<IEnumerable<Signal>> Stream(IEnumerable<Signal[]> journeys)
    {
        foreach (var journey in journeys)
        {
            await Task.Yield();
            yield return journey;
        }
    }
}
