using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using BuyingJourney.Advice;
using BuyingJourney.Journeys;
using BuyingJourney.Signals;
using FsCheck;
using FsCheck.Fluent;

namespace BuyingJourney.Testing;

/// <summary>
/// FsCheck generators of realistic journeys for one engine's model and rulebook, built-in, JSON or code, that explore
/// loop-backs on purpose: several tasks worked on at once, completions followed by evidence that reopens them, quiet
/// gaps long enough for tasks to go dormant, stalls and returns, wins and losses, people joining, leaving and changing
/// roles, feedback on advice, types the rules refuse or do not know, and a CRM's messy delivery (repeats, corrected
/// copies of an id, equal timestamps, out of order). Shrinking keeps a counterexample readable: fewest signals,
/// delivered in order, plain signals, earliest days.
/// </summary>
/// <remarks>
/// The generator learns what the engine does with each signal type its rulebook names by applying one signal of each
/// to a new journey when it is made (see <see cref="ToString"/>), so make one per engine and keep it. Use
/// <see cref="Journeys"/> in an FsCheck <c>Prop.ForAll</c>, or return it from a static method of a class named in
/// <c>[Property(Arbitrary = [typeof(...)])]</c> so that a <see cref="GeneratedJourney"/> parameter is generated.
/// </remarks>
public sealed class JourneyGenerator
{
    private static readonly string[] Roles =
    [
        StakeholderRoles.DecisionMaker, StakeholderRoles.Purchaser, StakeholderRoles.Influencer, StakeholderRoles.User,
        StakeholderRoles.Approver, StakeholderRoles.Initiator, StakeholderRoles.Gatekeeper,
    ];

    private readonly SignalCatalog _catalog;

    /// <summary>A generator of journeys for <paramref name="engine"/>'s model and rulebook.</summary>
    /// <param name="engine">The engine whose signal types the journeys use.</param>
    /// <param name="options">The knobs; <see cref="JourneyGeneratorOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> is null.</exception>
    /// <exception cref="ArgumentException">A knob of <paramref name="options"/> is out of range.</exception>
    public JourneyGenerator(JourneyEngine engine, JourneyGeneratorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Options = options ?? JourneyGeneratorOptions.Default;
        Options.Validate();
        Engine = engine;
        _catalog = SignalCatalog.Probe(engine, Options.JourneyId, Options.Start, Options.Variants);
        Journeys = Arb.From(Generate(), Shrink);
    }

    /// <summary>The engine the journeys are made for.</summary>
    public JourneyEngine Engine { get; }

    /// <summary>The knobs.</summary>
    public JourneyGeneratorOptions Options { get; }

    /// <summary>Random journeys with shrinking, for FsCheck.</summary>
    public Arbitrary<GeneratedJourney> Journeys { get; }

    /// <summary>Up to six times after a journey's last signal, as offsets (zero, a tick, minutes, days, months, years), with shrinking.</summary>
    public static Arbitrary<TimeSpan[]> LaterOffsets { get; } = Arb.From(
        from count in Gen.Choose(1, 6)
        from offsets in Gen.ArrayOf(Gen.Frequency(
            (2, Gen.Constant(TimeSpan.Zero)),
            (1, Gen.Constant(TimeSpan.FromTicks(1))),
            (3, Gen.Choose(1, 24 * 60).Select(static m => TimeSpan.FromMinutes(m))),
            (3, Gen.Choose(1, 60).Select(static d => TimeSpan.FromDays(d))),
            (2, Gen.Choose(61, 3 * 365).Select(static d => TimeSpan.FromDays(d)))), count)
        select offsets,
        static offsets => offsets.Length <= 1 ? [] : [offsets[..^1], offsets[1..]]);

    /// <summary>One journey made from <paramref name="seed"/> at <paramref name="size"/> (FsCheck's size: larger is longer), for a quick look outside a property.</summary>
    /// <param name="size">From 0; journeys have at most min(<see cref="JourneyGeneratorOptions.MaxSignals"/>, 4 + size / 2) distinct signals.</param>
    /// <param name="seed">Any number; the same seed and size give the same journey.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative.</exception>
    public GeneratedJourney Sample(int size, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var random = new Random(seed);
        var length = Length(size, random.Next());
        var dice = new int[DiceFor(length)];
        for (var i = 0; i < dice.Length; i++)
        {
            dice[i] = random.Next();
        }

        return Build(length, dice);
    }

    /// <summary>What the generator learned from the engine: per task the types that weigh, complete and reopen it, and the others.</summary>
    public override string ToString() => $"JourneyGenerator for {Engine.Model.Name} with rulebook {Engine.Rulebook}:{Environment.NewLine}{_catalog}";

    private int Length(int size, int roll) => Math.Min(Options.MaxSignals, 4 + (size / 2)) is var most && most <= 0 ? 0 : roll % (most + 1);

    private static int DiceFor(int length) => 16 + (length * 12);

    private Gen<GeneratedJourney> Generate() =>
        from size in Gen.Sized(static size => Gen.Constant(size))
        from roll in Gen.Choose(0, int.MaxValue - 1)
        let length = Length(size, roll)
        from dice in Gen.ArrayOf(Gen.Choose(0, int.MaxValue - 1), DiceFor(length))
        select Build(length, dice);

    /// <summary>Builds a journey of <paramref name="length"/> distinct signals from <paramref name="dice"/>: the same dice give the same journey.</summary>
    private GeneratedJourney Build(int length, int[] dice)
    {
        var roll = new Dice(dice);
        var journey = Options.JourneyId;
        var catalog = _catalog;
        var tasks = catalog.TasksWithEvidence;
        var people = Enumerable.Range(1, Options.People).Select(i => new Stakeholder("p" + i.ToString(CultureInfo.InvariantCulture), Roles[(i - 1) % Roles.Length])).ToArray();
        var joined = new HashSet<string>(StringComparer.Ordinal);
        var numbers = Enumerable.Range(1, Math.Max(length, 1)).ToArray();
        for (var i = numbers.Length - 1; i > 0; i--)
        {
            var j = roll.Next(i + 1);
            (numbers[i], numbers[j]) = (numbers[j], numbers[i]);
        }

        var signals = new List<Signal>(length * 2);
        var focus = new List<string>();
        var reopen = new List<(string Task, int Due)>();
        var at = Options.Start;
        for (var i = 0; i < length; i++)
        {
            at += Gap(roll, catalog.LongestHalfLife);
            var zone = roll.Pick(8) switch { 0 => TimeSpan.FromHours(2), 1 => TimeSpan.FromHours(-5), _ => TimeSpan.Zero };
            var source = roll.Pick(8) switch { 0 => "crm", 1 => "email", _ => null };
            var person = people.Length == 0 || roll.Pick(10) < 3 ? null : people[roll.Next(people.Length)];
            var id = "s" + numbers[i].ToString(CultureInfo.InvariantCulture);

            // Move the focus: one to three tasks at a time, shifting as the journey goes on.
            if (tasks.Length > 0 && (focus.Count == 0 || roll.Pick(5) == 0))
            {
                if (focus.Count >= 3 || (focus.Count > 0 && roll.Pick(2) == 0))
                {
                    focus.RemoveAt(roll.Next(focus.Count));
                }

                var next = tasks[roll.Next(tasks.Length)];
                if (!focus.Contains(next))
                {
                    focus.Add(next);
                }
            }

            SignalVariant type;
            IReadOnlyDictionary<string, string>? attributes = null;
            var due = reopen.FindIndex(r => r.Due <= i);
            if (i == length - 1 && length >= 4 && catalog.Ends.Length > 0 && roll.Pick(4) == 0)
            {
                // Many journeys end: the deal is won or lost.
                type = catalog.Ends[roll.Next(catalog.Ends.Length)];
            }
            else if (due >= 0)
            {
                var task = reopen[due].Task;
                reopen.RemoveAt(due);
                var strong = catalog.Reopening[task];
                type = strong.Length > 0 ? strong[roll.Next(strong.Length)] : catalog.Weights[task][roll.Next(catalog.Weights[task].Length)];
                if (strong.Length == 0 && catalog.Weights[task].Length > 0)
                {
                    // No type reopens on its own: a burst of evidence does (the next signals come soon after).
                    reopen.Add((task, i + 1));
                }
            }
            else
            {
                var kind = roll.Pick(100);
                var task = focus.Count == 0 ? null : focus[roll.Next(focus.Count)];
                if (kind < 50 && task is not null && catalog.Weights[task].Length > 0)
                {
                    type = catalog.Weights[task][roll.Next(catalog.Weights[task].Length)];
                }
                else if (kind < 68 && task is not null && catalog.Completions[task].Length > 0)
                {
                    type = catalog.Completions[task][roll.Next(catalog.Completions[task].Length)];
                    focus.Remove(task);
                    if (roll.Chance(Options.LoopBackRate) && catalog.Weights[task].Length > 0)
                    {
                        reopen.Add((task, i + 1 + roll.Next(6)));
                    }
                }
                else if (kind < 73 && catalog.Stalls.Length > 0)
                {
                    type = catalog.Stalls[roll.Next(catalog.Stalls.Length)];
                }
                else if (kind < 76 && catalog.Ends.Length > 0 && i >= length / 2)
                {
                    type = catalog.Ends[roll.Next(catalog.Ends.Length)];
                }
                else if (kind < 84 && catalog.KnowsGroupEvents && people.Length > 0)
                {
                    (var group, person) = GroupEvent(roll, people, joined);
                    type = new SignalVariant(group);
                }
                else if (kind < 88)
                {
                    type = new SignalVariant(catalog.Feedback[roll.Next(catalog.Feedback.Length)]);
                    attributes = new Dictionary<string, string>(StringComparer.Ordinal) { [ActionFeedback.ActionAttribute] = catalog.ActionCodes[roll.Next(catalog.ActionCodes.Length)] };
                }
                else if (kind < 91 && catalog.Refused.Length > 0)
                {
                    type = catalog.Refused[roll.Next(catalog.Refused.Length)];
                }
                else if (kind < 94 && catalog.Quiet.Length > 0)
                {
                    type = catalog.Quiet[roll.Next(catalog.Quiet.Length)];
                }
                else if (kind < 97 || tasks.Length == 0)
                {
                    type = catalog.UnknownTypes.Length > 0 ? catalog.UnknownTypes[roll.Next(catalog.UnknownTypes.Length)] : new SignalVariant(SignalCatalog.Unknown[0]);
                }
                else
                {
                    var any = tasks[roll.Next(tasks.Length)];
                    type = catalog.Weights[any].Length > 0 ? catalog.Weights[any][roll.Next(catalog.Weights[any].Length)] : catalog.Completions[any][0];
                }
            }

            signals.Add(new Signal(id, journey, at.ToOffset(zone), type.Type, person, source, attributes ?? type.Attributes));
        }

        if (!Options.MessyDelivery)
        {
            signals.Sort(SignalOrder.Instance);
            return new GeneratedJourney(signals);
        }

        return new GeneratedJourney(Deliver(roll, signals));
    }

    /// <summary>A stakeholder event: someone joins (first), leaves, or changes role.</summary>
    private static (string Type, Stakeholder Person) GroupEvent(Dice roll, Stakeholder[] people, HashSet<string> joined)
    {
        var person = people[roll.Next(people.Length)];
        if (joined.Add(person.Id))
        {
            return (SignalTypes.StakeholderJoined, person);
        }

        if (roll.Pick(3) == 0)
        {
            joined.Remove(person.Id);
            return (SignalTypes.StakeholderLeft, person);
        }

        var role = Roles[roll.Next(Roles.Length)];
        var index = Array.IndexOf(people, person);
        people[index] = new Stakeholder(person.Id, role);
        return (SignalTypes.StakeholderRoleChanged, people[index]);
    }

    /// <summary>The gap before a signal: often none (equal timestamps), mostly minutes to days, now and then a quiet spell long enough to go dormant.</summary>
    private static TimeSpan Gap(Dice roll, TimeSpan halfLife)
    {
        var kind = roll.Pick(100);
        return kind switch
        {
            < 15 => TimeSpan.Zero,
            < 18 => TimeSpan.FromTicks(1),
            < 55 => TimeSpan.FromMinutes(1 + roll.Next(12 * 60)),
            < 88 => TimeSpan.FromHours(1 + roll.Next(6 * 24)),
            < 96 => TimeSpan.FromTicks(Math.Min(JourneyGeneratorOptions.MaxGap.Ticks, halfLife.Ticks * (3 + roll.Next(3)))),
            _ => TimeSpan.FromDays(60 + roll.Next(60)),
        };
    }

    /// <summary>A CRM's delivery: repeats (the same instance or an equal copy), corrected copies of an id, then in order, nearly in order, or shuffled.</summary>
    private List<Signal> Deliver(Dice roll, List<Signal> signals)
    {
        var distinct = signals.Count;
        if (distinct == 0)
        {
            return signals;
        }

        var repeats = roll.Pick(10) switch { < 3 => 0, < 8 => 1 + roll.Next(4), _ => 5 + roll.Next(6) };
        for (var i = 0; i < repeats; i++)
        {
            var original = signals[roll.Next(distinct)];
            signals.Add(roll.Pick(2) == 0 ? original : new Signal(original.Id, original.JourneyId, original.OccurredAt, original.Type, original.Stakeholder, original.Source, original.Attributes));
        }

        var corrections = roll.Pick(10) switch { < 4 => 0, < 8 => 1 + roll.Next(3), _ => 4 + roll.Next(5) };
        for (var i = 0; i < corrections; i++)
        {
            var original = signals[roll.Next(distinct)];
            var shift = TimeSpan.FromMinutes(1 + roll.Next(roll.Pick(4) == 0 ? 90 * 24 * 60 : 600));
            var donor = signals[roll.Next(distinct)];
            var other = donor.Type;
            var otherAttributes = donor.Attributes;
            signals.Add(roll.Pick(5) switch
            {
                0 => new Signal(original.Id, original.JourneyId, original.OccurredAt, other, original.Stakeholder, original.Source, otherAttributes),
                1 => new Signal(original.Id, original.JourneyId, original.OccurredAt + shift, other, original.Stakeholder, original.Source, otherAttributes),
                2 when original.OccurredAt - shift >= Options.Start => new Signal(original.Id, original.JourneyId, original.OccurredAt - shift, other, original.Stakeholder, original.Source, otherAttributes),
                3 => new Signal(original.Id, original.JourneyId, original.OccurredAt.ToOffset(original.OccurredAt.Offset == TimeSpan.Zero ? TimeSpan.FromHours(3) : TimeSpan.Zero), original.Type, original.Stakeholder, original.Source, original.Attributes),
                _ => new Signal(original.Id, original.JourneyId, original.OccurredAt, original.Type, original.Stakeholder, "corrected", original.Attributes),
            });
        }

        switch (roll.Pick(9))
        {
            case < 2:
                signals.Sort(SignalOrder.Instance);
                break;
            case < 4:
                signals.Sort(SignalOrder.Instance);
                for (var i = 0; i < 6 && signals.Count > 1; i++)
                {
                    var at = roll.Next(signals.Count - 1);
                    (signals[at], signals[at + 1]) = (signals[at + 1], signals[at]);
                }

                break;
            default:
                for (var i = signals.Count - 1; i > 0; i--)
                {
                    var j = roll.Next(i + 1);
                    (signals[i], signals[j]) = (signals[j], signals[i]);
                }

                break;
        }

        return signals;
    }

    /// <summary>Smaller journeys that may still fail: fewer deliveries, in order, plain signals, earlier days.</summary>
    private IEnumerable<GeneratedJourney> Shrink(GeneratedJourney journey)
    {
        var deliveries = journey.Deliveries;
        var n = deliveries.Length;
        for (var size = n; size >= 1; size /= 2)
        {
            for (var start = 0; start + size <= n; start += size)
            {
                yield return new GeneratedJourney(deliveries.RemoveRange(start, size));
            }
        }

        if (!deliveries.SequenceEqual(journey.Sorted))
        {
            yield return new GeneratedJourney(journey.Sorted);
        }

        for (var i = 0; i < n; i++)
        {
            var signal = deliveries[i];
            if (signal.Source is not null || signal.OccurredAt.Offset != TimeSpan.Zero || signal.Stakeholder is not null)
            {
                // Attributes stay: rules read them (a variant's, feedback's action code).
                yield return new GeneratedJourney(deliveries.SetItem(i, new Signal(signal.Id, signal.JourneyId, signal.OccurredAt.ToUniversalTime(), signal.Type, null, null, signal.Attributes)));
            }
        }

        // Earlier days: halve the gap before a signal (the others keep their times).
        for (var i = 1; i < journey.Sorted.Length; i++)
        {
            var gap = journey.Sorted[i].OccurredAt - journey.Sorted[i - 1].OccurredAt;
            if (gap > TimeSpan.FromDays(2))
            {
                var target = journey.Sorted[i];
                var moved = new Signal(target.Id, target.JourneyId, target.OccurredAt - (gap / 2), target.Type, target.Stakeholder, target.Source, target.Attributes);
                yield return new GeneratedJourney(deliveries.Select(s => ReferenceEquals(s, target) ? moved : s));
            }
        }

        if (journey.Sorted.Length > 0 && journey.Sorted[0].OccurredAt > Options.Start)
        {
            var shift = journey.Sorted[0].OccurredAt - Options.Start;
            yield return new GeneratedJourney(deliveries.Select(s => new Signal(s.Id, s.JourneyId, s.OccurredAt - shift, s.Type, s.Stakeholder, s.Source, s.Attributes)));
        }
    }

    /// <summary>Reads generated numbers in turn (past the end it starts again), so the same numbers build the same journey.</summary>
    private sealed class Dice(int[] numbers)
    {
        private int _next;

        public int Next(int bound) => bound <= 1 ? 0 : Roll() % bound;

        public int Pick(int bound) => Next(bound);

        public bool Chance(double rate) => rate > 0 && (rate >= 1 || Roll() % 1_000_000 < rate * 1_000_000);

        private int Roll() => numbers.Length == 0 ? 0 : numbers[_next++ % numbers.Length];
    }
}
