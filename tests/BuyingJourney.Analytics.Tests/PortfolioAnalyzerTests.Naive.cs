using System;
using System.Collections.Generic;
using System.Linq;
using BuyingJourney.Analytics.Tests.Support;
using BuyingJourney.Phases;
using BuyingJourney.Signals;
using BuyingJourney.Stages;
using Xunit;

namespace BuyingJourney.Analytics.Tests;

/// <summary>Generated portfolios: every count and rate of the analysis against a second, naive computation over the same journeys (<see cref="NaiveJourney"/>).</summary>
public sealed partial class PortfolioAnalyzerTests
{
    private static readonly JourneyEngine Engine = JourneyEngine.CreateDefault();

    public static TheoryData<int, string, int> Seeds => new() { { 1, "seller-stages", 1 }, { 2, "salesforce-standard", 1 }, { 3, "seller-stages", 1 }, { 4, "seller-stages", 2 }, { 5, "salesforce-standard", 3 } };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Analyze_GeneratedPortfolio_EveryFigureEqualsTheNaiveTally(int seed, string mappingName, int threads)
    {
        var mapping = mappingName == StageMappings.Salesforce.Name ? StageMappings.Salesforce : StageMappings.SellerStages;
        var journeys = Portfolios.Generate(400, seed);
        var options = new PortfolioOptions { MinClosedDeals = 15, Period = seed == 3 ? PortfolioPeriod.Week : PortfolioPeriod.Month, MaxDegreeOfParallelism = threads };
        var asOf = Portfolios.AsOf;

        var analysis = new PortfolioAnalyzer(Engine, mapping, options).Analyze(journeys, asOf);

        var naive = journeys.Select(j => NaiveJourney.Of(Engine, mapping, j, asOf)).ToList();
        var all = naive.Where(j => j is not null).Select(j => j!).ToList();
        var open = all.Where(j => !j.Closed).ToList();
        var closed = all.Where(j => j.Closed).ToList();
        Assert.True(closed.Count > 100 && open.Count > 100, "the portfolio has both open and closed journeys");
        Assert.True(all.Sum(j => j.LoopBacks.Count()) > 50, "the portfolio has loop-backs");

        // Where the pipeline is now.
        Assert.Equal(all.Count, analysis.Journeys);
        Assert.Equal(naive.Count(j => j is null), analysis.NotStarted);
        foreach (var status in Enum.GetValues<JourneyStatus>())
        {
            Assert.Equal(all.Count(j => j.Status == status), analysis.StatusCount(status));
        }

        Assert.Equal(open.Count, analysis.OpenJourneys);
        var tasks = Engine.Model.Tasks;
        for (var i = 0; i < tasks.Length; i++)
        {
            var figures = analysis.Tasks[i];
            Assert.Equal(tasks[i].Id, figures.TaskId);
            foreach (var phase in Enum.GetValues<TaskPhase>())
            {
                Assert.Equal(all.Count(j => j.Final.Tasks[i].Phase == phase), figures.Journeys(phase));
                var times = open.Where(j => j.Final.Tasks[i].Phase == phase && phase != TaskPhase.NotStarted).Select(j => j.Final.Tasks[i].TimeInPhase).ToList();
                AssertDistribution(times, figures.TimeIn(phase));
            }

            Assert.Equal(all.Count(j => j.Started(Engine).Contains(i)), figures.Started);
            Assert.Equal(all.Sum(j => j.LoopBacks.Count(l => l.TaskId == tasks[i].Id)), figures.LoopBacks);
        }

        for (var s = 0; s < mapping.Stages.Length; s++)
        {
            var stage = analysis.Stages[s];
            Assert.Equal(mapping.Stages[s].Id, stage.StageId);
            Assert.Equal(all.Count(j => j.StageNow == s), stage.Journeys);
            AssertDistribution([.. open.Where(j => j.StageNow == s).Select(j => asOf - j.StageSince())], stage.TimeInStage);
            if (!stage.IsClosing)
            {
                var reached = closed.Where(j => j.Furthest(mapping) >= s).ToList();
                AssertRate(reached.Count(j => j.Won), reached.Count, stage.Reached, closed);
            }
        }

        var quiet = open.Where(j => asOf - j.Final.LastSignalAt!.Value >= options.QuietAfter).ToList();
        Assert.Equal(quiet.Count, analysis.QuietCount);
        Assert.Equal(
            quiet.OrderBy(j => j.Final.LastSignalAt).ThenBy(j => j.Id, StringComparer.Ordinal).Take(options.QuietJourneysListed).Select(j => j.Id),
            analysis.QuietJourneys.Select(q => q.JourneyId));
        Assert.Equal(open.Count(j => j.Final.Tasks.Any(t => t.FadesAt is { } f && f <= asOf + options.FadingWithin)), analysis.FadingCount);

        // The maze.
        var flows = new Dictionary<(string?, string), int>();
        foreach (var journey in all)
        {
            string? last = null;
            foreach (var entry in journey.Entries())
            {
                if (entry != last)
                {
                    flows[(last, entry)] = flows.GetValueOrDefault((last, entry)) + 1;
                    last = entry;
                }
            }
        }

        Assert.Equal(flows.OrderBy(f => f.Key.Item1 ?? string.Empty, StringComparer.Ordinal).ThenBy(f => f.Key.Item2, StringComparer.Ordinal).Select(f => $"{f.Key.Item1}>{f.Key.Item2}={f.Value}"),
            analysis.Flows.OrderBy(f => f.From ?? string.Empty, StringComparer.Ordinal).ThenBy(f => f.To, StringComparer.Ordinal).Select(f => $"{f.From}>{f.To}={f.Count}"));
        foreach (var pair in analysis.Concurrency)
        {
            var together = all.Count(j => j.Steps.Any(s => Active(s.State, pair.First) && Active(s.State, pair.Second)));
            Assert.Equal(together, pair.Journeys);
        }

        var pairsSeen = all.Sum(j => PairsOf(j).Count);
        Assert.Equal(pairsSeen, analysis.Concurrency.Sum(p => p.Journeys));

        var cells = all.SelectMany(j => j.LoopBacks.SelectMany(l => l.LoopedBackFrom.IsEmpty ? [(From: (string?)null, l.TaskId, l.At, Journey: j)] : l.LoopedBackFrom.Select(f => (From: (string?)f, l.TaskId, l.At, Journey: j)))).ToList();
        Assert.Equal(cells.Count, analysis.LoopBacks.Sum(c => c.Count));
        foreach (var cell in analysis.LoopBacks)
        {
            var mine = cells.Where(c => c.From == cell.From && c.TaskId == cell.To).ToList();
            Assert.Equal(mine.Count, cell.Count);
            var withIt = mine.Select(c => c.Journey).Distinct().ToList();
            Assert.Equal(withIt.Count, cell.Journeys);
            AssertRate(withIt.Count(j => j.Won), withIt.Count(j => j.Closed), cell.Outcome, closed);
            AssertDistribution([.. mine.Select(c => c.At - c.Journey.Start)], cell.SinceStart);
            var shares = mine.Where(c => c.Journey.Closed && c.Journey.CloseAt > c.Journey.Start)
                .Select(c => (c.At - c.Journey.Start).TotalSeconds / (c.Journey.CloseAt!.Value - c.Journey.Start).TotalSeconds).ToList();
            if (shares.Count == 0)
            {
                Assert.Null(cell.MeanShareOfCycle);
            }
            else
            {
                Assert.Equal(shares.Average(), cell.MeanShareOfCycle!.Value, 9);
            }
        }

        // Outcomes.
        AssertRate(closed.Count(j => j.Won), closed.Count, analysis.Overall, closed);
        AssertGroups(all, j => Label(j.Started(Engine)), analysis.ByTaskConfiguration, closed);
        AssertGroups(all, j => Label(j.Pattern(Engine)), analysis.ByLoopBackPattern, closed);
        AssertDistribution([.. closed.Where(j => j.Won).Select(j => j.CloseAt!.Value - j.Start)], analysis.CycleTimeWon);
        AssertDistribution([.. closed.Where(j => !j.Won).Select(j => j.CloseAt!.Value - j.Start)], analysis.CycleTimeLost);

        // Flow over time.
        var events = all.SelectMany(j => FlowEvents(j, mapping, options.Period)).Distinct().ToList();
        foreach (var period in analysis.Periods)
        {
            int Count(string figure) => events.Count(e => e.Period == period.Start && e.Figure == figure);
            Assert.Equal(Count("entered"), period.Entered);
            Assert.Equal(Count("advanced"), period.Advanced);
            Assert.Equal(Count("moved back"), period.MovedBack);
            Assert.Equal(Count("stalled"), period.Stalled);
            Assert.Equal(Count("won"), period.Won);
            Assert.Equal(Count("lost"), period.Lost);
        }

        Assert.Equal(events.Count, analysis.Periods.Sum(p => p.Entered + p.Advanced + p.MovedBack + p.Stalled + p.Won + p.Lost));

        // The forecast.
        var expected = 0.0;
        foreach (var line in analysis.Forecast.Lines)
        {
            var stage = mapping.Stages.IndexOf(mapping.Stages.Single(s => s.Id == line.StageId));
            var here = open.Where(j => j.StageNow == stage && Label(j.Pattern(Engine)) == line.LoopBackPattern).ToList();
            Assert.Equal(here.Count, line.OpenJourneys);
            var cell = closed.Where(j => j.Furthest(mapping) >= stage && Label(j.Pattern(Engine)) == line.LoopBackPattern).ToList();
            var atStage = closed.Where(j => j.Furthest(mapping) >= stage).ToList();
            var (basis, sample) = cell.Count >= options.MinClosedDeals ? (ForecastBasis.StageAndPattern, cell)
                : atStage.Count >= options.MinClosedDeals ? (ForecastBasis.Stage, atStage)
                : (ForecastBasis.Overall, closed);
            Assert.Equal(basis, line.Basis);
            AssertRate(sample.Count(j => j.Won), sample.Count, line.Rate, closed);
            Assert.Equal(basis == ForecastBasis.StageAndPattern, line.Warning is null);
            expected += here.Count * (double)sample.Count(j => j.Won) / sample.Count;
        }

        Assert.Equal(open.Count, analysis.Forecast.OpenJourneys);
        Assert.Equal(expected, analysis.Forecast.ExpectedWins, 9);
    }

    private static bool Active(Journeys.JourneyState state, string taskId)
        => state.Tasks[Engine.Model.IndexOf(taskId)].Phase is TaskPhase.Active or TaskPhase.Revisiting;

    private static HashSet<(int, int)> PairsOf(NaiveJourney journey)
    {
        var pairs = new HashSet<(int, int)>();
        foreach (var step in journey.Steps)
        {
            for (var i = 0; i < step.State.Tasks.Length; i++)
            {
                for (var j = i; j < step.State.Tasks.Length; j++)
                {
                    if (Active(step.State, Engine.Model.Tasks[i].Id) && Active(step.State, Engine.Model.Tasks[j].Id))
                    {
                        pairs.Add((i, j));
                    }
                }
            }
        }

        return pairs;
    }

    private static string Label(SortedSet<int> tasks) => tasks.Count == 0 ? "none" : string.Join(" + ", tasks.Select(i => Engine.Model.Tasks[i].Id));

    private static IEnumerable<(string Id, DateTimeOffset Period, string Figure)> FlowEvents(NaiveJourney journey, StageMapping mapping, PortfolioPeriod period)
    {
        DateTimeOffset Of(DateTimeOffset at)
        {
            var day = at.UtcDateTime.Date;
            return new DateTimeOffset(period == PortfolioPeriod.Month ? new DateTime(day.Year, day.Month, 1) : day.AddDays(-(((int)day.DayOfWeek + 6) % 7)), TimeSpan.Zero);
        }

        yield return (journey.Id, Of(journey.Start), "entered");
        var stage = 0;
        var status = JourneyStatus.Open;
        for (var i = 0; i < journey.Steps.Count; i++)
        {
            var step = journey.Steps[i];
            var at = Of(step.Signal.OccurredAt);
            if (journey.StageAfter[i] > stage && mapping.Stages[journey.StageAfter[i]].Status is null)
            {
                yield return (journey.Id, at, "advanced");
            }

            stage = journey.StageAfter[i];
            if (!step.LoopBacks.IsEmpty)
            {
                yield return (journey.Id, at, "moved back");
            }

            if (step.State.Status != status)
            {
                status = step.State.Status;
                if (status is JourneyStatus.Stalled or JourneyStatus.Won or JourneyStatus.Lost)
                {
                    yield return (journey.Id, at, status == JourneyStatus.Stalled ? "stalled" : status == JourneyStatus.Won ? "won" : "lost");
                }
            }
        }
    }

    private static void AssertGroups(List<NaiveJourney> all, Func<NaiveJourney, string> label, IEnumerable<OutcomeGroup> groups, List<NaiveJourney> closed)
    {
        var list = groups.ToList();
        Assert.Equal(all.Select(label).Distinct().Order(StringComparer.Ordinal), list.Select(g => g.Label).Order(StringComparer.Ordinal));
        foreach (var group in list)
        {
            var members = all.Where(j => label(j) == group.Label).ToList();
            AssertRate(members.Count(j => j.Won), members.Count(j => j.Closed), group.Outcome, closed);
            Assert.Equal(members.Count(j => !j.Closed), group.OpenJourneys);
        }
    }

    private static void AssertRate(int won, int closedCount, WinRate rate, List<NaiveJourney> closed)
    {
        Assert.Equal(won, rate.Won);
        Assert.Equal(closedCount, rate.Closed);
        var overall = (double)closed.Count(j => j.Won) / closed.Count;
        if (closedCount == 0)
        {
            Assert.Null(rate.Rate);
            Assert.Null(rate.Lift);
            return;
        }

        Assert.Equal((double)won / closedCount, rate.Rate!.Value, 12);
        Assert.Equal((double)won / closedCount / overall, rate.Lift!.Value, 12);
    }

    /// <summary>The count and fixed buckets exactly, the mean to the millisecond, and percentiles within the documented relative accuracy of the exact nearest-rank ones.</summary>
    private static void AssertDistribution(List<TimeSpan> values, DurationDistribution distribution)
    {
        Assert.Equal(values.Count, distribution.Count);
        var bounds = DurationDistribution.BucketBounds;
        for (var b = 0; b <= bounds.Length; b++)
        {
            var low = b == 0 ? TimeSpan.MinValue : bounds[b - 1];
            var high = b == bounds.Length ? TimeSpan.MaxValue : bounds[b];
            Assert.Equal(values.Count(v => v >= low && v < high), distribution.BucketCounts[b]);
        }

        if (values.Count == 0)
        {
            Assert.Null(distribution.Median);
            return;
        }

        Assert.Equal(values.Average(v => v.TotalSeconds), distribution.Mean.TotalSeconds, 0.001 * values.Count);
        var sorted = values.Order().ToList();
        foreach (var q in (double[])[0, 0.25, 0.5, 0.9, 0.99, 1])
        {
            var exact = sorted[Math.Max(1, (int)Math.Ceiling(q * sorted.Count)) - 1].TotalSeconds;
            var estimate = distribution.Percentile(q)!.Value.TotalSeconds;
            if (exact < 1)
            {
                Assert.Equal(0, estimate);
            }
            else
            {
                Assert.True(Math.Abs(estimate - exact) <= (DurationDistribution.RelativeAccuracy * exact) + 1e-6, $"p{q * 100}: {estimate} s against exact {exact} s");
            }
        }
    }
}
