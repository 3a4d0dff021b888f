using System;
using System.Collections.Generic;
using BuyingJourney.Internal;
using BuyingJourney.Signals;

namespace BuyingJourney.Persistence;

/// <summary>The argument checks every <see cref="IJourneyStore"/> makes, in one place for store implementations.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class StoreArguments
{
    /// <summary>The longest accepted tenant id.</summary>
    public const int MaxTenantLength = Signal.MaxIdLength;

    /// <summary>Checks a tenant id: not null, not blank, at most <see cref="MaxTenantLength"/> characters, no control characters.</summary>
    /// <param name="tenant">The tenant id a caller passed.</param>
    /// <exception cref="ArgumentNullException">Null.</exception>
    /// <exception cref="ArgumentException">Blank, too long, or holding control characters; the parameter name is "tenant".</exception>
    public static string Tenant(string? tenant) => Guard.Text(tenant, "tenant", MaxTenantLength);

    /// <summary>Checks a journey id like a signal's <see cref="Signal.JourneyId"/>.</summary>
    /// <param name="journeyId">The journey id a caller passed.</param>
    /// <exception cref="ArgumentNullException">Null.</exception>
    /// <exception cref="ArgumentException">Blank, too long, or holding control characters; the parameter name is "journeyId".</exception>
    public static string JourneyId(string? journeyId) => Guard.Text(journeyId, "journeyId", Signal.MaxIdLength);

    /// <summary>Checks a batch to append: not null, no null signal, every signal of <paramref name="journeyId"/>.</summary>
    /// <param name="signals">The batch a caller passed.</param>
    /// <param name="journeyId">The journey every signal must belong to.</param>
    /// <exception cref="ArgumentNullException">Null list.</exception>
    /// <exception cref="ArgumentException">A null signal or one of another journey; the parameter name is "signals".</exception>
    public static IReadOnlyList<Signal> Signals(IReadOnlyList<Signal>? signals, string journeyId)
    {
        ArgumentNullException.ThrowIfNull(signals);
        for (var i = 0; i < signals.Count; i++)
        {
            var signal = signals[i] ?? throw new ArgumentException($"signals[{i}] is null.", nameof(signals));
            if (!string.Equals(signal.JourneyId, journeyId, StringComparison.Ordinal))
            {
                throw new ArgumentException($"signals[{i}] (\"{signal.Id}\") belongs to journey \"{signal.JourneyId}\", not \"{journeyId}\".", nameof(signals));
            }
        }

        return signals;
    }

    /// <summary>Checks a feed consumer's name like an id: not blank, at most <see cref="Signal.MaxIdLength"/> characters, no control characters.</summary>
    /// <param name="consumer">The name a caller passed.</param>
    /// <exception cref="ArgumentNullException">Null.</exception>
    /// <exception cref="ArgumentException">Blank, too long, or holding control characters; the parameter name is "consumer".</exception>
    public static string Consumer(string? consumer) => Guard.Text(consumer, "consumer", Signal.MaxIdLength);

    /// <summary>Checks a feed position: not negative.</summary>
    /// <param name="position">The position a caller passed.</param>
    /// <param name="name">The parameter's name.</param>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public static long Position(long position, string name)
    {
        if (position < 0)
        {
            throw new ArgumentOutOfRangeException(name, position, "a feed position is 0 or more.");
        }

        return position;
    }

    /// <summary>Checks a scheduler's claim lease for <see cref="IJourneyStore.ClaimDueAsync"/>: 1 second to 1 day.</summary>
    /// <param name="lease">The lease a caller passed.</param>
    /// <exception cref="ArgumentOutOfRangeException">Out of range; the parameter name is "lease".</exception>
    public static TimeSpan Lease(TimeSpan lease)
    {
        if (lease < TimeSpan.FromSeconds(1) || lease > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(lease), lease, "a claim's lease is between 1 second and 1 day.");
        }

        return lease;
    }

    /// <summary>The position past the tenant's last event that a cursor was asked to acknowledge: the error every store throws.</summary>
    /// <param name="position">The position asked for.</param>
    /// <param name="last">The tenant's last stored position.</param>
    public static ArgumentOutOfRangeException BeyondFeed(long position, long last)
        => new(nameof(position), position, $"the tenant's feed ends at position {last}; a cursor cannot acknowledge what is not stored.");

    /// <summary>Checks a page size for <see cref="IJourneyStore.ListJourneysAsync"/>, <see cref="IJourneyStore.ReadEventsAsync"/> and <see cref="IJourneyStore.ClaimDueAsync"/>: 1 to 10,000.</summary>
    /// <param name="limit">The page size a caller passed.</param>
    /// <exception cref="ArgumentOutOfRangeException">Out of range; the parameter name is "limit".</exception>
    public static int Limit(int limit)
    {
        if (limit is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "limit must be between 1 and 10000.");
        }

        return limit;
    }
}
