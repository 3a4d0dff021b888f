using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using BuyingJourney.Assessment;
using BuyingJourney.Internal;
using BuyingJourney.Model;
using BuyingJourney.Phases;

namespace BuyingJourney.Stages;

/// <summary>
/// A projection, defined as data, from the concurrent journey of one buying model to the one linear stage a CRM's
/// pipeline field holds. Built-ins in <see cref="StageMappings"/>.
/// </summary>
/// <remarks>
/// <para>
/// How a journey is projected (<see cref="Project"/>): when the journey's status is the <see cref="StageDefinition.Status"/>
/// of a closing stage (Won, Lost), it is in that stage. Otherwise the stages are walked in order from the first: a stage
/// with requirements is reached when all of them hold (a stage counts only when the customer confirmed it), and the walk
/// stops at the first stage that is not reached; stages with a status and no requirements are skipped. The projection is
/// the last stage reached. A requirement "completed" holds only while the task is Completed, so when the customer loops
/// back (a completed task reopened) the projection moves backwards.
/// </para>
/// <para>
/// Rules checked when the mapping is built: at least one stage, distinct stage ids, the first stage has no requirements
/// and no status, every other stage has requirements or a status, and every requirement names a task of the model.
/// Immutable and thread-safe.
/// </para>
/// </remarks>
public sealed class StageMapping
{
    /// <summary>Builds and validates a mapping.</summary>
    /// <param name="name">The mapping's name, e.g. "seller-stages".</param>
    /// <param name="model">The buying model whose journeys it projects.</param>
    /// <param name="stages">The pipeline stages, in pipeline order.</param>
    /// <exception cref="ArgumentException">The mapping breaks one of the rules in the remarks (the message says which).</exception>
    public StageMapping(string name, BuyingModel model, IEnumerable<StageDefinition> stages)
    {
        Name = Guard.Text(name, "name", 100);
        Guard.NotNull(model);
        Guard.NotNull(stages);
        ModelName = model.Name;
        var list = ImmutableArray.CreateBuilder<StageDefinition>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            if (stage is null)
            {
                throw new ArgumentException($"mapping \"{Name}\": stages[{list.Count}] is null.", nameof(stages));
            }

            if (!ids.Add(stage.Id))
            {
                throw new ArgumentException($"mapping \"{Name}\": stage id \"{stage.Id}\" appears more than once.", nameof(stages));
            }

            if (list.Count == 0 && (!stage.Requirements.IsEmpty || stage.Status is not null))
            {
                throw new ArgumentException($"mapping \"{Name}\": the first stage \"{stage.Id}\" is where every journey starts; it takes no requirements and no status.", nameof(stages));
            }

            if (list.Count > 0 && stage.Requirements.IsEmpty && stage.Status is null)
            {
                throw new ArgumentException($"mapping \"{Name}\": stage \"{stage.Id}\" needs requirements or a status.", nameof(stages));
            }

            foreach (var requirement in stage.Requirements)
            {
                if (model.IndexOf(requirement.TaskId) < 0)
                {
                    throw new ArgumentException($"mapping \"{Name}\": stage \"{stage.Id}\" requires task \"{requirement.TaskId}\", which model \"{model.Name}\" does not have.", nameof(stages));
                }
            }

            list.Add(stage);
        }

        if (list.Count == 0)
        {
            throw new ArgumentException($"mapping \"{Name}\" has no stages.", nameof(stages));
        }

        Stages = list.ToImmutable();
    }

    /// <summary>The mapping's name.</summary>
    public string Name { get; }

    /// <summary>The name of the buying model whose journeys it projects.</summary>
    public string ModelName { get; }

    /// <summary>The pipeline stages, in pipeline order.</summary>
    public ImmutableArray<StageDefinition> Stages { get; }

    /// <summary>Projects an assessed journey to one pipeline stage, with the evidence that justifies it.</summary>
    /// <param name="assessment">The journey as of a time, from <c>JourneyEngine.Assess</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="assessment"/> is null.</exception>
    /// <exception cref="ArgumentException">The journey belongs to another buying model.</exception>
    public StageProjection Project(JourneyAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        if (!string.Equals(assessment.State.ModelName, ModelName, StringComparison.Ordinal))
        {
            throw new ArgumentException($"mapping \"{Name}\" projects journeys of model \"{ModelName}\", not \"{assessment.State.ModelName}\".", nameof(assessment));
        }

        for (var i = 0; i < Stages.Length; i++)
        {
            if (Stages[i].Status is { } status && status == assessment.Status)
            {
                var state = assessment.State;
                var since = state.StatusSince is { } at ? string.Create(CultureInfo.InvariantCulture, $" since {at:yyyy-MM-dd}") : string.Empty;
                var why = state.StatusSignalId is { } id ? $"the journey is {status}{since} (signal {id})" : $"the journey is {status}{since}";
                var signals = state.StatusSignalId is { } cause ? ImmutableArray.Create(cause) : ImmutableArray<string>.Empty;
                return new StageProjection(Name, Stages[i], i, [why], signals, null);
            }
        }

        var reached = 0;
        var justification = ImmutableArray.CreateBuilder<string>();
        var signalIds = ImmutableArray.CreateBuilder<string>();
        string? waitsFor = null;
        for (var i = 1; i < Stages.Length && waitsFor is null; i++)
        {
            var stage = Stages[i];
            if (stage.Requirements.IsEmpty)
            {
                continue;
            }

            var lines = new List<(string Line, string? SignalId)>();
            foreach (var requirement in stage.Requirements)
            {
                var task = assessment.Task(requirement.TaskId);
                var holds = requirement.Completed ? task.Phase == TaskPhase.Completed : task.Phase != TaskPhase.NotStarted;
                if (!holds)
                {
                    waitsFor = $"{requirement} (now {task.Phase})";
                    break;
                }

                var signal = task.LastEvidenceSignalId;
                lines.Add(($"{stage.Id}: {task.TaskId} {task.Phase}{(signal is null ? string.Empty : $" (signal {signal})")}", signal));
            }

            if (waitsFor is null)
            {
                reached = i;
                foreach (var (line, signal) in lines)
                {
                    justification.Add(line);
                    if (signal is not null && !signalIds.Contains(signal))
                    {
                        signalIds.Add(signal);
                    }
                }
            }
        }

        return new StageProjection(Name, Stages[reached], reached, justification.ToImmutable(), signalIds.ToImmutable(), waitsFor);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Stages.Length} stages, model {ModelName})";
}
