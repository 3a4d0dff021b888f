using System;
using System.Threading;
using BuyingJourney.Sqlite.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace BuyingJourney.Sqlite.Tests;

/// <summary>SqliteJourneyStore on a fresh temp file per test; split by concern into partial files.</summary>
public sealed partial class SqliteJourneyStoreTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly SqliteJourneyStore _store;

    public SqliteJourneyStoreTests() => _store = _db.CreateStore(_clock);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public void Dispose() => _db.Dispose();
}
