using BuyingJourney.Persistence;
using BuyingJourney.Testing;

namespace BuyingJourney.Tests.Persistence;

/// <summary>The in-memory store keeps the change-feed contract.</summary>
public sealed class InMemoryJourneyFeedTests : JourneyFeedSuite
{
    /// <inheritdoc />
    protected override IJourneyStore CreateStore() => new InMemoryJourneyStore();
}
