using System.Collections.Generic;
using BuyingJourney.Signals;

namespace BuyingJourney.Feed;

/// <summary>
/// Computes an append's <see cref="JourneyChanges"/> inside the store's transaction, once the store knows which signals
/// it stores: a store calls it after it has checked the version and skipped duplicates, and before it commits, and
/// stores what it returns with the signals, or nothing when it throws.
/// </summary>
/// <param name="appended">The signals this append stores (the duplicates left out), in the order given.</param>
/// <param name="view">The journey's stored feed view (the last <see cref="JourneyChanges.View"/> stored for it); null when none.</param>
/// <returns>What to store with the signals.</returns>
public delegate JourneyChanges JourneyChangesFactory(IReadOnlyList<Signal> appended, string? view);
