using System;
using BuyingJourney.Evidence;
using System.Collections.Generic;
using System.Collections.Immutable;
using BuyingJourney.Internal;

namespace BuyingJourney.Rules;

/// <summary>
/// Turns a signal into evidence for buying tasks. The default rulebook is made of rules like this one;
/// add your own in code (a subclass, or <see cref="Create"/> with a lambda) or through DI.
/// </summary>
/// <remarks>
/// <para>Obligations of an implementation: be pure (the same signal and journey give the same evidence;
/// no clock, no I/O, no randomness) and thread-safe (one instance serves every journey at once), and add
/// nothing rather than throw when a signal does not apply. A rule that throws, or adds a NaN, infinite, zero
/// or negative weight, or a task the model lacks, does not corrupt the journey: the signal is refused with
/// <c>SignalOutcome.RuleFailed</c> and a reason naming the rule.</para>
/// <para>A rule lists the signal types it reads (<see cref="AppliesTo"/>) so the engine only calls it for
/// those; an empty list means every signal.</para>
/// </remarks>
public abstract class EvidenceRule
{
    /// <summary>The longest accepted rule id.</summary>
    public const int MaxIdLength = 128;

    /// <summary>How the ids of the engine's own rules start; no rulebook or added rule may use one.</summary>
    internal const string ReservedIdPrefix = "buying-group:";

    /// <summary>Creates a rule.</summary>
    /// <param name="id">A stable id, unique in its rulebook; explanations cite it.</param>
    /// <param name="signalTypes">The signal types the rule reads; null or empty for every signal.</param>
    /// <exception cref="ArgumentException">A blank id or signal type.</exception>
    protected EvidenceRule(string id, IEnumerable<string>? signalTypes = null)
    {
        Id = Guard.Text(id, "rule id", MaxIdLength);
        var types = ImmutableArray.CreateBuilder<string>();
        if (signalTypes is not null)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var type in signalTypes)
            {
                Guard.Text(type, $"rule \"{id}\" signal type", Signals.Signal.MaxTypeLength);
                if (seen.Add(type))
                {
                    types.Add(type);
                }
            }
        }

        AppliesTo = types.ToImmutable();
    }

    /// <summary>The rule's stable id.</summary>
    public string Id { get; }

    /// <summary>The signal types the rule reads; empty means every signal.</summary>
    public ImmutableArray<string> AppliesTo { get; }

    /// <summary>Draws evidence from <paramref name="context"/>'s signal into <paramref name="evidence"/>.</summary>
    /// <param name="context">The signal and a read-only view of the journey.</param>
    /// <param name="evidence">Where to add the evidence; add nothing when the signal does not apply.</param>
    public abstract void Evaluate(RuleContext context, EvidenceCollector evidence);

    /// <summary>A rule from a lambda, for one-off rules.</summary>
    /// <param name="id">A stable id, unique in its rulebook.</param>
    /// <param name="signalTypes">The signal types the rule reads; null or empty for every signal.</param>
    /// <param name="callback">The rule's body; must be pure and thread-safe.</param>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    public static EvidenceRule Create(string id, IEnumerable<string>? signalTypes, EvidenceRuleCallback callback)
        => new CallbackRule(id, signalTypes, Guard.NotNull(callback));

    /// <summary>A data rule: every signal of <paramref name="signalType"/> gives exactly <paramref name="evidence"/>.</summary>
    /// <param name="id">A stable id, unique in its rulebook.</param>
    /// <param name="signalType">The signal type.</param>
    /// <param name="evidence">The evidence each such signal carries.</param>
    /// <exception cref="ArgumentException">No evidence.</exception>
    public static EvidenceRule ForSignalType(string id, string signalType, params EvidenceItem[] evidence)
        => new SignalTypeRule(id, signalType, evidence);

    /// <summary>The rule's id.</summary>
    public override string ToString() => Id;

    /// <summary>True when <paramref name="id"/> is in the engine's own space (<see cref="ReservedIdPrefix"/>).</summary>
    internal static bool IsReserved(string id) => id.StartsWith(ReservedIdPrefix, StringComparison.Ordinal);

    /// <summary>True for a rule that adds nothing unless the signal names a stakeholder (the engine's buying-group rules), so the fold can skip it for signals that name none.</summary>
    internal virtual bool RequiresStakeholder => false;

    /// <summary>
    /// Every piece of evidence a data rule can give a signal, declared up front so the engine checks it against the
    /// model and counts it at build; default (not empty) for a rule written in code, whose evidence is known only when it runs.
    /// </summary>
    internal virtual ImmutableArray<EvidenceItem> DeclaredEvidence => default;

    /// <summary>True when the rule gives exactly its <see cref="DeclaredEvidence"/> to every signal of its types, whatever the signal and the journey.</summary>
    internal virtual bool AlwaysGivesDeclaredEvidence => false;

    private sealed class CallbackRule(string id, IEnumerable<string>? signalTypes, EvidenceRuleCallback callback)
        : EvidenceRule(id, signalTypes)
    {
        public override void Evaluate(RuleContext context, EvidenceCollector evidence) => callback(context, evidence);
    }
}
