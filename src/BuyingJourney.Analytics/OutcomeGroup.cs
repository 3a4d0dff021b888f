using System.Collections.Immutable;

namespace BuyingJourney.Analytics;

/// <summary>Journeys grouped by a set of tasks (a task configuration or a loop-back pattern) with how the closed ones ended and how many are still open.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class OutcomeGroup
{
    internal OutcomeGroup(ImmutableArray<string> taskIds, bool isOther, WinRate outcome, int openJourneys)
    {
        TaskIds = taskIds;
        IsOther = isOther;
        Outcome = outcome;
        OpenJourneys = openJourneys;
        Label = isOther ? "other" : taskIds.IsEmpty ? "none" : string.Join(" + ", taskIds);
    }

    /// <summary>The tasks that define the group, in model order; empty for the group of journeys with none (or for <see cref="IsOther"/>).</summary>
    public ImmutableArray<string> TaskIds { get; }

    /// <summary>True for the group that pools the sets beyond <see cref="PortfolioOptions.MaxGroups"/>.</summary>
    public bool IsOther { get; }

    /// <summary>"ProblemIdentification + RequirementsBuilding", "none" or "other".</summary>
    public string Label { get; }

    /// <summary>How the group's closed journeys ended, with the lift against the overall win rate.</summary>
    public WinRate Outcome { get; }

    /// <summary>How many of the group's journeys are open (status Open, Stalled or AtRisk) as of the analysis time.</summary>
    public int OpenJourneys { get; }

    /// <summary>"ProblemIdentification: 12 of 40 won (30%), 8 open".</summary>
    public override string ToString() => $"{Label}: {Outcome}, {OpenJourneys} open";
}
