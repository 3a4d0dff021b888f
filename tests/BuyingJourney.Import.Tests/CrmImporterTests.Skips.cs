using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Import.Mapping;
using Xunit;

namespace BuyingJourney.Import.Tests;

// Every skip reason with its line, re-imports, malformed files, record streams and argument checks.
public sealed partial class CrmImporterTests
{
    private const string ActivityHeader = "id,journey,date,type,subject,contact,title\n";

    [Fact]
    public async Task ImportCsvAsync_EverySkipReason_IsReportedWithItsLineAndRecord()
    {
        await using var stores = Stores.Create("memory");
        var csv = ActivityHeader
            + "a-1,acme,2026-03-02,call,Kickoff,c-1,CEO\n"                  // 2: imported
            + "a-2,acme,2026-03-03,call,too,few\n"                          // 3: malformed (6 fields)
            + "\"a-3\"x,acme,2026-03-03,call,Demo,c-1,CEO\n"                 // 4: text after a closing quote
            + ",acme,2026-03-04,call,Demo,c-1,CEO\n"                        // 5: no id
            + "a-5,,2026-03-04,call,Demo,c-1,CEO\n"                         // 6: no journey
            + "a-6,acme,,call,Demo,c-1,CEO\n"                               // 7: no date
            + "a-7,acme,04.03.2026,call,Demo,c-1,CEO\n"                     // 8: bad date
            + "\"a\tb\",acme,2026-03-05,call,Demo,c-1,CEO\n"                 // 9: an id with a control character
            + "a-9,acme,2030-01-01,call,Demo,c-1,CEO\n";                    // 10: in the future: refused by the service

        var report = await stores.Importer(CrmMappings.Csv).ImportCsvAsync(Stores.Tenant, new StringReader(csv), "activities.csv", "activity", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((9, 1, 0, 8), (report.Records, report.Imported, report.Duplicates, report.SkippedCount));
        Assert.Equal(
            [
                (3, null, CrmSkipReason.MalformedRow), (4, null, CrmSkipReason.MalformedRow), (5, null, CrmSkipReason.MissingId),
                (6, "a-5", CrmSkipReason.MissingJourney), (7, "a-6", CrmSkipReason.MissingDate), (8, "a-7", CrmSkipReason.BadDate),
                (9, "a\tb", CrmSkipReason.InvalidSignal), (10, "a-9", CrmSkipReason.Refused),
            ],
            report.Skipped.Select(s => (s.Line, s.RecordId, s.Reason)));
        Assert.Contains("the row has 6 fields; the header has 7", report.Skipped[0].Message, StringComparison.Ordinal);
        Assert.Contains("column \"id\" is blank or missing", report.Skipped[2].Message, StringComparison.Ordinal);
        Assert.Contains("\"04.03.2026\"", report.Skipped[5].Message, StringComparison.Ordinal);
        Assert.Contains("control characters", report.Skipped[6].Message, StringComparison.Ordinal);
        Assert.Contains("ahead of the service's clock", report.Skipped[7].Message, StringComparison.Ordinal);
        Assert.Single(await stores.Store.ReadAsync(Stores.Tenant, "acme", cancellationToken: TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task ImportFileAsync_TheSameFileAgain_ReportsDuplicatesAndStoresNothingNew(string kind)
    {
        await using var stores = Stores.Create(kind);
        var importer = stores.Importer(CrmMappings.Salesforce);
        var ct = TestContext.Current.CancellationToken;
        await importer.ImportFileAsync(Stores.Tenant, Stores.Sample("salesforce-opportunityhistory.csv"), cancellationToken: ct);
        var version = await stores.Store.GetVersionAsync(Stores.Tenant, "006Aa0000011111AAA", ct);

        var again = await importer.ImportFileAsync(Stores.Tenant, Stores.Sample("salesforce-opportunityhistory.csv"), cancellationToken: ct);

        Assert.Equal((6, 0, 6, 0), (again.Records, again.Imported, again.Duplicates, again.SkippedCount));
        Assert.Equal(version, await stores.Store.GetVersionAsync(Stores.Tenant, "006Aa0000011111AAA", ct));
        Assert.Equal(5, (await stores.Store.ReadAsync(Stores.Tenant, "006Aa0000011111AAA", cancellationToken: ct)).Count);
    }

    [Fact]
    public async Task ImportCsvAsync_ARecordTwiceInOneFile_IsOneSignalAndOneDuplicate()
    {
        await using var stores = Stores.Create("memory");
        var csv = ActivityHeader + "a-1,acme,2026-03-02,call,Kickoff,c-1,CEO\na-1,acme,2026-03-02,call,Kickoff,c-1,CEO\n";

        var report = await stores.Importer(CrmMappings.Csv).ImportCsvAsync(Stores.Tenant, new StringReader(csv), "twice.csv", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((2, 1, 1), (report.Records, report.Imported, report.Duplicates));
    }

    [Fact]
    public async Task ImportCsvAsync_RecordsOutOfOrderAcrossBatches_EqualTheReplayOfAllSignals()
    {
        await using var stores = Stores.Create("memory");
        var csv = new StringBuilder(ActivityHeader);
        var day = new DateTime(2026, 1, 1);
        for (var i = 0; i < CrmImporter.BatchSize * 2 + 17; i++)
        {
            // newest first, as many exports sort
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"a-{i},acme,{day.AddHours(-i):yyyy-MM-ddTHH:mm:ssZ},call,{(i % 3 == 0 ? "Demo" : "Pricing")},c-1,CEO\n");
        }

        var report = await stores.Importer(CrmMappings.Csv).ImportCsvAsync(Stores.Tenant, new StringReader(csv.ToString()), "many.csv", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(CrmImporter.BatchSize * 2 + 17, report.Imported);
        var signals = (await stores.Store.ReadAsync(Stores.Tenant, "acme", cancellationToken: TestContext.Current.CancellationToken)).Select(s => s.Signal).ToList();
        var assessed = await stores.Service.GetAsync(Stores.Tenant, "acme", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(stores.Engine.Replay("acme", signals), assessed.State);
    }

    [Fact]
    public async Task ImportCsvAsync_UnterminatedQuote_ThrowsWithTheLineAfterStoringTheRowsBefore()
    {
        await using var stores = Stores.Create("memory");
        var csv = ActivityHeader + "a-1,acme,2026-03-02,call,Kickoff,c-1,CEO\na-2,acme,2026-03-03,call,\"Demo\nand more,c-1,CEO\n";

        var e = await Assert.ThrowsAsync<CrmImportException>(() => stores.Importer(CrmMappings.Csv).ImportCsvAsync(Stores.Tenant, new StringReader(csv), "broken.csv", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(("broken.csv", 3), (e.SourceName, e.Line));
        Assert.StartsWith("broken.csv, line 3: the quoted field 5", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("The rows before it: 1 read, 1 imported, 0 duplicates, 0 skipped.", e.Message, StringComparison.Ordinal);
        Assert.Equal("a-1", Assert.Single(await stores.Store.ReadAsync(Stores.Tenant, "acme", cancellationToken: TestContext.Current.CancellationToken)).Signal.Id);
    }

    [Theory]
    [InlineData("", 0, "the file is empty")]
    [InlineData("Foo,Bar\n1,2\n", 1, "is of no record type of mapping \"csv\": opportunity (columns stage); web (columns url); activity (columns subject)")]
    [InlineData("id,subject,Subject\n", 1, "names column \"Subject\" twice (columns 2 and 3")]
    [InlineData("id,subject,contact\n", 1, "lacks the columns record type \"activity\" of mapping \"csv\" reads: \"journey\" for the journey; \"date\" for the time")]
    public async Task ImportCsvAsync_AFileTheMappingCannotRead_NamesWhatIsMissing(string csv, int line, string message)
    {
        await using var stores = Stores.Create("memory");

        var e = await Assert.ThrowsAsync<CrmImportException>(() => stores.Importer(CrmMappings.Csv).ImportCsvAsync(Stores.Tenant, new StringReader(csv), "bad.csv", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(line, e.Line);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportFileAsync_NotUtf8_NamesTheLine()
    {
        await using var stores = Stores.Create("memory");
        var path = Path.Combine(Path.GetTempPath(), $"buyingjourney-import-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(path, [.. Encoding.UTF8.GetBytes(ActivityHeader + "a-1,acme,2026-03-02,call,Kick"), 0xFF, 0xFE, .. "off,c-1,CEO\n"u8], TestContext.Current.CancellationToken);
        try
        {
            var e = await Assert.ThrowsAsync<CrmImportException>(() => stores.Importer(CrmMappings.Csv).ImportFileAsync(Stores.Tenant, path, cancellationToken: TestContext.Current.CancellationToken));

            Assert.Contains("not UTF-8", e.Message, StringComparison.Ordinal);
            Assert.Equal(path, e.SourceName);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ImportAsync_ARecordStream_MapsEachByItsTypeAndSkipsUnknownTypes()
    {
        await using var stores = Stores.Create("memory");
        var progress = new List<CrmImportProgress>();

        var report = await stores.Importer(CrmMappings.Salesforce).ImportAsync(Stores.Tenant, Records(Ct), "api", new Progress(progress), TestContext.Current.CancellationToken);

        Assert.Equal((3, 2, 1), (report.Records, report.Imported, report.SkippedCount));
        Assert.Null(report.RecordType);
        var skipped = Assert.Single(report.Skipped);
        Assert.Equal((2, CrmSkipReason.UnknownRecordType), (skipped.Line, skipped.Reason));
        Assert.Contains("\"Lead\" is not in mapping \"salesforce\", which maps Task, Event, OpportunityHistory, Opportunity", skipped.Message, StringComparison.Ordinal);
        Assert.Equal(new CrmImportProgress("api", 3, 0, 0), progress[^1]);
        var stored = (await stores.Store.ReadAsync(Stores.Tenant, "006X", cancellationToken: TestContext.Current.CancellationToken)).Select(s => s.Signal.Type);
        Assert.Equal(["rfp.issued", "deal.lost"], stored);

        static async IAsyncEnumerable<CrmRecord> Records([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return new CrmRecord("task", new Dictionary<string, string?> { ["ID"] = "00T1", ["whatid"] = "006X", ["Subject"] = "RFP received", ["CreatedDate"] = "2026-03-01T10:00:00.000+0000" });
            yield return new CrmRecord("Lead", new Dictionary<string, string?> { ["Id"] = "00Q1" });
            yield return new CrmRecord("Opportunity", new Dictionary<string, string?> { ["Id"] = "006X", ["IsClosed"] = "1", ["IsWon"] = "0", ["CloseDate"] = "2026-04-01", ["Amount"] = null });
        }
    }

    [Fact]
    public async Task ImportFileAsync_ReportsProgressWithTheFileLength()
    {
        await using var stores = Stores.Create("memory");
        var progress = new List<CrmImportProgress>();
        var path = Stores.Sample("salesforce-opportunityhistory.csv");

        await stores.Importer(CrmMappings.Salesforce).ImportFileAsync(Stores.Tenant, path, progress: new Progress(progress), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(new CrmImportProgress(path, 6, new FileInfo(path).Length, new FileInfo(path).Length), progress[^1]);
    }

    [Fact]
    public async Task Arguments_AreChecked()
    {
        await using var stores = Stores.Create("memory");
        var importer = stores.Importer(CrmMappings.Csv);

        Assert.Throws<ArgumentNullException>(() => new CrmImporter(null!, CrmMappings.Csv));
        Assert.Throws<ArgumentNullException>(() => new CrmImporter(stores.Service, null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => importer.ImportFileAsync(Stores.Tenant, null!, cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentNullException>(() => importer.ImportCsvAsync(Stores.Tenant, null!, "x", cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentNullException>(() => importer.ImportAsync(null!, AsyncEnumerable.Empty<CrmRecord>(), "x", cancellationToken: Ct));
        var e = await Assert.ThrowsAsync<ArgumentException>(() => importer.ImportCsvAsync(Stores.Tenant, new StringReader(ActivityHeader), "x", "Task", cancellationToken: Ct));
        Assert.Contains("record type \"Task\" is not in mapping \"csv\", which maps opportunity, web, activity", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<FileNotFoundException>(() => importer.ImportFileAsync(Stores.Tenant, Path.Combine(Path.GetTempPath(), "no-such-export.csv"), cancellationToken: Ct));
        Assert.Throws<ArgumentException>(() => new CrmRecord(" ", new Dictionary<string, string?>()));
        Assert.Throws<ArgumentException>(() => new CrmRecord("Task", new Dictionary<string, string?> { ["Id"] = "1", ["ID"] = "2" }));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Collects progress reports synchronously (System.Progress posts them to the thread pool).</summary>
    private sealed class Progress(List<CrmImportProgress> reports) : IProgress<CrmImportProgress>
    {
        public void Report(CrmImportProgress value) => reports.Add(value);
    }
}
