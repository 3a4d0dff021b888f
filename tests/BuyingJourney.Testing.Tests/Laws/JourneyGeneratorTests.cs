using System;
using System.Collections.Generic;
using System.Linq;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;
using BuyingJourney.Signals;
using Xunit;

namespace BuyingJourney.Testing.Tests.Laws;

/// <summary>The generator explores what it promises: loop-backs, dormancy, stalls, ends, people, refusals and messy delivery.</summary>
public sealed class JourneyGeneratorTests
{
    private const int Samples = 400;

    private static readonly JourneyEngine Boom = new JourneyEngineBuilder()
        .AddRule("boom", ["x.boom"], static (_, _) => throw new InvalidOperationException("boom"))
        .Build();

    [Fact]
    public void Gartner_ManyJourneys_ExploreEveryKindOfTurn()
    {
        var generator = new JourneyGenerator(Boom);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        void Saw(string what, bool yes) => seen[what] = seen.GetValueOrDefault(what) + (yes ? 1 : 0);

        for (var seed = 0; seed < Samples; seed++)
        {
            var journey = generator.Sample(size: seed % 100, seed);
            var trace = Boom.Trace(journey.JourneyId, journey.Deliveries);
            var transitions = trace.Steps.SelectMany(static s => s.Transitions).ToList();
            Saw("a loop-back", trace.State.LoopBackCount > 0);
            Saw("two loop-backs of one task", trace.State.Tasks.Any(static t => t.LoopBackCount >= 2));
            Saw("a task gone dormant", transitions.Any(static t => t.Cause == TransitionCause.Decay && t.To == TaskPhase.Dormant));
            Saw("a dormant task resumed", transitions.Any(static t => t.IsResumption));
            Saw("three tasks active at once", trace.Steps.Any(s => Boom.Assess(s.State, s.Signal.OccurredAt).ActiveTasks.Length >= 3));
            Saw("a stall", trace.Steps.Any(static s => s.State.Status == JourneyStatus.Stalled));
            Saw("a return after a stall", trace.Steps.SkipWhile(static s => s.State.Status != JourneyStatus.Stalled).Any(static s => s.State.Status == JourneyStatus.Open));
            Saw("a win", trace.State.Status == JourneyStatus.Won);
            Saw("a loss", trace.State.Status == JourneyStatus.Lost);
            Saw("a person joining", journey.Deliveries.Any(static s => s.Type == SignalTypes.StakeholderJoined));
            Saw("a person leaving", journey.Deliveries.Any(static s => s.Type == SignalTypes.StakeholderLeft));
            Saw("a person changing role", journey.Canonical.Where(static s => s.Stakeholder is not null).GroupBy(static s => s.Stakeholder!.Id).Any(static g => g.Select(static s => s.Stakeholder!.Role).Distinct().Count() > 1));
            Saw("seller feedback", journey.Deliveries.Any(static s => s.Type is SignalTypes.ActionAccepted or SignalTypes.ActionRejected or SignalTypes.ActionDone));
            Saw("a refused signal", trace.Steps.Any(static s => s.Outcome == SignalOutcome.RuleFailed));
            Saw("an unknown type", trace.State.UnrecognizedSignalCount > 0);
            Saw("a repeat", trace.Steps.Any(static s => s.Outcome == SignalOutcome.Duplicate));
            Saw("a corrected copy of an id", journey.Deliveries.GroupBy(static s => s.Id).Any(static g => g.Distinct().Count() > 1));
            Saw("out-of-order delivery", !journey.Deliveries.SequenceEqual(journey.Sorted));
            Saw("equal timestamps", journey.Canonical.GroupBy(static s => s.OccurredAt.UtcTicks).Any(static g => g.Count() > 1));
            Saw("a time zone other than UTC", journey.Deliveries.Any(static s => s.OccurredAt.Offset != TimeSpan.Zero));
        }

        // Each at least 2% of the journeys: every kind is explored in any property run of a hundred cases or more.
        var rare = seen.Where(static p => p.Value < Samples / 50).Select(static p => $"{p.Key}: {p.Value}").ToList();
        Assert.True(rare.Count == 0, $"seen in fewer than {Samples / 50} of {Samples} journeys: {string.Join("; ", rare)}\n{generator}");
    }

    [Theory]
    [InlineData("rackham-3")]
    [InlineData("rackham-5")]
    [InlineData("buygrid")]
    [InlineData("practitioner")]
    public void BuiltInModel_LoopBackRate_DecidesHowOftenCompletedStagesAreReopened(string model)
    {
        var engine = model switch
        {
            "rackham-3" => BuiltInModelLawTests.Rackham3,
            "rackham-5" => BuiltInModelLawTests.Rackham5,
            "buygrid" => BuiltInModelLawTests.BuyGrid,
            _ => BuiltInModelLawTests.Practitioner,
        };

        int LoopingBack(double rate)
        {
            var generator = new JourneyGenerator(engine, JourneyGeneratorOptions.Default with { LoopBackRate = rate, MessyDelivery = false });
            return Enumerable.Range(0, 200).Count(seed => engine.Trace(generator.Options.JourneyId, generator.Sample(60, seed).Deliveries).Steps.Any(static s => s.Transitions.Any(static t => t.IsLoopBack)));
        }

        var often = LoopingBack(1);
        var never = LoopingBack(0);
        Assert.True(often >= 40 && often > never * 1.3, $"{model}: {often} of 200 journeys reopen a completed stage at rate 1, {never} at rate 0");
    }

    [Fact]
    public void Options_MaxSignalsAndPeople_BoundTheJourneys()
    {
        var generator = new JourneyGenerator(JourneyEngine.CreateDefault(), JourneyGeneratorOptions.Default with { MaxSignals = 7, People = 2, MessyDelivery = false, JourneyId = "acme" });

        for (var seed = 0; seed < 100; seed++)
        {
            var journey = generator.Sample(100, seed);
            Assert.InRange(journey.Canonical.Length, 0, 7);
            Assert.True(journey.Deliveries.SequenceEqual(journey.Canonical), "in-order delivery without repeats");
            Assert.All(journey.Deliveries, static s => Assert.Equal("acme", s.JourneyId));
            Assert.All(journey.Deliveries.Where(static s => s.Stakeholder is not null), static s => Assert.Contains(s.Stakeholder!.Id, (string[])["p1", "p2"]));
        }
    }

    [Fact]
    public void Variants_RuleThatReadsAnAttribute_GetsEvidenceOnlyWithTheVariant()
    {
        var engine = new JourneyEngineBuilder()
            .AddRule("acme:webinar", [SignalTypes.EventAttended], static (context, evidence) =>
            {
                if (context.Signal.Attributes.TryGetValue("topic", out var topic) && topic == "pricing")
                {
                    evidence.Add("SupplierSelection", Evidence.EvidenceStrength.Normal, "attended our pricing webinar");
                }
            })
            .Build();
        int Exercised(JourneyGeneratorOptions options)
        {
            var generator = new JourneyGenerator(engine, options);
            return Enumerable.Range(0, 200).Count(seed =>
                engine.Trace(options.JourneyId, generator.Sample(80, seed).Deliveries).Steps.Any(static s => s.Evidence.Any(static e => e.RuleId == "acme:webinar")));
        }

        var pricing = new SignalVariant(SignalTypes.EventAttended, new Dictionary<string, string> { ["topic"] = "pricing" });

        Assert.Equal(0, Exercised(JourneyGeneratorOptions.Default));
        Assert.InRange(Exercised(JourneyGeneratorOptions.Default with { Variants = [pricing] }), 20, 200);
        Assert.Contains("event.attended {topic=pricing}", new JourneyGenerator(engine, JourneyGeneratorOptions.Default with { Variants = [pricing] }).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Variants_DefaultOrBadAttributes_AreRefused()
    {
        Assert.Equal("Variants", Assert.Throws<ArgumentException>(() => new JourneyGenerator(JourneyEngine.CreateDefault(), JourneyGeneratorOptions.Default with { Variants = default })).ParamName);
        Assert.Throws<ArgumentException>(() => new SignalVariant(" "));
        Assert.Throws<ArgumentException>(() => new SignalVariant("t", new Dictionary<string, string> { [""] = "x" }));
        Assert.Equal(new SignalVariant("t", new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" }), new SignalVariant("t", new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }));
    }

    [Fact]
    public void EdgeCases_EmptyRulebookNoPeopleNoSignals_GenerateJourneysEveryLawHoldsOn()
    {
        var empty = new JourneyEngineBuilder().UseRulebook(new Rules.Rulebook("empty", "1", [])).Build();
        var quiet = new JourneyGenerator(empty, JourneyGeneratorOptions.Default with { People = 0 });
        var none = new JourneyGenerator(JourneyEngine.CreateDefault(), JourneyGeneratorOptions.Default with { MaxSignals = 0 });

        for (var seed = 0; seed < 30; seed++)
        {
            var journey = quiet.Sample(60, seed);
            Assert.All(journey.Deliveries, static s => Assert.Null(s.Stakeholder));
            JourneyLaws.All(empty, journey);
            Assert.Empty(none.Sample(60, seed).Deliveries);
            JourneyLaws.All(none.Engine, none.Sample(60, seed));
        }
    }

    [Fact]
    public void Sample_SameSeedAndSize_GivesTheSameJourney()
    {
        var generator = new JourneyGenerator(JourneyEngine.CreateDefault());

        Assert.Equal(generator.Sample(50, 7), generator.Sample(50, 7));
        Assert.NotEqual(generator.Sample(50, 7), generator.Sample(50, 8));
    }

    [Fact]
    public void Options_StartOutsideTheAcceptedTimes_ThrowsNamingStart()
    {
        foreach (var start in new[] { Signal.EarliestOccurredAt.AddTicks(-1), Signal.LatestOccurredAt.AddYears(-10) })
        {
            var ex = Assert.Throws<ArgumentException>(() => new JourneyGenerator(JourneyEngine.CreateDefault(), JourneyGeneratorOptions.Default with { Start = start }));
            Assert.Equal("Start", ex.ParamName);
        }

        var earliest = new JourneyGenerator(JourneyEngine.CreateDefault(), JourneyGeneratorOptions.Default with { Start = Signal.EarliestOccurredAt });
        Assert.All(Enumerable.Range(0, 20), seed => JourneyLaws.All(earliest.Engine, earliest.Sample(100, seed)));
    }

    [Theory]
    [InlineData(-1, 0.3, 5, "MaxSignals")]
    [InlineData(1001, 0.3, 5, "MaxSignals")]
    [InlineData(10, -0.1, 5, "LoopBackRate")]
    [InlineData(10, 1.5, 5, "LoopBackRate")]
    [InlineData(10, double.NaN, 5, "LoopBackRate")]
    [InlineData(10, 0.3, -1, "People")]
    [InlineData(10, 0.3, 51, "People")]
    public void Options_OutOfRange_ThrowNamingTheKnob(int maxSignals, double rate, int people, string knob)
    {
        var options = JourneyGeneratorOptions.Default with { MaxSignals = maxSignals, LoopBackRate = rate, People = people };

        var ex = Assert.Throws<ArgumentException>(() => new JourneyGenerator(JourneyEngine.CreateDefault(), options));

        Assert.Equal(knob, ex.ParamName);
        Assert.Contains(knob, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_SaysWhatTheProbeFoundPerTask()
    {
        var text = new JourneyGenerator(Boom).ToString();

        Assert.Contains("ProblemIdentification: weight [", text, StringComparison.Ordinal);
        Assert.Contains(SignalTypes.ProblemDefined, text, StringComparison.Ordinal);
        Assert.Contains("refused by a rule [x.boom]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void GeneratedJourney_SignalsOfTwoJourneys_AreRefused()
    {
        var at = DateTimeOffset.UnixEpoch;

        var ex = Assert.Throws<ArgumentException>(() => new GeneratedJourney([new Signal("a", "j1", at, "t"), new Signal("b", "j2", at, "t")]));

        Assert.Contains("2 journeys", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GeneratedJourney_ToString_IsATimelineAndTheCodeThatRebuildsIt()
    {
        var at = new DateTimeOffset(2025, 1, 6, 8, 0, 0, TimeSpan.Zero);
        var journey = new GeneratedJourney(
        [
            new Signal("s2", "j", at.AddDays(1.5), SignalTypes.ProblemStated, new Stakeholder("p1", StakeholderRoles.User), "crm", new Dictionary<string, string> { ["note"] = "say \"hi\"" }),
            new Signal("s1", "j", at, SignalTypes.SolutionResearched),
        ]);

        var text = journey.ToString();

        Assert.Contains("day    1.500  s2     problem.stated  by p1 (user)  note=say \"hi\"", text, StringComparison.Ordinal);
        Assert.Contains("new Signal(\"s2\", \"j\", DateTimeOffset.Parse(\"2025-01-07T20:00:00.0000000+00:00\", CultureInfo.InvariantCulture), \"problem.stated\", new Stakeholder(\"p1\", \"user\"), \"crm\", new Dictionary<string, string> { [\"note\"] = \"say \\\"hi\\\"\" })", text, StringComparison.Ordinal);
        Assert.Equal(["s1", "s2"], journey.Canonical.Select(static s => s.Id));
    }
}
