using System;
using System.Globalization;
using FsCheck.Xunit;

namespace BuyingJourney.Testing;

/// <summary>
/// FsCheck.Xunit settings for every <see cref="PropertyAttribute">[Property]</see> test of an assembly, from one place:
/// put <c>[assembly: JourneyProperties]</c> in the test project once. The number of cases per property is
/// <see cref="DefaultCases"/>, or the number in the environment variable <see cref="CasesVariable"/> for a deeper (or a
/// quicker) run; a property or class that sets <c>MaxTest</c> itself keeps its own. Passing properties print nothing;
/// a failing one prints its shrunk counterexample and "Replay directly at failing step with (seed, gamma, size)": paste
/// that text into <c>[Property(Replay = "(seed,gamma,size)")]</c> to run the failing case first.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class, AllowMultiple = false)]
public sealed class JourneyPropertiesAttribute : PropertiesAttribute
{
    /// <summary>The environment variable that sets the number of cases per property: a positive whole number.</summary>
    public const string CasesVariable = "BUYINGJOURNEY_PROPERTY_CASES";

    /// <summary>The number of cases per property when <see cref="CasesVariable"/> is not set: 100.</summary>
    public const int DefaultCases = 100;

    /// <summary>Sets the case count from <see cref="CasesVariable"/> (or <see cref="DefaultCases"/>) and quiet success.</summary>
    /// <exception cref="InvalidOperationException"><see cref="CasesVariable"/> is set but is not a positive whole number.</exception>
    public JourneyPropertiesAttribute()
    {
        MaxTest = Cases(Environment.GetEnvironmentVariable(CasesVariable));
        QuietOnSuccess = true;
    }

    /// <summary>The case count that <paramref name="value"/> (the variable's text, or null when unset) asks for.</summary>
    /// <param name="value">The text of <see cref="CasesVariable"/>, or null when it is not set.</param>
    /// <exception cref="InvalidOperationException"><paramref name="value"/> is not a positive whole number.</exception>
    public static int Cases(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultCases;
        }

        return int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var cases) && cases > 0
            ? cases
            : throw new InvalidOperationException($"{CasesVariable} is \"{(value.Length > 32 ? value[..32] + "..." : value)}\"; it must be a positive whole number of cases per property.");
    }
}
