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

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c))
            {
                throw new ArgumentException($"{name} must not contain control characters.", name);
            }

            if (char.IsSurrogate(c))
            {
                // Stores keep text as UTF-8, which cannot hold a lone surrogate: two different ids would become one.
                if (!char.IsHighSurrogate(c) || i + 1 == value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    throw new ArgumentException($"{name} holds an unpaired surrogate character at position {i}.", name);
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
