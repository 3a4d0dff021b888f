using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BuyingJourney.Analytics;
using BuyingJourney.Signals;
using BuyingJourney.Stages;

namespace BuyingJourney.Benchmarks;

/// <summary>
/// <see cref="PortfolioAnalyzer.Analyze"/> of 10,000 journeys × 100 signals in memory (fewer than quick mode's 100,000 so
/// that an invocation stays short), with and without a rulebook comparison; per journey.
/// </summary>
[MemoryDiagnoser]
public class PortfolioBenchmark
{
    private const int Journeys = 10_000;

    private PortfolioAnalyzer _analyzer = null!;
    private JourneyEngine _candidate = null!;
    private Signal[][] _journeys = null!;
    private DateTimeOffset _asOf;

    /// <summary>Generates the portfolio.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var engine = JourneyEngine.CreateDefault();
        _analyzer = new PortfolioAnalyzer(engine, StageMappings.SellerStages);
        _candidate = JourneyEngine.CreateDefault();
        _journeys = SignalGenerator.Generate(Journeys, 100);
        _asOf = _journeys.Max(j => j[^1].OccurredAt).AddDays(1);
    }

    /// <summary>The analysis alone.</summary>
    /// <returns>The analysis.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Journeys)]
    public PortfolioAnalysis Analyze() => _analyzer.Analyze(_journeys, _asOf);

    /// <summary>The analysis with every journey also re-interpreted by a candidate engine.</summary>
    /// <returns>The analysis.</returns>
    [Benchmark(OperationsPerInvoke = Journeys)]
    public PortfolioAnalysis AnalyzeAndCompare() => _analyzer.Analyze(_journeys, _asOf, _candidate);
}
