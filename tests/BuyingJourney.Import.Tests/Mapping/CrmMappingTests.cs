using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using BuyingJourney.Import.Mapping;
using BuyingJourney.Testing;
using Xunit;

namespace BuyingJourney.Import.Tests.Mapping;

/// <summary>The built-in mappings, the published schema, and loading a mapping (its errors: <c>CrmMappingTests.Errors.cs</c>).</summary>
public sealed partial class CrmMappingTests
{
    [Theory]
    [InlineData("salesforce", "Task,Event,OpportunityHistory,Opportunity")]
    [InlineData("hubspot", "engagement,dealstage-history")]
    [InlineData("csv", "opportunity,web,activity")]
    public void BuiltIn_LoadsFromItsEmbeddedFile(string name, string recordTypes)
    {
        var mapping = CrmMappings.Get(name.ToUpperInvariant());

        Assert.Equal(name, mapping.Name);
        Assert.Equal(recordTypes.Split(','), mapping.RecordTypes);
        Assert.Equal(mapping.ToString(), CrmMapping.Load(CrmMappings.Json(name)).ToString());
        Assert.Same(mapping, CrmMappings.Get(name));
    }

    [Fact]
    public void BuiltIn_FilesPointAtThePublishedSchema()
    {
        foreach (var name in CrmMappings.Names)
        {
            using var document = JsonDocument.Parse(CrmMappings.Json(name));
            Assert.Equal(SchemaId(), document.RootElement.GetProperty("$schema").GetString());
        }
    }

    [Fact]
    public void BuiltIn_SignalTypes_AreAllReadByTheDefaultRulebook()
    {
        var read = Rules.Rulebooks.Gartner.Rules.SelectMany(r => r.AppliesTo).ToHashSet(StringComparer.Ordinal);
        foreach (var name in CrmMappings.Names)
        {
            using var document = JsonDocument.Parse(CrmMappings.Json(name));
            foreach (var record in document.RootElement.GetProperty("records").EnumerateArray())
            {
                if (!record.TryGetProperty("signals", out var signals))
                {
                    continue;
                }

                foreach (var signal in signals.EnumerateArray())
                {
                    var type = signal.GetProperty("signalType").GetString()!;
                    Assert.True(read.Contains(type), $"{name}: {type} is read by no rule of the default rulebook");
                }
            }
        }
    }

    [Fact]
    public void Get_UnknownName_ListsTheBuiltInMappings()
    {
        var e = Assert.Throws<ArgumentException>(() => CrmMappings.Get("pipedrive"));

        Assert.Contains("salesforce, hubspot, csv", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => CrmMappings.Get(null!));
    }

    [Fact]
    public void Schema_File_ParsesAndListsEveryPropertyTheLoaderAccepts()
    {
        var file = File.ReadAllText(Path.Combine(SourceFolder(), "crm-mapping.schema.json"));
        Assert.Equal(file.ReplaceLineEndings("\n"), CrmMapping.Schema.ReplaceLineEndings("\n"));

        using var schema = JsonDocument.Parse(file);
        var root = schema.RootElement;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
        var listed = JsonSchemaNames.Of(root);
        string[] accepted =
        [
            .. MappingReader.RootProperties,
            .. MappingReader.TitleRoleProperties,
            .. MappingReader.RecordProperties,
            .. MappingReader.StakeholderProperties,
            .. MappingReader.SignalProperties,
            .. MappingReader.ConditionProperties,
        ];
        Assert.Equal(accepted.ToHashSet(StringComparer.Ordinal).Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.Equal(["name", "records", "version"], root.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void WithColumns_GivesFieldsOtherColumns_LeavingTheOriginalAlone()
    {
        var csv = CrmMappings.Csv;

        var renamed = csv.WithColumns(new Dictionary<string, string> { ["journey"] = " Account Name ", ["Date"] = "When" });

        Assert.Equal("Account Name", renamed.Columns["JOURNEY"]);
        Assert.Equal("When", renamed.Columns["date"]);
        Assert.Equal("journey", csv.Columns["journey"]);
        Assert.Throws<ArgumentException>(() => csv.WithColumns(new Dictionary<string, string> { ["journey"] = " " }));
        Assert.Throws<ArgumentNullException>(() => csv.WithColumns(null!));
    }

    [Fact]
    public async Task LoadAsync_Utf8WithByteOrderMark_LoadsLikeLoad()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(CrmMappings.Json("hubspot"))).ToArray();

        var mapping = await CrmMapping.LoadAsync(new MemoryStream(bytes), TestContext.Current.CancellationToken);

        Assert.Equal(CrmMappings.HubSpot.ToString(), mapping.ToString());
    }

    [Fact]
    public async Task LoadAsync_NotUtf8_NamesTheLine()
    {
        var bytes = Encoding.UTF8.GetBytes("{\n  \"name\": \"x\",\n  \"version\": \"").Concat(new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes("\"\n}")).ToArray();

        var e = await Assert.ThrowsAsync<CrmMappingValidationException>(() => CrmMapping.LoadAsync(new MemoryStream(bytes), TestContext.Current.CancellationToken));

        var error = Assert.Single(e.Errors);
        Assert.Equal("$", error.Path);
        Assert.Contains("not UTF-8 text: the byte at line 3", error.Message, StringComparison.Ordinal);
    }

    private static string SchemaId()
    {
        using var schema = JsonDocument.Parse(CrmMapping.Schema);
        return schema.RootElement.GetProperty("$id").GetString()!;
    }

    private static string SourceFolder() => RepositoryFiles.Path("src", "BuyingJourney.Import", "Mapping");
}
