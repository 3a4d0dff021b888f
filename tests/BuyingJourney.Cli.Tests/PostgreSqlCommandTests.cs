using System;
using System.Threading.Tasks;
using Xunit;

namespace BuyingJourney.Cli.Tests;

/// <summary>import and assess with --postgres instead of the SQLite file.</summary>
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
}
