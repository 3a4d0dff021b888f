using BuyingJourney.Stages;

namespace BuyingJourney.Analytics;

/// <summary>One seller stage of the analysis's stage mapping: the journeys in it now, how long the open ones have been there, and the win rate of the closed journeys that reached it.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class StageFigures
{
    internal StageFigures(StageDefinition stage, int index, int journeys, DurationDistribution timeInStage, WinRate reached)
    {
        StageId = stage.Id;
        DisplayName = stage.DisplayName;
        Index = index;
        IsClosing = stage.Status is not null;
        Journeys = journeys;
        TimeInStage = timeInStage;
        Reached = reached;
    }

    /// <summary>The stage's id in the mapping.</summary>
    public string StageId { get; }

    /// <summary>The stage's display name.</summary>
    public string DisplayName { get; }

    /// <summary>The stage's position in the mapping, from 0.</summary>
    public int Index { get; }

    /// <summary>True for a closing stage (reached by the journey's status alone, e.g. Won or Lost).</summary>
    public bool IsClosing { get; }

    /// <summary>How many journeys the mapping projects to this stage as of the analysis time (<c>StageMapping.Project</c> of the journey assessed then).</summary>
    public int Journeys { get; }

    /// <summary>
    /// For the open journeys (status Open, Stalled or AtRisk) in this stage now: how long since they entered it, i.e. since
    /// the signal after which the mapping first projected them here without leaving it since; when time alone (tasks
    /// fading after the last signal) moved them here, since the latest task phase change.
    /// </summary>
    public DurationDistribution TimeInStage { get; }

    /// <summary>
    /// Of the closed journeys (won or lost as of the analysis time) that reached this stage, i.e. whose furthest non-closing
    /// stage, projected after each of their signals, is this one or a later one: how many were won. Empty (nothing closed)
    /// for a closing stage.
    /// </summary>
    public WinRate Reached { get; }

    /// <summary>"NeedsConfirmed: 12 now".</summary>
    public override string ToString() => $"{StageId}: {Journeys} now";
}
