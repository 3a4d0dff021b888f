using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace BuyingJourney.Internal;

/// <summary>
/// What every validating reader of a parsed JSON document shares (the rulebook reader here, the CRM mapping reader of
/// BuyingJourney.Import): problems counted with their JSON paths and listed up to a limit, objects checked against their
/// allowed properties, arrays and strings read with their paths, and text quoted in messages at most
/// <see cref="MaxQuotedLength"/> characters long. Nothing in the document is executed; no serializer, no reflection.
/// </summary>
internal abstract class JsonDocumentReader
{
    /// <summary>The most characters of the document's own text a message or a path quotes.</summary>
    public const int MaxQuotedLength = 64;

    /// <summary>Why a string or a property name holding an unpaired surrogate escape is refused.</summary>
    public const string NotUnicode = "holds an unpaired surrogate (a \\uD800-\\uDFFF escape without its other half): that is not Unicode text, and no signal can carry it";

    private readonly List<(string Path, string Message)> _listed = [];
    private readonly int _maxErrors;

    /// <summary>A reader that lists the first <paramref name="maxErrors"/> problems it finds.</summary>
    /// <param name="maxErrors">How many problems are listed; the rest are counted.</param>
    protected JsonDocumentReader(int maxErrors) => _maxErrors = maxErrors;

    /// <summary>How many problems were found so far, listed or not.</summary>
    protected int Found { get; private set; }

    /// <summary>The problems listed, and when more were found, a last one at <c>$</c> saying how many more.</summary>
    protected List<(string Path, string Message)> Problems()
    {
        var problems = new List<(string Path, string Message)>(_listed);
        if (Found > _listed.Count)
        {
            problems.Add(("$", $"{N0(Found - _listed.Count)} more problems were found; only the first {N0(_maxErrors)} are listed."));
        }

        return problems;
    }

    /// <summary>Counts a problem; lists it while fewer than the limit are listed.</summary>
    /// <param name="path">Where in the document.</param>
    /// <param name="message">What is wrong there.</param>
    protected void Error(string path, string message)
    {
        if (Found++ < _maxErrors)
        {
            _listed.Add((path, message));
        }
    }

    /// <summary>An object's properties by name; reports a non-object, an unknown property and a repeated one.</summary>
    /// <param name="element">The element that should be an object.</param>
    /// <param name="path">Its path.</param>
    /// <param name="allowed">The property names it may have.</param>
    /// <param name="props">Its allowed properties, each once.</param>
    /// <returns>False when the element is not an object.</returns>
    protected bool Object(JsonElement element, string path, string[] allowed, out Dictionary<string, JsonElement> props)
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

    /// <summary>A property's element and path; reports it missing when <paramref name="required"/>.</summary>
    /// <param name="props">The object's properties.</param>
    /// <param name="parent">The object's path.</param>
    /// <param name="name">The property.</param>
    /// <param name="required">Whether a missing property is a problem.</param>
    /// <param name="element">The property's value, when present.</param>
    /// <param name="path">The property's path.</param>
    /// <returns>Whether the property is present.</returns>
    protected bool Property(Dictionary<string, JsonElement> props, string parent, string name, bool required, out JsonElement element, out string path)
    {
        path = Child(parent, name);
        if (props.TryGetValue(name, out element))
        {
            return true;
        }

        if (required)
        {
            Error(path, $"the required property \"{name}\" is missing.");
        }

        return false;
    }

    /// <summary>The items of an array property with their paths; reports a missing (when required), non-array or too long one.</summary>
    /// <param name="props">The object's properties.</param>
    /// <param name="parent">The object's path.</param>
    /// <param name="name">The array property.</param>
    /// <param name="what">What its items are, for messages ("records").</param>
    /// <param name="max">The most items it may have.</param>
    /// <param name="required">Whether a missing property is a problem.</param>
    /// <returns>The items; empty when there are none or the array was refused.</returns>
    protected List<(JsonElement Item, string Path)> Items(Dictionary<string, JsonElement> props, string parent, string name, string what, int max, bool required)
    {
        var items = new List<(JsonElement, string)>();
        if (!Property(props, parent, name, required, out var array, out var path))
        {
            return items;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            Error(path, $"expected an array of {what}, got {Describe(array)}.");
            return items;
        }

        if (array.GetArrayLength() > max)
        {
            Error(path, $"{N0(array.GetArrayLength())} {what}; the limit is {N0(max)}.");
            return items;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            items.Add((item, $"{path}[{index++}]"));
        }

        return items;
    }

    /// <summary>A string element's text, or null (reported at <paramref name="path"/>) when it holds an unpaired surrogate escape.</summary>
    /// <param name="element">A string element.</param>
    /// <param name="path">Its path.</param>
    /// <returns>The text, or null.</returns>
    protected string? StringOf(JsonElement element, string path)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            // The text parsed, so only an escape can make a string that is not Unicode.
            Error(path, $"the string {NotUnicode}.");
            return null;
        }
    }

    /// <summary>The path of property <paramref name="name"/> of <paramref name="path"/>: <c>$.a.b</c>, or <c>$['a b']</c> for a name that is not a plain identifier; a name longer than <see cref="MaxQuotedLength"/> is cut, ending "…".</summary>
    /// <param name="path">The object's path.</param>
    /// <param name="name">The property's name.</param>
    /// <returns>The property's path.</returns>
    protected static string Child(string path, string name)
    {
        var plain = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] is '_' or '$');
        foreach (var c in name)
        {
            plain &= char.IsAsciiLetterOrDigit(c) || c is '_' or '$';
        }

        var cut = Cut(name);
        var shown = cut < name.Length ? name[..cut] + "…" : name;
        return plain ? $"{path}.{shown}" : $"{path}['{shown.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";
    }

    /// <summary>Text in quotes, cut after its first <see cref="MaxQuotedLength"/> characters (never inside a surrogate pair), saying how many more it has.</summary>
    /// <param name="text">The document's text.</param>
    /// <returns>"text", or "the first 64…" (N more characters).</returns>
    protected static string Quote(string text)
    {
        var cut = Cut(text);
        return cut == text.Length
            ? $"\"{text}\""
            : $"\"{text.AsSpan(0, cut)}…\" ({N0(text.Length - cut)} more characters)";
    }

    /// <summary>What kind of value an element is, for messages: "an object", "an empty array", "a number"...</summary>
    /// <param name="element">The element.</param>
    /// <returns>Its kind in words.</returns>
    protected static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => element.GetArrayLength() == 0 ? "an empty array" : "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>A count as "1,234".</summary>
    /// <param name="value">The count.</param>
    /// <returns>It with thousands separators, culture-invariant.</returns>
    protected static string N0(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A property's name, or null (reported at its object's <paramref name="path"/>) when it holds an unpaired surrogate escape.</summary>
    /// <param name="property">The property.</param>
    /// <param name="path">Its object's path.</param>
    /// <param name="position">Its position in the object, from 1, for the message.</param>
    /// <returns>The name, or null.</returns>
    protected string? NameOf(JsonProperty property, string path, int position)
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

    /// <summary>How many characters of <paramref name="text"/> to quote: all, or the first <see cref="MaxQuotedLength"/> (one fewer rather than split a surrogate pair).</summary>
    private static int Cut(string text)
        => text.Length <= MaxQuotedLength ? text.Length
            : char.IsHighSurrogate(text[MaxQuotedLength - 1]) ? MaxQuotedLength - 1
            : MaxQuotedLength;
}
