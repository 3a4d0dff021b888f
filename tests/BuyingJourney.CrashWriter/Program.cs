// Appends batches of signals to one journey in a loop, printing "ACK <batch> <version>" after each append the store
// acknowledged, until it is killed. The crash tests kill it with SIGKILL mid-batch and check the store afterwards.
// Usage: BuyingJourney.CrashWriter sqlite|postgresql <connection string> <tenant> <journey> <batch size> [postgresql schema]
using System;
using System.Globalization;
using System.Linq;
using BuyingJourney.Persistence;
using BuyingJourney.PostgreSql;
using BuyingJourney.Signals;
using BuyingJourney.Sqlite;

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

var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
var version = await store.GetVersionAsync(tenant, journey);
for (var batch = (int)(version / batchSize); ; batch++)
{
    var signals = Enumerable.Range(0, batchSize)
        .Select(i => new Signal($"b{batch:000000}-{i:0000}", journey, start.AddMinutes((batch * batchSize) + i), SignalTypes.RequirementsQuestion, source: "crash-writer",
            attributes: new System.Collections.Generic.Dictionary<string, string> { ["padding"] = new string('x', 200) }))
        .ToArray();
    var result = await store.AppendAsync(tenant, journey, version, signals);
    version = result.Version;
    Console.Out.WriteLine($"ACK {batch} {version}");
    Console.Out.Flush();
}
