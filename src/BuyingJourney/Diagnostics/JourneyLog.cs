using System;
using Microsoft.Extensions.Logging;

namespace BuyingJourney.Diagnostics;

/// <summary>
/// The service's log events, with stable ids an operator can alert on (category <c>BuyingJourney.JourneyService</c>):
/// 1 a rule refused a stored signal (warning), 2 a signal was refused for its time (warning), 3 an append met another
/// writer's and is retried (information), 4 a stored record is damaged (error); and the scheduler's (category
/// <c>BuyingJourney.Feed.JourneyScheduler</c>): 5 a due journey could not be brought up to date (error; it is claimed
/// again when its lease ends); and 6 a rebuild's progress, per page (information).
/// </summary>
internal static partial class JourneyLog
{
    [LoggerMessage(EventId = 1, EventName = "SignalRefusedByRule", Level = LogLevel.Warning,
        Message = "Signal {SignalId} of journey {JourneyId} (tenant {Tenant}) is stored, but a rule refused it: {Reason}")]
    public static partial void SignalRefusedByRule(ILogger logger, string tenant, string journeyId, string signalId, string reason);

    [LoggerMessage(EventId = 2, EventName = "SignalRefused", Level = LogLevel.Warning,
        Message = "Signal {SignalId} of journey {JourneyId} (tenant {Tenant}) is refused and not stored: {Reason}")]
    public static partial void SignalRefused(ILogger logger, string tenant, string journeyId, string signalId, string reason);

    [LoggerMessage(EventId = 3, EventName = "AppendConflict", Level = LogLevel.Information,
        Message = "Journey {JourneyId} (tenant {Tenant}) was appended to by another writer (expected version {ExpectedVersion}); retry {Retry} of {MaxRetries}")]
    public static partial void AppendConflict(ILogger logger, string tenant, string journeyId, long expectedVersion, int retry, int maxRetries);

    [LoggerMessage(EventId = 4, EventName = "DamagedRecord", Level = LogLevel.Error,
        Message = "Journey {JourneyId} (tenant {Tenant}) has a damaged record: {Problem}")]
    public static partial void DamagedRecord(ILogger logger, string tenant, string journeyId, string problem, Exception exception);

    [LoggerMessage(EventId = 5, EventName = "DueJourneyFailed", Level = LogLevel.Error,
        Message = "Due journey {JourneyId} (tenant {Tenant}) could not be brought up to date; it is claimed again when its lease ends")]
    public static partial void DueJourneyFailed(ILogger logger, string tenant, string journeyId, Exception exception);

    [LoggerMessage(EventId = 6, EventName = "RebuildProgress", Level = LogLevel.Information,
        Message = "Rebuild of tenant {Tenant}: {Rebuilt} journeys rebuilt, {AlreadyCurrent} already current, {Events} events stored, up to journey {LastJourneyId}")]
    public static partial void RebuildProgress(ILogger logger, string tenant, int rebuilt, int alreadyCurrent, int events, string lastJourneyId);
}
