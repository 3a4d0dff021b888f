using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace BuyingJourney.Testing.Tests.Stores;

/// <summary>Every public and protected member of the kit documents each of its parameters (the compiler checks only that a summary exists).</summary>
public sealed class DocumentationTests
{
    [Fact]
    public void EveryParameterOfThePublicSurface_IsDocumented()
    {
        var assembly = typeof(JourneyStoreSuite).Assembly;

        var problems = DocumentationCheck.Problems(assembly, DocumentationCheck.Load(assembly), out var checkedMembers);

        // the suites' tests, their protected members and the crash writer, at least
        Assert.True(checkedMembers >= 40, $"only {checkedMembers} members were checked: the check does not find the surface");
        Assert.True(problems.Count == 0, $"{problems.Count} documentation problems:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void TheCheck_ReportsATheoryTestWithoutItsParamTag()
    {
        var assembly = typeof(JourneyStoreSuite).Assembly;
        var documentation = DocumentationCheck.Load(assembly);
        const string theory = "M:BuyingJourney.Testing.JourneyStoreSuite.EveryCall_BadTenant_ThrowsNamingTenantAndChangesNothing(System.String)";
        documentation.Descendants("member").Single(m => (string?)m.Attribute("name") == theory).Elements("param").Remove();

        var problems = DocumentationCheck.Problems(assembly, documentation, out _);

        Assert.Contains(theory + ": missing <param name=\"tenant\">", problems);
    }
}
