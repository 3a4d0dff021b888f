using System;
using System.Collections.Generic;
using BuyingJourney.Journeys;
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
