using System;
using System.Linq;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Signals;
using BuyingJourney.Stages;
using Xunit;

namespace BuyingJourney.Analytics.Tests;

/// <summary>
/// A portfolio small enough to work out by hand, with the default Gartner rulebook (a strong piece of evidence weighs 1.0,
/// a normal one 0.6; a task activates at 0.5; scores halve every 14 days; a task goes dormant below 0.2) and the seller stages.
/// </summary>
public sealed partial class PortfolioAnalyzerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero); // a Monday
    private static readonly DateTimeOffset HandAsOf = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// acme: problem.stated (PI active, stage Opportunity), 9 days later rfp.issued (SS active, RB completed straight away:
    /// NeedsConfirmed and CustomerRecognition hold, RiskAssessment needs Validation entered too: stage CustomerRecognition),
    /// won on day 40 (cycle 40 days). globex: problem.stated on day 3 (Opportunity), lost on day 20 (cycle 17 days).
    /// initech: requirements.question on day 5 (RB active at 0.6), nothing since: open, 87.6 days silent by June 1 (quiet),
    /// RB dormant by then (0.6 × 0.5^(87.6/14) ≈ 0.008 &lt; 0.2), still Opportunity (entered holds for a dormant task).
    /// hooli: its only signal is after the analysis time; empty: no signals. Both not started.
    /// </summary>
    private static Signal[][] HandPortfolio() =>
    [
        [new("a1", "acme", T0, SignalTypes.ProblemStated), new("a2", "acme", T0.AddDays(9), SignalTypes.RfpIssued), new("a3", "acme", T0.AddDays(40), SignalTypes.DealWon)],
        [new("b2", "globex", T0.AddDays(20), SignalTypes.DealLost), new("b1", "globex", T0.AddDays(3), SignalTypes.ProblemStated)],
        [new("c1", "initech", T0.AddDays(5), SignalTypes.RequirementsQuestion)],
        [new("d1", "hooli", HandAsOf.AddDays(1), SignalTypes.ProblemStated)],
        [],
    ];

    [Fact]
    public void Analyze_HandPortfolio_CountsWorkedOutByHand()
    {
        var analysis = new PortfolioAnalyzer(Engine, StageMappings.SellerStages, new PortfolioOptions { MinClosedDeals = 2 }).Analyze(HandPortfolio(), HandAsOf);

        Assert.Equal(3, analysis.Journeys);
        Assert.Equal(2, analysis.NotStarted);
        Assert.Equal((1, 1, 1), (analysis.OpenJourneys, analysis.WonJourneys, analysis.LostJourneys));
        Assert.Equal(1, analysis.StatusCount(JourneyStatus.Open));

        // One won of two closed: 50%, the lift against itself 1.
        Assert.Equal((1, 2, 0.5, 1.0), (analysis.Overall.Won, analysis.Overall.Closed, analysis.Overall.Rate, analysis.Overall.Lift));

        // Stages now: initech Opportunity, acme OrderConfirmed (won); globex is lost, which the seller stages have no stage
        // for, so it is projected by its tasks (PI decayed to dormant: entered still holds): Opportunity.
        Assert.Equal([0, 2, 0, 0, 0, 0, 1], analysis.Stages.Select(s => s.Journeys));

        // Reached (the furthest stage after any signal, for closed journeys): acme CustomerRecognition (3), globex Opportunity (1).
        // Lead and Opportunity: both, 1 won of 2 (lift 1); NeedsConfirmed and CustomerRecognition: acme alone, 1 of 1 (lift 2); later: none.
        Assert.Equal([(1, 2), (1, 2), (1, 1), (1, 1), (0, 0), (0, 0), (0, 0)], analysis.Stages.Select(s => (s.Reached.Won, s.Reached.Closed)));
        Assert.Equal(2.0, analysis.Stages[2].Reached.Lift);

        // Time in stage for the one open journey: initech has been in Opportunity since c1 (day 5): 87.625 days.
        var opportunity = analysis.Stages[1].TimeInStage;
        Assert.Equal(1, opportunity.Count);
        Assert.Equal((HandAsOf - T0.AddDays(5)).TotalDays, opportunity.Median!.Value.TotalDays, 87.625 * DurationDistribution.RelativeAccuracy);
        Assert.Equal(1, opportunity.BucketCounts[5]); // 60 to 90 days: the sixth bucket

        // Phases now: RB dormant for initech, completed for acme; PI dormant for acme and globex (no evidence for 31 and 17 days
        // before the close, and a close zeroes the scores anyway); SS: acme's was active when it was won (the win zeroes it: dormant).
        var rb = analysis.Tasks[Engine.Model.IndexOf(GartnerTasks.RequirementsBuilding)];
        Assert.Equal((1, 1, 1), (rb.Journeys(TaskPhase.Dormant), rb.Journeys(TaskPhase.Completed), rb.Journeys(TaskPhase.NotStarted)));
        Assert.Equal(2, rb.Started); // acme (straight to completed) and initech
        Assert.Equal(2, analysis.Tasks[Engine.Model.IndexOf(GartnerTasks.ProblemIdentification)].Started);

        // The maze: every journey's first entry comes from the start (acme and globex into PI, initech into RB); acme's rfp.issued
        // enters SS and RB (completed straight away): two more flows. Five in all.
        Assert.Equal(2, analysis.Flows.Single(f => f.From is null && f.To == GartnerTasks.ProblemIdentification).Count);
        Assert.Equal(1, analysis.Flows.Single(f => f.From is null && f.To == GartnerTasks.RequirementsBuilding).Count);
        Assert.Equal(5, analysis.Flows.Sum(f => f.Count));

        // Won and lost cycle times: 40 and 17 days (one each).
        Assert.Equal(40, analysis.CycleTimeWon.Mean.TotalDays, 6);
        Assert.Equal(17, analysis.CycleTimeLost.Mean.TotalDays, 6);

        // Quiet: initech (87.6 days > 30), the only open journey.
        Assert.Equal(1, analysis.QuietCount);
        Assert.Equal("initech", Assert.Single(analysis.QuietJourneys).JourneyId);
        Assert.Equal("Opportunity", analysis.QuietJourneys[0].StageId);

        // No loop-backs: empty matrix, one pattern "none" (2 closed, 1 won, 1 open).
        Assert.Empty(analysis.LoopBacks);
        var none = Assert.Single(analysis.ByLoopBackPattern);
        Assert.Equal(("none", 1, 2, 1), (none.Label, none.Outcome.Won, none.Outcome.Closed, none.OpenJourneys));

        // Configurations: acme {PI, RB, SS} won, globex {PI} lost, initech {RB} open.
        Assert.Equal(
            ["ProblemIdentification + RequirementsBuilding + SupplierSelection: 1/1 open 0", "ProblemIdentification: 0/1 open 0", "RequirementsBuilding: 0/0 open 1"],
            analysis.ByTaskConfiguration.Select(g => $"{g.Label}: {g.Outcome.Won}/{g.Outcome.Closed} open {g.OpenJourneys}"));

        // Months: March has 3 entered, 3 advanced (each journey's first signal left Lead; acme advanced again in March), globex lost;
        // April acme won; May and June nothing (June holds the analysis time).
        Assert.Equal(
            ["2026-03-01: 3 entered, 3 advanced, 0 moved back, 0 stalled, 0 won, 1 lost", "2026-04-01: 0 entered, 0 advanced, 0 moved back, 0 stalled, 1 won, 0 lost", "2026-05-01: 0 entered, 0 advanced, 0 moved back, 0 stalled, 0 won, 0 lost", "2026-06-01: 0 entered, 0 advanced, 0 moved back, 0 stalled, 0 won, 0 lost"],
            analysis.Periods.Select(p => p.ToString()));

        // Forecast: initech, Opportunity with no loop-back; the closed journeys that reached Opportunity with none are acme and
        // globex: 2 deals (the threshold here), 1 won: 0.5 expected wins, no warning.
        var line = Assert.Single(analysis.Forecast.Lines);
        Assert.Equal(("Opportunity", "none", 1, ForecastBasis.StageAndPattern, 2, 0.5, null), (line.StageId, line.LoopBackPattern, line.OpenJourneys, line.Basis, line.Rate.Closed, line.ExpectedWins, line.Warning));
        Assert.Equal(0.5, analysis.Forecast.ExpectedWins);
        Assert.Empty(analysis.Forecast.Warnings);
    }

    [Fact]
    public void Analyze_HandPortfolioWithTheDefaultThreshold_WarnsThatTwoDealsAreTooFew()
    {
        var analysis = new PortfolioAnalyzer(Engine, StageMappings.SellerStages).Analyze(HandPortfolio(), HandAsOf);

        // 2 closed deals is below the default 20 for the cell, the stage and overall: the overall rate stands in, with a warning.
        var line = Assert.Single(analysis.Forecast.Lines);
        Assert.Equal(ForecastBasis.Overall, line.Basis);
        Assert.Equal(0.5, line.ExpectedWins);
        Assert.Contains("fewer than 20", line.Warning, StringComparison.Ordinal);
        Assert.Contains("guess", line.Warning, StringComparison.Ordinal);
        Assert.Single(analysis.Forecast.Warnings);
    }

    [Fact]
    public void Analyze_NoClosedJourney_ForecastsNothingAndSaysWhy()
    {
        var analysis = new PortfolioAnalyzer(Engine, StageMappings.SellerStages).Analyze([HandPortfolio()[2]], HandAsOf);

        var line = Assert.Single(analysis.Forecast.Lines);
        Assert.Equal(0, line.ExpectedWins);
        Assert.Null(line.Rate.Rate);
        Assert.Contains("no journey has closed yet", line.Warning, StringComparison.Ordinal);
        Assert.Null(analysis.Overall.Rate);
    }
}
