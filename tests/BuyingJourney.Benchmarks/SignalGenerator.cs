using System;
using System.Globalization;
using System.Threading.Tasks;
using BuyingJourney.Signals;

namespace BuyingJourney.Benchmarks;

/// <summary>
/// A deterministic stream of realistic journeys for the default Gartner rulebook: every journey is built from its own
/// seeded <see cref="Random"/>, so the same (seed, journey index, length) always gives the same signals, whatever the
/// number of threads generating them.
/// </summary>
/// <remarks>
/// <para>A journey spans about six months (150 to 210 days) with strictly increasing times. It walks the four
/// sequential tasks (problem → exploration → requirements → selection), finishing each with its completing signal
/// (<c>problem.defined</c>, <c>solution.approach-chosen</c>, <c>requirements.approved</c> or <c>rfp.issued</c>,
/// <c>supplier.chosen</c>); validation and consensus signals mix in more and more as it advances; about one signal in
/// twenty-five starts a loop-back burst of two to four signals for an earlier task (the problem restated after
/// exploration, requirements re-drafted after the shortlist...); general noise (insight pieces, events, case studies)
/// and rare stalls (<c>budget.frozen</c>, <c>project.postponed</c>) appear throughout. Each journey has four named
/// stakeholders with roles from <see cref="StakeholderRoles"/>, one of whom is attached to roughly half the signals;
/// about a fifth of the journeys end in <c>deal.won</c> and a tenth in <c>deal.lost</c>.</para>
/// <para>Ids are short: journeys <c>j0</c>, <c>j1</c>...; signals <c>s0</c>, <c>s1</c>... (unique per journey, the
/// same string instances shared by every journey, as an interning reader would).</para>
/// </remarks>
public static class SignalGenerator
{
    /// <summary>The seed the benchmarks use unless told otherwise.</summary>
    public const int DefaultSeed = 20260302;

    private const int Problem = 0;
    private const int Exploration = 1;
    private const int Requirements = 2;
    private const int Selection = 3;
    private const int Late = 4;

    private static readonly DateTimeOffset Epoch = new(2025, 1, 6, 8, 0, 0, TimeSpan.Zero);

    private static readonly string[][] Evidence =
    [
        [SignalTypes.ProblemStated, SignalTypes.ProblemMetricMissed, SignalTypes.ProblemStated, SignalTypes.ContentInsightRead],
        [SignalTypes.SolutionResearched, SignalTypes.SolutionResearched, SignalTypes.EventAttended, SignalTypes.InquiryGeneral, SignalTypes.ContentInsightRead],
        [SignalTypes.RequirementsQuestion, SignalTypes.RequirementsDrafted, SignalTypes.DeadlineSet, SignalTypes.BudgetSet, SignalTypes.RfiIssued, SignalTypes.RequirementsQuestion],
        [SignalTypes.DemoRequested, SignalTypes.PricingRequested, SignalTypes.ShortlistAdded, SignalTypes.SampleRequested, SignalTypes.SiteVisited, SignalTypes.TrialStarted, SignalTypes.DemoRequested],
    ];

    private static readonly string[] Completions =
        [SignalTypes.ProblemDefined, SignalTypes.SolutionApproachChosen, SignalTypes.RequirementsApproved, SignalTypes.SupplierChosen];

    private static readonly string[][] Loops =
    [
        [SignalTypes.ProblemStated, SignalTypes.ProblemMetricMissed],
        [SignalTypes.SolutionResearched, SignalTypes.SolutionResearched, SignalTypes.EventAttended],
        [SignalTypes.RequirementsDrafted, SignalTypes.RequirementsQuestion],
    ];

    private static readonly string[] ValidationTypes =
        [SignalTypes.ReferenceRequested, SignalTypes.CaseStudyRead, SignalTypes.TrialStarted, SignalTypes.SecurityReview, SignalTypes.RoiReviewed, SignalTypes.ObjectionRaised];

    private static readonly string[] ConsensusTypes =
        [SignalTypes.StakeholderJoined, SignalTypes.MeetingMultiStakeholder, SignalTypes.ExecutiveEngaged, SignalTypes.LegalReview, SignalTypes.ProcurementEngaged, SignalTypes.ObjectionRaised, SignalTypes.StakeholderLeft];

    private static readonly string[] Noise =
        [SignalTypes.ContentInsightRead, SignalTypes.EventAttended, SignalTypes.InquiryGeneral, SignalTypes.CaseStudyRead];

    private static readonly string[] Roles =
        [StakeholderRoles.DecisionMaker, StakeholderRoles.User, StakeholderRoles.Influencer, StakeholderRoles.Purchaser, StakeholderRoles.Gatekeeper, StakeholderRoles.Initiator, StakeholderRoles.Approver];

    private static readonly string[] StakeholderIds = ["p0", "p1", "p2", "p3"];

    private static readonly object SignalIdsLock = new();

    private static string[] _signalIds = [];

    /// <summary>The id of journey <paramref name="index"/>: <c>j</c> and the index.</summary>
    public static string JourneyId(int index) => "j" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Generates <paramref name="journeys"/> journeys of <paramref name="signalsPerJourney"/> signals each, in parallel.</summary>
    /// <param name="journeys">How many journeys.</param>
    /// <param name="signalsPerJourney">Signals per journey (at least 2).</param>
    /// <param name="seed">The seed; the same seed gives the same stream.</param>
    /// <param name="firstIndex">The index of the first journey (its id is <c>j{firstIndex}</c>).</param>
    /// <returns>One sorted signal array per journey.</returns>
    public static Signal[][] Generate(int journeys, int signalsPerJourney, int seed = DefaultSeed, int firstIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(journeys);
        var result = new Signal[journeys][];
        Parallel.For(0, journeys, i => result[i] = Journey(firstIndex + i, signalsPerJourney, seed));
        return result;
    }

    /// <summary>Generates one journey.</summary>
    /// <param name="index">The journey's index (its id is <c>j{index}</c>).</param>
    /// <param name="length">How many signals (at least 2).</param>
    /// <param name="seed">The seed of the whole stream.</param>
    /// <returns>The journey's signals, sorted by time.</returns>
    public static Signal[] Journey(int index, int length, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 2);
        var ids = SignalIds(length);
        var random = new Random(unchecked((seed * 1_000_003) + index));
        var journeyId = JourneyId(index);
        var stakeholders = new Stakeholder[StakeholderIds.Length];
        for (var i = 0; i < stakeholders.Length; i++)
        {
            stakeholders[i] = new Stakeholder(StakeholderIds[i], Roles[random.Next(Roles.Length)]);
        }

        var ending = random.Next(10) switch
        {
            0 or 1 => SignalTypes.DealWon,
            2 => SignalTypes.DealLost,
            _ => null,
        };

        var ticks = Epoch.UtcTicks + (random.NextInt64(365) * TimeSpan.TicksPerDay) + (random.NextInt64(36_000) * TimeSpan.TicksPerSecond);
        var meanGap = TimeSpan.FromDays(150 + random.Next(61)).Ticks / length;
        var signals = new Signal[length];
        var stage = Problem;
        var loopLeft = 0;
        var loopTypes = Loops[0];
        var joined = 0;
        for (var n = 0; n < length; n++)
        {
            // Exponential gaps, at least a minute: bursts of activity and quiet weeks.
            ticks += Math.Max(TimeSpan.TicksPerMinute, (long)(-Math.Log(1 - random.NextDouble()) * meanGap));
            string type;
            if (n == length - 1 && ending is not null)
            {
                type = ending;
            }
            else if (loopLeft > 0)
            {
                loopLeft--;
                type = loopTypes[random.Next(loopTypes.Length)];
            }
            else if (stage >= Exploration && random.Next(25) == 0)
            {
                // A loop-back: a completed task comes back for a burst of two to four signals.
                loopTypes = Loops[random.Next(Math.Min(stage, Loops.Length))];
                loopLeft = 1 + random.Next(3);
                type = loopTypes[random.Next(loopTypes.Length)];
            }
            else
            {
                type = Next(random, stage, ref joined);
                if (stage < Late && random.Next(stage == Selection ? 20 : 9) == 0)
                {
                    type = stage == Requirements && random.Next(2) == 0 ? SignalTypes.RfpIssued : Completions[stage];
                    stage++;
                }
            }

            var stakeholder = type == SignalTypes.StakeholderJoined || random.Next(2) == 0 ? stakeholders[random.Next(stakeholders.Length)] : null;
            signals[n] = new Signal(ids[n], journeyId, new DateTimeOffset(ticks, TimeSpan.Zero), type, stakeholder);
        }

        return signals;
    }

    private static string Next(Random random, int stage, ref int joined)
    {
        var roll = random.Next(100);
        if (roll < 6)
        {
            return Noise[random.Next(Noise.Length)];
        }

        if (roll < 7)
        {
            return random.Next(2) == 0 ? SignalTypes.BudgetFrozen : SignalTypes.ProjectPostponed;
        }

        // Validation and consensus grow with the journey: 10% at the start, 60% once a supplier is chosen.
        var alwaysOn = 10 + (stage * 12);
        if (roll < 7 + alwaysOn)
        {
            if (random.Next(2) == 0)
            {
                return stage >= Selection && random.Next(15) == 0 ? SignalTypes.ValidationPassed : ValidationTypes[random.Next(ValidationTypes.Length)];
            }

            if (joined < 4 && random.Next(3) == 0)
            {
                joined++;
                return SignalTypes.StakeholderJoined;
            }

            return stage == Late && random.Next(15) == 0 ? SignalTypes.ConsensusReached : ConsensusTypes[random.Next(ConsensusTypes.Length)];
        }

        var evidence = Evidence[Math.Min(stage, Selection)];
        return evidence[random.Next(evidence.Length)];
    }

    private static string[] SignalIds(int length)
    {
        lock (SignalIdsLock)
        {
            if (_signalIds.Length < length)
            {
                var ids = new string[Math.Max(length, _signalIds.Length * 2)];
                _signalIds.CopyTo(ids, 0);
                for (var i = _signalIds.Length; i < ids.Length; i++)
                {
                    ids[i] = "s" + i.ToString(CultureInfo.InvariantCulture);
                }

                _signalIds = ids;
            }

            return _signalIds;
        }
    }
}
