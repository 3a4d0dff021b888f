using System;
using BuyingJourney.Assessment;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;

namespace BuyingJourney.Analytics.Internal;

// The portfolio tally, part: folding one journey signal by signal (its task entries, loop-backs, active pairs and status
// changes as they happen), and the flow periods those are marked in.
internal sealed partial class PortfolioTally
{
    private void Fold(string journeyId)
    {
        var model = _engine.Model;
        var state = _engine.Start(journeyId);
        _seen.Clear();
        _journeyLoopBacks.Clear();
        Array.Fill(_lastPeriod, long.MinValue);
        var stage = 0;
        var furthest = 0;
        long stageSince = 0;
        long startTicks = 0;
        var lastEntered = -1;
        ulong startedMask = 0;
        ulong patternMask = 0;
        ulong activeMask = 0;
        var status = JourneyStatus.Open;
        foreach (var signal in _signals)
        {
            if (!_seen.Add(signal.Id))
            {
                continue;
            }

            var result = _engine.Apply(state, signal);
            if (!result.IsApplied)
            {
                continue;
            }

            state = result.State;
            var at = signal.OccurredAt.UtcTicks;
            var period = PeriodOf(at);
            if (startTicks == 0)
            {
                startTicks = at;
                stageSince = at;
                Mark(Entered, period);
            }

            foreach (var transition in result.Transitions)
            {
                // An entry: the customer turns to a task they were not working on (not started, dormant or completed):
                // it becomes active, revisited or, straight away, completed.
                if (transition.From is TaskPhase.NotStarted or TaskPhase.Dormant or TaskPhase.Completed
                    && transition.To is TaskPhase.Active or TaskPhase.Revisiting or TaskPhase.Completed)
                {
                    var task = model.IndexOf(transition.TaskId);
                    if (task != lastEntered)
                    {
                        _flows[((lastEntered + 1) * _tasks) + task]++;
                        lastEntered = task;
                    }

                    if (transition.From == TaskPhase.NotStarted)
                    {
                        startedMask |= 1UL << task;
                    }
                }
            }

            var loopBacks = result.LoopBacks;
            if (!loopBacks.IsEmpty)
            {
                Mark(MovedBack, period);
                foreach (var loopBack in loopBacks)
                {
                    var to = model.IndexOf(loopBack.TaskId);
                    patternMask |= 1UL << to;
                    _loopBacksTo[to]++;
                    if (loopBack.LoopedBackFrom.IsEmpty)
                    {
                        _journeyLoopBacks.Add((to, loopBack.At.UtcTicks));
                    }

                    foreach (var from in loopBack.LoopedBackFrom)
                    {
                        _journeyLoopBacks.Add((((model.IndexOf(from) + 1) * _tasks) + to, loopBack.At.UtcTicks));
                    }
                }
            }

            var active = ActiveMask(state);
            if (active != activeMask)
            {
                activeMask = active;
                MarkPairs(active);
            }

            if (state.Status != status)
            {
                status = state.Status;
                switch (status)
                {
                    case JourneyStatus.Stalled:
                        Mark(StalledFlow, period);
                        break;
                    case JourneyStatus.Won:
                        Mark(WonFlow, period);
                        break;
                    case JourneyStatus.Lost:
                        Mark(LostFlow, period);
                        break;
                }
            }

            var now = _stageCache.StageOf(state);
            if (now != stage)
            {
                if (now > stage && !_closingStage[now])
                {
                    Mark(Advanced, period);
                }

                stage = now;
                stageSince = at;
            }

            if (!_closingStage[now] && now > furthest)
            {
                furthest = now;
            }
        }

        if (state.SignalCount == 0)
        {
            _notStarted++;
            return;
        }

        var assessment = _engine.Assess(state, _asOf);
        Count(assessment, stage, stageSince, startTicks, furthest, startedMask, patternMask);
        if (_candidate is not null)
        {
            var after = _candidate.Assess(_candidate.Replay(journeyId, _signals), _asOf);
            _comparison!.Add(JourneyDiff.Compare(assessment, after));
        }
    }

    private static ulong ActiveMask(JourneyState state)
    {
        ulong mask = 0;
        var tasks = state.Tasks;
        for (var i = 0; i < tasks.Length; i++)
        {
            if (tasks[i].Phase is TaskPhase.Active or TaskPhase.Revisiting)
            {
                mask |= 1UL << i;
            }
        }

        return mask;
    }

    private void MarkPairs(ulong active)
    {
        for (var i = 0; i < _tasks; i++)
        {
            if ((active & (1UL << i)) == 0)
            {
                continue;
            }

            for (var j = i; j < _tasks; j++)
            {
                if ((active & (1UL << j)) != 0)
                {
                    _pairSeen[(i * _tasks) + j] = true;
                }
            }
        }
    }

    private void Mark(int figure, long period)
    {
        if (_lastPeriod[figure] == period)
        {
            return;
        }

        _lastPeriod[figure] = period;
        if (!_periods.TryGetValue(period, out var row))
        {
            row = new int[FlowFigures];
            _periods[period] = row;
        }

        row[figure]++;
    }

    /// <summary>The first tick (UTC) of the period holding <paramref name="ticks"/>.</summary>
    private long PeriodOf(long ticks)
    {
        var day = new DateTime(ticks, DateTimeKind.Utc).Date;
        return _options.Period == PortfolioPeriod.Month
            ? new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Utc).Ticks
            : day.AddDays(-(((int)day.DayOfWeek + 6) % 7)).Ticks;
    }

    private long NextPeriod(long start)
    {
        var day = new DateTime(start, DateTimeKind.Utc);
        return (_options.Period == PortfolioPeriod.Month ? day.AddMonths(1) : day.AddDays(7)).Ticks;
    }
}
