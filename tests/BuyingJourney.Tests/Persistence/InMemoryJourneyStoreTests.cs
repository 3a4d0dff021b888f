using BuyingJourney.Persistence;
using BuyingJourney.Testing;

namespace BuyingJourney.Tests.Persistence;

/// <summary>The in-memory store keeps the shared store contract.</summary>
public sealed class InMemoryJourneyStoreTests : JourneyStoreSuite
{
    protected override IJourneyStore CreateStore() => new InMemoryJourneyStore();
}

/// <summary>The journey service over the in-memory store.</summary>
public sealed class InMemoryJourneyServiceTests : JourneyServiceSuite
{
    protected override IJourneyStore CreateStore() => new InMemoryJourneyStore();
}
