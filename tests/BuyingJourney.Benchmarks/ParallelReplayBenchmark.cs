using System;
using BenchmarkDotNet.Attributes;
using BuyingJourney.Journeys;
using BuyingJourney.Signals;

namespace BuyingJourney.Benchmarks;

/// <summary>
/// The replay of <see cref="ReplayBenchmark"/> on one core and split over <see cref="Environment.ProcessorCount"/>
/// threads (one contiguous partition each, with <c>Parallel.For</c>). One operation is one signal.
/// </summary>
[MemoryDiagnoser]
public class ParallelReplayBenchmark
{
    private const int Signals = ReplayBenchmark.JourneyCount * ReplayBenchmark.SignalsPerJourney;

    private JourneyEngine _engine = null!;
    private Signal[][] _journeys = null!;
    private string[] _journeyIds = null!;
    private JourneyState[] _states = null!;

    /// <summary>Builds the engine and the signals.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _engine = JourneyEngine.CreateDefault();
        _journeys = SignalGenerator.Generate(ReplayBenchmark.JourneyCount, ReplayBenchmark.SignalsPerJourney);
        _journeyIds = Workload.JourneyIds(_journeys);
        _states = new JourneyState[_journeys.Length];
    }

    /// <summary>Every journey on one thread.</summary>
    /// <returns>The last journey's state.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Signals)]
    public JourneyState OneCore()
    {
        Workload.Replay(_engine, _journeyIds, _journeys, _states);
        return _states[^1];
    }

    /// <summary>The journeys split over every core.</summary>
    /// <returns>The last journey's state.</returns>
    [Benchmark(OperationsPerInvoke = Signals)]
    public JourneyState AllCores()
    {
        Workload.ParallelReplay(_engine, _journeyIds, _journeys, _states);
        return _states[^1];
    }
}
