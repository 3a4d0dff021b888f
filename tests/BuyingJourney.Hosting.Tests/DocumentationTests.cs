using BuyingJourney.Testing;
using Xunit;

namespace BuyingJourney.Hosting.Tests;

/// <summary>Every public member's parameters are documented (the compiler checks only that a summary exists).</summary>
public sealed class DocumentationTests
{
    [Fact]
    public void EveryParameterOfThePublicSurface_IsDocumented()
    {
        var assembly = typeof(JourneyRebuilds).Assembly;

        var problems = DocumentationCheck.Problems(assembly, DocumentationCheck.Load(assembly), out var checkedMembers);

        Assert.True(checkedMembers >= 5, $"only {checkedMembers} members were checked: the check does not find the surface");
        Assert.True(problems.Count == 0, $"{problems.Count} documentation problems:\n" + string.Join("\n", problems));
    }
}
