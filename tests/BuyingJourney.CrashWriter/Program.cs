// The writer of our stores' crash tests (JourneyStoreCrashSuite, from BuyingJourney.Testing): opens the store and runs
// JourneyStoreCrashWriter, which appends batches of signals to one journey in a loop, printing "ACK <batch> <version>"
// after each append the store acknowledged, until it is killed. The tests kill it with SIGKILL mid-batch and check
// the store afterwards.
// Usage: BuyingJourney.CrashWriter sqlite|postgresql <connection string> <tenant> <journey> <batch size> [postgresql schema]
using System;
using System.Globalization;
using BuyingJourney.Persistence;
using BuyingJourney.PostgreSql;
using BuyingJourney.Sqlite;
using BuyingJourney.Testing;

if (args.Length is not (5 or 6) || !int.TryParse(args[4], CultureInfo.InvariantCulture, out var batchSize) || batchSize < 1)
{
    Console.Error.WriteLine("usage: BuyingJourney.CrashWriter sqlite|postgresql <connection string> <tenant> <journey> <batch size> [postgresql schema]");
    return 2;
}

var (kind, connectionString, tenant, journey) = (args[0], args[1], args[2], args[3]);
IJourneyStore store = kind switch
{
    "sqlite" => new SqliteJourneyStore(connectionString),
    "postgresql" => new PostgreSqlJourneyStore(connectionString, args.Length == 6 ? args[5] : PostgreSqlJourneyStore.DefaultSchema),
    _ => throw new ArgumentException($"unknown store kind \"{kind}\"", nameof(args)),
};

await JourneyStoreCrashWriter.RunAsync(store, tenant, journey, batchSize, Console.Out);
return 0;
