using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace BuyingJourney.Cli.Tests;

// The tool in-process, part: analyze over the Salesforce sample exports. Those hold four journeys, counted by hand from
// the files: opportunity 006…1111 won (Closed Won on 2026-03-30), 006…3333 lost (Closed Lost on 2026-04-02), 006…2222
// open since its one stage change on 2026-03-11, and the account 001…acme open since its weekly sync on 2026-03-19 (a task
// with an account and no opportunity). As of the tool's test clock, 2026-06-01 09:00, the two open ones have been silent
// 82 and 74 days.
public sealed partial class CommandLineTests
{
    [Fact]
    public async Task Analyze_TheImportedPipeline_PrintsStatusesStagesTasksAndTheQuietJourneys()
    {
        using var cli = new CliRun();
        await cli.RunAsync(["import", .. SalesforceFiles.Select(CliRun.Sample), "--mapping", "salesforce"]);

        var (code, output, error) = await cli.RunAsync("analyze");

        Assert.Equal((ExitCodes.Ok, ""), (code, error));
        Assert.StartsWith(
            $"Pipeline of tenant default in {cli.PathOf("buyingjourney.db")}, as of 2026-06-01 09:00 UTC (model gartner, rulebook gartner-default 1.0.0, stages seller-stages)\n"
            + "4 journeys: 2 open, 0 at risk, 0 stalled, 1 won, 1 lost\nOverall win rate: 1 of 2 won (50%)",
            output,
            StringComparison.Ordinal);
        Assert.Contains("\nSeller stages\n  stage ", output, StringComparison.Ordinal);
        Assert.Contains("\nBuying tasks (journeys per phase now)\n", output, StringComparison.Ordinal);
        Assert.Contains("\nThe maze: which task follows which\n", output, StringComparison.Ordinal);
        Assert.Contains("\nForecast: 2 open journeys, 1.0 expected wins\n", output, StringComparison.Ordinal);
        var quiet = output[output.IndexOf("\nQuiet journeys, the longest silent first\n", StringComparison.Ordinal)..].Split('\n');
        Assert.Matches(@"^  006Aa0000022222AAA +\S+ +2026-03-11 +82 days$", quiet[3]);
        Assert.Matches(@"^  001Aa000000acmeAAA +\S+ +2026-03-19 +74 days$", quiet[4]);
    }

    [Fact]
    public async Task Analyze_AsOfAndWeeks_LeavesLaterSignalsOut()
    {
        using var cli = new CliRun();
        await cli.RunAsync(["import", .. SalesforceFiles.Select(CliRun.Sample), "--mapping", "salesforce"]);

        var (code, output, _) = await cli.RunAsync("analyze", "--as-of", "2026-03-25", "--period", "week");

        // By 2026-03-25 nothing had closed (1111 won on the 30th) and 3333 had no signal yet (its only one is the loss on 2026-04-02).
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("\n3 journeys: 3 open, 0 at risk, 0 stalled, 0 won, 0 lost; 1 with no signal yet\nOverall win rate: none closed.", output, StringComparison.Ordinal);
        Assert.Contains("\nFlow per week (the latest 12)\n", output, StringComparison.Ordinal);
        Assert.Contains("no journey has closed yet", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_AsOfBeforeAnySignalCanBe_ExitsWithUsageAndSaysTheRange()
    {
        using var cli = new CliRun();
        await cli.RunAsync("import", CliRun.Sample("opportunities.csv"), "--mapping", "csv");

        var (code, _, error) = await cli.RunAsync("analyze", "--as-of", "1850-01-01");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("buyingjourney analyze: asOf must be between 1900-01-01T00:00:00.0000000+00:00 and ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_Html_WritesTheDashboardAndTheLinkedReportsOfTheQuietJourneys()
    {
        using var cli = new CliRun();
        await cli.RunAsync(["import", .. SalesforceFiles.Select(CliRun.Sample), "--mapping", "salesforce"]);

        var (code, output, _) = await cli.RunAsync("analyze", "--html", "out/pipeline.html", "--reports", "out/journeys");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(
            $"Wrote 2 journey reports to {cli.PathOf("out/journeys")}\nWrote the dashboard of 4 journeys (tenant default, as of 2026-06-01 09:00 UTC) to {cli.PathOf("out/pipeline.html")}\n",
            output);
        var dashboard = File.ReadAllText(cli.PathOf("out/pipeline.html"));
        Assert.StartsWith("<!DOCTYPE html>", dashboard, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"journeys/006Aa0000022222AAA.html\"", dashboard, StringComparison.Ordinal);
        Assert.Contains("href=\"journeys/001Aa000000acmeAAA.html\"", dashboard, StringComparison.Ordinal);
        Assert.Equal(
            ["001Aa000000acmeAAA.html", "006Aa0000022222AAA.html"],
            Directory.GetFiles(cli.PathOf("out/journeys")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var report = File.ReadAllText(cli.PathOf("out/journeys/006Aa0000022222AAA.html"));
        Assert.Contains("data-signal=\"008Aa000006ccccAAA\"", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_Compare_AddsWhatTheOtherRulebookWouldChange()
    {
        using var cli = new CliRun();
        await cli.RunAsync(["import", .. SalesforceFiles.Select(CliRun.Sample), "--mapping", "salesforce"]);
        File.WriteAllText(cli.PathOf("acme.rulebook.json"), ChangedRulebook());

        var (code, output, _) = await cli.RunAsync("analyze", "--as-of", "2026-03-25", "--compare", "acme.rulebook.json");

        // The journeys with a signal by then (3333 has none) under each rulebook, the same diff reinterpret prints; the
        // price request in 1111's history now also opens solution exploration.
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains(
            "\nUnder the rulebook acme-rules 1.0.0:\n--- rulebook gartner-default 1.0.0\n+++ rulebook acme-rules 1.0.0\n@@ 3 journeys of tenant default: 1 changed @@\n"
            + "- SolutionExploration        NotStarted\n+ SolutionExploration        Active      1 journey\n  loop-backs: +0 appear, -0 vanish\n",
            output,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_ATenantWithoutJourneys_ExitsNotFound()
    {
        using var cli = new CliRun();
        var (noDb, _, noDbError) = await cli.RunAsync("analyze");
        await cli.RunAsync("import", CliRun.Sample("opportunities.csv"), "--mapping", "csv");

        var (code, _, error) = await cli.RunAsync("analyze", "--tenant", "t2");

        Assert.Equal(ExitCodes.BadInput, noDb);
        Assert.Contains($"there is no database at {cli.PathOf("buyingjourney.db")}; import an export first", noDbError, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains($"tenant t2 has no journeys in {cli.PathOf("buyingjourney.db")}; import an export first", error, StringComparison.Ordinal);
    }
}
