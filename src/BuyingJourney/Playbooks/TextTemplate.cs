using System;
using System.Collections.Generic;
using System.Text;

namespace BuyingJourney.Playbooks;

/// <summary>
/// A text of the built-in playbook with named placeholders in braces ("Engage the {role}"), parsed once when the
/// texts are loaded against the placeholders its entry allows, and filled in by position. Immutable and thread-safe.
/// </summary>
internal sealed class TextTemplate
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    private readonly string[] _literals;
    private readonly int[] _slots;

    private TextTemplate(string[] literals, int[] slots)
    {
        _literals = literals;
        _slots = slots;
    }

    /// <summary>The text when it has no placeholders.</summary>
    public string Text => _slots.Length == 0 ? _literals[0] : throw new InvalidOperationException("the text has placeholders.");

    /// <summary>
    /// Parses <paramref name="text"/>; its placeholders must be among <paramref name="names"/> (filled in by their place
    /// there). Null and a message when the text is blank, holds an unknown placeholder or a stray brace.
    /// </summary>
    public static TextTemplate? Parse(string text, ReadOnlySpan<string> names, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the text is empty.";
            return null;
        }

        var literals = new List<string>();
        var slots = new List<int>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '}')
            {
                error = $"a '}}' at {i} closes no placeholder.";
                return null;
            }

            if (text[i] != '{')
            {
                continue;
            }

            var end = text.IndexOf('}', i + 1);
            var name = end < 0 ? string.Empty : text[(i + 1)..end];
            var slot = names.IndexOf(name);
            if (end < 0 || name.Contains('{', StringComparison.Ordinal) || slot < 0)
            {
                error = names.IsEmpty
                    ? $"\"{(end < 0 ? text[i..] : text[i..(end + 1)])}\": this text takes no placeholders."
                    : $"\"{(end < 0 ? text[i..] : text[i..(end + 1)])}\" is not a placeholder of this text; it takes {{{string.Join("}, {", names.ToArray())}}}.";
                return null;
            }

            literals.Add(text[start..i]);
            slots.Add(slot);
            start = end + 1;
            i = end;
        }

        literals.Add(text[start..]);
        return new TextTemplate([.. literals], [.. slots]);
    }

    /// <summary>The text with each placeholder replaced by the value at its place among the names it was parsed with.</summary>
    public string Format(ReadOnlySpan<string> values)
    {
        if (_slots.Length == 0)
        {
            return _literals[0];
        }

        var text = t_builder ?? new StringBuilder(256);
        t_builder = null;
        text.Append(_literals[0]);
        for (var i = 0; i < _slots.Length; i++)
        {
            text.Append(values[_slots[i]]).Append(_literals[i + 1]);
        }

        var result = text.ToString();
        text.Clear();
        if (text.Capacity <= 4096)
        {
            t_builder = text;
        }

        return result;
    }
}
