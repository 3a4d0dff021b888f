namespace BuyingJourney.Analytics;

/// <summary>
/// One cell of the loop-back matrix: customers going back from task <see cref="From"/> to the completed task
/// <see cref="To"/> (a <c>LoopBack</c> whose <c>LoopedBackFrom</c> names <see cref="From"/>; a loop-back from several
/// tasks counts once in each of their rows, one from no active task in the row whose <see cref="From"/> is null), how
/// often, how late, and how the journeys with it ended.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class LoopBackCell
{
    internal LoopBackCell(string? from, string to, int count, int journeys, WinRate outcome, DurationDistribution sinceStart, double? meanShareOfCycle)
    {
        From = from;
        To = to;
        Count = count;
        Journeys = journeys;
        Outcome = outcome;
        SinceStart = sinceStart;
        MeanShareOfCycle = meanShareOfCycle;
    }

    /// <summary>The task the customer was working on when they went back; null when no other task was active.</summary>
    public string? From { get; }

    /// <summary>The task the customer went back to.</summary>
    public string To { get; }

    /// <summary>How many such loop-backs, over all journeys.</summary>
    public int Count { get; }

    /// <summary>How many journeys had at least one.</summary>
    public int Journeys { get; }

    /// <summary>How the closed journeys among <see cref="Journeys"/> ended: which loop-backs precede losses (lift below 1) and which revisits are healthy (lift above 1).</summary>
    public WinRate Outcome { get; }

    /// <summary>How late in the journey: the time from the journey's first signal to each loop-back.</summary>
    public DurationDistribution SinceStart { get; }

    /// <summary>
    /// How late, relative to the journey's length, for closed journeys: the mean of (loop-back − first signal) / (close −
    /// first signal) over their loop-backs of this cell, 0 at the start, 1 at the close; null when none closed (or a journey closed at its first signal).
    /// </summary>
    public double? MeanShareOfCycle { get; }

    /// <summary>"SolutionExploration → ProblemIdentification: 12 in 10 journeys".</summary>
    public override string ToString() => $"{From ?? "(none active)"} → {To}: {Count} in {Journeys} journeys";
}
