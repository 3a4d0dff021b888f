using System;
using System.Threading;
using BuyingJourney.PostgreSql.Tests.Support;
using BuyingJourney.Signals;
using Xunit;

namespace BuyingJourney.PostgreSql.Tests;

/// <summary>
/// The PostgreSQL store against a real server: migration, appends, reads, snapshots, listing, concurrency, damaged
/// rows and argument checks (split by concern into partial files). Each test works in a fresh schema of the class's
/// own database.
/// </summary>
public sealed partial class PostgreSqlJourneyStoreTests(PostgreSqlDatabase database) : IClassFixture<PostgreSqlDatabase>
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Signal S(string journey, string id, double day, string type = SignalTypes.ProblemStated)
        => new(id, journey, Day0.AddDays(day), type);
}
