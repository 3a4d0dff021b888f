using System.Linq;
using System.Xml.Linq;
using BuyingJourney.Testing;
using Xunit;

namespace BuyingJourney.Tests.Architecture;

/// <summary>Every public member's parameters are documented (the compiler checks only that a summary exists).</summary>
public sealed class DocumentationTests
{
    [Fact]
    public void EveryParameterOfThePublicSurface_IsDocumented()
    {
        var assembly = typeof(JourneyEngine).Assembly;

        var problems = DocumentationCheck.Problems(assembly, DocumentationCheck.Load(assembly), out var checkedMembers);

        Assert.True(checkedMembers > 100, $"only {checkedMembers} members were checked: the check does not find the surface");
        Assert.True(problems.Count == 0, $"{problems.Count} documentation problems:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void TheCheck_ReportsARemovedParamTag_AndATagNamingNoParameter()
    {
        var assembly = typeof(JourneyEngine).Assembly;
        var documentation = DocumentationCheck.Load(assembly);
        const string apply = "M:BuyingJourney.JourneyEngine.Apply(BuyingJourney.Journeys.JourneyState,BuyingJourney.Signals.Signal)";
        var member = documentation.Descendants("member").Single(m => (string?)m.Attribute("name") == apply);
        member.Elements("param").Remove();
        member.Add(new XElement("param", new XAttribute("name", "nothing")));

        var problems = DocumentationCheck.Problems(assembly, documentation, out _);

        Assert.Contains(apply + ": missing <param name=\"state\">", problems);
        Assert.Contains(apply + ": missing <param name=\"signal\">", problems);
        Assert.Contains(apply + ": <param name=\"nothing\"> names no param", problems);
    }

    [Fact]
    public void TheCheck_ReportsADelegatesRemovedParamTag()
    {
        var assembly = typeof(JourneyEngine).Assembly;
        var documentation = DocumentationCheck.Load(assembly);
        const string callback = "T:BuyingJourney.Rules.EvidenceRuleCallback";
        documentation.Descendants("member").Single(m => (string?)m.Attribute("name") == callback)
            .Elements("param").Where(p => (string?)p.Attribute("name") == "evidence").Remove();

        var problems = DocumentationCheck.Problems(assembly, documentation, out _);

        Assert.Equal([callback + ": missing <param name=\"evidence\">"], problems);
    }

    [Fact]
    public void TheCheck_ReportsAMemberWhoseIdItCannotFind_InsteadOfSkippingIt()
    {
        var assembly = typeof(JourneyEngine).Assembly;
        var documentation = DocumentationCheck.Load(assembly);
        const string apply = "M:BuyingJourney.JourneyEngine.Apply(BuyingJourney.Journeys.JourneyState,BuyingJourney.Signals.Signal)";
        documentation.Descendants("member").Single(m => (string?)m.Attribute("name") == apply).Remove();

        var problems = DocumentationCheck.Problems(assembly, documentation, out _);

        Assert.Equal([apply + ": no documentation under this id (the check's id may be wrong)"], problems);
    }
}
