using System;
using BuyingJourney.Journeys;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;

namespace BuyingJourney.Sqlite.Tests.Support;

/// <summary>Short-hand for signals and snapshots at day offsets from a fixed start.</summary>
internal static class TestSignals
{
    /// <summary>The tenant most tests use.</summary>
    public const string Tenant = "tenant-a";

    /// <summary>The journey most tests use.</summary>
    public const string JourneyId = "j";

    /// <summary>Day zero: Monday 2 March 2026, 09:00 UTC.</summary>
    public static readonly DateTimeOffset Day0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Day zero plus <paramref name="days"/>.</summary>
    public static DateTimeOffset Day(double days) => Day0.AddDays(days);

    /// <summary>A signal of <paramref name="journeyId"/> on day <paramref name="days"/>.</summary>
    public static Signal At(double days, string id, string type = SignalTypes.ProblemStated, string journeyId = JourneyId)
        => new(id, journeyId, Day(days), type);

    /// <summary>A snapshot of journey "j" made from <paramref name="signals"/> at <paramref name="version"/>, rulebook version "1".</summary>
    public static JourneySnapshot Snapshot(long version, params Signal[] signals) => Snapshot(JourneyId, version, "1", signals);

    /// <summary>A snapshot of <paramref name="journeyId"/> made from <paramref name="signals"/> at <paramref name="version"/>.</summary>
    public static JourneySnapshot Snapshot(string journeyId, long version, string rulebookVersion, params Signal[] signals)
    {
        var state = JourneyEngine.CreateDefault().Replay(journeyId, signals);
        return new JourneySnapshot(state, version, "gartner", rulebookVersion);
    }
}
