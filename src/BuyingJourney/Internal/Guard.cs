using System;
using System.Runtime.CompilerServices;

namespace BuyingJourney.Internal;

/// <summary>Argument checks that name the offending parameter or field.</summary>
internal static class Guard
{
    public static T NotNull<T>(T? value, [CallerArgumentExpression(nameof(value))] string? name = null)
        where T : class
    {
        if (value is null)
        {
            throw new ArgumentNullException(name);
        }

        return value;
    }

    /// <summary>Checks a required text: not null, not blank, at most <paramref name="maxLength"/> characters, no control characters, no unpaired surrogates.</summary>
    public static string Text(string? value, string name, int maxLength)
    {
        if (value is null)
        {
            throw new ArgumentNullException(name, $"{name} is required.");
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{name} must not be empty or whitespace.", name);
        }

        if (value.Length > maxLength)
        {
            throw new ArgumentException($"{name} is {value.Length} characters long; the limit is {maxLength}.", name);
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"{name} must not contain control characters.", name);
            }
        }

        return WellFormed(value, name, name);
    }

    /// <summary>
    /// Checks that a text is well-formed UTF-16: every surrogate is half of a pair. Stores keep text as UTF-8, which
    /// cannot hold a lone surrogate (SQLite and PostgreSQL store it as U+FFFD), so a journey read back would differ
    /// from the one applied, and two different ids would become one.
    /// </summary>
    /// <param name="value">The text.</param>
    /// <param name="field">Names the text in the message, e.g. <c>attributes["subject"]</c>.</param>
    /// <param name="parameter">The parameter name of the exception.</param>
    public static string WellFormed(string value, string field, string parameter)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 == value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    throw new ArgumentException($"{field} holds an unpaired surrogate character at position {i}.", parameter);
                }

                i++;
            }
        }

        return value;
    }

    /// <summary>Checks an optional text: null is allowed, otherwise as <see cref="Text"/>.</summary>
    public static string? OptionalText(string? value, string name, int maxLength)
        => value is null ? null : Text(value, name, maxLength);
}
