using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace BuyingJourney.Rules.Json;

/// <summary>
/// A JSON rulebook failed validation. <see cref="Errors"/> lists every problem found, each with its JSON path;
/// nothing of the rulebook was loaded.
/// </summary>
/// <remarks>Thread-safe once thrown.</remarks>
public sealed class RulebookValidationException : Exception
{
    /// <summary>Creates the exception with one generic message.</summary>
    public RulebookValidationException()
        : this("the rulebook is not valid.")
    {
    }

    /// <summary>Creates the exception with a message and no listed errors.</summary>
    /// <param name="message">What went wrong.</param>
    public RulebookValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message, no listed errors and an inner exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public RulebookValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for the given errors; the message lists all of them, one a line.</summary>
    /// <param name="errors">The problems found, in document order.</param>
    public RulebookValidationException(IEnumerable<RulebookValidationError> errors)
        : this([.. errors ?? throw new ArgumentNullException(nameof(errors))])
    {
    }

    private RulebookValidationException(ImmutableArray<RulebookValidationError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem found, in document order. Empty only when made with one of the message constructors.</summary>
    public ImmutableArray<RulebookValidationError> Errors { get; } = [];

    private static string Describe(ImmutableArray<RulebookValidationError> errors)
        => errors.Length == 1
            ? $"the rulebook is not valid: {errors[0]}"
            : $"the rulebook is not valid ({errors.Length} problems):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}";
}
