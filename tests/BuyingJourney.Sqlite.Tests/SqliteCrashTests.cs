using System;
using System.Diagnostics;
using System.Globalization;
using BuyingJourney.Persistence;
using BuyingJourney.Sqlite.Tests.Support;
using BuyingJourney.Testing;

namespace BuyingJourney.Sqlite.Tests;

/// <summary>The packaged crash suite over the SQLite store: the writer process appends to a fresh temp file and is killed mid-batch.</summary>
public sealed class SqliteCrashTests : JourneyStoreCrashSuite, IDisposable
{
    private readonly TempDatabase _database = new();

    /// <inheritdoc />
    protected override ProcessStartInfo CreateWriterStartInfo(string tenant, string journeyId, int batchSize)
        => CrashWriterProcess.StartInfo("sqlite", _database.ConnectionString, tenant, journeyId, batchSize.ToString(CultureInfo.InvariantCulture));

    /// <inheritdoc />
    protected override IJourneyStore OpenStore() => _database.CreateStore();

    public void Dispose() => _database.Dispose();
}
