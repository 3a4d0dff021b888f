using System;
using System.Linq;
using BuyingJourney.Journeys;
using Xunit;

namespace BuyingJourney.Tests.Architecture;

/// <summary>
/// The engine's namespace groups (<c>BuyingJourney</c>, <c>BuyingJourney.Rules</c>, ...) depend on each other without
/// cycles, judged from the compiled code (signatures, attributes and method bodies), so "nothing on the line calls back
/// up it" holds for what the code does, not only for its <c>using</c> lines.
/// </summary>
public sealed class NamespaceCycleTests
{
    private const string FixtureRoot = "BuyingJourney.Tests.Architecture.Fixture";

    private static readonly Lazy<NamespaceGraph> Engine = new(() => NamespaceGraph.Build(typeof(JourneyEngine).Assembly, "BuyingJourney"));

    [Fact]
    public void NamespaceGroups_OfTheEngine_HaveNoCycle()
    {
        var cycles = Engine.Value.DescribeCycles();

        Assert.True(cycles.Length == 0, "The engine's namespace groups depend on each other in cycles:" + Environment.NewLine + cycles);
    }

    [Fact]
    public void Build_Engine_FindsThatJourneysUseSignals()
    {
        var examples = Engine.Value.Edges["BuyingJourney.Journeys"]["BuyingJourney.Signals"];

        Assert.NotEmpty(examples);
        Assert.All(examples, e => Assert.Contains(" uses BuyingJourney.Signals.", e, StringComparison.Ordinal));
        Assert.DoesNotContain("BuyingJourney.Rules.Json", Engine.Value.Edges.Keys);
        Assert.Contains(typeof(JourneyState).Namespace, Engine.Value.Edges.Keys);
    }

    [Fact]
    public void Build_ReferencesOnlyInALambdaAndInATypeof_AreFoundAndMakeACycle()
    {
        var graph = NamespaceGraph.Build(typeof(NamespaceCycleTests).Assembly, FixtureRoot);

        var cycle = Assert.Single(graph.Cycles());
        Assert.Equal([FixtureRoot + ".Left", FixtureRoot + ".Right"], cycle);
        Assert.Contains(graph.Edges[FixtureRoot + ".Left"][FixtureRoot + ".Right"], e => e.StartsWith("LeftType+", StringComparison.Ordinal) && e.EndsWith(" uses " + FixtureRoot + ".Right.RightType", StringComparison.Ordinal));
        Assert.Contains("RightType.Value uses " + FixtureRoot + ".Left.LeftType", graph.Edges[FixtureRoot + ".Right"][FixtureRoot + ".Left"]);
        Assert.Contains("LeftType uses " + FixtureRoot + ".Below.BelowType", graph.Edges[FixtureRoot + ".Left"][FixtureRoot + ".Below"]);
        Assert.DoesNotContain(FixtureRoot + ".Below", graph.Edges.Keys);
        Assert.Contains("Cycle among " + FixtureRoot + ".Left, " + FixtureRoot + ".Right:", graph.DescribeCycles(), StringComparison.Ordinal);
    }
}
