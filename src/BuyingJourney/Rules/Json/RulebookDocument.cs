using System.Collections.Immutable;
using BuyingJourney.Model;

namespace BuyingJourney.Rules.Json;

/// <summary>
/// Everything a JSON rulebook holds, validated: the <see cref="Rulebook"/> itself, the model it was written for,
/// and its per-task settings overrides.
/// </summary>
/// <remarks>
/// The overrides in the document's <c>"tasks"</c> section are not applied to any <see cref="BuyingModel"/> by loading:
/// task settings belong to the model. <see cref="TaskSettings"/> holds, for each task the document mentions, the
/// model's settings for that task with the document's half-life and thresholds put in (already checked against each
/// other); build a model with them (a <see cref="TaskDefinition"/> takes its own settings) to use them.
/// Immutable and thread-safe.
/// </remarks>
public sealed class RulebookDocument
{
    internal RulebookDocument(Rulebook rulebook, string model, ImmutableDictionary<string, TaskSettings> taskSettings)
    {
        Rulebook = rulebook;
        Model = model;
        TaskSettings = taskSettings;
    }

    /// <summary>The rulebook: its name, version and data rules, in document order.</summary>
    public Rulebook Rulebook { get; }

    /// <summary>The name of the buying model the document was written for (its <c>"model"</c>), e.g. "gartner".</summary>
    public string Model { get; }

    /// <summary>The effective settings of each task the document overrides, by task id (ordinal); empty when it overrides none.</summary>
    public ImmutableDictionary<string, TaskSettings> TaskSettings { get; }

    /// <summary>The rulebook's name and version.</summary>
    public override string ToString() => Rulebook.ToString();
}
