using System.Linq;
using BuyingJourney.Testing;
using Xunit;

namespace BuyingJourney.Analytics.Tests;

/// <summary>The package's public surface: sealed, documented.</summary>
public sealed class ContractTests
{
    [Fact]
    public void EveryPublicConcreteClass_IsSealed()
    {
        var open = typeof(PortfolioAnalyzer).Assembly.GetExportedTypes().Where(t => t.IsClass && !t.IsAbstract && !t.IsSealed).Select(t => t.FullName);

        Assert.Empty(open);
    }

    [Fact]
    public void EveryParameterOfThePublicSurface_IsDocumented()
    {
        var assembly = typeof(PortfolioAnalyzer).Assembly;

        var problems = DocumentationCheck.Problems(assembly, DocumentationCheck.Load(assembly), out var checkedMembers);

        Assert.True(checkedMembers >= 15, $"only {checkedMembers} members were checked: the check does not find the surface");
        Assert.True(problems.Count == 0, $"{problems.Count} documentation problems:\n" + string.Join("\n", problems));
    }
}
