// Runs one command with BUYINGJOURNEY_POSTGRES set to a connection string to a new, empty database, and exits with the
// command's exit code. The server is the test suites' throw-away one (tests/Shared/ThrowawayPostgreSql.cs), started for
// this command and stopped after it, or the server named by BUYINGJOURNEY_TEST_POSTGRES when that is set.
// Usage: BuyingJourney.WithPostgreSql <command> [arguments...]
using System;
using System.Diagnostics;
using BuyingJourney.Testing.Shared;

const string ExternalServerVariable = "BUYINGJOURNEY_TEST_POSTGRES";
const string ConnectionStringVariable = "BUYINGJOURNEY_POSTGRES";

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: BuyingJourney.WithPostgreSql <command> [arguments...]");
    return 2;
}

ThrowawayPostgreSql? server = null;
try
{
    var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
    if (string.IsNullOrEmpty(external))
    {
        server = await ThrowawayPostgreSql.StartAsync("buyingjourney-with-postgresql-", ExternalServerVariable);
    }

    var database = await ThrowawayPostgreSql.CreateDatabaseAsync(server?.ConnectionString ?? external!, "with_postgresql_");
    var start = new ProcessStartInfo(args[0]) { UseShellExecute = false };
    foreach (var argument in args[1..])
    {
        start.ArgumentList.Add(argument);
    }

    start.Environment[ConnectionStringVariable] = database;
    using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {args[0]}.");
    await process.WaitForExitAsync();
    return process.ExitCode;
}
catch (Exception exception) when (exception is InvalidOperationException or PlatformNotSupportedException or System.ComponentModel.Win32Exception or Npgsql.NpgsqlException)
{
    Console.Error.WriteLine($"BuyingJourney.WithPostgreSql: {exception.Message}");
    return 3;
}
finally
{
    if (server is not null)
    {
        await server.DisposeAsync();
    }
}
