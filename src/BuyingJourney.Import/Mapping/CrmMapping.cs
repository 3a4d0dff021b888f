using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace BuyingJourney.Import.Mapping;

/// <summary>
/// A mapping from CRM records to signals, as validated data (nothing in a mapping executes anything): for each record
/// type, the fields that give the signal's id, journey and time, the stakeholder and attributes, and an ordered list of
/// signal rules, the first whose conditions hold giving the signal type. The record's own id is the signal's id, so
/// importing the same records again stores nothing new.
/// </summary>
/// <remarks>
/// <para>The format (see <see cref="Schema"/>, JSON Schema draft 2020-12):
/// <c>{ "$schema", "name", "version", "dateFormats": [ ".NET formats" ], "columns": { "&lt;field&gt;": "&lt;column header&gt;" },
/// "titleRoles": [ { "contains": [ keywords ], "role" } ], "records": [ { "type", "detect": [ columns ], "id", "journey",
/// "occurredAt", "source", "stakeholder": { "id", "title", "role" }, "attributes": { "&lt;key&gt;": "&lt;field&gt;" },
/// "signals": [ { "signalType", "when": [ { "field", "equals" | "oneOf" | "contains" | "startsWith" | "exists" } ], "role" } ]
/// | "signalsFrom": "&lt;record type&gt;" } ] }</c>.</para>
/// <para>Fields are column names, compared case-insensitively, or names given a column by <c>"columns"</c> (so a
/// mapping written for logical names fits any export: see <see cref="WithColumns"/>). <c>"id"</c> is one field, or several
/// joined with <c>:</c> for rows without an id of their own (a stage history); <c>"journey"</c>, <c>"occurredAt"</c> and
/// the stakeholder's <c>"id"</c> are one field or a list, the first with a value winning. Conditions compare trimmed
/// values case-insensitively; <c>"contains"</c> finds a keyword at the start of a word ("demo" finds "Demos", not
/// "pandemonium"). A stakeholder's role is the rule's <c>"role"</c>, else the stakeholder's fixed <c>"role"</c>, else
/// the first title role with a keyword in the title field. Dates: the mapping's <c>"dateFormats"</c> first, then ISO
/// 8601 with <c>Z</c> or an offset, Salesforce's <c>2026-03-01T10:00:00.000+0000</c>, epoch milliseconds (HubSpot) and
/// <c>yyyy-MM-dd</c>; a time without an offset is UTC. Attribute values are cut to 1,024 characters.</para>
/// <para>Loading reports every problem at once in a <see cref="CrmMappingValidationException"/>, each with its JSON
/// path; a mapping that fails is never half-loaded. Limits: the document at most <see cref="MaxDocumentLength"/>
/// characters; 100 record types, 1,000 signal rules per type, 32 conditions per rule, 256 values per condition,
/// 32 attributes per type; <see cref="MaxErrors"/> problems listed. Immutable and thread-safe.</para>
/// </remarks>
public sealed class CrmMapping
{
    /// <summary>The longest mapping accepted: 4,194,304 characters (or bytes from a stream, which is read no further).</summary>
    public const int MaxDocumentLength = 4 * 1024 * 1024;

    /// <summary>The most problems a <see cref="CrmMappingValidationException"/> lists: 100, then one last entry (path <c>$</c>) saying how many more were found.</summary>
    public const int MaxErrors = 100;

    /// <summary>The manifest resource name of the mapping format's JSON Schema in this assembly.</summary>
    public const string SchemaResourceName = "BuyingJourney.Import.Mapping.crm-mapping.schema.json";

    private readonly ImmutableArray<RecordMapping> _records;

    internal CrmMapping(string name, string version, ImmutableArray<string> dateFormats, ImmutableDictionary<string, string> columns, ImmutableArray<TitleRole> titleRoles, ImmutableArray<RecordMapping> records)
    {
        Name = name;
        Version = version;
        DateFormats = dateFormats;
        Columns = columns;
        TitleRoles = titleRoles;
        _records = records;
        RecordTypes = [.. records.Select(r => r.Type)];
    }

    /// <summary>The mapping's name, e.g. <c>"salesforce"</c>.</summary>
    public string Name { get; }

    /// <summary>The mapping's version.</summary>
    public string Version { get; }

    /// <summary>The record types it maps, in document order (the order files are recognised in).</summary>
    public ImmutableArray<string> RecordTypes { get; }

    /// <summary>The column each field name stands for (<c>"columns"</c>), compared case-insensitively; a field not listed is a column of that name.</summary>
    public ImmutableDictionary<string, string> Columns { get; }

    /// <summary>The JSON Schema (draft 2020-12) of the mapping format, as text.</summary>
    public static string Schema => Embedded.SchemaText;

    internal ImmutableArray<string> DateFormats { get; }

    internal ImmutableArray<TitleRole> TitleRoles { get; }

    /// <summary>Loads and validates a JSON mapping.</summary>
    /// <param name="json">The mapping's JSON text; comments are allowed and skipped.</param>
    /// <returns>The mapping.</returns>
    /// <exception cref="ArgumentNullException">A null text.</exception>
    /// <exception cref="CrmMappingValidationException">The JSON is malformed or breaks the format; every problem is listed with its path.</exception>
    public static CrmMapping Load(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxDocumentLength)
        {
            throw MappingReader.Single("$", $"the mapping is {json.Length:N0} characters long; the limit is {MaxDocumentLength:N0}.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            throw MappingReader.Malformed(e);
        }
        catch (ArgumentException e) when (e.InnerException is EncoderFallbackException)
        {
            throw MappingReader.Single("$", "the text holds an unpaired surrogate, which is not Unicode text.");
        }

        using (document)
        {
            try
            {
                return MappingReader.Read(document.RootElement);
            }
            catch (InvalidOperationException)
            {
                throw MappingReader.Single("$", "a string or property name holds an unpaired surrogate escape (a \\uD800-\\uDFFF escape without its other half), which is not Unicode text.");
            }
        }
    }

    /// <summary>Loads and validates a JSON mapping from a UTF-8 stream (read to its end, not disposed; a byte order mark is allowed).</summary>
    /// <param name="utf8Json">The mapping's JSON as UTF-8.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The mapping.</returns>
    /// <exception cref="ArgumentNullException">A null stream.</exception>
    /// <exception cref="CrmMappingValidationException">The stream is not UTF-8, too long, malformed JSON, or breaks the format; every problem is listed with its path.</exception>
    public static async Task<CrmMapping> LoadAsync(Stream utf8Json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await utf8Json.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxDocumentLength)
            {
                throw MappingReader.Single("$", $"the mapping is longer than {MaxDocumentLength:N0} bytes, the limit; it was read no further.");
            }

            buffer.Write(chunk, 0, read);
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException e)
        {
            var bytes = buffer.GetBuffer().AsSpan(0, e.Index < 0 ? 0 : e.Index);
            var line = 1 + bytes.Count((byte)'\n');
            throw MappingReader.Single("$", $"the mapping is not UTF-8 text: the byte at line {line}, offset {e.Index} starts no UTF-8 character; save the mapping as UTF-8.");
        }

        return Load(text.StartsWith('\uFEFF') ? text[1..] : text);
    }

    /// <summary>
    /// This mapping with more columns for its field names (e.g. <c>"journey" → "Account Name"</c>), winning over its
    /// own: how a plain CSV mapping fits an export's headers.
    /// </summary>
    /// <param name="columns">Field names to column headers.</param>
    /// <returns>The new mapping; this one is unchanged.</returns>
    /// <exception cref="ArgumentNullException">A null dictionary.</exception>
    /// <exception cref="ArgumentException">A blank field name or column header.</exception>
    public CrmMapping WithColumns(IReadOnlyDictionary<string, string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var merged = Columns.ToBuilder();
        foreach (var (field, column) in columns)
        {
            if (string.IsNullOrWhiteSpace(field) || string.IsNullOrWhiteSpace(column))
            {
                throw new ArgumentException($"columns maps \"{field}\" to \"{column}\"; field names and column headers must not be blank.", nameof(columns));
            }

            merged[field.Trim()] = column.Trim();
        }

        return new CrmMapping(Name, Version, DateFormats, merged.ToImmutable(), TitleRoles, _records);
    }

    /// <summary>"salesforce 1.0.0 (Task, Event, OpportunityHistory, Opportunity)".</summary>
    public override string ToString() => $"{Name} {Version} ({string.Join(", ", RecordTypes)})";

    /// <summary>The column a field name stands for.</summary>
    internal string Column(string field) => Columns.TryGetValue(field, out var column) ? column : field;

    /// <summary>The mapping of a record type (case-insensitive), or null.</summary>
    internal RecordMapping? Find(string type)
    {
        foreach (var record in _records)
        {
            if (string.Equals(record.Type, type, StringComparison.OrdinalIgnoreCase))
            {
                return record;
            }
        }

        return null;
    }

    /// <summary>The first record type whose <c>"detect"</c> columns the header all has, or null.</summary>
    internal RecordMapping? Detect(Func<string, bool> hasColumn)
    {
        foreach (var record in _records)
        {
            if (record.Detect.IsEmpty)
            {
                continue;
            }

            var all = true;
            foreach (var field in record.Detect)
            {
                all &= hasColumn(Column(field));
            }

            if (all)
            {
                return record;
            }
        }

        return null;
    }

    /// <summary>The text of an embedded resource of this assembly.</summary>
    internal static string EmbeddedText(string resourceName)
    {
        using var stream = typeof(CrmMapping).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"the embedded resource \"{resourceName}\" is missing from {typeof(CrmMapping).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Loaded on first use, once.</summary>
    private static class Embedded
    {
        public static readonly string SchemaText = EmbeddedText(SchemaResourceName);
    }
}
