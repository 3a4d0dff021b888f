using System;
using System.Collections.Immutable;

namespace BuyingJourney.Import.Mapping;

/// <summary>How a <see cref="FieldCondition"/> tests its field.</summary>
internal enum FieldTest
{
    /// <summary>The trimmed value equals one of the values (case-insensitive).</summary>
    OneOf,

    /// <summary>One of the keywords starts a word of the value (case-insensitive).</summary>
    Contains,

    /// <summary>The trimmed value starts with one of the values (case-insensitive).</summary>
    StartsWith,

    /// <summary>The field is present and not blank (or, with <see cref="FieldCondition.Exists"/> false, absent or blank).</summary>
    Exists,
}

/// <summary>One test of a record's field, from a mapping's <c>"when"</c>. Immutable and thread-safe.</summary>
internal sealed class FieldCondition
{
    public FieldCondition(ImmutableArray<string> fields, FieldTest test, ImmutableArray<string> values, bool exists = true)
    {
        Fields = fields;
        Test = test;
        Values = values;
        Exists = exists;
    }

    /// <summary>The fields (column names or names given a column by <c>"columns"</c>); the first with a value is tested.</summary>
    public ImmutableArray<string> Fields { get; }

    public FieldTest Test { get; }

    public ImmutableArray<string> Values { get; }

    public bool Exists { get; }

    /// <summary>Whether the value (null when the record lacks the field) passes.</summary>
    public bool Matches(string? value)
    {
        var text = value.AsSpan().Trim();
        switch (Test)
        {
            case FieldTest.Exists:
                return Exists == !text.IsEmpty;
            case FieldTest.OneOf:
                foreach (var v in Values)
                {
                    if (text.Equals(v, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }

                return false;
            case FieldTest.StartsWith:
                foreach (var v in Values)
                {
                    if (text.StartsWith(v, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }

                return false;
            default:
                foreach (var v in Values)
                {
                    if (StartsAWord(text, v))
                    {
                        return true;
                    }
                }

                return false;
        }
    }

    /// <summary>
    /// Whether <paramref name="keyword"/> occurs in <paramref name="text"/> at the start of a word (case-insensitive):
    /// "demo" finds "Demo", "demos" and "product demo", not "pandemonium"; "cto" does not find "director".
    /// </summary>
    internal static bool StartsAWord(ReadOnlySpan<char> text, string keyword)
    {
        var from = 0;
        while (from <= text.Length - keyword.Length)
        {
            var at = text[from..].IndexOf(keyword, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return false;
            }

            at += from;
            if (at == 0 || !char.IsLetterOrDigit(text[at - 1]) || !char.IsLetterOrDigit(keyword[0]))
            {
                return true;
            }

            from = at + 1;
        }

        return false;
    }
}
