using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Sqlite.Tests.Support;
using BuyingJourney.Testing;
using Xunit;

namespace BuyingJourney.Sqlite.Tests;

/// <summary>A writer process killed with SIGKILL mid-batch leaves nothing half-written, and every acknowledged batch is kept.</summary>
public sealed class SqliteCrashTests
{
    private const int BatchSize = 200;

    [Fact]
    public async Task Writer_KilledMidBatchTwice_NoHalfBatchAndEveryAcknowledgedBatchStored()
    {
        using var database = new TempDatabase();
        string[] arguments = ["sqlite", database.ConnectionString, "tenant-crash", "journey-crash", BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture)];

        var first = await CrashHarness.RunAndKillAsync(arguments, 5, TestContext.Current.CancellationToken);
        var afterFirst = await CrashHarness.VerifyAsync(database.CreateStore(), "tenant-crash", "journey-crash", BatchSize, first, TestContext.Current.CancellationToken);

        // Restart: a new writer process opens the file (recovering the WAL) and resumes from the stored version.
        var second = await CrashHarness.RunAndKillAsync(arguments, 3, TestContext.Current.CancellationToken);
        var afterSecond = await CrashHarness.VerifyAsync(database.CreateStore(), "tenant-crash", "journey-crash", BatchSize, [.. first, .. second], TestContext.Current.CancellationToken);

        Assert.True(afterFirst >= 5 * BatchSize);
        Assert.True(afterSecond >= afterFirst + (3 * BatchSize));
        Assert.True(second.Min() * BatchSize >= afterFirst, "the restarted writer continued after what was stored");
    }
}
