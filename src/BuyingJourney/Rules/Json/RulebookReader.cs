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
/// Works on <see cref="JsonDocument"/> only: no serializer, no reflection, nothing in the document is executed
/// (<see cref="JsonDocumentReader"/> holds what it shares with the CRM mapping reader of BuyingJourney.Import).
/// </summary>
internal sealed partial class RulebookReader : JsonDocumentReader
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

    private RulebookReader(BuyingModel model)
        : base(RulebookJson.MaxErrors) => _model = model;

    /// <summary>Validates the whole document; returns it loaded, or throws with every problem.</summary>
    public static RulebookDocument Read(JsonElement root, BuyingModel model)
    {
        var reader = new RulebookReader(model);
        var document = reader.ReadRoot(root);
        if (reader.Found > 0 || document is null)
        {
            throw new RulebookValidationException(reader.Problems().ConvertAll(p => new RulebookValidationError(p.Path, p.Message)));
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
        if (Found > 0 || name is null || version is null || modelName is null || rules is null)
        {
            return null;
        }

        return new RulebookDocument(new Rulebook(name, version, rules), modelName, settings);
    }

    private string? Text(Dictionary<string, JsonElement> props, string parentPath, string name, int maxLength, bool required, bool allowBlank = false)
    {
        if (!Property(props, parentPath, name, required, out var element, out var path))
        {
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

    private string UnknownTask(string taskId)
    {
        var ids = new List<string>(_model.Tasks.Length);
        foreach (var task in _model.Tasks)
        {
            ids.Add(task.Id);
        }

        return $"unknown task {Quote(taskId)}; model \"{_model.Name}\" has {string.Join(", ", ids)}.";
    }

    /// <summary>"a, b, c", or the first five and "and N more".</summary>
    private static string Listed(List<string> items)
        => items.Count <= 5
            ? string.Join(", ", items)
            : $"{string.Join(", ", items.GetRange(0, 5))} and {N0(items.Count - 5)} more";

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
