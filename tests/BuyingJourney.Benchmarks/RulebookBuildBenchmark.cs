using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BuyingJourney.Evidence;
using BuyingJourney.Model;
using BuyingJourney.Rules;

namespace BuyingJourney.Benchmarks;

/// <summary>
/// Building an engine from a rulebook of <see cref="Rules"/> data rules, each for a signal type of its own (the
/// engine indexes the rulebook by type when it is built). Linear: 100,000 rules should take about ten times as long as
/// 10,000.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class RulebookBuildBenchmark
{
    private Rulebook _rulebook = null!;

    /// <summary>The number of rules, one distinct signal type each.</summary>
    [Params(10_000, 100_000)]
    public int Rules { get; set; }

    /// <summary>Makes the rulebook.</summary>
    [GlobalSetup]
    public void Setup()
        => _rulebook = new Rulebook(
            "build",
            "1",
            Enumerable.Range(0, Rules).Select(i => EvidenceRule.ForSignalType(
                "r" + i.ToString(CultureInfo.InvariantCulture),
                "t" + i.ToString(CultureInfo.InvariantCulture),
                EvidenceItem.For(GartnerTasks.Validation, EvidenceStrength.Weak, "seen"))));

    /// <summary>Builds an engine with the rulebook.</summary>
    /// <returns>The engine.</returns>
    [Benchmark]
    public JourneyEngine Build() => new JourneyEngineBuilder().UseRulebook(_rulebook).Build();
}
