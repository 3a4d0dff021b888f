using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace BuyingJourney.Import.Mapping;

/// <summary>
/// A CRM mapping failed validation. <see cref="Errors"/> lists every problem found, each with its JSON path; nothing
/// of the mapping was loaded.
/// </summary>
/// <remarks>Thread-safe once thrown.</remarks>
public sealed class CrmMappingValidationException : Exception
{
    /// <summary>Creates the exception with one generic message.</summary>
    public CrmMappingValidationException()
        : this("the CRM mapping is not valid.")
    {
    }

    /// <summary>Creates the exception with a message and no listed errors.</summary>
    /// <param name="message">What went wrong.</param>
    public CrmMappingValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message, no listed errors and an inner exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CrmMappingValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for the given errors; the message lists all of them, one a line.</summary>
    /// <param name="errors">The problems found, in document order.</param>
    /// <exception cref="ArgumentNullException">A null list.</exception>
    public CrmMappingValidationException(IEnumerable<CrmMappingValidationError> errors)
        : this([.. errors ?? throw new ArgumentNullException(nameof(errors))])
    {
    }

    private CrmMappingValidationException(ImmutableArray<CrmMappingValidationError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem found, in document order. Empty only when made with one of the message constructors.</summary>
    public ImmutableArray<CrmMappingValidationError> Errors { get; } = [];

    private static string Describe(ImmutableArray<CrmMappingValidationError> errors)
        => errors.Length == 1
            ? $"the CRM mapping is not valid: {errors[0]}"
            : $"the CRM mapping is not valid ({errors.Length} problems):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}";
}
