using System;
using System.Linq;
using Xunit;

namespace BuyingJourney.PostgreSql.Tests;

/// <summary>The public surface of BuyingJourney.PostgreSql, pinned: a new public type is a deliberate change.</summary>
public sealed class ContractTests
{
    private static readonly string[] PublicTypes =
    [
        "BuyingJourney.BuyingJourneyPostgreSqlExtensions",
        "BuyingJourney.PostgreSql.PostgreSqlJourneyStore",
        "BuyingJourney.PostgreSql.StoredJourney",
    ];

    [Fact]
    public void PublicTypes_AreExactlyThePinnedList()
    {
        var actual = typeof(PostgreSqlJourneyStore).Assembly.GetExportedTypes().Select(t => t.FullName!).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(PublicTypes, actual);
    }

    [Fact]
    public void StoredJourney_HasNoPublicConstructor()
    {
        Assert.Empty(typeof(StoredJourney).GetConstructors());
    }
}
