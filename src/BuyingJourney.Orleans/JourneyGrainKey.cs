using System;
using System.Globalization;
using BuyingJourney.Persistence;

namespace BuyingJourney.Orleans;

/// <summary>
/// The string key of a journey's grain: the tenant's length, a colon, the tenant, then the journey id
/// (<c>"2:t1j-42"</c>). Length-prefixed, so no two (tenant, journey) pairs share a key, whatever characters they hold.
/// </summary>
internal static class JourneyGrainKey
{
    /// <summary>The key of (<paramref name="tenant"/>, <paramref name="journeyId"/>).</summary>
    /// <exception cref="ArgumentException">A bad tenant or journey id.</exception>
    public static string Of(string tenant, string journeyId)
    {
        StoreArguments.Tenant(tenant);
        StoreArguments.JourneyId(journeyId);
        return string.Concat(tenant.Length.ToString(CultureInfo.InvariantCulture), ":", tenant, journeyId);
    }

    /// <summary>The (tenant, journey) of a key made by <see cref="Of"/>.</summary>
    /// <exception cref="ArgumentException">Not such a key.</exception>
    public static (string Tenant, string JourneyId) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1
            || !int.TryParse(key.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            || length < 1
            || length > key.Length - colon - 2)
        {
            throw new ArgumentException($"\"{key}\" is not a journey grain key (tenant length, ':', tenant, journey id).", nameof(key));
        }

        return (key.Substring(colon + 1, length), key[(colon + 1 + length)..]);
    }
}
