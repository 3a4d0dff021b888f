namespace BuyingJourney.Analytics;

/// <summary>
/// One path of the maze: how often customers turned to task <see cref="To"/> right after <see cref="From"/>. A journey's
/// task entries are the transitions in which the customer turns to a task they were not working on: from NotStarted,
/// Dormant or Completed to Active, Revisiting or (straight away) Completed, in journey order, within one signal in the
/// order the engine reports them (<c>ApplyResult.Transitions</c>). Every entry into a task other than the one entered
/// just before counts one flow from that one (or from the journey's start, for the journey's first entry).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class TaskFlow
{
    internal TaskFlow(string? from, string to, int count)
    {
        From = from;
        To = to;
        Count = count;
    }

    /// <summary>The task entered before; null for the journey's start.</summary>
    public string? From { get; }

    /// <summary>The task entered.</summary>
    public string To { get; }

    /// <summary>How many such entries, over all journeys.</summary>
    public int Count { get; }

    /// <summary>"SolutionExploration → ProblemIdentification: 12".</summary>
    public override string ToString() => $"{From ?? "(start)"} → {To}: {Count}";
}
