using System;
using System.Collections.Generic;
using BuyingJourney.Persistence;
using BuyingJourney.Sqlite.Tests.Support;
using BuyingJourney.Testing;

namespace BuyingJourney.Sqlite.Tests;

/// <summary>The shared change-feed contract, each store on a fresh temp file.</summary>
public sealed class SqliteJourneyFeedSuiteTests : JourneyFeedSuite, IDisposable
{
    private readonly List<TempDatabase> _databases = [];

    protected override IJourneyStore CreateStore()
    {
        var db = new TempDatabase();
        _databases.Add(db);
        return db.CreateStore();
    }

    public void Dispose()
    {
        foreach (var db in _databases)
        {
            db.Dispose();
        }
    }
}
