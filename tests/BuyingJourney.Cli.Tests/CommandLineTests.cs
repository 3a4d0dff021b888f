using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Import.Mapping;
using Xunit;

namespace BuyingJourney.Cli.Tests;

/// <summary>The tool in-process: help, usage errors, and each command on the sample exports.</summary>
public sealed partial class CommandLineTests
{
    private static readonly string[] SalesforceFiles = ["salesforce-task.csv", "salesforce-event.csv", "salesforce-opportunityhistory.csv", "salesforce-opportunity.csv"];

    [Fact]
    public async Task Help_ListsEveryCommandTheTwoCommandsAndTheExitCodes()
    {
        using var cli = new CliRun();

        var (code, output, _) = await cli.RunAsync("--help");

        Assert.Equal(ExitCodes.Ok, code);
        foreach (var command in CommandLine.Commands)
        {
            Assert.Contains($"  {command.Name,-12} {command.Summary}", output, StringComparison.Ordinal);
        }

        Assert.Contains("buyingjourney import Task.csv OpportunityHistory.csv --mapping salesforce", output, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0 done; 1 unexpected failure", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("import")]
    [InlineData("assess")]
    [InlineData("analyze")]
    [InlineData("reinterpret")]
    public async Task CommandHelp_TeachesWithUsageOptionsAndAnExample(string name)
    {
        using var cli = new CliRun();

        var (code, output, _) = await cli.RunAsync(name, "--help");
        var (again, viaHelp, _) = await cli.RunAsync("help", name);

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (code, again));
        Assert.Equal(output, viaHelp);
        Assert.Contains($"Usage: buyingjourney {name} ", output, StringComparison.Ordinal);
        Assert.Contains("Options:\n  --", output, StringComparison.Ordinal);
        Assert.Contains($"Examples:\n  buyingjourney {name} ", output, StringComparison.Ordinal);
        Assert.Contains("--db FILE", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "Usage: buyingjourney <command>")]
    [InlineData(new[] { "analyse" }, "unknown command \"analyse\"; the commands are import, assess, analyze, reinterpret. Did you mean analyze?")]
    [InlineData(new[] { "report" }, "unknown command \"report\"; the commands are import, assess, analyze, reinterpret. Run buyingjourney --help.")]
    [InlineData(new[] { "analyze", "acme" }, "analyze takes no arguments, only options; got \"acme\".")]
    [InlineData(new[] { "analyze", "--period", "year" }, "--period takes month or week; got \"year\".")]
    [InlineData(new[] { "analyze", "--stages", "hubspot" }, "--stages takes seller-stages or salesforce-standard; got \"hubspot\".")]
    [InlineData(new[] { "analyze", "--reports", "journeys" }, "--reports writes the reports the dashboard links to; give --html FILE too.")]
    [InlineData(new[] { "import", "x.csv", "--mapping", "csv", "--colour", "red" }, "import has no option --colour")]
    [InlineData(new[] { "import", "x.csv" }, "give the mapping with --mapping")]
    [InlineData(new[] { "import", "x.csv", "--mapping" }, "--mapping needs a value: --mapping NAME|FILE.")]
    [InlineData(new[] { "import", "x.csv", "--mapping", "csv", "--column", "journey" }, "--column takes FIELD=HEADER")]
    [InlineData(new[] { "import", "x.csv", "--mapping", "csv", "--type", "Task" }, "mapping \"csv\" has no record type \"Task\"; it has opportunity, web, activity.")]
    [InlineData(new[] { "assess" }, "assess needs <journey-id>.")]
    [InlineData(new[] { "assess", "a", "b" }, "got also \"b\"")]
    [InlineData(new[] { "assess", "a", "--as-of", "soon" }, "--as-of takes a time such as 2026-04-01")]
    [InlineData(new[] { "assess", "a", "--db", "x.db", "--postgres", "Host=x" }, "give --db or --postgres, not both.")]
    public async Task WrongCommandLine_ExitsWithUsageAndSaysWhat(string[] args, string message)
    {
        using var cli = new CliRun();

        var (code, _, error) = await cli.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_SalesforceExports_ReportsEachFileAndReimportsAsDuplicates()
    {
        using var cli = new CliRun();
        string[] args = ["import", .. SalesforceFiles.Select(CliRun.Sample), "--mapping", "salesforce"];

        var (code, output, error) = await cli.RunAsync(args);
        var (again, second, _) = await cli.RunAsync(args);

        Assert.Equal((ExitCodes.Ok, ""), (code, error));
        Assert.Contains("salesforce-task.csv (Task): 7 records, 5 imported, 0 duplicates, 2 skipped\n  skipped line 8: MissingJourney: ", output, StringComparison.Ordinal);
        Assert.Contains("  skipped line 9: BadDate: record \"00TAa000007aaaaAAA\" has the date \"03/21/2026\"", output, StringComparison.Ordinal);
        Assert.EndsWith($"Imported 15 signals from 4 files with mapping salesforce into {cli.PathOf("buyingjourney.db")} (tenant default): 0 duplicates, 3 skipped.\n", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, again);
        Assert.EndsWith("Imported 0 signals from 4 files with mapping salesforce into " + cli.PathOf("buyingjourney.db") + " (tenant default): 15 duplicates, 3 skipped.\n", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_AMalformedFile_NamesItsLineImportsTheOthersAndExitsBadInput()
    {
        using var cli = new CliRun();
        File.WriteAllText(cli.PathOf("broken.csv"), "id,journey,date,stage\nb-1,acme,2026-03-01,Lead\nb-2,acme,2026-03-02,\"Qualified\n");

        var (code, output, error) = await cli.RunAsync("import", "broken.csv", CliRun.Sample("opportunities.csv"), "--mapping", "csv", "--db", "crm.db");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"buyingjourney import: {cli.PathOf("broken.csv")}, line 3: the quoted field 4", error, StringComparison.Ordinal);
        Assert.Contains("The rows before it: 1 read, 1 imported, 0 duplicates, 0 skipped.", error, StringComparison.Ordinal);
        Assert.Contains("opportunities.csv (opportunity): 4 records, 4 imported", output, StringComparison.Ordinal);
        Assert.Contains("Imported 4 signals from 1 file with mapping csv", output, StringComparison.Ordinal);
        Assert.True(File.Exists(cli.PathOf("crm.db")));
    }

    [Fact]
    public async Task Import_ColumnsAndAMappingFile_AreUsed()
    {
        using var cli = new CliRun();
        var (printed, json, _) = await cli.RunAsync("import", "--mapping", "csv", "--print-mapping");
        File.WriteAllText(cli.PathOf("mine.json"), json);

        var (code, output, _) = await cli.RunAsync(
            "import", CliRun.Sample("activities.csv"), "--mapping", "mine.json", "--tenant", "t2",
            "--column", "id=Activity ID", "--column", "journey=Account", "--column", "date=When", "--column", "subject=Notes", "--column", "contact=Contact", "--column", "title=Job Title");

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (printed, code));
        Assert.Equal(CrmMappings.Csv.ToString(), CrmMapping.Load(json).ToString());
        Assert.Contains("activities.csv (activity): 4 records, 4 imported, 0 duplicates, 0 skipped", output, StringComparison.Ordinal);
        Assert.Contains("(tenant t2)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ABadMappingFile_NamesTheJsonPath()
    {
        using var cli = new CliRun();
        File.WriteAllText(cli.PathOf("bad.json"), """{ "name": "m", "version": "1", "records": [ { "type": "T", "id": "Id", "journey": "J", "signals": [ { "signalType": "x" } ] } ] }""");

        var (code, _, error) = await cli.RunAsync("import", "x.csv", "--mapping", "bad.json");
        var (missing, _, missingError) = await cli.RunAsync("import", "x.csv", "--mapping", "pipedrive");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("bad.json: the CRM mapping is not valid: $.records[0].occurredAt: the required property \"occurredAt\" is missing.", error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, missing);
        Assert.Contains("there is no built-in mapping \"pipedrive\" (salesforce, hubspot, csv) and no mapping file", missingError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assess_AnImportedJourney_PrintsItsTasksLanesAndAdvice()
    {
        using var cli = new CliRun();
        await cli.RunAsync(["import", .. SalesforceFiles.Select(CliRun.Sample), "--mapping", "salesforce"]);

        var (code, output, _) = await cli.RunAsync("assess", "006Aa0000011111AAA", "--as-of", "2026-03-25");
        var (won, wonOutput, _) = await cli.RunAsync("assess", "006Aa0000011111AAA");

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (code, won));
        Assert.StartsWith("Journey 006Aa0000011111AAA: Open, as of 2026-03-25 00:00 UTC (10 signals, rulebook gartner-default 1.0.0)\nActive: RequirementsBuilding, SupplierSelection, Validation, ConsensusCreation\n", output, StringComparison.Ordinal);
        Assert.Contains("  ProblemIdentification      Completed   score   0.00\n", output, StringComparison.Ordinal);
        Assert.Contains("Problem identification          ███████✓", output, StringComparison.Ordinal);
        Assert.Contains("  003Aa000000pro1AAA (purchaser) Engaged\n", output, StringComparison.Ordinal);
        Assert.Contains("Next best actions:\n  1. ", output, StringComparison.Ordinal);
        Assert.StartsWith("Journey 006Aa0000011111AAA: Won, as of 2026-06-01 09:00 UTC (12 signals", wonOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assess_Html_WritesTheJourneyReport()
    {
        using var cli = new CliRun();
        await cli.RunAsync("import", CliRun.Sample("hubspot-engagement.csv"), CliRun.Sample("hubspot-dealstage-history.csv"), "--mapping", "hubspot");

        var (code, output, _) = await cli.RunAsync("assess", "9001", "--html", "journey.html");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal($"Wrote the journey report of 9001 (8 signals, as of 2026-06-01 09:00 UTC) to {cli.PathOf("journey.html")}\n", output);
        var html = File.ReadAllText(cli.PathOf("journey.html"));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.OrdinalIgnoreCase);
        foreach (var id in new[] { "1001", "1002", "1003", "1004", "9001:qualifiedtobuy:2026-03-04T10:00:00.000Z" })
        {
            Assert.Contains($"data-signal=\"{id}\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Assess_UnknownJourneyOrNoDatabase_SaysWhatThereIs()
    {
        using var cli = new CliRun();
        var (noDb, _, noDbError) = await cli.RunAsync("assess", "acme");
        await cli.RunAsync("import", CliRun.Sample("opportunities.csv"), "--mapping", "csv");

        var (code, _, error) = await cli.RunAsync("assess", "globex");

        Assert.Equal(ExitCodes.BadInput, noDb);
        Assert.Contains($"there is no database at {cli.PathOf("buyingjourney.db")}; import an export first", noDbError, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains("journey \"globex\" has no signals in", error, StringComparison.Ordinal);
        Assert.Contains("journeys there include acme.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reinterpret_AChangedRulebook_PrintsThePhaseChangesAsADiff()
    {
        using var cli = new CliRun();
        await cli.RunAsync(["import", .. SalesforceFiles.Select(CliRun.Sample), "--mapping", "salesforce"]);
        File.WriteAllText(cli.PathOf("acme.rulebook.json"), ChangedRulebook());

        var (code, output, _) = await cli.RunAsync("reinterpret", "acme.rulebook.json", "--as-of", "2026-03-25");
        var (same, sameOutput, _) = await cli.RunAsync("reinterpret", WriteDefault(cli), "--as-of", "2026-03-25");

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (code, same));
        Assert.Equal(
            "--- rulebook gartner-default 1.0.0\n+++ rulebook acme-rules 1.0.0\n@@ 4 journeys of tenant default: 1 changed @@\n"
            + "- SolutionExploration        NotStarted\n+ SolutionExploration        Active      1 journey\n  loop-backs: +0 appear, -0 vanish\n",
            output);
        Assert.Contains("no journey changes under the new rulebook", sameOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reinterpret_ABadRulebook_NamesTheJsonPath()
    {
        using var cli = new CliRun();
        File.WriteAllText(cli.PathOf("bad.rulebook.json"), """{ "name": "x", "version": "1", "model": "gartner", "rules": [ { "id": "r", "signalType": "t", "evidence": [ { "task": "Pricing", "strength": "strong" } ], "reason": "r" } ] }""");

        var (code, _, error) = await cli.RunAsync("reinterpret", "bad.rulebook.json");
        var (missing, _, missingError) = await cli.RunAsync("reinterpret", "none.json");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("$.rules[0].evidence[0].task: unknown task \"Pricing\"", error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, missing);
        Assert.Contains("no such file: ", missingError, StringComparison.Ordinal);
    }

    /// <summary>The default rulebook renamed acme-rules, with a price request also counting as strong evidence of solution exploration.</summary>
    private static string ChangedRulebook()
    {
        var changed = Rules.Json.RulebookJson.GartnerDefaultJson
            .Replace("\"name\": \"gartner-default\"", "\"name\": \"acme-rules\"", StringComparison.Ordinal)
            .Replace(
                "{ \"task\": \"SupplierSelection\", \"strength\": \"normal\" }\n      ],\n      \"reason\": \"the customer asked for prices\"",
                "{ \"task\": \"SupplierSelection\", \"strength\": \"normal\" },\n        { \"task\": \"SolutionExploration\", \"strength\": \"strong\" }\n      ],\n      \"reason\": \"the customer asked for prices\"",
                StringComparison.Ordinal);
        Assert.NotEqual(Rules.Json.RulebookJson.GartnerDefaultJson, changed);
        return changed;
    }

    private static string WriteDefault(CliRun cli)
    {
        File.WriteAllText(cli.PathOf("default.rulebook.json"), Rules.Json.RulebookJson.GartnerDefaultJson);
        return "default.rulebook.json";
    }
}
