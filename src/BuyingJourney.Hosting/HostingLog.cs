using System;
using Microsoft.Extensions.Logging;

namespace BuyingJourney.Hosting;

/// <summary>
/// The hosting package's log events (category <c>BuyingJourney.Hosting.BuyingJourneyHostedService</c>): 101 the store
/// was migrated, 103 a rebuild finished, 104 a rebuild failed.
/// </summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 101, EventName = "StoreMigrated", Level = LogLevel.Information, Message = "The journey store's schema is current ({Store})")]
    public static partial void StoreMigrated(ILogger logger, string store);

    [LoggerMessage(EventId = 103, EventName = "RebuildCompleted", Level = LogLevel.Information, Message = "Rebuild finished: {Progress}")]
    public static partial void RebuildCompleted(ILogger logger, JourneyRebuildProgress progress);

    [LoggerMessage(EventId = 104, EventName = "RebuildFailed", Level = LogLevel.Error, Message = "Rebuild of tenant {Tenant} failed; asked again, it goes on where it stopped")]
    public static partial void RebuildFailed(ILogger logger, string tenant, Exception exception);
}
