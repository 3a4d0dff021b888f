using System;
using System.Globalization;
using BuyingJourney.Orleans;
using Microsoft.Extensions.Configuration;

namespace BuyingJourney.Cluster;

/// <summary>
/// The <c>Cluster</c> section: where Redis is, this silo's ports, the cluster's ids, and the journey grains' options.
/// A bad value stops the start with its key named.
/// </summary>
/// <param name="Redis">The Redis server of the cluster's membership, reminders and stream subscriptions (StackExchange.Redis syntax, e.g. <c>127.0.0.1:6379</c>).</param>
/// <param name="SiloPort">This silo's port for the other silos.</param>
/// <param name="GatewayPort">This silo's port for clients.</param>
/// <param name="ClusterId">The cluster's id (one deployment).</param>
/// <param name="ServiceId">The service's id (stable across deployments: the reminders are kept under it).</param>
/// <param name="MaxWakeDelay">The longest a grain waits before it checks its journey's due time again.</param>
/// <param name="IdleDeactivation">How long an idle journey grain stays in memory.</param>
public sealed record ClusterSettings(string Redis, int SiloPort, int GatewayPort, string ClusterId, string ServiceId, TimeSpan MaxWakeDelay, TimeSpan IdleDeactivation)
{
    /// <summary>Reads the section; missing keys take their defaults (ports 11111 and 30000, ids "buyingjourney", the grains' option defaults).</summary>
    /// <param name="section">The <c>Cluster</c> section.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="InvalidOperationException">Redis is not set, or a port or time does not parse; the message names the key.</exception>
    public static ClusterSettings Read(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var defaults = new JourneyClusterOptions();
        var redis = section["Redis"];
        if (string.IsNullOrWhiteSpace(redis))
        {
            throw new InvalidOperationException($"{section.Path}:Redis is not set: give the Redis server's address, e.g. 127.0.0.1:6379.");
        }

        return new ClusterSettings(
            redis,
            Port(section, "SiloPort", 11111),
            Port(section, "GatewayPort", 30000),
            section["ClusterId"] ?? "buyingjourney",
            section["ServiceId"] ?? "buyingjourney",
            Time(section, "MaxWakeDelay", defaults.MaxWakeDelay),
            Time(section, "IdleDeactivation", defaults.IdleDeactivation));
    }

    /// <summary>Sets the journey grains' options from these settings.</summary>
    /// <param name="options">The options of <c>UseOrleans</c>.</param>
    public void Configure(JourneyClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MaxWakeDelay = MaxWakeDelay;
        options.IdleDeactivation = IdleDeactivation;
    }

    private static int Port(IConfigurationSection section, string key, int fallback)
        => section[key] is not { } text ? fallback
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536 ? port
            : throw new InvalidOperationException($"{section.Path}:{key} is '{text}': a port is a number from 1 to 65535.");

    private static TimeSpan Time(IConfigurationSection section, string key, TimeSpan fallback)
        => section[key] is not { } text ? fallback
            : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var time) && time > TimeSpan.Zero ? time
            : throw new InvalidOperationException($"{section.Path}:{key} is '{text}': a time is written like 00:05:00.");
}
