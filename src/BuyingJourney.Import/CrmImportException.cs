using System;

namespace BuyingJourney.Import;

/// <summary>
/// A CRM file cannot be imported from some point on: it is not CSV there (a quoted field that never closes, a field or
/// record over the limits), not UTF-8, has no header, lacks a column the mapping needs, or is of no record type the
/// mapping knows. <see cref="SourceName"/> and <see cref="Line"/> say where. What was imported before stays imported.
/// </summary>
/// <remarks>Thread-safe once thrown.</remarks>
public sealed class CrmImportException : Exception
{
    /// <summary>Creates the exception with one generic message.</summary>
    public CrmImportException()
        : this("the CRM file cannot be imported.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public CrmImportException(string message)
        : base(message)
    {
        SourceName = string.Empty;
        Detail = message;
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CrmImportException(string message, Exception innerException)
        : base(message, innerException)
    {
        SourceName = string.Empty;
        Detail = message;
    }

    /// <summary>Creates the exception for a place in a file.</summary>
    /// <param name="source">The file (or source name) that cannot be imported.</param>
    /// <param name="line">The 1-based line of the problem; 0 when it is the file as a whole.</param>
    /// <param name="message">What is wrong there, in plain words.</param>
    public CrmImportException(string source, int line, string message)
        : base(line > 0 ? $"{source}, line {line}: {message}" : $"{source}: {message}")
    {
        SourceName = source;
        Line = line;
        Detail = message;
    }

    /// <summary>The file (or source name) that cannot be imported; empty when made with a message constructor.</summary>
    public string SourceName { get; }

    /// <summary>The 1-based line of the problem; 0 when it is the file as a whole.</summary>
    public int Line { get; }

    /// <summary>The message without the source and line.</summary>
    internal string Detail { get; }
}
