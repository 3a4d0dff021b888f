using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using BuyingJourney.Rules;
using BuyingJourney.Rules.Json;
using BuyingJourney.Model;
using BuyingJourney.Testing;
using Xunit;

namespace BuyingJourney.Tests.Rules.Json;

/// <summary>The built-in rulebooks are their embedded JSON files; the published schema matches the loader.</summary>
public sealed partial class RulebookJsonTests
{
    [Fact]
    public void GartnerDefault_IsTheBuiltInGartnerRulebook()
    {
        Assert.Same(Rulebooks.Gartner, RulebookJson.GartnerDefault);
        Assert.Equal(RulebookJson.Load(RulebookJson.GartnerDefaultJson).Rules.Select(r => r.Id), Rulebooks.Gartner.Rules.Select(r => r.Id));
    }

    public static TheoryData<string, string> BuiltInRulebooks => new()
    {
        { "gartner-default", "gartner" },
        { "rackham-3-default", "rackham-3" },
        { "rackham-5-default", "rackham-5" },
        { "practitioner-3-default", "practitioner-3" },
        { "buygrid-8-default", "buygrid-8" },
    };

    [Theory]
    [MemberData(nameof(BuiltInRulebooks))]
    public void BuiltInRulebook_IsItsEmbeddedFileLoadedForItsModel(string name, string model)
    {
        var file = File.ReadAllText(Path.Combine(SourceFolder(), name + ".rulebook.json"));
        var builtIn = new[] { Rulebooks.Gartner, Rulebooks.Rackham3, Rulebooks.Rackham5, Rulebooks.Practitioner, Rulebooks.BuyGrid }.Single(r => r.Name == name);
        var buyingModel = new[] { BuyingModels.Gartner, BuyingModels.Rackham3, BuyingModels.Rackham5, BuyingModels.Practitioner, BuyingModels.BuyGrid }.Single(m => m.Name == model);

        var loaded = RulebookJson.LoadDocument(file, buyingModel);

        Assert.Equal(file.ReplaceLineEndings("\n"), Rulebooks.EmbeddedText($"BuyingJourney.Rules.Json.{name}.rulebook.json").ReplaceLineEndings("\n"));
        Assert.Equal(model, loaded.Model);
        Assert.Equal((loaded.Rulebook.Name, loaded.Rulebook.Version), (builtIn.Name, builtIn.Version));
        Assert.Equal(loaded.Rulebook.Rules.Select(r => (r.Id, Assert.Single(r.AppliesTo))), builtIn.Rules.Select(r => (r.Id, Assert.Single(r.AppliesTo))));
        Assert.All(builtIn.Rules, rule => Assert.Equal(model + ":" + rule.AppliesTo[0], rule.Id));
        Assert.Empty(loaded.TaskSettings);
    }

    [Fact]
    public void EmbeddedText_MissingResource_ThrowsNamingIt()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Rulebooks.EmbeddedText("BuyingJourney.Rules.Json.none.rulebook.json"));

        Assert.Contains("\"BuyingJourney.Rules.Json.none.rulebook.json\"", ex.Message, StringComparison.Ordinal);
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
        var listed = JsonSchemaNames.Of(root);

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

    private static string SourceFolder() => RepositoryFiles.Path("src", "BuyingJourney", "Rules", "Json");
}
