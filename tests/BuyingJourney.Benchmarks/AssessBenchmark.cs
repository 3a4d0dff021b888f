using System;
using BenchmarkDotNet.Attributes;
using BuyingJourney.Assessment;
using BuyingJourney.Journeys;

namespace BuyingJourney.Benchmarks;

/// <summary>
/// The fast assessment path, <see cref="JourneyEngine.Assess(JourneyState, DateTimeOffset)"/> (phases, decayed scores
/// and the playbook's advice), of one journey after 100 signals, a day after its last signal.
/// </summary>
[MemoryDiagnoser]
public class AssessBenchmark
{
    private JourneyEngine _engine = null!;
    private JourneyState _state = null!;
    private DateTimeOffset _asOf;

    /// <summary>Replays one journey of 100 signals.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _engine = JourneyEngine.CreateDefault();
        var signals = SignalGenerator.Journey(7, 100);
        _state = _engine.Replay(signals[0].JourneyId, signals);
        _asOf = signals[^1].OccurredAt.AddDays(1);
    }

    /// <summary>Assesses the journey with advice.</summary>
    /// <returns>The assessment.</returns>
    [Benchmark]
    public JourneyAssessment Assess() => _engine.Assess(_state, _asOf);
}
