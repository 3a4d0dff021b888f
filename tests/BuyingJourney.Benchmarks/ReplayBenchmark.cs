using BenchmarkDotNet.Attributes;
using BuyingJourney.Journeys;
using BuyingJourney.Signals;

namespace BuyingJourney.Benchmarks;

/// <summary>
/// One core replaying journeys already in memory with <see cref="JourneyEngine.Replay"/>, against the minimal
/// lifecycle-only <see cref="LifecycleBaseline"/> on the same signals. One operation is one signal, so the mean is the
/// time per signal (signals/s = 1 s / mean) and "Allocated" is bytes per signal.
/// </summary>
/// <remarks>
/// Uses <see cref="JourneyCount"/> (10,000) journeys of 100 signals here, so an invocation stays well under a second;
/// quick mode (<c>--quick</c>) replays the full 100,000 × 100.
/// </remarks>
[MemoryDiagnoser]
public class ReplayBenchmark
{
    /// <summary>Journeys per invocation.</summary>
    public const int JourneyCount = 10_000;

    /// <summary>Signals per journey.</summary>
    public const int SignalsPerJourney = 100;

    private const int Signals = JourneyCount * SignalsPerJourney;

    private JourneyEngine _engine = null!;
    private LifecycleBaseline _baseline = null!;
    private Signal[][] _journeys = null!;
    private string[] _journeyIds = null!;
    private JourneyState[] _states = null!;

    /// <summary>Builds the engine and the signals.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _engine = JourneyEngine.CreateDefault();
        _baseline = new LifecycleBaseline(_engine);
        _journeys = SignalGenerator.Generate(JourneyCount, SignalsPerJourney);
        _journeyIds = Workload.JourneyIds(_journeys);
        _states = new JourneyState[JourneyCount];
    }

    /// <summary>The minimal lifecycle-only fold: the ceiling.</summary>
    /// <returns>A checksum of the task states.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Signals)]
    public long Baseline() => Workload.Baseline(_baseline, _journeys);

    /// <summary><see cref="JourneyEngine.Replay"/> of every journey.</summary>
    /// <returns>The last journey's state.</returns>
    [Benchmark(OperationsPerInvoke = Signals)]
    public JourneyState Replay()
    {
        Workload.Replay(_engine, _journeyIds, _journeys, _states);
        return _states[^1];
    }
}
