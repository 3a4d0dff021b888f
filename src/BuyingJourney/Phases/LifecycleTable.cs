using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Stateless.Reflection;

namespace BuyingJourney.Phases;

/// <summary>How one row of a compiled lifecycle handles its trigger.</summary>
internal enum LifecycleRowKind : byte
{
    /// <summary>The trigger is ignored: the state stays, nothing is recorded.</summary>
    Ignore = 0,

    /// <summary>The state re-enters itself (<c>PermitReentry</c>): it stays, and diagrams show the loop.</summary>
    Reentry = 1,

    /// <summary>The state changes (<c>Permit</c>).</summary>
    Transition = 2,
}

/// <summary>One (state, trigger) cell of a compiled lifecycle, read from Stateless's <see cref="StateMachineInfo"/>.</summary>
/// <param name="From">The state, as its enum value.</param>
/// <param name="Trigger">The trigger, as its enum value.</param>
/// <param name="To">The next state, as its enum value (<paramref name="From"/> unless a transition).</param>
/// <param name="Kind">Transition, re-entry or ignore.</param>
/// <param name="Label">The first guard description that is not <see cref="TaskLifecycles.LoopBack"/>, else the trigger's name.</param>
/// <param name="IsLoopBack">True when a guard description is <see cref="TaskLifecycles.LoopBack"/>.</param>
internal readonly record struct LifecycleRow(int From, int Trigger, int To, LifecycleRowKind Kind, string Label, bool IsLoopBack);

/// <summary>
/// A Stateless configuration compiled once into a <c>byte[state × trigger]</c> next-state table plus one
/// <see cref="LifecycleRow"/> per cell, so that the fold looks phases up without firing the machine. The
/// <see cref="Info"/> it was compiled from is kept for Stateless's own graph exports.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed class LifecycleTable
{
    private readonly byte[] _next;
    private readonly LifecycleRow[] _rows;

    private LifecycleTable(StateMachineInfo info, int triggerCount, byte[] next, LifecycleRow[] rows)
    {
        Info = info;
        TriggerCount = triggerCount;
        _next = next;
        _rows = rows;
    }

    /// <summary>What the table was compiled from.</summary>
    public StateMachineInfo Info { get; }

    /// <summary>How many triggers each state row has.</summary>
    public int TriggerCount { get; }

    /// <summary>Every cell, state by state and, within a state, trigger by trigger.</summary>
    public ReadOnlySpan<LifecycleRow> Rows => _rows;

    /// <summary>The next states, cell by cell (state × <see cref="TriggerCount"/> + trigger), for typed wrappers to copy once. Never written after compiling.</summary>
    public byte[] NextStates => _next;

    /// <summary>The next state: one array read.</summary>
    public byte Next(int state, int trigger) => _next[(state * TriggerCount) + trigger];

    /// <summary>The row of one cell.</summary>
    public ref readonly LifecycleRow Row(int state, int trigger) => ref _rows[(state * TriggerCount) + trigger];

    /// <summary>
    /// Compiles <paramref name="info"/>: every state of <typeparamref name="TState"/> must handle every trigger of
    /// <typeparamref name="TTrigger"/> exactly once (a transition, a re-entry or an explicit ignore), the machine must
    /// start in <paramref name="start"/>, and every loop-back row must carry a label.
    /// </summary>
    /// <exception cref="ArgumentException">The declaration breaks one of the rules; the message, prefixed with <paramref name="what"/>, names it.</exception>
    public static LifecycleTable Compile<TState, TTrigger>(StateMachineInfo info, TState start, string what, string paramName)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        var states = Enum.GetValues<TState>();
        var triggers = Enum.GetValues<TTrigger>();
        var next = new byte[states.Length * triggers.Length];
        var rows = new LifecycleRow?[next.Length];
        if (info.InitialState?.UnderlyingState is not TState initial || !EqualityComparer<TState>.Default.Equals(initial, start))
        {
            throw Invalid(what, paramName, $"it starts in {info.InitialState}; it must have exactly one start phase, {start}, where everything starts");
        }

        foreach (var state in info.States)
        {
            var from = (TState)state.UnderlyingState;
            if (state.Superstate is not null || state.Substates.Any())
            {
                throw Invalid(what, paramName, $"{from} has a superstate or substates; a lifecycle is flat");
            }

            if (state.DynamicTransitions.FirstOrDefault() is { } dynamic)
            {
                throw Invalid(what, paramName, $"{from} has a dynamic transition on {dynamic.Trigger}; declare each transition with its destination");
            }

            foreach (var transition in state.FixedTransitions)
            {
                var to = (TState)transition.DestinationState.UnderlyingState;
                if (transition.IsInternalTransition)
                {
                    throw Invalid(what, paramName, $"{from} has an internal transition on {transition.Trigger}; use a re-entry (PermitReentry) or an ignore");
                }

                var kind = EqualityComparer<TState>.Default.Equals(from, to) ? LifecycleRowKind.Reentry : LifecycleRowKind.Transition;
                Add(rows, triggers.Length, what, paramName, from.ToString(), Index(from), (TTrigger)transition.Trigger.UnderlyingTrigger, Index(to), kind, transition);
            }

            foreach (var ignored in state.IgnoredTriggers)
            {
                Add(rows, triggers.Length, what, paramName, from.ToString(), Index(from), (TTrigger)ignored.Trigger.UnderlyingTrigger, Index(from), LifecycleRowKind.Ignore, ignored);
            }
        }

        var compiled = new LifecycleRow[rows.Length];
        for (var s = 0; s < states.Length; s++)
        {
            for (var t = 0; t < triggers.Length; t++)
            {
                var cell = (s * triggers.Length) + t;
                compiled[cell] = rows[cell] ?? throw Invalid(what, paramName, $"{states[s]} does not handle {triggers[t]}; every phase handles every trigger with a transition, a re-entry or an explicit ignore");
                next[cell] = (byte)compiled[cell].To;
            }
        }

        return new LifecycleTable(info, triggers.Length, next, compiled);
    }

    /// <summary>An enum value as its table index (the lifecycle enums are numbered 0, 1, 2...).</summary>
    private static int Index<T>(T value)
        where T : struct, Enum
        => Convert.ToInt32(value, CultureInfo.InvariantCulture);

    private static void Add<TTrigger>(LifecycleRow?[] rows, int triggerCount, string what, string paramName, string fromName, int from, TTrigger trigger, int to, LifecycleRowKind kind, TransitionInfo transition)
        where TTrigger : struct, Enum
    {
        var stateCount = rows.Length / triggerCount;
        if ((uint)from >= (uint)stateCount || (uint)to >= (uint)stateCount || (uint)Index(trigger) >= (uint)triggerCount)
        {
            throw Invalid(what, paramName, $"{fromName} has a row for {trigger} from or to a value outside the enums");
        }

        var cell = (from * triggerCount) + Index(trigger);
        if (rows[cell] is not null)
        {
            throw Invalid(what, paramName, $"{fromName} handles {trigger} more than once");
        }

        string? label = null;
        var isLoopBack = false;
        foreach (var guard in transition.GuardConditionsMethodDescriptions)
        {
            if (string.Equals(guard.Description, TaskLifecycles.LoopBack, StringComparison.Ordinal))
            {
                isLoopBack = true;
            }
            else if (label is null)
            {
                label = guard.Description;
            }
            else
            {
                throw Invalid(what, paramName, $"{fromName}'s row for {trigger} has two labels, \"{label}\" and \"{guard.Description}\"; give each row one");
            }
        }

        if (isLoopBack && kind == LifecycleRowKind.Ignore)
        {
            throw Invalid(what, paramName, $"{fromName} ignores {trigger} but marks it a loop-back; a loop-back changes the phase");
        }

        if (isLoopBack && string.IsNullOrWhiteSpace(label))
        {
            throw Invalid(what, paramName, $"{fromName}'s loop-back on {trigger} has no name; give it a label besides \"{TaskLifecycles.LoopBack}\"");
        }

        rows[cell] = new LifecycleRow(from, Index(trigger), to, kind, string.IsNullOrWhiteSpace(label) ? trigger.ToString() : label, isLoopBack);
    }

    private static ArgumentException Invalid(string what, string paramName, string problem) => new($"{what}: {problem}.", paramName);
}
