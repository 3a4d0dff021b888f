using System;

namespace BuyingJourney.Analytics;

/// <summary>
/// The flow of one period (<see cref="PortfolioOptions.Period"/>, UTC): how many journeys entered, advanced, moved back,
/// stalled, were won and were lost in it. A journey counts at most once per figure and period; events after the analysis
/// time are not seen.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class PeriodFlow
{
    internal PeriodFlow(DateTimeOffset start, DateTimeOffset end, int entered, int advanced, int movedBack, int stalled, int won, int lost)
    {
        Start = start;
        End = end;
        Entered = entered;
        Advanced = advanced;
        MovedBack = movedBack;
        Stalled = stalled;
        Won = won;
        Lost = lost;
    }

    /// <summary>The period's first moment (UTC).</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The next period's first moment (UTC, exclusive).</summary>
    public DateTimeOffset End { get; }

    /// <summary>Journeys whose first signal occurred in the period.</summary>
    public int Entered { get; }

    /// <summary>Journeys that advanced: after a signal in the period the stage mapping projected them to a later non-closing stage than after the signal before.</summary>
    public int Advanced { get; }

    /// <summary>Journeys that moved back: a signal in the period caused a loop-back (the customer reopened a completed task).</summary>
    public int MovedBack { get; }

    /// <summary>Journeys that stalled: a signal in the period changed their status to Stalled (budget frozen, project postponed).</summary>
    public int Stalled { get; }

    /// <summary>Journeys won: a signal in the period changed their status to Won.</summary>
    public int Won { get; }

    /// <summary>Journeys lost: a signal in the period changed their status to Lost.</summary>
    public int Lost { get; }

    /// <summary>"2026-03: 12 entered, 8 advanced, 3 moved back, 1 stalled, 2 won, 1 lost".</summary>
    public override string ToString()
        => FormattableString.Invariant($"{Start:yyyy-MM-dd}: {Entered} entered, {Advanced} advanced, {MovedBack} moved back, {Stalled} stalled, {Won} won, {Lost} lost");
}
