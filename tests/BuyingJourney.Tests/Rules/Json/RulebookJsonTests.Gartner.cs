using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using BuyingJourney.Rules;
using BuyingJourney.Rules.Json;
using BuyingJourney.Tests.Properties;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace BuyingJourney.Tests.Rules.Json;

/// <summary>The shipped Gartner rulebook equals the code one; the published schema matches the loader.</summary>
public sealed partial class RulebookJsonTests
{
    private static readonly JourneyEngine CodeEngine = new JourneyEngineBuilder().UseRulebook(Rulebooks.Gartner).Build();

    private static readonly JourneyEngine JsonEngine = new JourneyEngineBuilder().UseRulebook(RulebookJson.GartnerDefault).Build();

    [Fact]
    public void GartnerDefault_SameNameVersionAndRulesAsTheCodeRulebook()
    {
        var json = RulebookJson.GartnerDefault;
        var code = Rulebooks.Gartner;

        Assert.Same(json, RulebookJson.GartnerDefault);
        Assert.Equal(code.Name, json.Name);
        Assert.Equal(code.Version, json.Version);
        Assert.Equal(code.Rules.Select(r => r.Id), json.Rules.Select(r => r.Id));
        Assert.Equal(code.Rules.Select(r => r.AppliesTo.Single()), json.Rules.Select(r => r.AppliesTo.Single()));
        for (var i = 0; i < code.Rules.Length; i++)
        {
            var expected = ((SignalTypeRule)code.Rules[i]).Items;
            var actual = ((JsonRule)json.Rules[i]).Items;
            Assert.Equal(expected, actual);
            Assert.Empty(((JsonRule)json.Rules[i]).Conditions);
            Assert.Null(((JsonRule)json.Rules[i]).StakeholderRole);
        }
    }

    [Fact]
    public void GartnerDefault_RandomSignalStreams_ReplayAndTraceEqualTheCodeRulebook()
    {
        var config = Config.QuickThrowOnFailure.WithMaxTest(300).WithQuietOnSuccess(true);

        Check.One(config, Prop.ForAll(JourneyArbitraries.JourneyCases(), JourneysAreEqual));
    }

    [Fact]
    public void GartnerDefault_SeedStory_GivesTheSameAssessment()
    {
        var signals = BuyingJourney.QuickStart.SoftwarePurchase.Script.Select(s => s.Signal).ToArray();
        var asOf = signals.Max(s => s.OccurredAt).AddDays(3);

        var code = CodeEngine.Assess(BuyingJourney.QuickStart.SoftwarePurchase.JourneyId, signals, asOf);
        var json = JsonEngine.Assess(BuyingJourney.QuickStart.SoftwarePurchase.JourneyId, signals, asOf);

        Assert.Equal(code.State, json.State);
        Assert.Equal(code.ActiveTasks, json.ActiveTasks);
        Assert.Equal(code.Advice.Select(a => a.ToString()), json.Advice.Select(a => a.ToString()));
    }

    [Fact]
    public void GartnerDefaultJson_IsTheEmbeddedFileAndFollowsTheSchemaUrl()
    {
        var file = File.ReadAllText(Path.Combine(SourceFolder(), "gartner-default.rulebook.json"));

        Assert.Equal(file.ReplaceLineEndings("\n"), RulebookJson.GartnerDefaultJson.ReplaceLineEndings("\n"));
        using var document = JsonDocument.Parse(file);
        Assert.EndsWith("rulebook.schema.json", document.RootElement.GetProperty("$schema").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_File_ParsesAndListsEveryPropertyTheLoaderAccepts()
    {
        var file = File.ReadAllText(Path.Combine(SourceFolder(), "rulebook.schema.json"));
        Assert.Equal(file.ReplaceLineEndings("\n"), RulebookJson.Schema.ReplaceLineEndings("\n"));

        using var schema = JsonDocument.Parse(file);
        var root = schema.RootElement;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
        var listed = new HashSet<string>(StringComparer.Ordinal);
        CollectPropertyNames(root, listed);

        string[] accepted =
        [
            .. RulebookReader.RootProperties,
            .. RulebookReader.TaskProperties,
            .. RulebookReader.RuleProperties,
            .. RulebookReader.WhenProperties,
            .. RulebookReader.ConditionProperties,
            .. RulebookReader.EvidenceProperties,
        ];
        Assert.Equal(accepted.ToHashSet(StringComparer.Ordinal).Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.Equal(["model", "name", "rules", "version"], root.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal));
    }

    private static void JourneysAreEqual(JourneyCase journey)
    {
        var code = CodeEngine.Replay(JourneyArbitraries.JourneyId, journey.Deliveries);
        var json = JsonEngine.Replay(JourneyArbitraries.JourneyId, journey.Deliveries);
        Assert.Equal(code, json);

        var codeTrace = CodeEngine.Trace(JourneyArbitraries.JourneyId, journey.Deliveries);
        var jsonTrace = JsonEngine.Trace(JourneyArbitraries.JourneyId, journey.Deliveries);
        Assert.Equal(codeTrace.State, jsonTrace.State);
        Assert.Equal(codeTrace.Steps.Length, jsonTrace.Steps.Length);
        for (var i = 0; i < codeTrace.Steps.Length; i++)
        {
            Assert.Equal(codeTrace.Steps[i].Outcome, jsonTrace.Steps[i].Outcome);
            Assert.Equal(codeTrace.Steps[i].Evidence, jsonTrace.Steps[i].Evidence);
            Assert.Equal(codeTrace.Steps[i].Transitions, jsonTrace.Steps[i].Transitions);
            Assert.Equal(codeTrace.Steps[i].LoopBacks, jsonTrace.Steps[i].LoopBacks);
        }
    }

    /// <summary>Every name under a "properties" object anywhere in the schema.</summary>
    private static void CollectPropertyNames(JsonElement element, HashSet<string> names)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "properties" && property.Value.ValueKind == JsonValueKind.Object)
                {
                    foreach (var listed in property.Value.EnumerateObject())
                    {
                        names.Add(listed.Name);
                    }
                }

                CollectPropertyNames(property.Value, names);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                CollectPropertyNames(item, names);
            }
        }
    }

    private static string SourceFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BuyingJourney.sln")))
            {
                return Path.Combine(directory.FullName, "src", "BuyingJourney", "Rules", "Json");
            }
        }

        throw new InvalidOperationException("BuyingJourney.sln not found above " + AppContext.BaseDirectory);
    }
}
