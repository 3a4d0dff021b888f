using System;
using BuyingJourney.Evidence;

namespace BuyingJourney.Rules;

/// <summary>
/// Where a rule puts the evidence it draws from a signal. The engine hands one to each rule call; a rule
/// adds zero or more pieces of evidence to it. At most <see cref="MaxPerSignal"/> pieces per signal.
/// </summary>
/// <remarks>Not thread-safe; valid only during the rule call it is passed to.</remarks>
public sealed class EvidenceCollector
{
    /// <summary>The most pieces of evidence all rules together may draw from one signal.</summary>
    public const int MaxPerSignal = 64;

    private readonly EvidenceItem[] _items = new EvidenceItem[MaxPerSignal];
    private readonly int[] _rules = new int[MaxPerSignal];
    private double[]? _reservedWeights;

    internal EvidenceCollector()
    {
    }

    internal int Count { get; private set; }

    /// <summary>The fold's per-task weight sums for the current signal (one slot per task of the largest model).</summary>
    internal double[] Weights { get; } = new double[Model.BuyingModel.MaxTasks];

    internal int CurrentRule { get; set; }

    internal bool InUse { get; set; }

    /// <summary>A recorder that <c>JourneyEngine.Apply</c> reuses along with this collector.</summary>
    internal Journeys.StepRecorder? Recorder { get; set; }

    /// <summary>Adds a piece of evidence.</summary>
    /// <exception cref="InvalidOperationException">More than <see cref="MaxPerSignal"/> pieces for one signal (the signal is refused, naming the rule).</exception>
    public void Add(EvidenceItem evidence)
    {
        if (evidence.Reason is null)
        {
            throw new ArgumentException("evidence must be made with one of Evidence's factories (default(Evidence) has no reason).", nameof(evidence));
        }

        if (Count + Reserved == MaxPerSignal)
        {
            throw new InvalidOperationException($"more than {MaxPerSignal} pieces of evidence for one signal.");
        }

        _items[Count] = evidence;
        _rules[Count] = CurrentRule;
        Count++;
    }

    /// <summary>Adds evidence of the given strength for a task.</summary>
    public void Add(string taskId, EvidenceStrength strength, string reason) => Add(EvidenceItem.For(taskId, strength, reason));

    /// <summary>Adds evidence with an explicit weight for a task.</summary>
    public void Add(string taskId, double weight, string reason) => Add(EvidenceItem.For(taskId, weight, reason));

    /// <summary>Adds evidence that completes a task.</summary>
    public void Complete(string taskId, string reason) => Add(EvidenceItem.Completes(taskId, reason));

    /// <summary>Adds a journey-wide effect (stall, won, lost).</summary>
    public void Journey(JourneyEffect effect, string reason) => Add(EvidenceItem.ForJourney(effect, reason));

    /// <summary>
    /// The weight already given to task <paramref name="taskId"/> (model index <paramref name="taskIndex"/>) for this
    /// signal, strengths valued by the task's <paramref name="parameters"/>: the pre-summed data rules first, then the
    /// items added since, in order (so the total is the one the fold will reach).
    /// </summary>
    internal double WeightFor(string taskId, int taskIndex, in Phases.TaskParameters parameters)
    {
        var total = _reservedWeights is { } reserved ? reserved[taskIndex] : 0.0;
        for (var i = 0; i < Count; i++)
        {
            ref readonly var item = ref _items[i];
            if (item.Kind == EvidenceKind.Weight && string.Equals(item.TaskId, taskId, StringComparison.Ordinal))
            {
                total += parameters.WeightOf(item);
            }
        }

        return total;
    }

    /// <summary>Starts a signal: <paramref name="reserved"/> pieces of evidence, with <paramref name="reservedWeights"/> per task, were already drawn by data rules that did not run.</summary>
    internal void Reset(int reserved, double[]? reservedWeights)
    {
        Count = 0;
        CurrentRule = 0;
        Reserved = reserved;
        _reservedWeights = reservedWeights;
    }

    /// <summary>Pieces of evidence already drawn for this signal without running their rules (they count towards <see cref="MaxPerSignal"/>).</summary>
    internal int Reserved { get; private set; }

    internal ref readonly EvidenceItem ItemAt(int index) => ref _items[index];

    internal int RuleAt(int index) => _rules[index];
}
