using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using BuyingJourney.Assessment;
using BuyingJourney.Phases;

namespace BuyingJourney.Analytics.Internal;

/// <summary>The analysis made from the accumulators once every journey is counted.</summary>
internal sealed partial class PortfolioTally
{
    private PortfolioAnalysis Build(ReinterpretationSummary? comparison)
    {
        var model = _engine.Model;
        var won = _status[(int)JourneyStatus.Won];
        var lost = _status[(int)JourneyStatus.Lost];
        var overall = new WinRate(won, lost, null);
        var overallRate = overall.Rate;
        overall = new WinRate(won, lost, overallRate);

        var reached = new (int Won, int Lost)[_stages];
        foreach (var ((furthest, _), counts) in _closedByFurthest)
        {
            for (var s = 0; s <= furthest; s++)
            {
                reached[s].Won += counts[0];
                reached[s].Lost += counts[1];
            }
        }

        var stages = ImmutableArray.CreateBuilder<StageFigures>(_stages);
        for (var s = 0; s < _stages; s++)
        {
            var rate = _closingStage[s] ? new WinRate(0, 0, overallRate) : new WinRate(reached[s].Won, reached[s].Lost, overallRate);
            stages.Add(new StageFigures(_mapping.Stages[s], s, _stageNow[s], _stageTime[s].Complete(), rate));
        }

        var tasks = ImmutableArray.CreateBuilder<TaskFigures>(_tasks);
        for (var i = 0; i < _tasks; i++)
        {
            var phases = ImmutableArray.Create(_phaseCounts, i * Phases, Phases);
            var times = ImmutableArray.CreateRange(Enumerable.Range(i * Phases, Phases).Select(c => _phaseTime[c].Complete()));
            tasks.Add(new TaskFigures(model.Tasks[i].Id, model.Tasks[i].DisplayName, phases, times, _started[i], _loopBacksTo[i]));
        }

        var flows = ImmutableArray.CreateBuilder<TaskFlow>();
        for (var from = -1; from < _tasks; from++)
        {
            for (var to = 0; to < _tasks; to++)
            {
                var count = _flows[((from + 1) * _tasks) + to];
                if (count > 0)
                {
                    flows.Add(new TaskFlow(from < 0 ? null : model.Tasks[from].Id, model.Tasks[to].Id, count));
                }
            }
        }

        var pairs = ImmutableArray.CreateBuilder<TaskPair>();
        for (var i = 0; i < _tasks; i++)
        {
            for (var j = i; j < _tasks; j++)
            {
                if (_pairs[(i * _tasks) + j] > 0)
                {
                    pairs.Add(new TaskPair(model.Tasks[i].Id, model.Tasks[j].Id, _pairs[(i * _tasks) + j]));
                }
            }
        }

        var cells = ImmutableArray.CreateBuilder<LoopBackCell>();
        for (var from = -1; from < _tasks; from++)
        {
            for (var to = 0; to < _tasks; to++)
            {
                var cell = ((from + 1) * _tasks) + to;
                if (_cellCount[cell] > 0)
                {
                    cells.Add(new LoopBackCell(
                        from < 0 ? null : model.Tasks[from].Id,
                        model.Tasks[to].Id,
                        _cellCount[cell],
                        _cellJourneys[cell],
                        new WinRate(_cellWon[cell], _cellLost[cell], overallRate),
                        _cellSinceStart[cell].Complete(),
                        _cellShareCount[cell] == 0 ? null : _cellShareSum[cell] / _cellShareCount[cell]));
                }
            }
        }

        var quiet = new List<QuietJourney>(_quietJourneys.Count);
        while (_quietJourneys.Count > 0)
        {
            quiet.Add(_quietJourneys.Dequeue());
        }

        quiet.Reverse();
        return new PortfolioAnalysis(
            _asOf,
            model.Name,
            $"{_engine.Rulebook.Name} {_engine.Rulebook.Version}",
            _mapping.Name,
            _options.Period,
            _journeys,
            _notStarted,
            ImmutableArray.Create(_status),
            overall,
            stages.MoveToImmutable(),
            tasks.MoveToImmutable(),
            flows.ToImmutable(),
            pairs.ToImmutable(),
            cells.ToImmutable(),
            _configurations.Complete(model, overallRate),
            _patterns.Complete(model, overallRate),
            _cycleWon.Complete(),
            _cycleLost.Complete(),
            Periods(),
            _quiet,
            _fading,
            [.. quiet],
            Forecast(overall, reached),
            _candidate is null ? null : $"{_candidate.Rulebook.Name} {_candidate.Rulebook.Version}",
            comparison);
    }

    private ImmutableArray<PeriodFlow> Periods()
    {
        var periods = ImmutableArray.CreateBuilder<PeriodFlow>();
        if (_periods.Count == 0)
        {
            return periods.ToImmutable();
        }

        var last = PeriodOf(_asOf.UtcTicks);
        for (var start = _periods.Keys.First(); start <= last; start = NextPeriod(start))
        {
            var row = _periods.GetValueOrDefault(start) ?? new int[FlowFigures];
            var end = NextPeriod(start);
            periods.Add(new PeriodFlow(
                new DateTimeOffset(start, TimeSpan.Zero),
                new DateTimeOffset(end, TimeSpan.Zero),
                row[Entered],
                row[Advanced],
                row[MovedBack],
                row[StalledFlow],
                row[WonFlow],
                row[LostFlow]));
        }

        return periods.ToImmutable();
    }

    private PortfolioForecast Forecast(WinRate overall, (int Won, int Lost)[] reached)
    {
        var model = _engine.Model;
        var min = _options.MinClosedDeals;
        var lines = new List<(int Stage, string Pattern, ForecastLine Line)>();
        foreach (var ((stage, pattern), open) in _openByStage)
        {
            int cellWon = 0, cellLost = 0;
            foreach (var ((furthest, closedPattern), counts) in _closedByFurthest)
            {
                if (closedPattern == pattern && furthest >= stage)
                {
                    cellWon += counts[0];
                    cellLost += counts[1];
                }
            }

            var label = _patterns.Label(model, pattern);
            var stageId = _mapping.Stages[stage].Id;
            var cell = new WinRate(cellWon, cellLost, overall.Rate);
            var stageRate = new WinRate(reached[stage].Won, reached[stage].Lost, overall.Rate);
            ForecastLine line;
            if (cell.Closed >= min)
            {
                line = new ForecastLine(stageId, label, open, ForecastBasis.StageAndPattern, cell, null);
            }
            else if (stageRate.Closed >= min)
            {
                line = new ForecastLine(stageId, label, open, ForecastBasis.Stage, stageRate, FormattableString.Invariant(
                    $"only {Deals(cell.Closed)} reached {stageId} with loop-back pattern {label}, fewer than {min}; the rate of all {Deals(stageRate.Closed)} that reached {stageId} stands in."));
            }
            else if (overall.Closed > 0)
            {
                var thin = overall.Closed < min ? FormattableString.Invariant($" That rate too rests on fewer than {min} deals: treat this line as a guess.") : string.Empty;
                line = new ForecastLine(stageId, label, open, ForecastBasis.Overall, overall, FormattableString.Invariant(
                    $"only {Deals(stageRate.Closed)} reached {stageId}, fewer than {min}; the tenant's overall rate over {Deals(overall.Closed)} stands in.{thin}"));
            }
            else
            {
                line = new ForecastLine(stageId, label, open, ForecastBasis.Overall, overall, "no journey has closed yet, so there is no win rate to forecast with; these journeys count as 0 expected wins.");
            }

            lines.Add((stage, label, line));
        }

        return new PortfolioForecast(
            [.. lines.OrderBy(l => l.Stage).ThenBy(l => l.Pattern, StringComparer.Ordinal).Select(l => l.Line)],
            min);
    }

    /// <summary>"1 closed deal", "12 closed deals".</summary>
    private static string Deals(int closed) => FormattableString.Invariant($"{closed} closed deal{(closed == 1 ? string.Empty : "s")}");
}
