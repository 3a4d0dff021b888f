using System.Linq;
using BuyingJourney.Import.Mapping;
using BuyingJourney.Testing;
using Xunit;

namespace BuyingJourney.Import.Tests;

/// <summary>The package's public surface: documented parameters, sealed classes.</summary>
public sealed class ContractTests
{
    [Fact]
    public void EveryParameterOfThePublicSurface_IsDocumented()
    {
        var assembly = typeof(CrmImporter).Assembly;

        var problems = DocumentationCheck.Problems(assembly, DocumentationCheck.Load(assembly), out var checkedMembers);

        Assert.True(checkedMembers >= 10, $"only {checkedMembers} members were checked: the check does not find the surface");
        Assert.True(problems.Count == 0, $"{problems.Count} documentation problems:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void EveryPublicConcreteClass_IsSealed()
    {
        var open = typeof(CrmMapping).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsAbstract && !t.IsSealed)
            .Select(t => t.FullName);

        Assert.Empty(open);
    }
}
