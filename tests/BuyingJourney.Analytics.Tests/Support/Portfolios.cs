using System;
using System.Collections.Generic;
using System.Globalization;
using BuyingJourney.Signals;

namespace BuyingJourney.Analytics.Tests.Support;

/// <summary>Seeded random portfolios for the default Gartner rulebook: tasks worked on in any order (so loop-backs, stalls and revisits happen), most journeys closed by <c>deal.won</c> or <c>deal.lost</c>, a few starting after the analysis time, a few repeated signals.</summary>
internal static class Portfolios
{
    public static readonly DateTimeOffset AsOf = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Types =
    [
        SignalTypes.ProblemStated, SignalTypes.ProblemStated, SignalTypes.ProblemDefined, SignalTypes.ProblemMetricMissed,
        SignalTypes.SolutionResearched, SignalTypes.SolutionResearched, SignalTypes.SolutionApproachChosen, SignalTypes.EventAttended,
        SignalTypes.RequirementsQuestion, SignalTypes.RequirementsDrafted, SignalTypes.RequirementsApproved, SignalTypes.RfpIssued, SignalTypes.BudgetSet,
        SignalTypes.DemoRequested, SignalTypes.PricingRequested, SignalTypes.ShortlistAdded, SignalTypes.SupplierChosen, SignalTypes.SampleRequested,
        SignalTypes.ReferenceRequested, SignalTypes.TrialStarted, SignalTypes.ValidationPassed, SignalTypes.CaseStudyRead,
        SignalTypes.MeetingMultiStakeholder, SignalTypes.ConsensusReached, SignalTypes.ExecutiveEngaged, SignalTypes.ProcurementEngaged,
        SignalTypes.ContentInsightRead, SignalTypes.InquiryGeneral,
    ];

    /// <summary><paramref name="count"/> journeys ("g0", "g1"...) from <paramref name="seed"/>.</summary>
    public static List<Signal[]> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var journeys = new List<Signal[]>(count);
        for (var j = 0; j < count; j++)
        {
            var id = "g" + j.ToString(CultureInfo.InvariantCulture);
            var signals = new List<Signal>();
            var at = AsOf.AddDays(-random.Next(10, 300)).AddMinutes(random.Next(0, 1440));
            if (random.NextDouble() < 0.04)
            {
                at = AsOf.AddDays(random.Next(1, 20));
            }

            var length = random.Next(1, 36);
            for (var k = 0; k < length; k++)
            {
                var type = random.NextDouble() < 0.02 ? (random.Next(2) == 0 ? SignalTypes.BudgetFrozen : SignalTypes.ProjectPostponed) : Types[random.Next(Types.Length)];
                signals.Add(new Signal("s" + k.ToString(CultureInfo.InvariantCulture), id, at, type));
                if (random.NextDouble() < 0.05)
                {
                    signals.Add(new Signal("s" + k.ToString(CultureInfo.InvariantCulture), id, at, type));
                }

                at = at.AddHours(random.Next(4, 24 * 12));
            }

            var end = random.NextDouble();
            if (end < 0.3)
            {
                signals.Add(new Signal("won", id, at, SignalTypes.DealWon));
            }
            else if (end < 0.55)
            {
                signals.Add(new Signal("lost", id, at, SignalTypes.DealLost));
            }

            // Not in journey order: the analyzer sorts.
            for (var k = signals.Count - 1; k > 0; k--)
            {
                var swap = random.Next(k + 1);
                (signals[k], signals[swap]) = (signals[swap], signals[k]);
            }

            journeys.Add([.. signals]);
        }

        return journeys;
    }
}
