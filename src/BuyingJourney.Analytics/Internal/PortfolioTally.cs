using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using BuyingJourney.Assessment;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;
using BuyingJourney.Signals;
using BuyingJourney.Stages;

namespace BuyingJourney.Analytics.Internal;

/// <summary>
/// The one pass: each journey is folded signal by signal with <see cref="JourneyEngine.Apply"/> (the engine's own path,
/// equal to <c>Replay</c>), its transitions, loop-backs, status changes and stages counted as they happen, then assessed
/// as of the analysis time; only the accumulators stay from one journey to the next. Not thread-safe: one per analysis.
/// </summary>
internal sealed partial class PortfolioTally
{
    private const int Phases = 5;
    private const int Entered = 0;
    private const int Advanced = 1;
    private const int MovedBack = 2;
    private const int StalledFlow = 3;
    private const int WonFlow = 4;
    private const int LostFlow = 5;
    private const int FlowFigures = 6;

    private readonly JourneyEngine _engine;
    private readonly StageMapping _mapping;
    private readonly PortfolioOptions _options;
    private readonly DateTimeOffset _asOf;
    private readonly JourneyEngine? _candidate;
    private readonly ComparisonSink? _comparison;
    private readonly int _tasks;
    private readonly int _stages;
    private readonly bool[] _closingStage;
    private readonly StageCache _stageCache;

    // Per journey, reused.
    private readonly List<Signal> _signals = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly bool[] _pairSeen;
    private readonly bool[] _cellSeen;
    private readonly List<(int Cell, long AtTicks)> _journeyLoopBacks = [];
    private readonly long[] _lastPeriod = new long[FlowFigures];

    // The accumulators.
    private readonly int[] _status = new int[Phases];
    private readonly int[] _stageNow;
    private readonly DurationSketch[] _stageTime;
    private readonly int[] _phaseCounts;
    private readonly DurationSketch[] _phaseTime;
    private readonly int[] _started;
    private readonly int[] _loopBacksTo;
    private readonly int[] _flows;
    private readonly int[] _pairs;
    private readonly int[] _cellCount;
    private readonly int[] _cellJourneys;
    private readonly int[] _cellWon;
    private readonly int[] _cellLost;
    private readonly DurationSketch[] _cellSinceStart;
    private readonly double[] _cellShareSum;
    private readonly int[] _cellShareCount;
    private readonly GroupTable _configurations;
    private readonly GroupTable _patterns;
    private readonly Dictionary<(int Furthest, int Pattern), int[]> _closedByFurthest = [];
    private readonly Dictionary<(int Stage, int Pattern), int> _openByStage = [];
    private readonly DurationSketch _cycleWon = new();
    private readonly DurationSketch _cycleLost = new();
    private readonly SortedDictionary<long, int[]> _periods = [];
    private readonly PriorityQueue<QuietJourney, QuietJourney> _quietJourneys = new(QuietEviction.Instance);
    private int _journeys;
    private int _notStarted;
    private int _quiet;
    private int _fading;
    private long _earliestLaterSignal = long.MaxValue;

    /// <summary>A tally; <paramref name="configurations"/>, <paramref name="patterns"/> and <paramref name="comparison"/> are shared by the tallies of one pass (thread-safe) and owned by its caller.</summary>
    public PortfolioTally(JourneyEngine engine, StageMapping mapping, PortfolioOptions options, DateTimeOffset asOf, JourneyEngine? candidate, ComparisonSink? comparison, GroupTable configurations, GroupTable patterns)
    {
        _engine = engine;
        _mapping = mapping;
        _options = options;
        _asOf = asOf;
        _candidate = candidate;
        _comparison = comparison;
        _tasks = engine.Model.Tasks.Length;
        _stages = mapping.Stages.Length;
        _closingStage = new bool[_stages];
        for (var i = 0; i < _stages; i++)
        {
            _closingStage[i] = mapping.Stages[i].Status is not null;
        }

        _stageCache = new StageCache(engine, mapping);
        _pairSeen = new bool[_tasks * _tasks];
        var cells = (_tasks + 1) * _tasks;
        _cellSeen = new bool[cells];
        _stageNow = new int[_stages];
        _stageTime = Sketches(_stages);
        _phaseCounts = new int[_tasks * Phases];
        _phaseTime = Sketches(_tasks * Phases);
        _started = new int[_tasks];
        _loopBacksTo = new int[_tasks];
        _flows = new int[(_tasks + 1) * _tasks];
        _pairs = new int[_tasks * _tasks];
        _cellCount = new int[cells];
        _cellJourneys = new int[cells];
        _cellWon = new int[cells];
        _cellLost = new int[cells];
        _cellSinceStart = Sketches(cells);
        _cellShareSum = new double[cells];
        _cellShareCount = new int[cells];
        _configurations = configurations;
        _patterns = patterns;
    }

    /// <summary>Counts one journey: its signals (any order, repeats allowed, all of one journey); those after the analysis time are left out.</summary>
    /// <param name="journey">The journey's signals.</param>
    /// <param name="position">The journey's position in the input, for error messages.</param>
    public void Add(IEnumerable<Signal> journey, long position)
    {
        if (journey is null)
        {
            throw BadJourney($"journey #{position} of the portfolio is null; pass each journey's signals (an empty list for a journey without any).");
        }

        _signals.Clear();
        string? journeyId = null;
        var index = 0;
        foreach (var signal in journey)
        {
            if (signal is null)
            {
                throw BadJourney($"journey #{position} of the portfolio{(journeyId is null ? string.Empty : $" (\"{journeyId}\")")}: signal [{index}] is null.");
            }

            journeyId ??= signal.JourneyId;
            if (!string.Equals(journeyId, signal.JourneyId, StringComparison.Ordinal))
            {
                throw BadJourney($"journey #{position} of the portfolio mixes journeys: signal \"{signal.Id}\" belongs to journey \"{signal.JourneyId}\", the first to \"{journeyId}\"; pass each journey's signals apart.");
            }

            if (signal.OccurredAt <= _asOf)
            {
                _signals.Add(signal);
            }
            else
            {
                _earliestLaterSignal = Math.Min(_earliestLaterSignal, signal.OccurredAt.UtcTicks);
            }

            index++;
        }

        if (_signals.Count == 0 || journeyId is null)
        {
            _notStarted++;
            return;
        }

        _signals.Sort(SignalOrder.Instance);
        Fold(journeyId);
    }

    /// <summary>Adds what <paramref name="other"/> (a tally of the same pass) counted.</summary>
    public void Merge(PortfolioTally other)
    {
        Add(_status, other._status);
        Add(_stageNow, other._stageNow);
        Add(_phaseCounts, other._phaseCounts);
        Add(_started, other._started);
        Add(_loopBacksTo, other._loopBacksTo);
        Add(_flows, other._flows);
        Add(_pairs, other._pairs);
        Add(_cellCount, other._cellCount);
        Add(_cellJourneys, other._cellJourneys);
        Add(_cellWon, other._cellWon);
        Add(_cellLost, other._cellLost);
        Add(_cellShareCount, other._cellShareCount);
        for (var i = 0; i < _cellShareSum.Length; i++)
        {
            _cellShareSum[i] += other._cellShareSum[i];
            _cellSinceStart[i].Merge(other._cellSinceStart[i]);
        }

        for (var i = 0; i < _stageTime.Length; i++)
        {
            _stageTime[i].Merge(other._stageTime[i]);
        }

        for (var i = 0; i < _phaseTime.Length; i++)
        {
            _phaseTime[i].Merge(other._phaseTime[i]);
        }

        foreach (var (key, counts) in other._closedByFurthest)
        {
            if (_closedByFurthest.TryGetValue(key, out var mine))
            {
                Add(mine, counts);
            }
            else
            {
                _closedByFurthest[key] = counts;
            }
        }

        foreach (var (key, count) in other._openByStage)
        {
            _openByStage[key] = _openByStage.GetValueOrDefault(key) + count;
        }

        foreach (var (key, row) in other._periods)
        {
            if (_periods.TryGetValue(key, out var mine))
            {
                Add(mine, row);
            }
            else
            {
                _periods[key] = row;
            }
        }

        _cycleWon.Merge(other._cycleWon);
        _cycleLost.Merge(other._cycleLost);
        while (other._quietJourneys.TryDequeue(out var quiet, out _))
        {
            _quietJourneys.Enqueue(quiet, quiet);
            if (_quietJourneys.Count > _options.QuietJourneysListed)
            {
                _quietJourneys.Dequeue();
            }
        }

        _journeys += other._journeys;
        _notStarted += other._notStarted;
        _quiet += other._quiet;
        _fading += other._fading;
        _earliestLaterSignal = Math.Min(_earliestLaterSignal, other._earliestLaterSignal);
    }

    /// <summary>The analysis of every journey added.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No journey had a signal at or before the analysis time, though some had later ones.</exception>
    public PortfolioAnalysis Complete()
    {
        if (_journeys == 0 && _earliestLaterSignal != long.MaxValue)
        {
            throw new ArgumentOutOfRangeException(
                "asOf",
                _asOf,
                $"asOf {_asOf:O} is before every signal of the portfolio (the first occurs at {new DateTimeOffset(_earliestLaterSignal, TimeSpan.Zero):O}); analyse as of a later time.");
        }

        return Build(_comparison?.Complete());
    }

    /// <summary>The error for a bad journey of the caller's <c>journeys</c>.</summary>
    private static ArgumentException BadJourney(string message, string parameter = "journeys") => new(message, parameter);

    private static void Add(int[] into, int[] from)
    {
        for (var i = 0; i < into.Length; i++)
        {
            into[i] += from[i];
        }
    }

    private static DurationSketch[] Sketches(int count)
    {
        var sketches = new DurationSketch[count];
        for (var i = 0; i < count; i++)
        {
            sketches[i] = new DurationSketch();
        }

        return sketches;
    }

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

    private void Count(JourneyAssessment assessment, int stageAtLastSignal, long stageSince, long startTicks, int furthest, ulong startedMask, ulong patternMask)
    {
        _journeys++;
        var state = assessment.State;
        var status = assessment.Status;
        var closed = status is JourneyStatus.Won or JourneyStatus.Lost;
        var won = status == JourneyStatus.Won;
        _status[(int)status]++;

        var stage = _stageCache.StageOf(assessment);
        if (stage != stageAtLastSignal)
        {
            // Time alone (tasks fading after the last signal) moved the journey: it is here since the latest phase change.
            foreach (var task in assessment.Tasks)
            {
                if (task.Since is { } since && since.UtcTicks > stageSince)
                {
                    stageSince = since.UtcTicks;
                }
            }
        }

        _stageNow[stage]++;
        var fadesBy = _asOf + _options.FadingWithin;
        var fading = false;
        for (var i = 0; i < assessment.Tasks.Length; i++)
        {
            var task = assessment.Tasks[i];
            var cell = (i * Phases) + (int)task.Phase;
            _phaseCounts[cell]++;
            if (!closed && task.Phase != TaskPhase.NotStarted)
            {
                _phaseTime[cell].Add(task.TimeInPhase);
            }

            if (task.FadesAt is { } fadesAt && fadesAt <= fadesBy)
            {
                fading = true;
            }

            if ((startedMask & (1UL << i)) != 0)
            {
                _started[i]++;
            }
        }

        CountPairs();
        var configuration = _configurations.Group(startedMask);
        var pattern = _patterns.Group(patternMask);
        _configurations.Count(configuration, closed, won);
        _patterns.Count(pattern, closed, won);
        long closeTicks = 0;
        if (closed)
        {
            closeTicks = state.StatusSince?.UtcTicks ?? startTicks;
            (won ? _cycleWon : _cycleLost).Add(new TimeSpan(closeTicks - startTicks));
            var key = (furthest, pattern);
            if (!_closedByFurthest.TryGetValue(key, out var counts))
            {
                counts = new int[2];
                _closedByFurthest[key] = counts;
            }

            counts[won ? 0 : 1]++;
        }
        else
        {
            _stageTime[stage].Add(new TimeSpan(_asOf.UtcTicks - stageSince));
            var key = (stage, pattern);
            _openByStage[key] = _openByStage.GetValueOrDefault(key) + 1;
            _fading += fading ? 1 : 0;
            var silence = _asOf - state.LastSignalAt!.Value;
            if (silence >= _options.QuietAfter)
            {
                _quiet++;
                if (_options.QuietJourneysListed > 0)
                {
                    var quiet = new QuietJourney(state.JourneyId, state.LastSignalAt.Value, silence, _mapping.Stages[stage].Id);
                    _quietJourneys.Enqueue(quiet, quiet);
                    if (_quietJourneys.Count > _options.QuietJourneysListed)
                    {
                        _quietJourneys.Dequeue();
                    }
                }
            }
        }

        CountLoopBacks(closed, won, startTicks, closeTicks);
    }

    private void CountLoopBacks(bool closed, bool won, long startTicks, long closeTicks)
    {
        foreach (var (cell, at) in _journeyLoopBacks)
        {
            _cellCount[cell]++;
            _cellSinceStart[cell].Add(new TimeSpan(at - startTicks));
            if (closed && closeTicks > startTicks)
            {
                _cellShareSum[cell] += (double)(at - startTicks) / (closeTicks - startTicks);
                _cellShareCount[cell]++;
            }

            if (!_cellSeen[cell])
            {
                _cellSeen[cell] = true;
                _cellJourneys[cell]++;
                if (closed)
                {
                    (won ? _cellWon : _cellLost)[cell]++;
                }
            }
        }

        foreach (var (cell, _) in _journeyLoopBacks)
        {
            _cellSeen[cell] = false;
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

    private void CountPairs()
    {
        for (var i = 0; i < _pairSeen.Length; i++)
        {
            if (_pairSeen[i])
            {
                _pairs[i]++;
                _pairSeen[i] = false;
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

    /// <summary>Evicts, of the quiet journeys kept, the one silent the shortest (ties: the greatest id), so the longest silent stay.</summary>
    private sealed class QuietEviction : IComparer<QuietJourney>
    {
        public static readonly QuietEviction Instance = new();

        public int Compare(QuietJourney? x, QuietJourney? y)
        {
            var order = x!.Silence.CompareTo(y!.Silence);
            return order != 0 ? order : string.CompareOrdinal(y.JourneyId, x.JourneyId);
        }
    }
}
