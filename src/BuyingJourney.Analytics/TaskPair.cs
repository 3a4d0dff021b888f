namespace BuyingJourney.Analytics;

/// <summary>
/// Concurrency in the maze: in how many journeys two tasks were worked on at the same time, i.e. both active or
/// revisiting in the journey state after one of its signals. For a task with itself: in how many journeys it was ever
/// active or revisiting.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class TaskPair
{
    internal TaskPair(string first, string second, int journeys)
    {
        First = first;
        Second = second;
        Journeys = journeys;
    }

    /// <summary>The task earlier in model order (or the same as <see cref="Second"/>).</summary>
    public string First { get; }

    /// <summary>The task later in model order.</summary>
    public string Second { get; }

    /// <summary>How many journeys.</summary>
    public int Journeys { get; }

    /// <summary>"SupplierSelection + Validation: 80 journeys".</summary>
    public override string ToString() => $"{First} + {Second}: {Journeys} journeys";
}
