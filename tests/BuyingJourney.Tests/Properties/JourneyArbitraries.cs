using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using BuyingJourney.Advice;
using BuyingJourney.Signals;
using BuyingJourney.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace BuyingJourney.Tests.Properties;

/// <summary>
/// The arbitraries of the property tests: journeys from the testing kit's <see cref="JourneyGenerator"/> over the
/// default engine plus a rule that throws on <see cref="BoomType"/> (so refused signals are generated too), times to
/// assess them at, and picks; and <see cref="S"/>, which the pinned regression cases are written with.
/// </summary>
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

    /// <summary>The kit's generator of journeys for the default engine and the boom rule.</summary>
    public static JourneyGenerator Generator { get; } = new(
        new JourneyEngineBuilder().AddRule("boom", [BoomType], static (_, _) => throw new InvalidOperationException("boom")).Build(),
        JourneyGeneratorOptions.Default with { JourneyId = JourneyId, Start = Epoch, MaxSignals = MaxSignals });

    /// <summary>Random journeys (the kit's generator), shrinking to fewer, ordered, plainer signals on earlier days.</summary>
    public static Arbitrary<GeneratedJourney> JourneyCases() => Generator.Journeys;

    /// <summary>
    /// The journey's deliveries without the ids the boom rule refuses: every copy of an id whose first copy in journey
    /// order is a boom signal (a refused first copy uses up its id in a replay, so its corrected copies are ignored too).
    /// </summary>
    public static ImmutableArray<Signal> WithoutBoom(GeneratedJourney journey)
    {
        ArgumentNullException.ThrowIfNull(journey);
        var refused = journey.Canonical.Where(static s => s.Type == BoomType).Select(static s => s.Id).ToHashSet(StringComparer.Ordinal);
        return [.. journey.Deliveries.Where(s => !refused.Contains(s.Id))];
    }

    /// <summary>Up to six times after a journey's last signal (zero, minutes, days, months, years), as offsets.</summary>
    public static Arbitrary<TimeSpan[]> LaterOffsets() => JourneyGenerator.LaterOffsets;

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
}
