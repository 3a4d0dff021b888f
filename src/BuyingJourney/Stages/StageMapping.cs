using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using BuyingJourney.Assessment;
using BuyingJourney.Evidence;
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
/// of a closing stage (Won, Lost), it is in that stage; nothing else reaches a closing stage. Otherwise each stage is
/// judged by the customer's own evidence: it is confirmed when all the requirements of one of its
/// <see cref="StageDefinition.Confirmations"/> hold now. Later evidence confirms what it presupposes, so the projection
/// is the furthest confirmed stage, however the customer got there (an RFP without a problem statement still confirms
/// the needs). What the customer reopened is no longer confirmed: a stage that is not confirmed because a task it
/// requires completed (or not reopened) is being revisited is undone, and the projection is the furthest confirmed
/// stage before the first undone one. So a loop-back moves the projection back to what the customer still confirms.
/// </para>
/// <para>
/// Rules checked when the mapping is built: at least one stage, distinct stage ids, the first stage has no requirements
/// and no status, every other stage has requirements or a status but not both (a closing stage is reached by its status
/// alone), and every requirement names a task of the model. Immutable and thread-safe.
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

            if (list.Count > 0 && stage.Confirmations.IsEmpty && stage.Status is null)
            {
                throw new ArgumentException($"mapping \"{Name}\": stage \"{stage.Id}\" needs requirements or a status.", nameof(stages));
            }

            if (list.Count > 0 && !stage.Confirmations.IsEmpty && stage.Status is { } status)
            {
                throw new ArgumentException($"mapping \"{Name}\": closing stage \"{stage.Id}\" is reached by status {status} alone; it takes no requirements.", nameof(stages));
            }

            foreach (var confirmation in stage.Confirmations)
            {
                foreach (var requirement in confirmation)
                {
                    if (model.IndexOf(requirement.TaskId) < 0)
                    {
                        throw new ArgumentException($"mapping \"{Name}\": stage \"{stage.Id}\" requires task \"{requirement.TaskId}\", which model \"{model.Name}\" does not have.", nameof(stages));
                    }
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
        for (var i = 1; i < Stages.Length; i++)
        {
            var stage = Stages[i];
            if (stage.Status is not null)
            {
                continue;
            }

            if (IsConfirmed(stage, assessment))
            {
                reached = i;
            }
            else if (IsUndone(stage, assessment))
            {
                break;
            }
        }

        var justification = ImmutableArray.CreateBuilder<string>();
        var signalIds = ImmutableArray.CreateBuilder<string>();
        foreach (var confirmation in Stages[reached].Confirmations)
        {
            if (!Holds(confirmation, assessment))
            {
                continue;
            }

            foreach (var requirement in confirmation)
            {
                var task = assessment.Task(requirement.TaskId);
                var signals = SignalsBehind(requirement, task, assessment.HasEvidenceDetail);
                foreach (var signal in signals)
                {
                    if (!signalIds.Contains(signal))
                    {
                        signalIds.Add(signal);
                    }
                }

                var cited = signals.Count switch
                {
                    0 => string.Empty,
                    1 => $" (signal {signals[0]})",
                    _ => $" (signals {string.Join(", ", signals)})",
                };
                var reopened = requirement.Condition == StageCondition.NotReopened ? ", not reopened" : string.Empty;
                var line = $"{Stages[reached].Id}: {task.TaskId} {task.Phase}{reopened}{cited}";
                if (!justification.Contains(line))
                {
                    justification.Add(line);
                }
            }
        }

        return new StageProjection(Name, Stages[reached], reached, justification.ToImmutable(), signalIds.ToImmutable(), WaitsFor(reached, assessment));
    }

    private static bool Holds(ImmutableArray<StageRequirement> confirmation, JourneyAssessment assessment)
    {
        foreach (var requirement in confirmation)
        {
            if (!requirement.Holds(assessment.Task(requirement.TaskId).Phase))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsConfirmed(StageDefinition stage, JourneyAssessment assessment)
    {
        foreach (var confirmation in stage.Confirmations)
        {
            if (Holds(confirmation, assessment))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a requirement of the (unconfirmed) stage fails because the customer reopened its task.</summary>
    private static bool IsUndone(StageDefinition stage, JourneyAssessment assessment)
    {
        foreach (var confirmation in stage.Confirmations)
        {
            foreach (var requirement in confirmation)
            {
                if (requirement.IsUndoneBy(assessment.Task(requirement.TaskId).Phase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The signals behind a requirement that holds: for a completion, the signal that completed the task; otherwise the
    /// signals of the task's evidence (largest contribution first). Without evidence detail, the task's last evidence
    /// signal. None for "not reopened".
    /// </summary>
    private static List<string> SignalsBehind(StageRequirement requirement, TaskAssessment task, bool detail)
    {
        var signals = new List<string>();
        if (requirement.Condition == StageCondition.NotReopened)
        {
            return signals;
        }

        if (detail)
        {
            foreach (var contribution in task.Evidence)
            {
                var completion = contribution.Evidence.Kind == EvidenceKind.Completion;
                if ((completion || !requirement.Completed) && !signals.Contains(contribution.SignalId))
                {
                    signals.Add(contribution.SignalId);
                }
            }
        }

        if (signals.Count == 0 && task.LastEvidenceSignalId is { } last)
        {
            signals.Add(last);
        }

        return signals;
    }

    /// <summary>What the stage after <paramref name="reached"/> waits for: each way to confirm it, its first requirement that does not hold; for a closing stage, its status.</summary>
    private string? WaitsFor(int reached, JourneyAssessment assessment)
    {
        if (reached + 1 >= Stages.Length)
        {
            return null;
        }

        var next = Stages[reached + 1];
        if (next.Status is { } status)
        {
            return $"journey status {status} (now {assessment.Status})";
        }

        var missing = new List<string>();
        foreach (var confirmation in next.Confirmations)
        {
            foreach (var requirement in confirmation)
            {
                var phase = assessment.Task(requirement.TaskId).Phase;
                if (!requirement.Holds(phase))
                {
                    missing.Add($"{requirement} (now {phase})");
                    break;
                }
            }
        }

        return string.Join(" or ", missing);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Stages.Length} stages, model {ModelName})";
}
