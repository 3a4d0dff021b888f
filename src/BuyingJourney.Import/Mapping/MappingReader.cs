using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using BuyingJourney.Internal;
using BuyingJourney.Signals;

namespace BuyingJourney.Import.Mapping;

/// <summary>
/// Reads and validates a CRM mapping from a parsed document, collecting every problem (each with its JSON path) before
/// giving up, on the core's <see cref="JsonDocumentReader"/> as the rulebook reader is. Works on
/// <see cref="JsonDocument"/> only: no serializer, no reflection, nothing in the document is executed.
/// </summary>
internal sealed class MappingReader : JsonDocumentReader
{
    internal static readonly string[] RootProperties = ["$schema", "name", "version", "dateFormats", "columns", "titleRoles", "records"];
    internal static readonly string[] TitleRoleProperties = ["contains", "role"];
    internal static readonly string[] RecordProperties = ["type", "detect", "id", "journey", "occurredAt", "source", "stakeholder", "attributes", "signals", "signalsFrom"];
    internal static readonly string[] StakeholderProperties = ["id", "title", "role"];
    internal static readonly string[] SignalProperties = ["signalType", "when", "role"];
    internal static readonly string[] ConditionProperties = ["field", "equals", "oneOf", "contains", "startsWith", "exists"];

    private const int MaxFieldName = 256;
    private const int MaxValue = Signal.MaxAttributeValueLength;

    private MappingReader()
        : base(CrmMapping.MaxErrors)
    {
    }

    /// <summary>Validates the whole document; returns the mapping, or throws with every problem.</summary>
    public static CrmMapping Read(JsonElement root)
    {
        var reader = new MappingReader();
        var mapping = reader.ReadRoot(root);
        if (reader.Found > 0 || mapping is null)
        {
            throw new CrmMappingValidationException(reader.Problems().ConvertAll(p => new CrmMappingValidationError(p.Path, p.Message)));
        }

        return mapping;
    }

    /// <summary>The exception for text that is not JSON, with its line and position.</summary>
    public static CrmMappingValidationException Malformed(JsonException exception)
    {
        var line = (exception.LineNumber ?? 0) + 1;
        var position = (exception.BytePositionInLine ?? 0) + 1;
        var message = exception.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return Single("$", $"malformed JSON at line {line}, position {position}: {(cut > 0 ? message[..cut] : message)}");
    }

    public static CrmMappingValidationException Single(string path, string message) => new([new CrmMappingValidationError(path, message)]);

    private CrmMapping? ReadRoot(JsonElement root)
    {
        const string path = "$";
        if (!Object(root, path, RootProperties, out var props))
        {
            return null;
        }

        Text(props, path, "$schema", 2000, required: false);
        var name = Text(props, path, "name", 100, required: true);
        var version = Text(props, path, "version", 50, required: true);
        var formats = ReadDateFormats(props, path);
        var columns = ReadColumns(props, path);
        var titleRoles = ReadTitleRoles(props, path);
        var records = ReadRecords(props, path, !titleRoles.IsEmpty);
        if (Found > 0 || name is null || version is null || records is null)
        {
            return null;
        }

        return new CrmMapping(name, version, formats, columns, titleRoles, records.Value);
    }

    private ImmutableArray<string> ReadDateFormats(Dictionary<string, JsonElement> props, string parent)
    {
        var formats = Strings(props, parent, "dateFormats", 32, 100, required: false, single: false);
        if (formats is null)
        {
            return [];
        }

        for (var i = 0; i < formats.Value.Length; i++)
        {
            if (!CrmDates.IsValidFormat(formats.Value[i]))
            {
                Error($"{Child(parent, "dateFormats")}[{i}]", $"{Quote(formats.Value[i])} is not a .NET date format that reads back the time it writes (e.g. \"dd/MM/yyyy HH:mm\").");
            }
        }

        return formats.Value;
    }

    private ImmutableDictionary<string, string> ReadColumns(Dictionary<string, JsonElement> props, string parent)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!props.TryGetValue("columns", out var columns))
        {
            return builder.ToImmutable();
        }

        var path = Child(parent, "columns");
        if (columns.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"expected an object of field names to column headers, got {Describe(columns)}.");
            return builder.ToImmutable();
        }

        foreach (var column in columns.EnumerateObject())
        {
            var columnPath = Child(path, column.Name);
            if (column.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(column.Value.GetString()))
            {
                Error(columnPath, $"expected the column header as a non-blank string, got {Describe(column.Value)}.");
            }
            else if (column.Value.GetString()!.Length > MaxFieldName || column.Name.Length > MaxFieldName)
            {
                Error(columnPath, $"field names and column headers are at most {MaxFieldName} characters long.");
            }
            else if (!builder.TryAdd(column.Name, column.Value.GetString()!.Trim()))
            {
                Error(columnPath, $"field {Quote(column.Name)} is given a column more than once (names are compared case-insensitively).");
            }
        }

        return builder.ToImmutable();
    }

    private ImmutableArray<TitleRole> ReadTitleRoles(Dictionary<string, JsonElement> props, string parent)
    {
        var result = ImmutableArray.CreateBuilder<TitleRole>();
        foreach (var (item, path) in Items(props, parent, "titleRoles", "title roles", 256, required: false))
        {
            if (!Object(item, path, TitleRoleProperties, out var roleProps))
            {
                continue;
            }

            var keywords = Strings(roleProps, path, "contains", 256, MaxValue, required: true, single: false);
            var role = Text(roleProps, path, "role", Stakeholder.MaxLength, required: true);
            if (keywords is not null && role is not null)
            {
                result.Add(new TitleRole(keywords.Value, role));
            }
        }

        return result.ToImmutable();
    }

    private ImmutableArray<RecordMapping>? ReadRecords(Dictionary<string, JsonElement> props, string parent, bool hasTitleRoles)
    {
        var path = Child(parent, "records");
        if (!props.TryGetValue("records", out var records))
        {
            Error(path, "the required property \"records\" is missing.");
            return null;
        }

        var types = new Dictionary<string, (string Path, bool Borrows)>(StringComparer.OrdinalIgnoreCase);
        var read = new List<(RecordMapping? Record, string Path, string? From)>();
        foreach (var (item, itemPath) in Items(props, parent, "records", "record types", 100, required: true))
        {
            var (record, from) = ReadRecord(item, itemPath, hasTitleRoles);
            if (record is not null)
            {
                if (types.TryGetValue(record.Type, out var first))
                {
                    Error(Child(itemPath, "type"), $"record type {Quote(record.Type)} is mapped twice (first at {first.Path}; types are compared case-insensitively).");
                }
                else
                {
                    types[record.Type] = (itemPath, from is not null);
                }
            }

            read.Add((record, itemPath, from));
        }

        if (read.Count == 0 && records.ValueKind == JsonValueKind.Array)
        {
            Error(path, "a mapping needs at least one record type.");
        }

        var result = ImmutableArray.CreateBuilder<RecordMapping>();
        foreach (var (record, itemPath, from) in read)
        {
            if (record is null)
            {
                continue;
            }

            if (from is null)
            {
                result.Add(record);
                continue;
            }

            var fromPath = Child(itemPath, "signalsFrom");
            if (!types.TryGetValue(from, out var source))
            {
                Error(fromPath, $"there is no record type {Quote(from)} to take the signal rules from; the mapping has {string.Join(", ", types.Keys)}.");
            }
            else if (source.Borrows)
            {
                Error(fromPath, $"record type {Quote(from)} takes its own rules from another; name the record type that lists them.");
            }
            else
            {
                var rules = read.Find(r => r.Record is not null && string.Equals(r.Record.Type, from, StringComparison.OrdinalIgnoreCase)).Record!.Signals;
                result.Add(record with { Signals = rules });
            }
        }

        return result.ToImmutable();
    }

    private (RecordMapping? Record, string? From) ReadRecord(JsonElement item, string path, bool hasTitleRoles)
    {
        if (!Object(item, path, RecordProperties, out var props))
        {
            return (null, null);
        }

        var before = Found;
        var type = Text(props, path, "type", 100, required: true);
        var detect = Strings(props, path, "detect", 64, MaxFieldName, required: false, single: false) ?? [];
        var id = Strings(props, path, "id", 8, MaxFieldName, required: true, single: true);
        var journey = Strings(props, path, "journey", 8, MaxFieldName, required: true, single: true);
        var occurredAt = Strings(props, path, "occurredAt", 8, MaxFieldName, required: true, single: true);
        var source = Text(props, path, "source", Signal.MaxIdLength, required: false);
        var stakeholder = ReadStakeholder(props, path, hasTitleRoles);
        var attributes = ReadAttributes(props, path);
        var from = Text(props, path, "signalsFrom", 100, required: false);
        var signals = ImmutableArray<SignalRule>.Empty;
        if (props.ContainsKey("signals") == (from is not null || props.ContainsKey("signalsFrom")))
        {
            Error(path, "a record type needs exactly one of \"signals\" (its rules) or \"signalsFrom\" (the record type whose rules it shares).");
        }
        else if (props.ContainsKey("signals"))
        {
            signals = ReadSignals(props, path);
        }

        if (Found > before || type is null || id is null || journey is null || occurredAt is null)
        {
            return (null, null);
        }

        return (new RecordMapping(type, detect, id.Value, journey.Value, occurredAt.Value, source, stakeholder, attributes, signals), from);
    }

    private StakeholderMapping? ReadStakeholder(Dictionary<string, JsonElement> parent, string parentPath, bool hasTitleRoles)
    {
        if (!parent.TryGetValue("stakeholder", out var element))
        {
            return null;
        }

        var path = Child(parentPath, "stakeholder");
        if (!Object(element, path, StakeholderProperties, out var props))
        {
            return null;
        }

        var id = Strings(props, path, "id", 8, MaxFieldName, required: true, single: true);
        var title = Text(props, path, "title", MaxFieldName, required: false);
        var role = Text(props, path, "role", Stakeholder.MaxLength, required: false);
        if (title is not null && !hasTitleRoles)
        {
            Error(Child(path, "title"), "the mapping has no \"titleRoles\" to turn the title into a role; add them, or give a fixed \"role\".");
        }

        return id is null ? null : new StakeholderMapping(id.Value, title, role);
    }

    private ImmutableArray<(string Key, string Field)> ReadAttributes(Dictionary<string, JsonElement> parent, string parentPath)
    {
        var result = ImmutableArray.CreateBuilder<(string, string)>();
        if (!parent.TryGetValue("attributes", out var element))
        {
            return result.ToImmutable();
        }

        var path = Child(parentPath, "attributes");
        if (element.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"expected an object of signal attribute keys to fields, got {Describe(element)}.");
            return result.ToImmutable();
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var attribute in element.EnumerateObject())
        {
            var attributePath = Child(path, attribute.Name);
            if (string.IsNullOrWhiteSpace(attribute.Name) || attribute.Name.Length > Signal.MaxAttributeKeyLength)
            {
                Error(attributePath, $"an attribute key is 1 to {Signal.MaxAttributeKeyLength} characters long and not blank.");
            }
            else if (attribute.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(attribute.Value.GetString()) || attribute.Value.GetString()!.Length > MaxFieldName)
            {
                Error(attributePath, $"expected the field to read, a non-blank string of at most {MaxFieldName} characters, got {Describe(attribute.Value)}.");
            }
            else if (!keys.Add(attribute.Name))
            {
                Error(attributePath, $"attribute {Quote(attribute.Name)} appears more than once.");
            }
            else
            {
                result.Add((attribute.Name, attribute.Value.GetString()!));
            }
        }

        if (result.Count > Signal.MaxAttributes)
        {
            Error(path, $"a record type maps {result.Count} attributes; a signal carries at most {Signal.MaxAttributes}.");
        }

        return result.ToImmutable();
    }

    private ImmutableArray<SignalRule> ReadSignals(Dictionary<string, JsonElement> parent, string parentPath)
    {
        var result = ImmutableArray.CreateBuilder<SignalRule>();
        foreach (var (item, path) in Items(parent, parentPath, "signals", "signal rules", 1000, required: true))
        {
            if (!Object(item, path, SignalProperties, out var props))
            {
                continue;
            }

            var before = Found;
            var signalType = Text(props, path, "signalType", Signal.MaxTypeLength, required: true);
            var role = Text(props, path, "role", Stakeholder.MaxLength, required: false);
            var when = ImmutableArray.CreateBuilder<FieldCondition>();
            foreach (var (condition, conditionPath) in Items(props, path, "when", "conditions", 32, required: false))
            {
                if (ReadCondition(condition, conditionPath) is { } read)
                {
                    when.Add(read);
                }
            }

            if (Found == before && signalType is not null)
            {
                result.Add(new SignalRule(signalType, when.ToImmutable(), role));
            }
        }

        if (result.Count == 0 && parent.TryGetValue("signals", out var signals) && signals.ValueKind == JsonValueKind.Array && signals.GetArrayLength() == 0)
        {
            Error(Child(parentPath, "signals"), "a record type needs at least one signal rule.");
        }

        return result.ToImmutable();
    }

    private FieldCondition? ReadCondition(JsonElement element, string path)
    {
        if (!Object(element, path, ConditionProperties, out var props))
        {
            return null;
        }

        var field = Strings(props, path, "field", 8, MaxFieldName, required: true, single: true);
        string[] tests = ["equals", "oneOf", "contains", "startsWith", "exists"];
        var count = 0;
        foreach (var test in tests)
        {
            count += props.ContainsKey(test) ? 1 : 0;
        }

        if (count != 1)
        {
            Error(path, count == 0
                ? "a condition needs one of \"equals\", \"oneOf\", \"contains\", \"startsWith\" or \"exists\"."
                : "a condition takes only one of \"equals\", \"oneOf\", \"contains\", \"startsWith\" or \"exists\".");
            return null;
        }

        if (props.TryGetValue("exists", out var exists))
        {
            if (exists.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                Error(Child(path, "exists"), $"expected true or false, got {Describe(exists)}.");
                return null;
            }

            return field is null ? null : new FieldCondition(field.Value, FieldTest.Exists, [], exists.GetBoolean());
        }

        if (props.ContainsKey("equals"))
        {
            var value = Text(props, path, "equals", MaxValue, required: true);
            return field is null || value is null ? null : new FieldCondition(field.Value, FieldTest.OneOf, [value.Trim()]);
        }

        var (name, kind) = props.ContainsKey("oneOf") ? ("oneOf", FieldTest.OneOf)
            : props.ContainsKey("contains") ? ("contains", FieldTest.Contains)
            : ("startsWith", FieldTest.StartsWith);
        var values = Strings(props, path, name, 256, MaxValue, required: true, single: false);
        return field is null || values is null ? null : new FieldCondition(field.Value, kind, [.. values.Value.Select(v => v.Trim())]);
    }

    private string? Text(Dictionary<string, JsonElement> props, string parent, string name, int maxLength, bool required)
        => Property(props, parent, name, required, out var element, out var path) ? TextOf(element, path, maxLength) : null;

    private string? TextOf(JsonElement element, string path, int maxLength)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            Error(path, $"expected a string, got {Describe(element)}.");
            return null;
        }

        if (StringOf(element, path) is not { } value)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            Error(path, "the string must not be empty or whitespace.");
            return null;
        }

        if (value.Length > maxLength)
        {
            Error(path, $"the string is {N0(value.Length)} characters long; the limit is {N0(maxLength)}.");
            return null;
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                Error(path, "the string must not contain control characters.");
                return null;
            }
        }

        return value;
    }

    /// <summary>A non-empty array of non-blank strings (or, with <paramref name="single"/>, one string standing for an array of one).</summary>
    private ImmutableArray<string>? Strings(Dictionary<string, JsonElement> props, string parent, string name, int maxItems, int maxLength, bool required, bool single)
    {
        if (!Property(props, parent, name, required, out var element, out var path))
        {
            return null;
        }

        if (single && element.ValueKind == JsonValueKind.String)
        {
            return TextOf(element, path, maxLength) is { } one ? [one] : null;
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            Error(path, $"expected {(single ? "a string or " : string.Empty)}a non-empty array of strings, got {Describe(element)}.");
            return null;
        }

        if (element.GetArrayLength() > maxItems)
        {
            Error(path, $"the array has {N0(element.GetArrayLength())} items; the limit is {N0(maxItems)}.");
            return null;
        }

        var values = ImmutableArray.CreateBuilder<string>();
        var index = 0;
        var ok = true;
        foreach (var item in element.EnumerateArray())
        {
            if (TextOf(item, $"{path}[{index++}]", maxLength) is { } value)
            {
                values.Add(value);
            }
            else
            {
                ok = false;
            }
        }

        return ok ? values.ToImmutable() : null;
    }

}
