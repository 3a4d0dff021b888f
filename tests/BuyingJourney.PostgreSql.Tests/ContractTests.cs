using Xunit;

namespace BuyingJourney.PostgreSql.Tests;

/// <summary>
/// Contracts of BuyingJourney.PostgreSql's public types that the pinned surface (PublicAPI.Shipped.txt, checked by
/// PublicApiAnalyzers at build) does not show.
/// </summary>
public sealed class ContractTests
{
    [Fact]
    public void StoredJourney_HasNoPublicConstructor()
    {
        Assert.Empty(typeof(StoredJourney).GetConstructors());
    }
}
