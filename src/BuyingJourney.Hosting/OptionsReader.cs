using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace BuyingJourney.Hosting;

/// <summary>
/// Reads the options from configuration sections, without reflection: each key is read into its property, and a value
/// that does not parse, or a key no option has, throws naming its path.
/// </summary>
internal static class OptionsReader
{
    public static void Read(IConfiguration section, JourneyServiceOptions options)
    {
        foreach (var (key, child) in Children(section, "MaxClockSkew", "SnapshotEvery", "MaxConflictRetries", "MaxSignalsPerAppend", "QuietAfter"))
        {
            switch (key)
            {
                case "MaxClockSkew": options.MaxClockSkew = Time(child); break;
                case "SnapshotEvery": options.SnapshotEvery = Number(child); break;
                case "MaxConflictRetries": options.MaxConflictRetries = Number(child); break;
                case "MaxSignalsPerAppend": options.MaxSignalsPerAppend = Number(child); break;
                default:
                    foreach (var task in child.GetChildren())
                    {
                        options.QuietAfter[task.Key] = Time(task);
                    }

                    break;
            }
        }
    }

    public static void Read(IConfiguration section, JourneyFeedOptions options)
    {
        foreach (var (key, child) in Children(section, "PollInterval", "PageSize"))
        {
            if (key == "PollInterval")
            {
                options.PollInterval = Time(child);
            }
            else
            {
                options.PageSize = Number(child);
            }
        }
    }

    public static void Read(IConfiguration section, JourneySchedulerOptions options)
    {
        foreach (var (key, child) in Children(section, "Lease", "BatchSize", "PollInterval"))
        {
            switch (key)
            {
                case "Lease": options.Lease = Time(child); break;
                case "BatchSize": options.BatchSize = Number(child); break;
                default: options.PollInterval = Time(child); break;
            }
        }
    }

    public static void Read(IConfiguration section, JourneyRebuildOptions options)
    {
        foreach (var (key, child) in Children(section, "Tenants", "PageSize"))
        {
            if (key == "PageSize")
            {
                options.PageSize = Number(child);
                continue;
            }

            foreach (var tenant in child.GetChildren())
            {
                options.Tenants.Add(tenant.Value ?? throw Bad(tenant, "a tenant id"));
            }
        }
    }

    /// <summary>The section's children, each key one of <paramref name="known"/> (case-insensitively, as configuration keys are), by its known spelling.</summary>
    private static IEnumerable<(string Key, IConfigurationSection Child)> Children(IConfiguration section, params string[] known)
    {
        foreach (var child in section.GetChildren())
        {
            var key = Array.Find(known, k => string.Equals(k, child.Key, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidOperationException($"Configuration key \"{child.Path}\" is not an option; the options there are {string.Join(", ", known)}.");
            yield return (key, child);
        }
    }

    private static TimeSpan Time(IConfigurationSection value)
        => TimeSpan.TryParse(value.Value, CultureInfo.InvariantCulture, out var time) ? time : throw Bad(value, "a time span such as \"00:05:00\" or \"14.00:00:00\"");

    private static int Number(IConfigurationSection value)
        => int.TryParse(value.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : throw Bad(value, "a whole number");

    private static InvalidOperationException Bad(IConfigurationSection value, string expected)
        => new($"Configuration value \"{value.Path}\" is \"{value.Value}\", not {expected}.");
}
