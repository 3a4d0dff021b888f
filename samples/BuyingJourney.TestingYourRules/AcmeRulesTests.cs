using System;
using System.Collections.Generic;
using System.Linq;
using BuyingJourney.Evidence;
using BuyingJourney.Signals;
using BuyingJourney.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

// Every [Property] of this assembly runs JourneyPropertiesAttribute.DefaultCases (100) generated journeys, or the
// number in BUYINGJOURNEY_PROPERTY_CASES; a failure prints the shrunk journey and the seed to replay it.
[assembly: JourneyProperties]

namespace BuyingJourney.TestingYourRules;

/// <summary>Acme's rules keep the engine's laws, and the JSON rulebook and its code twin judge every journey alike.</summary>
public sealed class AcmeRulesTests
{
    private static readonly JourneyEngine JsonEngine = AcmeRules.Engine(AcmeRules.Json);
    private static readonly JourneyEngine CodeEngine = AcmeRules.Engine(AcmeRules.Code);

    // A signal type alone carries no attributes: the webinar rule's topic=roi branch needs this variant to be generated.
    private static readonly JourneyGeneratorOptions WithWebinars = JourneyGeneratorOptions.Default with
    {
        Variants = [new SignalVariant(WebinarRule.SignalType, new Dictionary<string, string>(StringComparer.Ordinal) { ["topic"] = "roi" })],
    };

    // One generator per engine, made once: it learns what each of the engine's signal types does.
    private static readonly JourneyGenerator JsonJourneys = new(JsonEngine, WithWebinars);
    private static readonly JourneyGenerator CodeJourneys = new(CodeEngine, WithWebinars);

    // A knob: journeys that reopen completed tasks far more often than the default 0.3.
    private static readonly JourneyGenerator LoopingJourneys = new(JsonEngine, WithWebinars with { LoopBackRate = 0.8 });

    [Property]
    public Property JsonRulebookWithWebinarRule_EveryLawHolds()
        => Prop.ForAll(JsonJourneys.Journeys, JourneyGenerator.LaterOffsets, (journey, later) => JourneyLaws.All(JsonEngine, journey, later));

    [Property]
    public Property JsonRulebookWithWebinarRule_LoopingBackOften_EveryLawHolds()
        => Prop.ForAll(LoopingJourneys.Journeys, JourneyGenerator.LaterOffsets, (journey, later) => JourneyLaws.All(JsonEngine, journey, later));

    [Property]
    public Property CodeRulebook_AgreesWithJsonRulebook()
        => Prop.ForAll(CodeJourneys.Journeys, JourneyGenerator.LaterOffsets, (journey, later) => JourneyLaws.RulebooksAgree(CodeEngine, JsonEngine, journey, later));

    // The webinar rule's two weights, checked directly.
    [Fact]
    public void WebinarRule_RoiTopic_WeighsSolutionExplorationMoreThanAnyOtherWebinar()
    {
        var at = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        EvidenceRecord Evidence(IReadOnlyDictionary<string, string>? attributes)
            => Assert.Single(JsonEngine.Apply(JsonEngine.Start("globex"), new Signal("w1", "globex", at, WebinarRule.SignalType, attributes: attributes)).Evidence);

        var roi = Evidence(new Dictionary<string, string>(StringComparer.Ordinal) { ["topic"] = "roi" });
        var pricing = Evidence(new Dictionary<string, string>(StringComparer.Ordinal) { ["topic"] = "pricing" });
        var none = Evidence(null);

        Assert.All(new[] { roi, pricing, none }, e => Assert.Equal("SolutionExploration", e.TaskId));
        Assert.True(roi.Weight > pricing.Weight && pricing.Weight == none.Weight, $"roi {roi.Weight}, pricing {pricing.Weight}, no topic {none.Weight}");
    }

    // The JSON file and the code name the same rules: a rule added to one only would be caught by the property above
    // only when a journey uses its type; this says which one is missing.
    [Fact]
    public void CodeRulebook_HasTheRulesOfTheJsonRulebook()
        => Assert.Equal(AcmeRules.Json.Rules.Select(static r => r.Id), AcmeRules.Code.Rules.Select(static r => r.Id));
}
