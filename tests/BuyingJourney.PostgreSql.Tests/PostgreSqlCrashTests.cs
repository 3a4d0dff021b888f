using System;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.PostgreSql.Tests.Support;
using BuyingJourney.Testing;
using Xunit;

namespace BuyingJourney.PostgreSql.Tests;

/// <summary>A writer process killed with SIGKILL mid-batch leaves nothing half-written, and every acknowledged batch is kept.</summary>
public sealed class PostgreSqlCrashTests(PostgreSqlDatabase database) : IClassFixture<PostgreSqlDatabase>
{
    private const int BatchSize = 200;

    [Fact]
    public async Task Writer_KilledMidBatchTwice_NoHalfBatchAndEveryAcknowledgedBatchStored()
    {
        var schema = database.NewSchema();
        var store = database.CreateStore(schema: schema);
        await store.MigrateAsync(TestContext.Current.CancellationToken);
        var applicationName = "crash-writer-" + schema;
        string[] arguments = ["postgresql", database.ConnectionStringFor(applicationName), "tenant-crash", "journey-crash", BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture), schema];

        // A writer killed after sending a whole batch has not seen it acknowledged, but its server session still
        // commits it: the store is only settled once that session has ended.
        var first = await CrashHarness.RunAndKillAsync(arguments, 5, TestContext.Current.CancellationToken);
        await database.WaitForSessionsToEndAsync(applicationName, TimeSpan.FromSeconds(30));
        var afterFirst = await CrashHarness.VerifyAsync(store, "tenant-crash", "journey-crash", BatchSize, first, TestContext.Current.CancellationToken);

        // Restart: the writer resumes from the stored version; kill it again.
        var second = await CrashHarness.RunAndKillAsync(arguments, 3, TestContext.Current.CancellationToken);
        await database.WaitForSessionsToEndAsync(applicationName, TimeSpan.FromSeconds(30));
        var afterSecond = await CrashHarness.VerifyAsync(store, "tenant-crash", "journey-crash", BatchSize, [.. first, .. second], TestContext.Current.CancellationToken);

        Assert.True(afterFirst >= 5 * BatchSize);
        Assert.True(afterSecond >= afterFirst + (3 * BatchSize));
        Assert.True(second.Min() * BatchSize >= afterFirst, "the restarted writer continued after what was stored");
    }
}
