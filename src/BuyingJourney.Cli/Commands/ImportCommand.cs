using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Import;
using BuyingJourney.Import.Mapping;

namespace BuyingJourney.Cli.Commands;

/// <summary><c>buyingjourney import</c>: CSV exports through a mapping into the store.</summary>
internal static class ImportCommand
{
    /// <summary>How many skipped records are printed per file; the report keeps more.</summary>
    public const int SkipsShown = 20;

    public static readonly Command Definition = new(
        "import",
        "Import CRM exports (CSV) into the journey store.",
        "<file.csv>...",
        $"""
        Reads each CSV file (UTF-8, RFC 4180: quoted fields may hold commas and line breaks; the first row names the
        columns), turns each record into a signal through the mapping and records it in the store. The record's own id
        is the signal's id: importing the same export again stores nothing new and reports the records as duplicates.
        A file's record type is recognised from its header (or given with --type). Per file it prints what was imported,
        duplicated and skipped, each skip with its line and reason; a file that is not CSV from some line on stops there
        with the line, and the other files are still imported.

        Built-in mappings: {string.Join(", ", CrmMappings.Names)}.
          salesforce  Task, Event, OpportunityHistory and Opportunity exports (API field names: Id, WhatId, Subject, ...).
          hubspot     engagement exports (hs_object_id, hs_engagement_type, hs_timestamp, ...) and deal stage history.
          csv         plain activities (id, journey, date, type, subject, contact, title) and opportunity stage
                      changes (id, journey, date, stage), web visits and forms (id, journey, date, url,
                      form); rename columns with --column.
        Or a mapping file of your own (JSON; print a built-in one with --print-mapping to start from).
        """,
        0,
        int.MaxValue,
        [
            new("mapping", "NAME|FILE", "The mapping: salesforce, hubspot, csv, or a mapping file (.json). Required."),
            new("type", "RECORDTYPE", "The files' record type (e.g. Task), when the header does not tell."),
            new("column", "FIELD=HEADER", "Read a mapping's field from another column, e.g. --column journey=\"Account Name\". Repeatable.", Repeatable: true),
            new("print-mapping", null, "Print the mapping's JSON and stop (a starting point for your own)."),
            .. StoreOptions.Options,
        ],
        [
            "buyingjourney import Task.csv Event.csv OpportunityHistory.csv Opportunity.csv --mapping salesforce",
            "buyingjourney import engagements.csv deal-stages.csv --mapping hubspot --db crm.db",
            "buyingjourney import activities.csv --mapping csv --column journey=Account --column date=When",
            "buyingjourney import export.csv --mapping my-mapping.json --postgres \"Host=db;Database=crm;Username=bj\"",
            "buyingjourney import --mapping hubspot --print-mapping > my-mapping.json",
        ],
        RunAsync);

    private static async Task<int> RunAsync(ParsedArguments args, CliConsole console, CancellationToken cancellationToken)
    {
        var mappingName = args.Value("mapping") ?? throw new UsageException($"give the mapping with --mapping: {string.Join(", ", CrmMappings.Names)}, or a mapping file.");
        if (args.Flag("print-mapping"))
        {
            await console.Out.WriteAsync(CrmMappings.Names.Contains(mappingName.ToLowerInvariant()) ? CrmMappings.Json(mappingName) : await File.ReadAllTextAsync(console.PathOf(mappingName), cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        if (args.Positional.Count == 0)
        {
            throw new UsageException("give one or more CSV files to import.");
        }

        var mapping = await LoadMappingAsync(mappingName, console, cancellationToken).ConfigureAwait(false);
        var columns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in args.Values("column"))
        {
            var equals = column.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == column.Length - 1)
            {
                throw new UsageException($"--column takes FIELD=HEADER, e.g. --column journey=Account; got \"{column}\".");
            }

            columns[column[..equals].Trim()] = column[(equals + 1)..].Trim();
        }

        if (columns.Count > 0)
        {
            mapping = mapping.WithColumns(columns);
        }

        var type = args.Value("type");
        if (type is not null && !mapping.RecordTypes.Any(t => string.Equals(t, type, StringComparison.OrdinalIgnoreCase)))
        {
            throw new UsageException($"mapping \"{mapping.Name}\" has no record type \"{type}\"; it has {string.Join(", ", mapping.RecordTypes)}.");
        }

        var tenant = StoreOptions.Tenant(args);
        await using var store = await StoreOptions.OpenAsync(args, console, create: true, cancellationToken).ConfigureAwait(false);
        var service = new JourneyService(JourneyEngine.CreateDefault(console.Clock), store.Store, timeProvider: console.Clock);
        var importer = new CrmImporter(service, mapping);
        int imported = 0, duplicates = 0, skipped = 0, failed = 0;
        foreach (var file in args.Positional)
        {
            var path = console.PathOf(file);
            var bar = new ProgressBar(console, Path.GetFileName(path));
            CrmImportReport report;
            try
            {
                report = await importer.ImportFileAsync(tenant, path, type, bar, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is CrmImportException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
            {
                bar.Done();
                failed++;
                var message = e is CrmImportException ? e.Message : $"{file}: {e.Message}";
                await console.Error.WriteLineAsync($"buyingjourney import: {message}").ConfigureAwait(false);
                continue;
            }

            bar.Done();
            imported += report.Imported;
            duplicates += report.Duplicates;
            skipped += report.SkippedCount;
            await console.Out.WriteLineAsync(report.ToString()).ConfigureAwait(false);
            foreach (var skip in report.Skipped.Take(SkipsShown))
            {
                await console.Out.WriteLineAsync($"  skipped {skip}").ConfigureAwait(false);
            }

            if (report.SkippedCount > SkipsShown)
            {
                await console.Out.WriteLineAsync($"  ... and {report.SkippedCount - SkipsShown:N0} more skipped.").ConfigureAwait(false);
            }
        }

        var files = args.Positional.Count - failed;
        await console.Out.WriteLineAsync($"Imported {imported:N0} signals from {files:N0} file{(files == 1 ? string.Empty : "s")} with mapping {mapping.Name} into {store.Description} (tenant {tenant}): {duplicates:N0} duplicates, {skipped:N0} skipped{(failed > 0 ? $", {failed} file{(failed == 1 ? string.Empty : "s")} failed" : string.Empty)}.").ConfigureAwait(false);
        return failed > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
    }

    private static async Task<CrmMapping> LoadMappingAsync(string name, CliConsole console, CancellationToken cancellationToken)
    {
        if (CrmMappings.Names.Contains(name.ToLowerInvariant()))
        {
            return CrmMappings.Get(name);
        }

        var path = console.PathOf(name);
        if (!File.Exists(path))
        {
            throw new InputException($"there is no built-in mapping \"{name}\" ({string.Join(", ", CrmMappings.Names)}) and no mapping file {path}.");
        }

        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await CrmMapping.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
            }
            catch (CrmMappingValidationException e)
            {
                throw new InputException($"{path}: {e.Message}");
            }
        }
    }
}
