using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using BuyingJourney.Advice;
using BuyingJourney.Signals;
using FsCheck;
using FsCheck.Fluent;

namespace BuyingJourney.Tests.Properties;

/// <summary>
/// One journey's signals as they were delivered: out of order, with repeats of a signal and conflicting copies of
/// an id, equal timestamps, unknown types and signals a test rule refuses (<see cref="JourneyArbitraries.BoomType"/>).
/// Prints as C# that rebuilds it, so a shrunk counterexample can be pasted into a regression test.
/// </summary>
public sealed record JourneyCase
{
    public JourneyCase(IEnumerable<Signal> deliveries)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        Deliveries = [.. deliveries];
        Sorted = [.. Deliveries.OrderBy(static s => s, JourneyArbitraries.JourneyOrder)];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Canonical = [.. Sorted.Where(s => seen.Add(s.Id))];
    }

    /// <summary>The signals in delivery order, repeats included.</summary>
    public ImmutableArray<Signal> Deliveries { get; }

    /// <summary>The signals in journey order, repeats included (the order a trace walks them in).</summary>
    public ImmutableArray<Signal> Sorted { get; }

    /// <summary>The sorted distinct signals: the first of each id in journey order.</summary>
    public ImmutableArray<Signal> Canonical { get; }

    /// <summary>The signals without those the test rule refuses.</summary>
    public ImmutableArray<Signal> WithoutBoom => [.. Deliveries.Where(static s => s.Type != JourneyArbitraries.BoomType)];

    public bool Equals(JourneyCase? other) => other is not null && Deliveries.SequenceEqual(other.Deliveries);

    public override int GetHashCode() => Deliveries.Length;

    /// <summary>The deliveries as a C# collection of <see cref="JourneyArbitraries.S"/> calls.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"JourneyCase: {Deliveries.Length} deliveries, {Canonical.Length} distinct ids; in delivery order:");
        text.AppendLine();
        text.AppendLine("[");
        foreach (var signal in Deliveries)
        {
            text.Append("    ").Append(JourneyArbitraries.Code(signal)).AppendLine(",");
        }

        text.Append(']');
        return text.ToString();
    }
}

/// <summary>The generators of the property tests: signal streams for one journey, and times to assess them at.</summary>
public static class JourneyArbitraries
{
    /// <summary>The journey every generated signal belongs to.</summary>
    public const string JourneyId = "journey-p";

    /// <summary>A signal type that the test engine's "boom" rule throws on (an unknown type for the default engine).</summary>
    public const string BoomType = "x.boom";

    /// <summary>The longest generated stream of distinct signals.</summary>
    public const int MaxSignals = 40;

    /// <summary>When generated journeys start.</summary>
    public static readonly DateTimeOffset Epoch = new(2025, 1, 6, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Every constant of <see cref="SignalTypes"/>.</summary>
    public static ImmutableArray<string> KnownTypes { get; } =
    [
        .. typeof(SignalTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(static f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(static f => (string)f.GetRawConstantValue()!),
    ];

    /// <summary>Types whose evidence completes a task.</summary>
    public static ImmutableArray<string> CompletionTypes { get; } =
    [
        SignalTypes.ProblemDefined,
        SignalTypes.SolutionApproachChosen,
        SignalTypes.RequirementsApproved,
        SignalTypes.RfpIssued,
        SignalTypes.SupplierChosen,
        SignalTypes.ValidationPassed,
        SignalTypes.ConsensusReached,
    ];

    /// <summary>Types that stall the journey.</summary>
    public static ImmutableArray<string> StallTypes { get; } = [SignalTypes.BudgetFrozen, SignalTypes.ProjectPostponed];

    /// <summary>Types that end the journey.</summary>
    public static ImmutableArray<string> EndTypes { get; } = [SignalTypes.DealWon, SignalTypes.DealLost];

    /// <summary>Types the default rulebook does not know.</summary>
    public static ImmutableArray<string> UnknownTypes { get; } = ["email.opened", "web.page-viewed", "crm.note.v2"];

    /// <summary>Seller feedback on recommended actions.</summary>
    public static ImmutableArray<string> FeedbackTypes { get; } = [SignalTypes.ActionAccepted, SignalTypes.ActionRejected, SignalTypes.ActionDone];

    /// <summary>The action codes feedback signals name (derived from the signal id).</summary>
    public static ImmutableArray<string> FeedbackCodes { get; } =
        ["ConsensusCreation.gap", "Validation.active", "SupplierSelection.active", "deal.ask-for-signature", "group.engage.purchaser", "journey.at-risk"];

    /// <summary>The stakeholders signals name (derived from the signal id): none, or one of five people, with or without a role.</summary>
    public static ImmutableArray<Stakeholder?> People { get; } =
    [
        null, null, null,
        new Stakeholder("p1", StakeholderRoles.DecisionMaker),
        new Stakeholder("p2", StakeholderRoles.Purchaser),
        new Stakeholder("p3", StakeholderRoles.Influencer),
        new Stakeholder("p4"),
        new Stakeholder("p1"),
        new Stakeholder("p5", StakeholderRoles.Approver),
        new Stakeholder("p6", StakeholderRoles.DecisionMaker),
    ];

    /// <summary>Types that only add weight to tasks (or change the buying group).</summary>
    public static ImmutableArray<string> WeightTypes { get; } =
        [.. KnownTypes.Except(CompletionTypes).Except(StallTypes).Except(EndTypes).Except(FeedbackTypes)];

    /// <summary>Strong evidence: each of these reopens a completed task on its own.</summary>
    public static ImmutableArray<string> StrongTypes { get; } =
    [
        SignalTypes.ProblemStated,
        SignalTypes.ProblemMetricMissed,
        SignalTypes.RequirementsDrafted,
        SignalTypes.ReferenceRequested,
        SignalTypes.StakeholderJoined,
        SignalTypes.SolutionResearched,
    ];

    /// <summary>
    /// Journey order as the engine defines it: (occurred at as an instant, id ordinal), then, only between
    /// conflicting copies of one id, the rest of the content (type, offset, source, stakeholder, attributes).
    /// </summary>
    public static IComparer<Signal> JourneyOrder { get; } = Comparer<Signal>.Create(CompareJourneyOrder);

    /// <summary>Random journeys, shrinking by dropping deliveries, putting them in order and simplifying signals.</summary>
    public static Arbitrary<JourneyCase> JourneyCases() => Arb.From(JourneyGen(), Shrink);

    /// <summary>Up to six times after a journey's last signal (zero, minutes, days, months, years), as offsets.</summary>
    public static Arbitrary<TimeSpan[]> LaterOffsets() => Arb.From(
        from count in Gen.Choose(1, 6)
        from offsets in Gen.ArrayOf(OffsetGen(), count)
        select offsets,
        static offsets => offsets.Length <= 1 ? [] : [offsets[..^1], offsets[1..]]);

    /// <summary>Up to eight picks (non-negative numbers, to be taken modulo a count), for choosing signals to probe.</summary>
    public static Arbitrary<int[]> Picks() => Arb.From(
        from count in Gen.Choose(1, 8)
        from picks in Gen.ArrayOf(Gen.Choose(0, 1_000_000), count)
        select picks,
        static picks => picks.Length <= 1 ? [] : [picks[..^1], picks[1..]]);

    /// <summary>
    /// A signal of the test journey; <paramref name="occurredAt"/> in round-trip ("O") format. The stakeholder (see
    /// <see cref="People"/>) and, for feedback, the action code (see <see cref="FeedbackCodes"/>) follow from the id.
    /// </summary>
    public static Signal S(string id, string occurredAt, string type, string? source = null, string? note = null)
        => Make(id, DateTimeOffset.Parse(occurredAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind), type, source, note);

    /// <summary>The <see cref="S"/> call that rebuilds <paramref name="signal"/>.</summary>
    public static string Code(Signal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"S(\"{signal.Id}\", \"{signal.OccurredAt.ToString("O", CultureInfo.InvariantCulture)}\", \"{signal.Type}\"");
        if (signal.Source is { } source)
        {
            text.Append(CultureInfo.InvariantCulture, $", source: \"{source}\"");
        }

        if (signal.Attributes.TryGetValue("note", out var note))
        {
            text.Append(CultureInfo.InvariantCulture, $", note: \"{note}\"");
        }

        return text.Append(')').ToString();
    }

    private static int CompareJourneyOrder(Signal? x, Signal? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var order = x.OccurredAt.UtcTicks.CompareTo(y.OccurredAt.UtcTicks);
        if (order == 0)
        {
            order = string.CompareOrdinal(x.Id, y.Id);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(x.Type, y.Type);
        }

        if (order == 0)
        {
            order = x.OccurredAt.Offset.CompareTo(y.OccurredAt.Offset);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(x.Source, y.Source);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(x.Stakeholder?.Id, y.Stakeholder?.Id);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(x.Stakeholder?.Role, y.Stakeholder?.Role);
        }

        if (order == 0)
        {
            order = x.Attributes.Count.CompareTo(y.Attributes.Count);
        }

        if (order == 0)
        {
            foreach (var (left, right) in x.Attributes.Zip(y.Attributes))
            {
                order = string.CompareOrdinal(left.Key, right.Key);
                if (order == 0)
                {
                    order = string.CompareOrdinal(left.Value, right.Value);
                }

                if (order != 0)
                {
                    break;
                }
            }
        }

        return order;
    }

    private static Gen<TimeSpan> OffsetGen() => Gen.Frequency(
        (2, Gen.Constant(TimeSpan.Zero)),
        (1, Gen.Constant(TimeSpan.FromTicks(1))),
        (3, Gen.Choose(1, 24 * 60).Select(static m => TimeSpan.FromMinutes(m))),
        (3, Gen.Choose(1, 60).Select(static d => TimeSpan.FromDays(d))),
        (2, Gen.Choose(61, 3 * 365).Select(static d => TimeSpan.FromDays(d))));

    /// <summary>The gap before a signal: often none (equal timestamps), mostly hours or days, sometimes a tick, now and then months.</summary>
    private static Gen<TimeSpan> GapGen() => Gen.Frequency(
        (18, Gen.Constant(TimeSpan.Zero)),
        (3, Gen.Constant(TimeSpan.FromTicks(1))),
        (40, Gen.Choose(1, 12 * 60).Select(static m => TimeSpan.FromMinutes(m))),
        (32, Gen.Choose(1, 6 * 24).Select(static h => TimeSpan.FromHours(h))),
        (7, Gen.Choose(60, 100).Select(static d => TimeSpan.FromDays(d))));

    private static Gen<string> TypeGen() => Gen.Frequency(
        (50, Gen.Elements(WeightTypes.AsEnumerable())),
        (12, Gen.Elements(StrongTypes.AsEnumerable())),
        (18, Gen.Elements(CompletionTypes.AsEnumerable())),
        (5, Gen.Elements(StallTypes.AsEnumerable())),
        (4, Gen.Elements(EndTypes.AsEnumerable())),
        (6, Gen.Elements(UnknownTypes.AsEnumerable())),
        (5, Gen.Elements(FeedbackTypes.AsEnumerable())),
        (4, Gen.Constant(BoomType)));

    private static Gen<TimeSpan> TimeZoneGen() => Gen.Frequency(
        (6, Gen.Constant(TimeSpan.Zero)),
        (1, Gen.Constant(TimeSpan.FromHours(2))),
        (1, Gen.Constant(TimeSpan.FromHours(-5))));

    private static Gen<string?> SourceGen() => Gen.Frequency(
        (6, Gen.Constant<string?>(null)),
        (1, Gen.Constant<string?>("crm")),
        (1, Gen.Constant<string?>("email")));

    private static Gen<(TimeSpan Gap, string Type, TimeSpan Zone, string? Source)> SeedGen() =>
        from gap in GapGen()
        from type in TypeGen()
        from zone in TimeZoneGen()
        from source in SourceGen()
        select (gap, type, zone, source);

    /// <summary>How a conflicting copy of an id differs from the first: 0 type, 1 later, 2 earlier, 3 offset only, 4 source and note.</summary>
    private static Gen<(int Pick, int Kind, string Type, int Minutes)> ConflictGen() =>
        from pick in Gen.Choose(0, 1_000_000)
        from kind in Gen.Choose(0, 4)
        from type in TypeGen().Where(static t => t != BoomType)
        from minutes in Gen.Frequency((3, Gen.Choose(1, 600)), (1, Gen.Choose(601, 90 * 24 * 60)))
        select (pick, kind, type, minutes);

    private static Gen<JourneyCase> JourneyGen() =>
        from count in Gen.Sized(static size => Gen.Choose(0, Math.Min(MaxSignals, 4 + (size / 2))))
        from seeds in Gen.ArrayOf(SeedGen(), count)
        from numbers in Gen.Shuffle(Enumerable.Range(1, Math.Max(count, 1)))
        from repeatCount in Gen.Frequency((3, Gen.Constant(0)), (5, Gen.Choose(1, 4)), (2, Gen.Choose(5, 10)))
        from repeats in Gen.ArrayOf(Gen.Choose(0, 1_000_000), repeatCount)
        from conflictCount in Gen.Frequency((3, Gen.Constant(0)), (5, Gen.Choose(1, 3)), (2, Gen.Choose(4, 8)))
        from conflicts in Gen.ArrayOf(ConflictGen(), conflictCount)
        from order in Gen.Frequency((2, Gen.Constant(0)), (2, Gen.Constant(1)), (5, Gen.Constant(2)))
        from swaps in Gen.ArrayOf(Gen.Choose(0, 1_000_000), 6)
        let signals = Build(seeds, numbers, repeats, conflicts)
        from deliveries in order == 2 ? Gen.Shuffle(signals.ToArray()).Select(static a => (IReadOnlyList<Signal>)a) : Gen.Constant<IReadOnlyList<Signal>>(Ordered(signals, order == 1 ? swaps : []))
        select new JourneyCase(deliveries);

    private static List<Signal> Build(
        (TimeSpan Gap, string Type, TimeSpan Zone, string? Source)[] seeds,
        int[] numbers,
        int[] repeats,
        (int Pick, int Kind, string Type, int Minutes)[] conflicts)
    {
        var signals = new List<Signal>(seeds.Length + repeats.Length + conflicts.Length);
        var at = Epoch;
        for (var i = 0; i < seeds.Length; i++)
        {
            var seed = seeds[i];
            at += seed.Gap;
            var prefix = seed.Type == BoomType ? "b" : "s";
            signals.Add(Make(prefix + numbers[i].ToString(CultureInfo.InvariantCulture), at.ToOffset(seed.Zone), seed.Type, seed.Source, null));
        }

        var distinct = signals.Count;
        if (distinct == 0)
        {
            return signals;
        }

        foreach (var pick in repeats)
        {
            var original = signals[pick % distinct];

            // Half the repeats are the same instance, half an equal copy.
            signals.Add(pick % 2 == 0 ? original : Make(original.Id, original.OccurredAt, original.Type, original.Source, original.Attributes.GetValueOrDefault("note")));
        }

        foreach (var (pick, kind, type, minutes) in conflicts)
        {
            var original = signals[pick % distinct];
            if (original.Type == BoomType)
            {
                continue; // a refused first copy uses up its id in Replay; keep "with boom == without boom" meaningful.
            }

            var shift = TimeSpan.FromMinutes(minutes);
            var copy = kind switch
            {
                0 => Make(original.Id, original.OccurredAt, type, original.Source, null),
                1 => Make(original.Id, original.OccurredAt + shift, type, original.Source, null),
                2 when original.OccurredAt - shift >= Epoch => Make(original.Id, original.OccurredAt - shift, type, original.Source, null),
                3 => Make(original.Id, original.OccurredAt.ToOffset(original.OccurredAt.Offset == TimeSpan.Zero ? TimeSpan.FromHours(3) : TimeSpan.Zero), original.Type, original.Source, null),
                _ => Make(original.Id, original.OccurredAt, original.Type, "corrected", "v" + (minutes % 3).ToString(CultureInfo.InvariantCulture)),
            };
            signals.Add(copy);
        }

        return signals;
    }

    private static List<Signal> Ordered(List<Signal> signals, int[] swaps)
    {
        var sorted = signals.OrderBy(static s => s, JourneyOrder).ToList();
        if (sorted.Count > 1)
        {
            foreach (var swap in swaps)
            {
                var i = swap % (sorted.Count - 1);
                (sorted[i], sorted[i + 1]) = (sorted[i + 1], sorted[i]);
            }
        }

        return sorted;
    }

    private static Signal Make(string id, DateTimeOffset at, string type, string? source, string? note)
    {
        var hash = 0;
        foreach (var c in id)
        {
            hash = (hash * 31) + c;
        }

        hash &= int.MaxValue;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (note is not null)
        {
            attributes["note"] = note;
        }

        if (FeedbackTypes.Contains(type))
        {
            attributes[ActionFeedback.ActionAttribute] = FeedbackCodes[hash % FeedbackCodes.Length];
        }

        return new(id, JourneyId, at, type, People[(hash / 7) % People.Length], source, attributes);
    }

    private static IEnumerable<JourneyCase> Shrink(JourneyCase journey)
    {
        var deliveries = journey.Deliveries;
        var n = deliveries.Length;

        // Drop chunks of deliveries, largest first.
        for (var size = n; size >= 1; size /= 2)
        {
            for (var start = 0; start + size <= n; start += size)
            {
                yield return new JourneyCase(deliveries.RemoveRange(start, size));
            }
        }

        // Deliver in journey order.
        if (!deliveries.SequenceEqual(journey.Sorted))
        {
            yield return new JourneyCase(journey.Sorted);
        }

        // Simplify single signals: no source, no note, UTC.
        for (var i = 0; i < n; i++)
        {
            var signal = deliveries[i];
            if (signal.Source is not null || signal.Attributes.ContainsKey("note") || signal.OccurredAt.Offset != TimeSpan.Zero)
            {
                var plain = Make(signal.Id, signal.OccurredAt.ToUniversalTime(), signal.Type, null, null);
                yield return new JourneyCase(deliveries.SetItem(i, plain));
            }
        }

        // Bring distant signals closer: halve the gap before a signal (keeps the others' times).
        for (var i = 1; i < journey.Sorted.Length; i++)
        {
            var gap = journey.Sorted[i].OccurredAt - journey.Sorted[i - 1].OccurredAt;
            if (gap > TimeSpan.FromDays(2))
            {
                var target = journey.Sorted[i];
                var moved = Make(target.Id, target.OccurredAt - (gap / 2), target.Type, target.Source, target.Attributes.GetValueOrDefault("note"));
                yield return new JourneyCase(deliveries.Select(s => ReferenceEquals(s, target) ? moved : s));
            }
        }
    }
}
