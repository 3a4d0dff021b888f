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

    /// <summary>One readable line per confirmation behind the stage (e.g. "ProblemIdentification Completed (signal s2)"); empty for the first stage.</summary>
    public ImmutableArray<string> Justification { get; }

    /// <summary>The signals behind <see cref="Justification"/>, each once, in order.</summary>
    public ImmutableArray<string> SignalIds { get; }

    /// <summary>The first requirement of the next stage that does not hold (e.g. "SupplierSelection entered"), or null for the last or a closing stage.</summary>
    public string? NextStageWaitsFor { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Stage.Id} ({MappingName})";
}
