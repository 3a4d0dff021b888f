using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using BuyingJourney.Evidence;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Rules;
using BuyingJourney.Rules.Json;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Rules.Json;

/// <summary>
/// Loading JSON rulebooks: conditions, weights, journey effects, per-task settings and composition with code rules (here);
/// every validation error (<c>RulebookJsonTests.Errors.cs</c>); the shipped Gartner rulebook and the schema
/// (<c>RulebookJsonTests.Gartner.cs</c>).
/// </summary>
public sealed partial class RulebookJsonTests
{
    private static readonly int Problem = BuyingModels.Gartner.IndexOf(GartnerTasks.ProblemIdentification);
    private static readonly int Selection = BuyingModels.Gartner.IndexOf(GartnerTasks.SupplierSelection);

    /// <summary>A rulebook document with the given rules (a JSON array's contents) and optional extra root properties.</summary>
    private static string Doc(string rules, string extra = "")
        => $$"""{ "name": "acme", "version": "2.0", "model": "gartner", {{extra}} "rules": [ {{rules}} ] }""";

    private static JourneyEngine EngineWith(Rulebook rulebook) => new JourneyEngineBuilder().UseRulebook(rulebook).Build();

    private static Signal WithAttributes(string id, string type, Stakeholder? stakeholder = null, params (string Key, string Value)[] attributes)
        => new(id, JourneyId, Day0, type, stakeholder, attributes: attributes.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal));

    private static ImmutableArray<EvidenceRecord> EvidenceOf(Rulebook rulebook, Signal signal)
    {
        var engine = EngineWith(rulebook);
        var result = engine.Apply(engine.Start(JourneyId), signal);
        Assert.Equal(SignalOutcome.Applied, result.Outcome);
        return result.Evidence;
    }

    [Fact]
    public void Load_MinimalRulebook_KeepsNameVersionAndRulesInOrder()
    {
        var rulebook = RulebookJson.Load(Doc("""
            { "id": "acme:b", "signalType": "x.b", "evidence": [ { "task": "Validation", "strength": "weak" } ], "reason": "b" },
            { "id": "acme:a", "signalType": "x.a", "evidence": [ { "task": "Validation", "strength": "weak" } ], "reason": "a" }
            """));

        Assert.Equal("acme", rulebook.Name);
        Assert.Equal("2.0", rulebook.Version);
        Assert.Equal(["acme:b", "acme:a"], rulebook.Rules.Select(r => r.Id));
        Assert.Equal(["x.b"], rulebook.Rules[0].AppliesTo);
    }

    [Fact]
    public void Load_NoRules_IsAnEmptyRulebook()
    {
        var rulebook = RulebookJson.Load(Doc(""));

        Assert.Empty(rulebook.Rules);
    }

    [Fact]
    public void Load_CommentsInTheDocument_AreSkipped()
    {
        var rulebook = RulebookJson.Load("""
            // a comment before
            { "name": "c", "version": "1", "model": "gartner", /* inline */ "rules": [] }
            """);

        Assert.Equal("c", rulebook.Name);
    }

    [Fact]
    public void Load_Strengths_ResolveThroughTaskSettingsLikeCodeEvidence()
    {
        var rulebook = RulebookJson.Load(Doc("""
            { "id": "r", "signalType": "x.s", "reason": "why", "evidence": [
                { "task": "ProblemIdentification", "strength": "strong" },
                { "task": "SolutionExploration", "strength": "normal" },
                { "task": "Validation", "strength": "weak" } ] }
            """));

        var evidence = EvidenceOf(rulebook, At(0, "s1", "x.s"));

        Assert.Equal([1.0, 0.6, 0.3], evidence.Select(e => e.Weight));
        Assert.All(evidence, e => Assert.Equal("why", e.Reason));
        Assert.All(evidence, e => Assert.Equal("r", e.RuleId));
    }

    [Fact]
    public void Load_ExplicitWeight_IsUsedAsIs()
    {
        var rulebook = RulebookJson.Load(Doc("""
            { "id": "r", "signalType": "x.w", "evidence": [ { "task": "SupplierSelection", "weight": 0.42, "reason": "own reason" } ], "reason": "rule reason" }
            """));

        var evidence = Assert.Single(EvidenceOf(rulebook, At(0, "s1", "x.w")));

        Assert.Equal(EvidenceKind.Weight, evidence.Kind);
        Assert.Equal(0.42, evidence.Weight);
        Assert.Equal(GartnerTasks.SupplierSelection, evidence.TaskId);
        Assert.Equal("own reason", evidence.Reason);
    }

    [Fact]
    public void Load_Completion_CompletesTheTask()
    {
        var rulebook = RulebookJson.Load(Doc("""
            { "id": "r", "signalType": "x.done", "evidence": [ { "task": "ProblemIdentification", "completes": true } ], "reason": "done" }
            """));
        var engine = EngineWith(rulebook);

        var state = engine.Replay(JourneyId, [At(0, "s1", "x.done")]);

        Assert.Equal(TaskPhase.Completed, state.Tasks[Problem].Phase);
    }

    [Theory]
    [InlineData("stall", JourneyStatus.Stalled)]
    [InlineData("won", JourneyStatus.Won)]
    [InlineData("lost", JourneyStatus.Lost)]
    public void Load_JourneyEffect_ChangesTheJourneyStatus(string effect, JourneyStatus expected)
    {
        var rulebook = RulebookJson.Load(Doc($$"""
            { "id": "r", "signalType": "x.end", "evidence": [ { "journey": "{{effect}}" } ], "reason": "it happened" }
            """));
        var engine = EngineWith(rulebook);

        var state = engine.Replay(JourneyId, [At(0, "s1", SignalTypes.ProblemStated), At(1, "s2", "x.end")]);

        Assert.Equal(expected, state.Status);
    }

    [Fact]
    public void Load_EqualsCondition_MatchesOnlyThatValue()
    {
        var rulebook = RulebookJson.Load(Doc("""
            { "id": "r", "signalType": "event.attended", "when": { "attributes": [ { "key": "topic", "equals": "pricing" } ] },
              "evidence": [ { "task": "SupplierSelection", "strength": "normal" } ], "reason": "pricing webinar" }
            """));

        Assert.Single(EvidenceOf(rulebook, WithAttributes("s1", "event.attended", null, ("topic", "pricing"))));
        Assert.Empty(EvidenceOf(rulebook, WithAttributes("s1", "event.attended", null, ("topic", "Pricing"))));
        Assert.Empty(EvidenceOf(rulebook, WithAttributes("s1", "event.attended")));
    }

    [Fact]
    public void Load_OneOfCondition_MatchesAnyListedValue()
    {
        var rulebook = RulebookJson.Load(Doc("""
            { "id": "r", "signalType": "x.t", "when": { "attributes": [ { "key": "tier", "oneOf": [ "gold", "platinum" ] } ] },
              "evidence": [ { "task": "SupplierSelection", "strength": "normal" } ], "reason": "big tier" }
            """));

        Assert.Single(EvidenceOf(rulebook, WithAttributes("s1", "x.t", null, ("tier", "gold"))));
        Assert.Single(EvidenceOf(rulebook, WithAttributes("s1", "x.t", null, ("tier", "platinum"))));
        Assert.Empty(EvidenceOf(rulebook, WithAttributes("s1", "x.t", null, ("tier", "silver"))));
    }

    [Fact]
    public void Load_ExistsCondition_TrueNeedsTheAttributeFalseItsAbsence()
    {
        var rulebook = RulebookJson.Load(Doc("""
            { "id": "with", "signalType": "x.e", "when": { "attributes": [ { "key": "po", "exists": true } ] },
              "evidence": [ { "task": "SupplierSelection", "strength": "normal" } ], "reason": "has a PO number" },
            { "id": "without", "signalType": "x.e", "when": { "attributes": [ { "key": "po", "exists": false } ] },
              "evidence": [ { "task": "Validation", "strength": "weak" } ], "reason": "no PO number" }
            """));

        Assert.Equal(["with"], EvidenceOf(rulebook, WithAttributes("s1", "x.e", null, ("po", ""))).Select(e => e.RuleId));
        Assert.Equal(["without"], EvidenceOf(rulebook, WithAttributes("s1", "x.e")).Select(e => e.RuleId));
    }

    [Fact]
    public void Load_StakeholderRoleCondition_MatchesOnlyThatRole()
    {
        var rulebook = RulebookJson.Load(Doc("""
            { "id": "r", "signalType": "meeting.held", "when": { "stakeholderRole": "decision-maker" },
              "evidence": [ { "task": "ConsensusCreation", "strength": "strong" } ], "reason": "the decision maker met us" }
            """));

        Assert.Single(EvidenceOf(rulebook, WithAttributes("s1", "meeting.held", new Stakeholder("p1", StakeholderRoles.DecisionMaker))));
        Assert.Empty(EvidenceOf(rulebook, WithAttributes("s1", "meeting.held", new Stakeholder("p1", StakeholderRoles.User))));
        Assert.Empty(EvidenceOf(rulebook, WithAttributes("s1", "meeting.held")));
    }

    [Fact]
    public void Load_SeveralConditions_AllMustHold()
    {
        var rulebook = RulebookJson.Load(Doc("""
            { "id": "r", "signalType": "x.c",
              "when": { "stakeholderRole": "purchaser", "attributes": [ { "key": "a", "equals": "1" }, { "key": "b", "exists": true } ] },
              "evidence": [ { "task": "SupplierSelection", "strength": "normal" } ], "reason": "all of it" }
            """));
        var purchaser = new Stakeholder("p", StakeholderRoles.Purchaser);

        Assert.Single(EvidenceOf(rulebook, WithAttributes("s1", "x.c", purchaser, ("a", "1"), ("b", "x"))));
        Assert.Empty(EvidenceOf(rulebook, WithAttributes("s1", "x.c", purchaser, ("a", "1"))));
        Assert.Empty(EvidenceOf(rulebook, WithAttributes("s1", "x.c", null, ("a", "1"), ("b", "x"))));
    }

    [Fact]
    public void Load_UnmatchedConditions_CountTheSignalAsUnrecognized()
    {
        var rulebook = RulebookJson.Load(Doc("""
            { "id": "r", "signalType": "x.t", "when": { "attributes": [ { "key": "tier", "equals": "gold" } ] },
              "evidence": [ { "task": "SupplierSelection", "strength": "normal" } ], "reason": "gold" }
            """));

        var state = EngineWith(rulebook).Replay(JourneyId, [WithAttributes("s1", "x.t", null, ("tier", "bronze"))]);

        Assert.Equal(1, state.UnrecognizedSignalCount);
    }

    [Fact]
    public void With_CodeRulesAfterJsonRules_BothContribute()
    {
        var json = RulebookJson.Load(Doc("""
            { "id": "json:rfp", "signalType": "rfp.issued", "evidence": [ { "task": "SupplierSelection", "strength": "strong" } ], "reason": "json" }
            """));
        var code = EvidenceRule.Create("code:rfp", [SignalTypes.RfpIssued], static (_, evidence) => evidence.Add(GartnerTasks.Validation, EvidenceStrength.Weak, "code"));

        var combined = json.With([code], "2.0+code");
        var evidence = EvidenceOf(combined, At(0, "s1", SignalTypes.RfpIssued));

        Assert.Equal("2.0+code", combined.Version);
        Assert.Equal(["json:rfp", "code:rfp"], evidence.Select(e => e.RuleId));
    }

    [Fact]
    public void With_JsonRulesAfterTheCodeGartnerRulebook_AddToTheDefaultEvidence()
    {
        var json = RulebookJson.Load(Doc("""
            { "id": "acme:webinar", "signalType": "event.attended", "when": { "attributes": [ { "key": "topic", "equals": "pricing" } ] },
              "evidence": [ { "task": "SupplierSelection", "strength": "normal" } ], "reason": "attended our pricing webinar" }
            """));
        var engine = new JourneyEngineBuilder().UseRulebook(Rulebooks.Gartner.With(json.Rules)).Build();

        var result = engine.Apply(engine.Start(JourneyId), WithAttributes("s1", SignalTypes.EventAttended, null, ("topic", "pricing")));

        Assert.Equal(["gartner:event.attended", "acme:webinar"], result.Evidence.Select(e => e.RuleId));
        Assert.Equal(0.6, result.State.Tasks[Selection].Score);
    }

    [Fact]
    public void With_SameRuleIdInJsonAndCode_Throws()
    {
        var json = RulebookJson.Load(Doc("""
            { "id": "gartner:problem.stated", "signalType": "problem.stated", "evidence": [ { "task": "Validation", "strength": "weak" } ], "reason": "x" }
            """));

        Assert.Throws<ArgumentException>(() => Rulebooks.Gartner.With(json.Rules));
    }

    [Fact]
    public void LoadDocument_TaskOverrides_AreMergedOverTheModelSettings()
    {
        var document = RulebookJson.LoadDocument(Doc("", """
            "tasks": { "Validation": { "halfLifeDays": 30, "activation": 0.7 }, "SupplierSelection": { "dormancy": 0.1, "reopen": 1.5 } },
            """));

        Assert.Equal("gartner", document.Model);
        Assert.Equal(2, document.TaskSettings.Count);
        Assert.Equal(TaskSettings.Default with { HalfLife = TimeSpan.FromDays(30), ActivationThreshold = 0.7 }, document.TaskSettings[GartnerTasks.Validation]);
        Assert.Equal(TaskSettings.Default with { DormancyThreshold = 0.1, ReopenThreshold = 1.5 }, document.TaskSettings[GartnerTasks.SupplierSelection]);
        Assert.Equal("acme 2.0 (0 rules)", document.ToString());
    }

    [Fact]
    public void LoadDocument_NoTasksSection_HasNoOverrides()
    {
        Assert.Empty(RulebookJson.LoadDocument(Doc("")).TaskSettings);
    }

    [Fact]
    public void Load_OtherModel_ValidatesTaskIdsAgainstIt()
    {
        var model = new BuyingModel("mine", [new TaskDefinition("Need", "Need", "Do we need it?"), new TaskDefinition("Buy", "Buy", "Which one?")]);
        var json = """
            { "name": "m", "version": "1", "model": "mine", "rules": [
              { "id": "r", "signalType": "x", "evidence": [ { "task": "Need", "strength": "strong" } ], "reason": "need" } ] }
            """;

        var rulebook = RulebookJson.Load(json, model);
        var engine = new JourneyEngineBuilder().UseModel(model).UseRulebook(rulebook).Build();

        Assert.Equal(TaskPhase.Active, engine.Replay(JourneyId, [At(0, "s1", "x")]).Tasks[0].Phase);
        var errors = Assert.Throws<RulebookValidationException>(() => RulebookJson.Load(json)).Errors;
        Assert.Equal(["$.model", "$.rules[0].evidence[0].task"], errors.Select(e => e.Path));
    }

    [Fact]
    public async Task LoadAsync_Utf8Stream_LoadsTheSameRulebook()
    {
        var json = Doc("""
            { "id": "r", "signalType": "x", "evidence": [ { "task": "Validation", "strength": "weak" } ], "reason": "café" }
            """);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        var rulebook = await RulebookJson.LoadAsync(stream, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("acme", rulebook.Name);
        Assert.Equal("café", Assert.Single(EvidenceOf(rulebook, At(0, "s1", "x"))).Reason);
    }

    [Fact]
    public async Task LoadDocumentAsync_MalformedStream_ThrowsValidationException()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("{ \"name\": "));

        var ex = await Assert.ThrowsAsync<RulebookValidationException>(() => RulebookJson.LoadDocumentAsync(stream, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("$", Assert.Single(ex.Errors).Path);
    }

    [Fact]
    public async Task Load_NullArguments_ThrowArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>("json", () => RulebookJson.Load(null!));
        Assert.Throws<ArgumentNullException>("json", () => RulebookJson.LoadDocument(null!));
        await Assert.ThrowsAsync<ArgumentNullException>("utf8Json", () => RulebookJson.LoadAsync(null!, cancellationToken: TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentNullException>("utf8Json", () => RulebookJson.LoadDocumentAsync(null!, cancellationToken: TestContext.Current.CancellationToken));
    }
}
