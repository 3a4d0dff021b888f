using System.Collections.Immutable;
using System.Globalization;

namespace BuyingJourney.Import;

/// <summary>
/// What one import did with one file (or record stream): how many records it read, how many became stored signals,
/// how many were already stored (a re-import), and which were skipped, with the line and the reason.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class CrmImportReport
{
    /// <summary>The most skipped records a report lists: 1,000; <see cref="SkippedCount"/> counts them all.</summary>
    public const int MaxSkippedListed = 1000;

    internal CrmImportReport(string source, string? recordType, int records, int imported, int duplicates, int skippedCount, ImmutableArray<CrmSkippedRecord> skipped)
    {
        Source = source;
        RecordType = recordType;
        Records = records;
        Imported = imported;
        Duplicates = duplicates;
        SkippedCount = skippedCount;
        Skipped = skipped;
    }

    /// <summary>The file path or source name the records came from.</summary>
    public string Source { get; }

    /// <summary>The record type of a CSV file (as given or recognised from its header); null for a record stream, whose records name their own.</summary>
    public string? RecordType { get; }

    /// <summary>How many records were read (CSV data rows, not counting the header and blank lines).</summary>
    public int Records { get; }

    /// <summary>How many records were stored as new signals (in order, late and rebuilt, or stored with a failing rule).</summary>
    public int Imported { get; }

    /// <summary>How many records were already stored (the same id in the same journey) or repeated earlier in the same import; nothing was stored for them.</summary>
    public int Duplicates { get; }

    /// <summary>How many records were skipped.</summary>
    public int SkippedCount { get; }

    /// <summary>The first <see cref="MaxSkippedListed"/> skipped records, in file order.</summary>
    public ImmutableArray<CrmSkippedRecord> Skipped { get; }

    /// <summary>"tasks.csv (Task): 120 records, 100 imported, 5 duplicates, 15 skipped".</summary>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Source}{(RecordType is null ? string.Empty : $" ({RecordType})")}: {Records:N0} records, {Imported:N0} imported, {Duplicates:N0} duplicates, {SkippedCount:N0} skipped");
}
