using System;

namespace BuyingJourney.Analytics;

/// <summary>An open journey that has gone quiet: no signal for at least <see cref="PortfolioOptions.QuietAfter"/> as of the analysis time.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class QuietJourney
{
    internal QuietJourney(string journeyId, DateTimeOffset lastSignalAt, TimeSpan silence, string stageId)
    {
        JourneyId = journeyId;
        LastSignalAt = lastSignalAt;
        Silence = silence;
        StageId = stageId;
    }

    /// <summary>The journey's id.</summary>
    public string JourneyId { get; }

    /// <summary>When its last signal occurred.</summary>
    public DateTimeOffset LastSignalAt { get; }

    /// <summary>How long it has been silent: the analysis time minus <see cref="LastSignalAt"/>.</summary>
    public TimeSpan Silence { get; }

    /// <summary>The stage it is in now.</summary>
    public string StageId { get; }

    /// <summary>"acme-42: silent 45 days (NeedsConfirmed)".</summary>
    public override string ToString() => FormattableString.Invariant($"{JourneyId}: silent {Silence.TotalDays:0} days ({StageId})");
}
