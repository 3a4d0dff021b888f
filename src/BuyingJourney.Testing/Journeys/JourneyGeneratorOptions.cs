using System;
using System.Collections.Immutable;
using System.Linq;
using BuyingJourney.Signals;

namespace BuyingJourney.Testing;

/// <summary>
/// The knobs of a <see cref="JourneyGenerator"/>: how long journeys are, how often they loop back, how many people
/// take part and how messily the CRM delivers them. Immutable; change one with <c>with</c>. The model and the
/// rulebook are the engine's (<see cref="JourneyGenerator(JourneyEngine, JourneyGeneratorOptions?)"/>).
/// </summary>
public sealed record JourneyGeneratorOptions
{
    /// <summary>The largest <see cref="MaxSignals"/>: 1,000.</summary>
    public const int MaxJourneyLength = 1_000;

    /// <summary>The largest <see cref="People"/>: 50.</summary>
    public const int MaxPeople = 50;

    /// <summary>The longest gap the generator leaves between two signals (a quiet spell of several half-lives, at most this).</summary>
    internal static readonly TimeSpan MaxGap = TimeSpan.FromDays(400);

    /// <summary>The defaults: journeys of up to 40 signals, a loop-back rate of 0.3, five people, messy delivery.</summary>
    public static JourneyGeneratorOptions Default { get; } = new();

    /// <summary>The journey every generated signal belongs to; <c>"journey-1"</c> by default.</summary>
    public string JourneyId { get; init; } = "journey-1";

    /// <summary>
    /// When generated journeys start; 6 January 2025, 08:00 UTC by default. From <see cref="Signal.EarliestOccurredAt"/>,
    /// leaving room before <see cref="Signal.LatestOccurredAt"/> for <see cref="MaxSignals"/> signals 400 days apart.
    /// </summary>
    public DateTimeOffset Start { get; init; } = new(2025, 1, 6, 8, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The most distinct signals in a journey (repeats and corrected copies come on top); 40 by default, from 0 to
    /// <see cref="MaxJourneyLength"/>. Small cases come first: FsCheck's size grows over a run.
    /// </summary>
    public int MaxSignals { get; init; } = 40;

    /// <summary>
    /// The chance, from 0 to 1, that a task the customer completes is later reopened on purpose by evidence strong
    /// enough to loop back; 0.3 by default.
    /// </summary>
    public double LoopBackRate { get; init; } = 0.3;

    /// <summary>
    /// How many people of the buying group signals name (each with a role that may change during the journey, and
    /// who may join and leave); 5 by default, from 0 (no signal names anyone) to <see cref="MaxPeople"/>.
    /// </summary>
    public int People { get; init; } = 5;

    /// <summary>
    /// True (the default) to deliver like a CRM does: repeats of a signal, corrected copies of an id, and signals
    /// out of order; false to deliver each signal once, in journey order.
    /// </summary>
    public bool MessyDelivery { get; init; } = true;

    /// <summary>
    /// Signals with attributes your rules read (a JSON rule's <c>when</c>, a code rule's
    /// <c>context.Signal.Attributes</c>), to generate besides the plain signal of every type the rulebook names: a
    /// type alone carries no attributes, so a rule that needs one would never give evidence. Empty by default.
    /// </summary>
    public ImmutableArray<SignalVariant> Variants { get; init; } = [];

    /// <summary>Checks every knob; the generator calls it.</summary>
    /// <exception cref="ArgumentException">A knob is out of range; the message names it and its value.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(JourneyId))
        {
            throw new ArgumentException("JourneyGeneratorOptions.JourneyId must not be empty or white space.", nameof(JourneyId));
        }

        if (MaxSignals is < 0 or > MaxJourneyLength)
        {
            throw new ArgumentException($"JourneyGeneratorOptions.MaxSignals is {MaxSignals}; it must be from 0 to {MaxJourneyLength}.", nameof(MaxSignals));
        }

        if (Start < Signal.EarliestOccurredAt || Signal.LatestOccurredAt - Start < MaxGap * (MaxSignals + 1))
        {
            throw new ArgumentException($"JourneyGeneratorOptions.Start is {Start:O}; it must be from {Signal.EarliestOccurredAt:O} and leave room before {Signal.LatestOccurredAt:O} for {MaxSignals} signals up to {MaxGap.TotalDays:0} days apart.", nameof(Start));
        }

        if (!(LoopBackRate is >= 0 and <= 1))
        {
            throw new ArgumentException($"JourneyGeneratorOptions.LoopBackRate is {LoopBackRate}; it must be from 0 to 1.", nameof(LoopBackRate));
        }

        if (Variants.IsDefault || Variants.Any(static v => v is null))
        {
            throw new ArgumentException("JourneyGeneratorOptions.Variants must not be default or hold null.", nameof(Variants));
        }

        if (People is < 0 or > MaxPeople)
        {
            throw new ArgumentException($"JourneyGeneratorOptions.People is {People}; it must be from 0 to {MaxPeople}.", nameof(People));
        }
    }
}
