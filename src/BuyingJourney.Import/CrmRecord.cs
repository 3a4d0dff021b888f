using System;
using System.Collections.Generic;

namespace BuyingJourney.Import;

/// <summary>
/// One record from a CRM (a Salesforce Task, a HubSpot engagement, a row of a CSV file): its record type as the mapping
/// names it, and its fields by name (compared case-insensitively). Immutable and thread-safe.
/// </summary>
public sealed class CrmRecord
{
    private readonly Dictionary<string, string> _fields;

    /// <summary>Creates a record; the fields are copied.</summary>
    /// <param name="recordType">The record type, as the mapping names it (e.g. <c>"Task"</c>, <c>"engagement"</c>).</param>
    /// <param name="fields">The fields by name; a null value counts as absent.</param>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentException">A blank record type, or two field names that differ only in case.</exception>
    public CrmRecord(string recordType, IReadOnlyDictionary<string, string?> fields)
    {
        ArgumentNullException.ThrowIfNull(recordType);
        ArgumentNullException.ThrowIfNull(fields);
        if (string.IsNullOrWhiteSpace(recordType))
        {
            throw new ArgumentException("recordType must not be empty or whitespace.", nameof(recordType));
        }

        RecordType = recordType;
        _fields = new Dictionary<string, string>(fields.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in fields)
        {
            if (value is not null && !_fields.TryAdd(name, value))
            {
                throw new ArgumentException($"fields has two fields named \"{name}\" (names are compared case-insensitively).", nameof(fields));
            }
        }
    }

    /// <summary>The record type, as the mapping names it.</summary>
    public string RecordType { get; }

    /// <summary>A field's value, or null when the record lacks it.</summary>
    /// <param name="name">The field name (case-insensitive).</param>
    /// <exception cref="ArgumentNullException">A null name.</exception>
    public string? this[string name]
        => _fields.TryGetValue(name ?? throw new ArgumentNullException(nameof(name)), out var value) ? value : null;
}
