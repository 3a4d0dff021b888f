using System.Collections.Immutable;

namespace BuyingJourney.Stages;

/// <summary>
/// Where a journey stands on a CRM's linear pipeline: the stage, why (the confirmations behind it and the signals
/// that gave them), and what the next stage still waits for.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class StageProjection
{
    internal StageProjection(string mappingName, StageDefinition stage, int index, ImmutableArray<string> justification, ImmutableArray<string> signalIds, string? nextStageWaitsFor)
    {
        MappingName = mappingName;
        Stage = stage;
        Index = index;
        Justification = justification;
        SignalIds = signalIds;
        NextStageWaitsFor = nextStageWaitsFor;
    }

    /// <summary>The name of the mapping that produced the projection.</summary>
    public string MappingName { get; }

    /// <summary>The stage.</summary>
    public StageDefinition Stage { get; }

    /// <summary>The stage's position in the mapping, from 0.</summary>
    public int Index { get; }

    /// <summary>
    /// One readable line per requirement of each way the stage is confirmed now (e.g. "NeedsConfirmed:
    /// ProblemIdentification Completed (signal s2)"), naming the signals behind it; for a closing stage, the status and
    /// the signal that set it; empty for the first stage.
    /// </summary>
    public ImmutableArray<string> Justification { get; }

    /// <summary>The signals behind <see cref="Justification"/>, each once, in order.</summary>
    public ImmutableArray<string> SignalIds { get; }

    /// <summary>
    /// What the next stage waits for: for each way to confirm it, its first requirement that does not hold, joined by
    /// " or " (e.g. "SupplierSelection entered (now NotStarted) or Validation entered (now NotStarted)"); for a closing
    /// stage, its status ("journey status Won (now Open)"); null for the last stage or a closing stage.
    /// </summary>
    public string? NextStageWaitsFor { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Stage.Id} ({MappingName})";
}
