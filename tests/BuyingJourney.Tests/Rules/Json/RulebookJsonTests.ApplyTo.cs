using System;
using System.Linq;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Rules.Json;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Rules.Json;

/// <summary><see cref="RulebookDocument.ApplyTo"/>: a document's per-task overrides put into a copy of the model.</summary>
public sealed partial class RulebookJsonTests
{
    private const string ProblemRule = """
        { "id": "acme:problem", "signalType": "problem.stated", "evidence": [ { "task": "ProblemIdentification", "strength": "strong" } ], "reason": "a problem" }
        """;

    [Fact]
    public void ApplyTo_HalfLifeOverride_DelaysWhenTheTaskGoesDormant()
    {
        // Strong evidence (1.0) decays below dormancy (0.2) after log2(5) half-lives: ~32.5 days at 14, ~139 days at 60.
        var document = RulebookJson.LoadDocument(Doc(ProblemRule, """ "tasks": { "ProblemIdentification": { "halfLifeDays": 60 } }, """));
        var withOverrides = new JourneyEngineBuilder().UseModel(document.ApplyTo(BuyingModels.Gartner)).UseRulebook(document.Rulebook).Build();
        var withoutOverrides = new JourneyEngineBuilder().UseModel(BuyingModels.Gartner).UseRulebook(document.Rulebook).Build();
        Signal[] signals = [At(0, "s1", SignalTypes.ProblemStated)];

        var overridden = withOverrides.Replay(JourneyId, signals);
        var plain = withoutOverrides.Replay(JourneyId, signals);

        Assert.Equal(TaskPhase.Dormant, withoutOverrides.Assess(plain, Day(40)).Task(GartnerTasks.ProblemIdentification).Phase);
        Assert.Equal(TaskPhase.Active, withOverrides.Assess(overridden, Day(40)).Task(GartnerTasks.ProblemIdentification).Phase);
        Assert.Equal(TaskPhase.Active, withOverrides.Assess(overridden, Day(130)).Task(GartnerTasks.ProblemIdentification).Phase);
        Assert.Equal(TaskPhase.Dormant, withOverrides.Assess(overridden, Day(150)).Task(GartnerTasks.ProblemIdentification).Phase);
        Assert.Equal("gartner", overridden.ModelName);
        Assert.Equal(plain.ModelName, overridden.ModelName);
    }

    [Fact]
    public void ApplyTo_KeepsTheModelAndSetsOnlyTheOverriddenTasks()
    {
        var document = RulebookJson.LoadDocument(Doc("", """
            "tasks": { "Validation": { "halfLifeDays": 30, "activation": 0.7 }, "SupplierSelection": { "dormancy": 0.1 } },
            """));
        var gartner = BuyingModels.Gartner;

        var model = document.ApplyTo(gartner);

        Assert.NotSame(gartner, model);
        Assert.Equal(gartner.Name, model.Name);
        Assert.Equal(gartner.DefaultSettings, model.DefaultSettings);
        Assert.Equal(gartner.IsOrdered, model.IsOrdered);
        Assert.Equal(
            gartner.Tasks.Select(t => (t.Id, t.DisplayName, t.BuyerQuestion, t.AlwaysOn)),
            model.Tasks.Select(t => (t.Id, t.DisplayName, t.BuyerQuestion, t.AlwaysOn)));
        Assert.Equal(document.TaskSettings[GartnerTasks.Validation], model.Tasks[gartner.IndexOf(GartnerTasks.Validation)].Settings);
        Assert.Equal(TaskSettings.Default with { HalfLife = TimeSpan.FromDays(30), ActivationThreshold = 0.7 }, model.SettingsOf(GartnerTasks.Validation));
        Assert.Equal(TaskSettings.Default with { DormancyThreshold = 0.1 }, model.SettingsOf(GartnerTasks.SupplierSelection));
        Assert.Null(model.Tasks[gartner.IndexOf(GartnerTasks.ProblemIdentification)].Settings);
        Assert.Equal(TaskSettings.Default, model.SettingsOf(GartnerTasks.ProblemIdentification));
    }

    [Fact]
    public void ApplyTo_NoOverrides_GivesAnEqualCopy()
    {
        var model = RulebookJson.LoadDocument(Doc("")).ApplyTo(BuyingModels.Gartner);

        Assert.Equal(BuyingModels.Gartner.Tasks, model.Tasks);
        Assert.Equal("gartner", model.Name);
    }

    [Fact]
    public void ApplyTo_OrderedModel_StaysOrdered()
    {
        var json = """{ "name": "r", "version": "1", "model": "rackham-3", "tasks": { "NeedFormation": { "halfLifeDays": 7 } }, "rules": [] }""";
        var document = RulebookJson.LoadDocument(json, BuyingModels.Rackham3);

        var model = document.ApplyTo(BuyingModels.Rackham3);

        Assert.True(model.IsOrdered);
        Assert.Equal(TimeSpan.FromDays(7), model.SettingsOf(BuyingModels.Rackham3.Tasks[0].Id).HalfLife);
    }

    [Fact]
    public void ApplyTo_ModelOfAnotherName_Throws()
    {
        var document = RulebookJson.LoadDocument(Doc(""));

        var ex = Assert.Throws<ArgumentException>("model", () => document.ApplyTo(BuyingModels.Rackham3));
        Assert.Contains("\"gartner\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("\"rackham-3\"", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>("model", () => document.ApplyTo(null!));
    }

    [Fact]
    public void ApplyTo_SameNameWithoutTheOverriddenTask_Throws()
    {
        var document = RulebookJson.LoadDocument(Doc("", """ "tasks": { "Validation": { "halfLifeDays": 30 } }, """));
        var other = new BuyingModel("gartner", [new TaskDefinition("Need", "Need", "Do we need it?")]);

        var ex = Assert.Throws<ArgumentException>("model", () => document.ApplyTo(other));
        Assert.Contains("\"Validation\"", ex.Message, StringComparison.Ordinal);
    }
}
