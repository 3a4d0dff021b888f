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
    private SignalPlan? _plan;

    internal EvidenceCollector()
    {
    }

    /// <summary>How many pieces the rules that ran added (the plan's data rules' pieces are not counted here).</summary>
    internal int Count { get; private set; }

    /// <summary>The current signal's evidence tallied: the plan's data rules' first, then each piece as it is added.</summary>
    internal EvidenceTally Tally { get; } = new();

    private int CurrentRule { get; set; }

    /// <summary>Adds a piece of evidence.</summary>
    /// <param name="evidence">The evidence drawn from the signal.</param>
    /// <exception cref="InvalidOperationException">More than <see cref="MaxPerSignal"/> pieces for one signal (the signal is refused, naming the rule).</exception>
    public void Add(EvidenceItem evidence)
    {
        if (evidence.Reason is null)
        {
            throw new ArgumentException("evidence must be made with one of Evidence's factories (default(Evidence) has no reason).", nameof(evidence));
        }

        if (Tally.Count == MaxPerSignal)
        {
            throw new InvalidOperationException($"more than {MaxPerSignal} pieces of evidence for one signal.");
        }

        _items[Count] = evidence;
        _rules[Count] = CurrentRule;
        Count++;
        Tally.Add(evidence, _plan!.Rules[CurrentRule].Id);
    }

    /// <summary>Adds evidence of the given strength for a task.</summary>
    /// <param name="taskId">The task of the buying model; a task the model lacks gets the signal refused.</param>
    /// <param name="strength">How strong the evidence is; the task's settings give its weight.</param>
    /// <param name="reason">Why, in words a seller understands.</param>
    public void Add(string taskId, EvidenceStrength strength, string reason) => Add(EvidenceItem.For(taskId, strength, reason));

    /// <summary>Adds evidence with an explicit weight for a task.</summary>
    /// <param name="taskId">The task of the buying model; a task the model lacks gets the signal refused.</param>
    /// <param name="weight">The weight it adds to the task; finite and positive, or the signal is refused.</param>
    /// <param name="reason">Why, in words a seller understands.</param>
    public void Add(string taskId, double weight, string reason) => Add(EvidenceItem.For(taskId, weight, reason));

    /// <summary>Adds evidence that completes a task.</summary>
    /// <param name="taskId">The task of the buying model that is completed; a task the model lacks gets the signal refused.</param>
    /// <param name="reason">Why, in words a seller understands.</param>
    public void Complete(string taskId, string reason) => Add(EvidenceItem.Completes(taskId, reason));

    /// <summary>Adds a journey-wide effect (stall, won, lost).</summary>
    /// <param name="effect">The effect: <see cref="JourneyEffect.Stall"/>, <see cref="JourneyEffect.Won"/>, <see cref="JourneyEffect.Lost"/> or <see cref="JourneyEffect.AtRisk"/>.</param>
    /// <param name="reason">Why, in words a seller understands.</param>
    public void Journey(JourneyEffect effect, string reason) => Add(EvidenceItem.ForJourney(effect, reason));

    /// <summary>The weight given so far to the task at model index <paramref name="taskIndex"/> for this signal (the sum the fold will start from).</summary>
    internal double WeightFor(int taskIndex) => Tally.WeightAt(taskIndex);

    /// <summary>
    /// The evidence step: starts from the plan's tally of its data rules, runs the plan's other rules in order (a rule
    /// that needs a stakeholder is skipped for a signal that names none), and checks what they gave. False, with the
    /// reason, when a rule threw or gave evidence the fold cannot take.
    /// </summary>
    internal bool Collect(SignalPlan plan, RuleContext context, out string? reason)
    {
        _plan = plan;
        Count = 0;
        Tally.StartFrom(plan.Tally);
        var rules = plan.Rules;
        var named = context.Signal.Stakeholder is not null;
        for (var i = plan.DataRuleCount; i < rules.Length; i++)
        {
            var rule = rules[i];
            if (!named && rule.RequiresStakeholder)
            {
                continue;
            }

            CurrentRule = i;
            try
            {
                rule.Evaluate(context, this);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                reason = $"rule \"{rule.Id}\" threw {ex.GetType().Name}: {ex.Message}";
                return false;
            }
        }

        reason = Tally.Problem;
        return reason is null;
    }

    /// <summary>The plan of the current signal.</summary>
    internal SignalPlan Plan => _plan!;

    internal ref readonly EvidenceItem ItemAt(int index) => ref _items[index];

    internal int RuleAt(int index) => _rules[index];
}
