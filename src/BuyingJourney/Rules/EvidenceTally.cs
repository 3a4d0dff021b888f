using System;
using System.Globalization;
using BuyingJourney.Evidence;
using BuyingJourney.Model;
using BuyingJourney.Phases;

namespace BuyingJourney.Rules;

/// <summary>
/// The one place where evidence becomes what the fold's steps use: each task's weight (a strength valued by the task's
/// settings, summed in the order the pieces came), the tasks completed, and the journey effect (the last one given).
/// </summary>
/// <remarks>
/// The collector tallies each piece the moment a rule adds it (so a later rule reading the weight given so far sees
/// exactly the fold's sum); a signal plan tallies its data rules' evidence once per signal type with the same code and
/// hands the result on with <see cref="StartFrom"/>. The first piece the fold cannot take (a task the model lacks, a
/// weight out of range) is kept as <see cref="Problem"/>, naming its rule, and the signal is refused. Not thread-safe.
/// </remarks>
internal sealed class EvidenceTally
{
    private readonly double[] _weights = new double[BuyingModel.MaxTasks];
    private TaskParameterTable? _table;

    /// <summary>The tasks given weight.</summary>
    public uint Weighted { get; private set; }

    /// <summary>The tasks completed.</summary>
    public uint Completed { get; private set; }

    /// <summary>The last journey effect given, or <see cref="JourneyEffect.None"/>.</summary>
    public JourneyEffect Effect { get; private set; }

    /// <summary>How many pieces were tallied (refused ones included).</summary>
    public int Count { get; private set; }

    /// <summary>Why the first refused piece was refused; null while every piece was taken.</summary>
    public string? Problem { get; private set; }

    /// <summary>The model's tasks and parameters of the current signal.</summary>
    public TaskParameterTable Table => _table!;

    /// <summary>Each task's weight sum, in model order.</summary>
    public ReadOnlySpan<double> Weights => _weights.AsSpan(0, _table!.Count);

    /// <summary>What the step hands to the task, status and buying group steps.</summary>
    public TaskTally View => new(Weights, Weighted, Completed, Effect);

    /// <summary>Starts a signal with nothing tallied, for the tasks of <paramref name="table"/>.</summary>
    public void Start(TaskParameterTable table)
    {
        _table = table;
        _weights.AsSpan(0, table.Count).Clear();
        Weighted = 0;
        Completed = 0;
        Effect = JourneyEffect.None;
        Count = 0;
        Problem = null;
    }

    /// <summary>Starts a signal from what <paramref name="from"/> (a signal plan's data rules) already tallied.</summary>
    public void StartFrom(EvidenceTally from)
    {
        _table = from._table;
        from.Weights.CopyTo(_weights);
        Weighted = from.Weighted;
        Completed = from.Completed;
        Effect = from.Effect;
        Count = from.Count;
        Problem = from.Problem;
    }

    /// <summary>The weight tallied so far for the task at <paramref name="index"/>.</summary>
    public double WeightAt(int index) => _weights[index];

    /// <summary>Tallies one piece of evidence that rule <paramref name="ruleId"/> gave.</summary>
    public void Add(in EvidenceItem item, string ruleId)
    {
        Count++;
        if (!TryValue(item, ruleId, out var task, out var weight, out var problem))
        {
            Problem ??= problem;
            return;
        }

        switch (item.Kind)
        {
            case EvidenceKind.JourneyEffect:
                Effect = item.Effect;
                break;
            case EvidenceKind.Completion:
                Completed |= 1u << task;
                break;
            default:
                _weights[task] += weight;
                Weighted |= 1u << task;
                break;
        }
    }

    /// <summary>
    /// What the fold makes of a piece of evidence: its task's model index (-1 for a journey effect) and its weight
    /// (0 unless it gives weight); false, with the reason naming <paramref name="ruleId"/>, when the fold cannot take it.
    /// </summary>
    public bool TryValue(in EvidenceItem item, string ruleId, out int task, out double weight, out string? problem)
        => TryValue(_table!, item, ruleId, out task, out weight, out problem);

    /// <summary>What the fold makes of a piece of evidence for the tasks of <paramref name="table"/> (see the instance overload).</summary>
    public static bool TryValue(TaskParameterTable table, in EvidenceItem item, string ruleId, out int task, out double weight, out string? problem)
    {
        weight = 0;
        problem = null;
        if (item.Kind == EvidenceKind.JourneyEffect)
        {
            task = -1;
            return true;
        }

        task = item.TaskId is null ? -1 : table.IndexOf(item.TaskId);
        if (task < 0)
        {
            problem = $"rule \"{ruleId}\" gave evidence for task \"{item.TaskId}\", which model \"{table.Model.Name}\" does not have.";
            return false;
        }

        if (item.Kind == EvidenceKind.Weight)
        {
            weight = table[task].WeightOf(item);
            if (!TaskSettings.InRange(weight))
            {
                problem = $"rule \"{ruleId}\" gave task \"{item.TaskId}\" the weight {weight.ToString(CultureInfo.InvariantCulture)}; a weight must be finite, above 0 and at most {TaskSettings.MaxValue}.";
                return false;
            }
        }

        return true;
    }
}
