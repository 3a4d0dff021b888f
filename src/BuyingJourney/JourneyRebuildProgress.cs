using System;

namespace BuyingJourney;

/// <summary>How far <see cref="JourneyService.RebuildAllAsync"/> has come: journeys rebuilt, journeys already current, events stored, the last journey done.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class JourneyRebuildProgress
{
    internal JourneyRebuildProgress(string tenant, int rebuilt, int alreadyCurrent, int events, string? lastJourneyId)
    {
        Tenant = tenant;
        Rebuilt = rebuilt;
        AlreadyCurrent = alreadyCurrent;
        Events = events;
        LastJourneyId = lastJourneyId;
    }

    /// <summary>The tenant being rebuilt.</summary>
    public string Tenant { get; }

    /// <summary>Journeys folded again under the new engine so far.</summary>
    public int Rebuilt { get; }

    /// <summary>Journeys skipped because they were already rebuilt (an earlier, interrupted run).</summary>
    public int AlreadyCurrent { get; }

    /// <summary>Change-feed events the rebuilt journeys stored (the corrections).</summary>
    public int Events { get; }

    /// <summary>The last journey done, in id order; null before the first.</summary>
    public string? LastJourneyId { get; }

    /// <summary>"acme: 120 rebuilt, 30 already current, 45 events, up to deal-150".</summary>
    public override string ToString() => $"{Tenant}: {Rebuilt} rebuilt, {AlreadyCurrent} already current, {Events} events, up to {LastJourneyId ?? "(none)"}";

    internal JourneyRebuildProgress Add(string journeyId, bool rebuilt, int events)
        => new(Tenant, Rebuilt + (rebuilt ? 1 : 0), AlreadyCurrent + (rebuilt ? 0 : 1), checked(Events + events), journeyId);
}
