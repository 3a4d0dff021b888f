using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Rules.Json;
using BuyingJourney.Signals;
using BuyingJourney.Testing;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Samples;

/// <summary>The rulebook shipped with <c>samples/BuyingJourney.RulebookFromFile</c> loads cleanly and does what the sample says.</summary>
public sealed class RulebookFromFileTests
{
    private static readonly Lazy<RulebookDocument> Acme = new(() => RulebookJson.LoadDocument(File.ReadAllText(AcmePath())));

    private static string AcmePath() => RepositoryFiles.Path("samples", "BuyingJourney.RulebookFromFile", "acme.rulebook.json");

    private static JourneyEngine Engine()
        => new JourneyEngineBuilder().UseModel(Acme.Value.ApplyTo(BuyingModels.Gartner)).UseRulebook(Acme.Value.Rulebook).Build();

    private static Signal Make(string id, string type, Stakeholder? stakeholder = null, string? topic = null)
        => new(id, JourneyId, Day0, type, stakeholder, attributes: topic is null ? null : new Dictionary<string, string>(StringComparer.Ordinal) { ["topic"] = topic });

    private static ApplyResult ApplyOne(Signal signal)
    {
        var engine = Engine();
        return engine.Apply(engine.Start(JourneyId), signal);
    }

    [Fact]
    public void AcmeRulebook_LoadsWithoutErrors_AsACustomRulebookForGartner()
    {
        var document = Acme.Value;

        Assert.Equal("acme-sales", document.Rulebook.Name);
        Assert.Equal("2026.11", document.Rulebook.Version);
        Assert.Equal("gartner", document.Model);
        Assert.All(document.Rulebook.Rules, rule => Assert.StartsWith("acme:", rule.Id, StringComparison.Ordinal));
        Assert.Contains(document.Rulebook.Rules, rule => rule.Id == "acme:webinar.pricing-or-roi" && rule.AppliesTo.SequenceEqual(["webinar.attended"]));
        Assert.Contains(document.Rulebook.Rules, rule => rule.Id == "acme:email.replied.decision-maker" && rule.AppliesTo.SequenceEqual(["email.replied"]));
        Assert.Contains(document.Rulebook.Rules, rule => rule.AppliesTo.Contains(SignalTypes.ProblemStated));
        Assert.Equal(TimeSpan.FromDays(21), document.TaskSettings[GartnerTasks.SupplierSelection].HalfLife);
        Assert.Equal(0.6, document.TaskSettings[GartnerTasks.ConsensusCreation].ActivationThreshold);
    }

    [Theory]
    [InlineData("pricing")]
    [InlineData("roi")]
    public void WebinarOnPricingOrRoi_IsSupplierSelectionEvidence(string topic)
    {
        var result = ApplyOne(Make("s1", "webinar.attended", topic: topic));

        var evidence = Assert.Single(result.Evidence);
        Assert.Equal(("acme:webinar.pricing-or-roi", GartnerTasks.SupplierSelection, 0.6), (evidence.RuleId, evidence.TaskId, evidence.Weight));
        Assert.Equal(TaskPhase.Active, result.State.Tasks[BuyingModels.Gartner.IndexOf(GartnerTasks.SupplierSelection)].Phase);
    }

    [Fact]
    public void WebinarOnAnotherTopic_IsNoSupplierSelectionEvidence()
    {
        Assert.Empty(ApplyOne(Make("s1", "webinar.attended", topic: "security")).Evidence);
        Assert.Equal(GartnerTasks.SolutionExploration, Assert.Single(ApplyOne(Make("s1", "webinar.attended")).Evidence).TaskId);
    }

    [Fact]
    public void EmailReply_CountsForConsensusOnlyFromADecisionMaker()
    {
        var fromCfo = ApplyOne(Make("s1", "email.replied", new Stakeholder("cfo", StakeholderRoles.DecisionMaker)));

        Assert.Equal(GartnerTasks.ConsensusCreation, Assert.Single(fromCfo.Evidence).TaskId);
        Assert.Equal(TaskPhase.Active, fromCfo.State.Tasks[BuyingModels.Gartner.IndexOf(GartnerTasks.ConsensusCreation)].Phase);
        Assert.Empty(ApplyOne(Make("s1", "email.replied", new Stakeholder("analyst", StakeholderRoles.Influencer))).Evidence);
        Assert.Empty(ApplyOne(Make("s1", "email.replied")).Evidence);
    }

    [Fact]
    public void SampleProject_CopiesTheRulebookToItsOutput()
    {
        var project = File.ReadAllText(Path.Combine(Path.GetDirectoryName(AcmePath())!, "BuyingJourney.RulebookFromFile.csproj"));

        Assert.Contains("""<None Update="acme.rulebook.json" CopyToOutputDirectory="PreserveNewest" />""", project, StringComparison.Ordinal);
    }
}
