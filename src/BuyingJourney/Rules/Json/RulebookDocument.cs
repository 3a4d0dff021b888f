using System;
using System.Collections.Immutable;
using System.Linq;
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
/// other); <see cref="ApplyTo"/> builds a copy of the model with them, e.g.
/// <c>new JourneyEngineBuilder().UseModel(document.ApplyTo(BuyingModels.Gartner)).UseRulebook(document.Rulebook)</c>.
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

    /// <summary>
    /// Builds a copy of <paramref name="model"/> with the document's per-task settings overrides applied: the same name,
    /// tasks (ids, display names, buyer questions, always-on flags, order), default settings and ordering, where each task
    /// the document overrides gets its entry of <see cref="TaskSettings"/> as its own settings, and every other task keeps
    /// its own settings (or none). Journeys built with the copy carry the same model name.
    /// </summary>
    /// <param name="model">The model the document was written for: its <see cref="BuyingModel.Name"/> must equal <see cref="Model"/>.</param>
    /// <returns>A new model; <paramref name="model"/> itself is unchanged. When the document overrides no task, an equal copy.</returns>
    /// <remarks>
    /// The entries of <see cref="TaskSettings"/> were merged over the settings of the model the document was loaded
    /// with, so pass that model (or one with the same settings) to keep the settings the document did not override.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException">The model's name differs from <see cref="Model"/>, or the model lacks a task the document overrides.</exception>
    public BuyingModel ApplyTo(BuyingModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!string.Equals(model.Name, Model, StringComparison.Ordinal))
        {
            throw new ArgumentException($"the rulebook \"{Rulebook.Name}\" is written for model \"{Model}\", not \"{model.Name}\".", nameof(model));
        }

        foreach (var taskId in TaskSettings.Keys.Order(StringComparer.Ordinal))
        {
            if (model.IndexOf(taskId) < 0)
            {
                throw new ArgumentException($"the rulebook \"{Rulebook.Name}\" overrides task \"{taskId}\", which model \"{model.Name}\" does not have.", nameof(model));
            }
        }

        var tasks = model.Tasks.Select(task => TaskSettings.TryGetValue(task.Id, out var settings)
            ? new TaskDefinition(task.Id, task.DisplayName, task.BuyerQuestion, task.AlwaysOn, settings)
            : task);
        return new BuyingModel(model.Name, tasks, model.DefaultSettings, model.IsOrdered);
    }

    /// <summary>The rulebook's name and version.</summary>
    public override string ToString() => Rulebook.ToString();
}
