using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using BuyingJourney.Signals;
using Xunit;

namespace BuyingJourney.Tests.Performance;

/// <summary>
/// Replay reads an ordered array or list where it is and copies anything else into a reused per-thread buffer: every
/// shape of input must give the same state, the caller's collection must never be reordered, and a journey longer
/// than the buffer must grow it.
/// </summary>
public sealed class ReplayInputTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 2, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] Types =
        [SignalTypes.ProblemStated, SignalTypes.SolutionResearched, SignalTypes.RequirementsDrafted, SignalTypes.DemoRequested, SignalTypes.ProblemDefined, SignalTypes.ReferenceRequested];

    public static TheoryData<string> Shapes => new() { "array", "list", "lazy", "immutable" };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Replay_ShuffledInputOfAnyShapeLongerThanTheBuffer_EqualsReplayOfTheOrderedArray(string shape)
    {
        var engine = JourneyEngine.CreateDefault();
        var ordered = Journey(300);
        var shuffled = ordered.OrderBy(s => s.Id.GetHashCode(StringComparison.Ordinal)).ToArray();
        shuffled = [.. shuffled, ordered[17]]; // a duplicate delivery too
        var expected = engine.Replay("j", ordered);

        // A short journey first, so the per-thread buffer is in use and must grow for the long one.
        engine.Replay("j", Journey(3));
        var input = Shape(shuffled, shape);
        var copy = input.ToArray();

        Assert.Equal(expected, engine.Replay("j", input));
        Assert.Equal(copy, input.ToArray()); // the caller's collection is not reordered
        Assert.Equal(expected, engine.Replay("j", Shape(ordered, shape)));
    }

    [Fact]
    public void Replay_AfterARefusedInput_StillReplaysTheNextJourneyCorrectly()
    {
        var engine = JourneyEngine.CreateDefault();
        var signals = Journey(40);
        var wrong = signals.Append(new Signal("x", "other", Day0, SignalTypes.ProblemStated)).Reverse().ToList();

        var error = Assert.Throws<ArgumentException>(() => engine.Replay("j", wrong.Select(s => s)));

        Assert.Contains("\"other\"", error.Message, StringComparison.Ordinal);
        Assert.Equal(engine.Replay("j", signals.ToList()), engine.Replay("j", signals.AsEnumerable().Reverse()));
    }

    private static IEnumerable<Signal> Shape(Signal[] signals, string shape) => shape switch
    {
        "array" => (Signal[])signals.Clone(),
        "list" => signals.ToList(),
        "immutable" => signals.ToImmutableArray(),
        _ => signals.Select(s => s),
    };

    private static Signal[] Journey(int count)
    {
        var signals = new Signal[count];
        for (var i = 0; i < count; i++)
        {
            var who = i % 3 == 0 ? new Stakeholder(i % 2 == 0 ? "ana" : "ben", StakeholderRoles.Influencer) : null;
            signals[i] = new Signal($"s{i:D4}", "j", Day0.AddHours(7 * i), Types[i % Types.Length], who);
        }

        return signals;
    }
}
