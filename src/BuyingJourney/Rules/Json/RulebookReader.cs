using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using BuyingJourney.Evidence;
using BuyingJourney.Internal;
using BuyingJourney.Model;

namespace BuyingJourney.Rules.Json;

/// <summary>
/// Reads and validates a JSON rulebook from a parsed document, collecting every problem before giving up.
/// Works on <see cref="JsonDocument"/> only: no serializer, no reflection, nothing in the document is executed.
/// </summary>
internal sealed partial class RulebookReader
{
    /// <summary>The longest accepted reason text.</summary>
    public const int MaxReasonLength = 1000;

    internal static readonly string[] RootProperties = ["$schema", "name", "version", "model", "tasks", "rules"];
    internal static readonly string[] TaskProperties = ["halfLifeDays", "activation", "reopen", "dormancy"];
    internal static readonly string[] RuleProperties = ["id", "signalType", "when", "evidence", "reason"];
    internal static readonly string[] WhenProperties = ["attributes", "stakeholderRole"];
    internal static readonly string[] ConditionProperties = ["key", "equals", "oneOf", "exists"];
    internal static readonly string[] EvidenceProperties = ["task", "strength", "weight", "completes", "journey", "reason"];

    private readonly BuyingModel _model;
    private readonly List<RulebookValidationError> _errors = [];
    private int _found;

    private RulebookReader(BuyingModel model) => _model = model;

    /// <summary>Validates the whole document; returns it loaded, or throws with every problem.</summary>
    public static RulebookDocument Read(JsonElement root, BuyingModel model)
    {
        var reader = new RulebookReader(model);
        var document = reader.ReadRoot(root);
        if (reader._found > reader._errors.Count)
        {
            var more = N0(reader._found - reader._errors.Count);
            reader._errors.Add(new RulebookValidationError("$", $"{more} more problems were found; only the first {RulebookJson.MaxErrors} are listed."));
        }

        if (reader._found > 0 || document is null)
        {
            throw new RulebookValidationException(reader._errors);
        }

        return document;
    }

    private RulebookDocument? ReadRoot(JsonElement root)
    {
        const string path = "$";
        if (!Object(root, path, RootProperties, out var props))
        {
            return null;
        }

        Text(props, path, "$schema", 2000, required: false);
        var name = Text(props, path, "name", 100, required: true);
        var version = Text(props, path, "version", 50, required: true);
        var modelName = Text(props, path, "model", 100, required: true);
        if (modelName is not null && !string.Equals(modelName, _model.Name, StringComparison.Ordinal))
        {
            Error(Child(path, "model"), $"the rulebook is written for model {Quote(modelName)} but is loaded for model \"{_model.Name}\".");
        }

        var settings = ReadTasks(props, path);
        var rules = ReadRules(props, path);
        if (_found > 0 || name is null || version is null || modelName is null || rules is null)
        {
            return null;
        }

        return new RulebookDocument(new Rulebook(name, version, rules), modelName, settings);
    }

    private bool Object(JsonElement element, string path, string[] allowed, out Dictionary<string, JsonElement> props)
    {
        props = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (element.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"expected an object, got {Describe(element)}.");
            return false;
        }

        var position = 0;
        foreach (var property in element.EnumerateObject())
        {
            if (NameOf(property, path, ++position) is not { } name)
            {
                continue;
            }

            var propertyPath = Child(path, name);
            if (Array.IndexOf(allowed, name) < 0)
            {
                Error(propertyPath, $"unknown property {Quote(name)}; allowed here: {string.Join(", ", allowed)}.");
            }
            else if (!props.TryAdd(name, property.Value))
            {
                Error(propertyPath, $"property {Quote(name)} appears more than once.");
            }
        }

        return true;
    }

    private string? Text(Dictionary<string, JsonElement> props, string parentPath, string name, int maxLength, bool required, bool allowBlank = false)
    {
        var path = Child(parentPath, name);
        if (!props.TryGetValue(name, out var element))
        {
            if (required)
            {
                Error(path, $"the required property \"{name}\" is missing.");
            }

            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            Error(path, $"expected a string, got {Describe(element)}.");
            return null;
        }

        if (StringOf(element, path) is not { } value)
        {
            return null;
        }

        if (allowBlank)
        {
            if (value.Length > maxLength)
            {
                Error(path, $"\"{name}\" is {value.Length} characters long; the limit is {maxLength}.");
                return null;
            }

            return value;
        }

        try
        {
            return Guard.Text(value, name, maxLength);
        }
        catch (ArgumentException ex)
        {
            Error(path, ex.Message.Split(" (Parameter", 2)[0]);
            return null;
        }
    }

    private double? Number(Dictionary<string, JsonElement> props, string parentPath, string name)
    {
        if (!props.TryGetValue(name, out var element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number)
        {
            Error(Child(parentPath, name), $"expected a number, got {Describe(element)}.");
            return null;
        }

        if (!element.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            Error(Child(parentPath, name), "the number is out of range.");
            return null;
        }

        return value;
    }

    private double? Threshold(Dictionary<string, JsonElement> props, string parentPath, string name)
    {
        var value = Number(props, parentPath, name);
        if (value is { } v && (v <= 0 || v > TaskSettings.MaxValue))
        {
            Error(Child(parentPath, name), $"the {name} threshold is {Format(v)}; it must be above 0 and at most {Format(TaskSettings.MaxValue)}.");
            return null;
        }

        return value;
    }

    /// <summary>A string element's text, or null (reported at <paramref name="path"/>) when it holds an unpaired surrogate escape.</summary>
    private string? StringOf(JsonElement element, string path)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            // The bytes are UTF-8 (checked before parsing), so only an escape can make text that is not Unicode.
            Error(path, $"the string {NotUnicode}.");
            return null;
        }
    }

    /// <summary>A property's name, or null (reported at its object's <paramref name="path"/>) when it holds an unpaired surrogate escape.</summary>
    private string? NameOf(JsonProperty property, string path, int position)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            Error(path, $"the name of property {position} {NotUnicode}.");
            return null;
        }
    }

    private string UnknownTask(string taskId)
    {
        var ids = new List<string>(_model.Tasks.Length);
        foreach (var task in _model.Tasks)
        {
            ids.Add(task.Id);
        }

        return $"unknown task {Quote(taskId)}; model \"{_model.Name}\" has {string.Join(", ", ids)}.";
    }

    /// <summary>Counts a problem; lists it while fewer than <see cref="RulebookJson.MaxErrors"/> are listed.</summary>
    private void Error(string path, string message)
    {
        if (_found++ < RulebookJson.MaxErrors)
        {
            _errors.Add(new RulebookValidationError(path, message));
        }
    }

    /// <summary>The path of property <paramref name="name"/> of <paramref name="path"/>; a name longer than <see cref="RulebookJson.MaxQuotedLength"/> is cut, ending "…".</summary>
    private static string Child(string path, string name)
    {
        var plain = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_');
        foreach (var c in name)
        {
            plain &= char.IsAsciiLetterOrDigit(c) || c == '_';
        }

        var cut = Cut(name);
        var shown = cut < name.Length ? name[..cut] + "…" : name;
        return plain ? $"{path}.{shown}" : $"{path}['{shown.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";
    }

    /// <summary>How many characters of <paramref name="text"/> to quote: all, or the first <see cref="RulebookJson.MaxQuotedLength"/> (one fewer rather than split a surrogate pair).</summary>
    private static int Cut(string text)
        => text.Length <= RulebookJson.MaxQuotedLength ? text.Length
            : char.IsHighSurrogate(text[RulebookJson.MaxQuotedLength - 1]) ? RulebookJson.MaxQuotedLength - 1
            : RulebookJson.MaxQuotedLength;

    /// <summary>Text in quotes, cut after its first <see cref="RulebookJson.MaxQuotedLength"/> characters (never inside a surrogate pair).</summary>
    internal static string Quote(string text)
    {
        var cut = Cut(text);
        return cut == text.Length
            ? $"\"{text}\""
            : $"\"{text.AsSpan(0, cut)}…\" ({N0(text.Length - cut)} more characters)";
    }

    /// <summary>"a, b, c", or the first five and "and N more".</summary>
    private static string Listed(List<string> items)
        => items.Count <= 5
            ? string.Join(", ", items)
            : $"{string.Join(", ", items.GetRange(0, 5))} and {N0(items.Count - 5)} more";

    private static string N0(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => element.GetArrayLength() == 0 ? "an empty array" : "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
