using System.Linq;
using BuyingJourney.Import.Mapping;
using Xunit;

namespace BuyingJourney.Import.Tests.Mapping;

// Bad mapping files: every problem is reported with its JSON path, all at once.
public sealed partial class CrmMappingTests
{
    private const string Valid = """
        {
          "name": "mine", "version": "1",
          "titleRoles": [ { "contains": ["cfo"], "role": "approver" } ],
          "records": [
            { "type": "Call", "id": "Id", "journey": ["Deal", "Account"], "occurredAt": "When",
              "stakeholder": { "id": "Contact", "title": "Title" },
              "signals": [ { "signalType": "demo.requested", "when": [ { "field": "Subject", "contains": ["demo"] } ] } ] }
          ]
        }
        """;

    [Fact]
    public void Load_TheValidExample_Loads()
    {
        var mapping = CrmMapping.Load(Valid);

        Assert.Equal(["Call"], mapping.RecordTypes);
    }

    [Theory]
    [InlineData("\"name\": \"mine\"", "\"name\": 7", "$.name", "expected a string, got a number.")]
    [InlineData("\"version\": \"1\",", "", "$.version", "the required property \"version\" is missing.")]
    [InlineData("\"name\": \"mine\",", "\"name\": \"mine\", \"colour\": \"red\",", "$.colour", "unknown property \"colour\"")]
    [InlineData("\"type\": \"Call\",", "", "$.records[0].type", "the required property \"type\" is missing.")]
    [InlineData("\"journey\": [\"Deal\", \"Account\"]", "\"journey\": []", "$.records[0].journey", "expected a string or a non-empty array of strings, got an empty array.")]
    [InlineData("\"occurredAt\": \"When\"", "\"occurredAt\": \" \"", "$.records[0].occurredAt", "the string must not be empty or whitespace.")]
    [InlineData("\"signalType\": \"demo.requested\"", "\"signalType\": \"\"", "$.records[0].signals[0].signalType", "must not be empty")]
    [InlineData("\"contains\": [\"demo\"]", "\"contains\": \"demo\"", "$.records[0].signals[0].when[0].contains", "expected a non-empty array of strings, got a string.")]
    [InlineData("\"contains\": [\"demo\"]", "\"contains\": [\"demo\"], \"equals\": \"x\"", "$.records[0].signals[0].when[0]", "takes only one of")]
    [InlineData("\"contains\": [\"demo\"]", "\"exists\": \"yes\"", "$.records[0].signals[0].when[0].exists", "expected true or false, got a string.")]
    [InlineData("{ \"field\": \"Subject\", \"contains\": [\"demo\"] }", "{ \"contains\": [\"demo\"] }", "$.records[0].signals[0].when[0].field", "the required property \"field\" is missing.")]
    [InlineData("\"titleRoles\": [ { \"contains\": [\"cfo\"], \"role\": \"approver\" } ],", "", "$.records[0].stakeholder.title", "no \"titleRoles\"")]
    [InlineData("\"signals\": [ { \"signalType\": \"demo.requested\", \"when\": [ { \"field\": \"Subject\", \"contains\": [\"demo\"] } ] } ]", "\"signals\": []", "$.records[0].signals", "at least one signal rule")]
    [InlineData("\"signals\": [ { \"signalType\": \"demo.requested\", \"when\": [ { \"field\": \"Subject\", \"contains\": [\"demo\"] } ] } ]", "\"signalsFrom\": \"Meeting\"", "$.records[0].signalsFrom", "there is no record type \"Meeting\"")]
    [InlineData("\"name\": \"mine\",", "\"name\": \"mine\", \"dateFormats\": [\"%\"],", "$.dateFormats[0]", "is not a .NET date format")]
    [InlineData("\"name\": \"mine\",", "\"name\": \"mine\", \"columns\": { \"journey\": 3 },", "$.columns.journey", "expected the column header as a non-blank string")]
    [InlineData("\"records\": [", "\"records\": 1, \"x\": [", "$.records", "expected an array of record types, got a number.")]
    [InlineData("\"occurredAt\": \"When\"", "\"occurredAt\": \"\\ud800When\"", "$.records[0].occurredAt", "the string holds an unpaired surrogate (a \\uD800-\\uDFFF escape without its other half)")]
    [InlineData("\"name\": \"mine\",", "\"name\": \"mine\", \"\\udc00x\": 1,", "$", "the name of property 2 holds an unpaired surrogate")]
    public void Load_ABadValue_NamesItsPath(string find, string replace, string path, string message)
    {
        var json = Valid.Replace(find, replace, System.StringComparison.Ordinal);
        Assert.NotEqual(Valid, json);

        var e = Assert.Throws<CrmMappingValidationException>(() => CrmMapping.Load(json));

        Assert.Contains(e.Errors, error => error.Path == path && error.Message.Contains(message, System.StringComparison.Ordinal));
        Assert.Contains(path, e.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralProblems_ReportsThemAllInDocumentOrder()
    {
        const string json = """
            { "name": "", "version": "1",
              "records": [
                { "type": "A", "id": "Id", "journey": "J", "occurredAt": "T", "signals": [ { "signalType": "x", "when": [ { "field": "F" } ] } ] },
                { "type": "a", "id": "Id", "journey": "J", "occurredAt": "T", "signals": [ { "signalType": "x" } ], "signalsFrom": "A" },
                { "type": "B", "id": "Id", "journey": "J", "occurredAt": "T", "signalsFrom": "A", "attributes": { "k": "" } }
              ] }
            """;

        var e = Assert.Throws<CrmMappingValidationException>(() => CrmMapping.Load(json));

        Assert.Equal(
            ["$.name", "$.records[0].signals[0].when[0]", "$.records[1]", "$.records[2].attributes.k"],
            e.Errors.Select(error => error.Path));
    }

    [Fact]
    public void Load_RecordTypeTwice_NamesTheFirst()
    {
        const string json = """
            { "name": "m", "version": "1", "records": [
              { "type": "Task", "id": "Id", "journey": "J", "occurredAt": "T", "signals": [ { "signalType": "x" } ] },
              { "type": "TASK", "id": "Id", "journey": "J", "occurredAt": "T", "signals": [ { "signalType": "x" } ] } ] }
            """;

        var error = Assert.Single(Assert.Throws<CrmMappingValidationException>(() => CrmMapping.Load(json)).Errors);

        Assert.Equal("$.records[1].type", error.Path);
        Assert.Contains("first at $.records[0]", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MalformedJson_NamesTheLineAndPosition()
    {
        var error = Assert.Single(Assert.Throws<CrmMappingValidationException>(() => CrmMapping.Load("{\n  \"name\": \"m\",\n  \"version\" \"1\"\n}")).Errors);

        Assert.Equal("$", error.Path);
        Assert.StartsWith("malformed JSON at line 3, position 13", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotAnObjectOrNull_IsRefused()
    {
        Assert.Equal("$", Assert.Single(Assert.Throws<CrmMappingValidationException>(() => CrmMapping.Load("[]")).Errors).Path);
        Assert.Throws<System.ArgumentNullException>(() => CrmMapping.Load(null!));
    }
}
