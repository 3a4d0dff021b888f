using BuyingJourney.Persistence;
using BuyingJourney.PostgreSql.Tests.Support;
using BuyingJourney.Testing;
using Xunit;

namespace BuyingJourney.PostgreSql.Tests;

/// <summary>The shared change-feed contract, run against PostgreSQL: each store in a fresh, migrated schema.</summary>
public sealed class PostgreSqlJourneyFeedSuiteTests(PostgreSqlDatabase database) : JourneyFeedSuite, IClassFixture<PostgreSqlDatabase>
{
    /// <inheritdoc />
    protected override IJourneyStore CreateStore()
    {
        var store = database.CreateStore();
        store.MigrateAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return store;
    }
}
