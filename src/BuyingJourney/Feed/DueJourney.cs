using System;
using BuyingJourney.Internal;
using BuyingJourney.Signals;

namespace BuyingJourney.Feed;

/// <summary>A journey whose next transition with no signal is due, as <c>IJourneyStore.ClaimDueAsync</c> leases it to one scheduler.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class DueJourney
{
    /// <summary>Creates a due journey.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="journeyId">The journey.</param>
    /// <param name="dueAt">When it fell due.</param>
    /// <exception cref="ArgumentException">A bad tenant or journey id.</exception>
    public DueJourney(string tenant, string journeyId, DateTimeOffset dueAt)
    {
        Tenant = Guard.Text(tenant, nameof(tenant), Signal.MaxIdLength);
        JourneyId = Guard.Text(journeyId, nameof(journeyId), Signal.MaxIdLength);
        DueAt = dueAt.ToUniversalTime();
    }

    /// <summary>The tenant.</summary>
    public string Tenant { get; }

    /// <summary>The journey.</summary>
    public string JourneyId { get; }

    /// <summary>When it fell due (UTC).</summary>
    public DateTimeOffset DueAt { get; }

    /// <summary>"tenant/journey due 2026-03-01T00:00:00.0000000+00:00".</summary>
    public override string ToString() => $"{Tenant}/{JourneyId} due {DueAt:O}";
}
