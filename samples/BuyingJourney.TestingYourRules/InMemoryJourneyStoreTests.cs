using BuyingJourney.Persistence;
using BuyingJourney.Testing;

namespace BuyingJourney.TestingYourRules;

/// <summary>
/// The store conformance suite on the built-in in-memory store: a CRM's own IJourneyStore (say on SQL Server) derives
/// from JourneyStoreSuite the same way, returning a new, empty store of its kind.
/// </summary>
public sealed class InMemoryJourneyStoreTests : JourneyStoreSuite
{
    protected override IJourneyStore CreateStore() => new InMemoryJourneyStore();
}
