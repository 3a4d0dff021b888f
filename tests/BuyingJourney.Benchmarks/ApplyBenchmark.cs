using BenchmarkDotNet.Attributes;
using BuyingJourney.Journeys;
using BuyingJourney.Signals;

namespace BuyingJourney.Benchmarks;

/// <summary>
/// Incremental <see cref="JourneyEngine.Apply"/>: the 100 signals of one journey applied one by one from
/// <see cref="JourneyEngine.Start"/>. One operation is one signal, so "Allocated" is bytes per signal.
/// </summary>
[MemoryDiagnoser]
public class ApplyBenchmark
{
    private const int SignalsPerJourney = 100;

    private JourneyEngine _engine = null!;
    private Signal[] _signals = null!;
    private string _journeyId = null!;

    /// <summary>Builds the engine and one journey.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _engine = JourneyEngine.CreateDefault();
        _signals = SignalGenerator.Journey(7, SignalsPerJourney);
        _journeyId = _signals[0].JourneyId;
    }

    /// <summary>Applies the journey's signals one at a time.</summary>
    /// <returns>The final state.</returns>
    [Benchmark(OperationsPerInvoke = SignalsPerJourney)]
    public JourneyState Apply()
    {
        var state = _engine.Start(_journeyId);
        foreach (var signal in _signals)
        {
            state = _engine.Apply(state, signal).State;
        }

        return state;
    }
}
