using System;
using System.Threading.Tasks;
using Xunit;

namespace BuyingJourney.Cli.Tests;

/// <summary>import, assess and analyze with --postgres instead of the SQLite file.</summary>
public sealed class PostgreSqlCommandTests(CliPostgreSql postgres)
{
    [Fact]
    public async Task ImportThenAssess_OnPostgreSql_StoreAndReadTheJourney()
    {
        using var cli = new CliRun();
        var connection = await postgres.NewDatabaseAsync();

        var (code, output, error) = await cli.RunAsync("import", CliRun.Sample("opportunities.csv"), "--mapping", "csv", "--postgres", connection, "--tenant", "pg");
        var (again, second, _) = await cli.RunAsync("import", CliRun.Sample("opportunities.csv"), "--mapping", "csv", "--postgres", connection, "--tenant", "pg");
        var (assessed, journey, _) = await cli.RunAsync("assess", "acme", "--postgres", connection, "--tenant", "pg");

        Assert.Equal((ExitCodes.Ok, ""), (code, error));
        Assert.Contains("Imported 4 signals from 1 file with mapping csv into PostgreSQL (tenant pg)", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, again);
        Assert.Contains("4 duplicates", second, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, assessed);
        Assert.StartsWith("Journey acme: Won", journey, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(cli.PathOf("buyingjourney.db")));
    }

    [Fact]
    public async Task ImportThenAnalyze_OnPostgreSql_ReadsTheTenantsJourneys()
    {
        using var cli = new CliRun();
        var connection = await postgres.NewDatabaseAsync();
        await cli.RunAsync("import", CliRun.Sample("opportunities.csv"), CliRun.Sample("web.csv"), "--mapping", "csv", "--postgres", connection, "--tenant", "pg");

        var (code, output, error) = await cli.RunAsync("analyze", "--postgres", connection, "--tenant", "pg");
        var (other, _, otherError) = await cli.RunAsync("analyze", "--postgres", connection, "--tenant", "nobody");

        // Both files are about acme: one journey, won (Closed Won on 2026-04-01).
        Assert.Equal((ExitCodes.Ok, ""), (code, error));
        Assert.StartsWith("Pipeline of tenant pg in PostgreSQL, as of 2026-06-01 09:00 UTC", output, StringComparison.Ordinal);
        Assert.Contains("\n1 journey: 0 open, 0 at risk, 0 stalled, 1 won, 0 lost\n", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, other);
        Assert.Contains("tenant nobody has no journeys in PostgreSQL", otherError, StringComparison.Ordinal);
    }
}
