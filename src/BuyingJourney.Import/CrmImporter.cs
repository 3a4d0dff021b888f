using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Import.Csv;
using BuyingJourney.Import.Mapping;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;

namespace BuyingJourney.Import;

/// <summary>
/// Imports CRM records into a journey store through <see cref="JourneyService.RecordAsync"/>, so every signal is
/// validated, ordered and stored the normal way (late records rebuild their journey; repeats of stored ids are
/// duplicates): CSV files, CSV text, or a stream of <see cref="CrmRecord"/>s, each through the same mapping step, and
/// reports per source what was imported, skipped (with the reason and line) and duplicated.
/// </summary>
/// <remarks>
/// <para>A CSV file's first row is its header; its record type is the one given, or the first of the mapping's record
/// types whose <c>"detect"</c> columns the header all has. Before any row is read, the header must have every column
/// of the id and one of the journey's and of the time's, else a <see cref="CrmImportException"/> names what is
/// missing. A row with another field count than the header, or text after a closing quote, is skipped
/// (<see cref="CrmSkipReason.MalformedRow"/>); a quoted field that never closes ends the file's import with a
/// <see cref="CrmImportException"/> naming the line it opened on and what became of the rows before it, which are recorded. Records are recorded in batches of
/// <see cref="BatchSize"/>, each sorted into journey order first; what was stored before a failure stays stored, and
/// importing again is safe: the record id is the signal id.</para>
/// <para>Thread-safe: imports may run at once (writers of one journey take turns in the service).</para>
/// </remarks>
public sealed class CrmImporter
{
    /// <summary>
    /// Records per <see cref="JourneyService.RecordAsync"/> call: 20,000 (a few MB of signals held at once). The service
    /// appends once per journey per call, so large batches keep an export of many journeys from costing one append per
    /// record.
    /// </summary>
    public const int BatchSize = 20_000;

    /// <summary>Records between two progress reports: 1,000.</summary>
    public const int ProgressEvery = 1000;

    private readonly JourneyService _service;

    /// <summary>Creates an importer.</summary>
    /// <param name="service">The journey service that records the signals (its engine, store and options apply).</param>
    /// <param name="mapping">The mapping from records to signals, e.g. <see cref="CrmMappings.Salesforce"/>.</param>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public CrmImporter(JourneyService service, CrmMapping mapping)
    {
        _service = service ?? throw new ArgumentNullException(nameof(service));
        Mapping = mapping ?? throw new ArgumentNullException(nameof(mapping));
    }

    /// <summary>The mapping records go through.</summary>
    public CrmMapping Mapping { get; }

    /// <summary>Imports a CSV file (UTF-8; a byte order mark is allowed).</summary>
    /// <param name="tenant">The tenant the journeys belong to.</param>
    /// <param name="path">The file.</param>
    /// <param name="recordType">The file's record type; null recognises it from the header.</param>
    /// <param name="progress">Told every <see cref="ProgressEvery"/> records and at the end; or null.</param>
    /// <param name="cancellationToken">Cancels the import; what was stored before stays stored.</param>
    /// <returns>What was imported, duplicated and skipped.</returns>
    /// <exception cref="ArgumentNullException">A null tenant or path.</exception>
    /// <exception cref="ArgumentException">A bad tenant id, or a record type the mapping does not have.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="CrmImportException">The file cannot be read as CSV of the mapping from some line on; the message names the line.</exception>
    public async Task<CrmImportReport> ImportFileAsync(string tenant, string path, string? recordType = null, IProgress<CrmImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true);
            return await ImportCsvCoreAsync(tenant, reader, path, recordType, progress, stream, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Imports CSV text.</summary>
    /// <param name="tenant">The tenant the journeys belong to.</param>
    /// <param name="csv">The CSV text, its first row the header; read to its end, not disposed.</param>
    /// <param name="source">A name for the text in the report and in errors (e.g. the file name).</param>
    /// <param name="recordType">The text's record type; null recognises it from the header.</param>
    /// <param name="progress">Told every <see cref="ProgressEvery"/> records and at the end; or null.</param>
    /// <param name="cancellationToken">Cancels the import; what was stored before stays stored.</param>
    /// <returns>What was imported, duplicated and skipped.</returns>
    /// <exception cref="ArgumentNullException">A null tenant, reader or source.</exception>
    /// <exception cref="ArgumentException">A bad tenant id, or a record type the mapping does not have.</exception>
    /// <exception cref="CrmImportException">The text cannot be read as CSV of the mapping from some line on; the message names the line.</exception>
    public Task<CrmImportReport> ImportCsvAsync(string tenant, TextReader csv, string source, string? recordType = null, IProgress<CrmImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(source);
        return ImportCsvCoreAsync(tenant, csv, source, recordType, progress, null, cancellationToken);
    }

    /// <summary>Imports a stream of records, each of the record type it names; a record of a type the mapping does not have is skipped.</summary>
    /// <param name="tenant">The tenant the journeys belong to.</param>
    /// <param name="records">The records; a record's line in the report is its 1-based position in the stream.</param>
    /// <param name="source">A name for the stream in the report.</param>
    /// <param name="progress">Told every <see cref="ProgressEvery"/> records and at the end; or null.</param>
    /// <param name="cancellationToken">Cancels the import; what was stored before stays stored.</param>
    /// <returns>What was imported, duplicated and skipped.</returns>
    /// <exception cref="ArgumentNullException">A null tenant, stream, source or record.</exception>
    /// <exception cref="ArgumentException">A bad tenant id.</exception>
    public async Task<CrmImportReport> ImportAsync(string tenant, IAsyncEnumerable<CrmRecord> records, string source, IProgress<CrmImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(source);
        var batch = new Batch(this, tenant, source, null, progress, null);
        RecordMapping? last = null;
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (record is null)
            {
                throw new ArgumentNullException(nameof(records), $"record {batch.Records + 1} of \"{source}\" is null.");
            }

            var line = batch.Records + 1;
            var mapping = last is not null && string.Equals(last.Type, record.RecordType, StringComparison.OrdinalIgnoreCase) ? last : Mapping.Find(record.RecordType);
            if (mapping is null)
            {
                batch.Skip(new CrmSkippedRecord(line, null, CrmSkipReason.UnknownRecordType, $"record type {RecordMapper.Quote(record.RecordType)} is not in mapping \"{Mapping.Name}\", which maps {string.Join(", ", Mapping.RecordTypes)}."));
            }
            else
            {
                last = mapping;
                batch.Add(RecordMapper.Map(Mapping, mapping, new RecordFields(record), line), line);
            }

            await batch.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
        }

        return await batch.FinishAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<CrmImportReport> ImportCsvCoreAsync(string tenant, TextReader text, string source, string? recordType, IProgress<CrmImportProgress>? progress, Stream? file, CancellationToken cancellationToken)
    {
        var given = recordType is null ? null : Mapping.Find(recordType)
            ?? throw new ArgumentException($"record type \"{recordType}\" is not in mapping \"{Mapping.Name}\", which maps {string.Join(", ", Mapping.RecordTypes)}.", nameof(recordType));
        var csv = new CsvReader(text, source);
        try
        {
            if (!csv.TryRead(out var headerRow))
            {
                throw new CrmImportException(source, 0, "the file is empty; a CSV export starts with a header row naming its columns.");
            }

            var header = Header(headerRow, source);
            var mapping = given ?? Mapping.Detect(header.ContainsKey) ?? throw new CrmImportException(source, headerRow.Line, Unrecognised(header));
            CheckColumns(mapping, header, source, headerRow.Line);
            var batch = new Batch(this, tenant, source, mapping.Type, progress, file);
            while (await NextAsync(csv, batch, source, cancellationToken).ConfigureAwait(false) is { } row)
            {
                if (row.Problem is not null)
                {
                    batch.Skip(new CrmSkippedRecord(row.Line, null, CrmSkipReason.MalformedRow, row.Problem));
                }
                else if (row.Fields.Length != headerRow.Fields.Length)
                {
                    batch.Skip(new CrmSkippedRecord(row.Line, null, CrmSkipReason.MalformedRow, $"the row has {row.Fields.Length} fields; the header has {headerRow.Fields.Length} (an unquoted comma, or a missing one?)."));
                }
                else
                {
                    batch.Add(RecordMapper.Map(Mapping, mapping, new CsvFields(header, row.Fields), row.Line), row.Line);
                }

                await batch.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
            }

            return await batch.FinishAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8(source, csv.Line);
        }
    }

    /// <summary>
    /// The next row, or null at the end. When the text cannot be read on, the rows before are recorded first, and the
    /// error says what became of them.
    /// </summary>
    private static async Task<CsvRow?> NextAsync(CsvReader csv, Batch batch, string source, CancellationToken cancellationToken)
    {
        CsvRow row;
        CrmImportException failure;
        try
        {
            if (!csv.TryRead(out row))
            {
                return null;
            }

            return row;
        }
        catch (CrmImportException e)
        {
            failure = e;
        }
        catch (DecoderFallbackException)
        {
            failure = NotUtf8(source, csv.Line);
        }

        var before = await batch.FinishAsync(cancellationToken).ConfigureAwait(false);
        throw new CrmImportException(failure.SourceName, failure.Line, string.Create(CultureInfo.InvariantCulture, $"{failure.Detail} The rows before it: {before.Records:N0} read, {before.Imported:N0} imported, {before.Duplicates:N0} duplicates, {before.SkippedCount:N0} skipped."));
    }

    private static CrmImportException NotUtf8(string source, int line)
        => new(source, line, $"the file is not UTF-8 text at line {line} (a byte that starts no UTF-8 character); export it as UTF-8 CSV.");

    /// <summary>The header's column indexes by trimmed name (case-insensitive); a name given twice is an error.</summary>
    private static Dictionary<string, int> Header(CsvRow row, string source)
    {
        if (row.Problem is not null)
        {
            throw new CrmImportException(source, row.Line, $"the header row is malformed: {row.Problem}");
        }

        var header = new Dictionary<string, int>(row.Fields.Length, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < row.Fields.Length; i++)
        {
            var name = row.Fields[i].Trim();
            if (name.Length > 0 && !header.TryAdd(name, i))
            {
                throw new CrmImportException(source, row.Line, $"the header names column \"{name}\" twice (columns {header[name] + 1} and {i + 1}; names are compared case-insensitively).");
            }
        }

        return header;
    }

    private string Unrecognised(Dictionary<string, int> header)
    {
        var types = new List<string>();
        foreach (var type in Mapping.RecordTypes)
        {
            var record = Mapping.Find(type)!;
            types.Add(record.Detect.IsEmpty
                ? $"{type} (give it by name)"
                : $"{type} (columns {string.Join(", ", record.Detect.Select(Mapping.Column))})");
        }

        var columns = string.Join(", ", header.Keys.Take(12));
        return $"the header ({columns}{(header.Count > 12 ? ", ..." : string.Empty)}) is of no record type of mapping \"{Mapping.Name}\": {string.Join("; ", types)}. Name the record type, or export those columns.";
    }

    private void CheckColumns(RecordMapping record, Dictionary<string, int> header, string source, int line)
    {
        var missing = new List<string>();
        foreach (var field in record.IdFields)
        {
            if (!header.ContainsKey(Mapping.Column(field)))
            {
                missing.Add($"\"{Mapping.Column(field)}\" for the id");
            }
        }

        Need(record.JourneyFields, "the journey");
        Need(record.OccurredAtFields, "the time");
        if (missing.Count > 0)
        {
            throw new CrmImportException(source, line, $"the header lacks the columns record type \"{record.Type}\" of mapping \"{Mapping.Name}\" reads: {string.Join("; ", missing)}.");
        }

        void Need(ImmutableArray<string> fields, string what)
        {
            foreach (var field in fields)
            {
                if (header.ContainsKey(Mapping.Column(field)))
                {
                    return;
                }
            }

            missing.Add($"{string.Join(" or ", fields.Select(f => $"\"{Mapping.Column(f)}\""))} for {what}");
        }
    }

    /// <summary>A CSV row's fields by the header's names.</summary>
    private readonly struct CsvFields(Dictionary<string, int> header, string[] fields) : IRecordFields
    {
        public string? Get(string column) => header.TryGetValue(column, out var index) ? fields[index] : null;
    }

    /// <summary>A <see cref="CrmRecord"/>'s fields.</summary>
    private readonly struct RecordFields(CrmRecord record) : IRecordFields
    {
        public string? Get(string column) => record[column];
    }

    /// <summary>The signals mapped but not yet recorded, and the tally of one source.</summary>
    private sealed class Batch(CrmImporter importer, string tenant, string source, string? recordType, IProgress<CrmImportProgress>? progress, Stream? file)
    {
        private readonly List<(Signal Signal, int Line)> _pending = [];
        private readonly ImmutableArray<CrmSkippedRecord>.Builder _skipped = ImmutableArray.CreateBuilder<CrmSkippedRecord>();
        private int _skippedCount;
        private int _imported;
        private int _duplicates;

        public int Records { get; private set; }

        public void Add(MappedRecord mapped, int line)
        {
            if (mapped.Signal is { } signal)
            {
                Records++;
                _pending.Add((signal, line));
            }
            else
            {
                Skip(mapped.Skipped!);
            }
        }

        public void Skip(CrmSkippedRecord skipped)
        {
            Records++;
            if (_skippedCount++ < CrmImportReport.MaxSkippedListed)
            {
                _skipped.Add(skipped);
            }
        }

        public async Task FlushIfFullAsync(CancellationToken cancellationToken)
        {
            if (_pending.Count >= BatchSize)
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (Records % ProgressEvery == 0)
            {
                Report();
            }
        }

        public async Task<CrmImportReport> FinishAsync(CancellationToken cancellationToken)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
            var skipped = _skipped.ToImmutable();
            return new CrmImportReport(source, recordType, Records, _imported, _duplicates, _skippedCount, skipped.Sort((a, b) => a.Line.CompareTo(b.Line)));
        }

        private async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (_pending.Count > 0)
            {
                // journey order within the batch: a late record costs its journey one rebuild per batch, not one per record
                _pending.Sort((a, b) => Signal.CompareOrder(a.Signal, b.Signal) is var order and not 0 ? order : a.Line.CompareTo(b.Line));
                var signals = new Signal[_pending.Count];
                for (var i = 0; i < signals.Length; i++)
                {
                    signals[i] = _pending[i].Signal;
                }

                var result = await importer._service.RecordAsync(tenant, signals, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < signals.Length; i++)
                {
                    var outcome = result.Signals[i];
                    switch (outcome.Status)
                    {
                        case RecordStatus.Duplicate:
                            _duplicates++;
                            break;
                        case RecordStatus.Refused:
                            Records--; // counted again by Skip
                            Skip(new CrmSkippedRecord(_pending[i].Line, outcome.Signal.Id, CrmSkipReason.Refused, $"the journey service refused record {RecordMapper.Quote(outcome.Signal.Id)}: {outcome.Reason}"));
                            break;
                        default:
                            _imported++;
                            break;
                    }
                }

                _pending.Clear();
            }

            Report();
        }

        private void Report()
            => progress?.Report(new CrmImportProgress(source, Records, file?.Position ?? 0, file?.Length ?? 0));
    }
}
