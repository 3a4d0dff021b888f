using System;
using BuyingJourney.Phases;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Phases;

// Task lifecycle tests, part: decay to dormancy at the exact crossing, and dormant tasks resumed.
public sealed partial class TaskLifecycleTests
{
    [Fact]
    public void Assess_StrongEvidence_GoesDormantAfterLog2Of5HalfLives()
    {
        var crossing = Crossing(Day0, 1.0);

        Assert.InRange((crossing - Day0).TotalDays, 32.506, 32.508);
        Assert.Equal(Math.Log2(5) * 14, (crossing - Day0).TotalDays, 6);
    }

    [Fact]
    public void Assess_OneTickBeforeAndAtTheCrossing_ActiveThenDormant()
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.ProblemStated)));
        var crossing = Crossing(Day0, 1.0);

        var before = Engine.Assess(state, crossing.AddTicks(-1)).Task(Problem);
        var at = Engine.Assess(state, crossing).Task(Problem);

        Assert.Equal(TaskPhase.Active, before.Phase);
        Assert.Equal(Day0, before.Since);
        Assert.Equal(TaskPhase.Dormant, at.Phase);
        Assert.Equal(crossing, at.Since);
        Assert.Equal(TimeSpan.Zero, at.TimeInPhase);
    }

    [Fact]
    public void Assess_JustBeforeAndJustAfterThirtyTwoAndAHalfDays_ScoreCrossesTheDormancyThreshold()
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.ProblemStated)));

        var before = Engine.Assess(state, Day(32.5)).Task(Problem);
        var after = Engine.Assess(state, Day(32.51)).Task(Problem);

        Assert.Equal(TaskPhase.Active, before.Phase);
        Assert.Equal(Math.Pow(2, -32.5 / 14), before.Score, 12);
        Assert.True(before.Score > 0.2);
        Assert.True(before.IsActive);
        Assert.Equal(TaskPhase.Dormant, after.Phase);
        Assert.True(after.Score < 0.2);
        Assert.False(after.IsActive);
    }

    [Fact]
    public void Apply_SignalAfterTheCrossing_RecordsTheDecayAtTheCrossingWithoutASignal()
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.ProblemStated)));

        var result = Engine.Apply(state, At(40, "s2", SignalTypes.EventAttended));

        var decay = Assert.Single(result.Transitions);
        Assert.Equal(Problem, decay.TaskId);
        Assert.Equal(TaskPhase.Active, decay.From);
        Assert.Equal(TaskPhase.Dormant, decay.To);
        Assert.Equal(TransitionCause.Decay, decay.Cause);
        Assert.Null(decay.SignalId);
        Assert.Equal(Crossing(Day0, 1.0), decay.At);
        Assert.False(string.IsNullOrWhiteSpace(decay.Reason));
        Assert.Equal(TaskPhase.Dormant, Task(result.State, Problem).Phase);
        Assert.Equal(Crossing(Day0, 1.0), Task(result.State, Problem).Since);
    }

    [Fact]
    public void Apply_SignalExactlyAtTheCrossing_SeesTheTaskDormant_OneTickEarlierStillActive()
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.ProblemStated)));
        var crossing = Crossing(Day0, 1.0);

        var early = Engine.Apply(state, At(crossing.AddTicks(-1), "s2", "custom.noise"));
        var exact = Engine.Apply(state, At(crossing, "s2", "custom.noise"));

        Assert.Empty(early.Transitions);
        Assert.Equal(TaskPhase.Active, Task(early.State, Problem).Phase);
        Assert.Equal(TransitionCause.Decay, Assert.Single(exact.Transitions).Cause);
        Assert.Equal(TaskPhase.Dormant, Task(exact.State, Problem).Phase);
    }

    [Fact]
    public void Apply_EvidenceForADormantTask_ResumesIt_NotALoopBack()
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.ProblemStated)));

        var result = Engine.Apply(state, At(40, "s2", SignalTypes.ProblemMetricMissed));

        Assert.Equal(2, result.Transitions.Length);
        Assert.Equal(TransitionCause.Decay, result.Transitions[0].Cause);
        var resumption = result.Transitions[1];
        Assert.Equal((TaskPhase.Dormant, TaskPhase.Active, TransitionCause.Evidence, "s2"), (resumption.From, resumption.To, resumption.Cause, resumption.SignalId));
        Assert.True(resumption.IsResumption);
        Assert.False(resumption.IsLoopBack);
        Assert.Empty(result.LoopBacks);
        Assert.Equal(0, result.State.LoopBackCount);
        var task = Task(result.State, Problem);
        Assert.Equal(0, task.LoopBackCount);
        Assert.Equal(Day(40), task.Since);
        Assert.Equal(Math.Pow(2, -40.0 / 14) + 1.0, task.Score, 12);
    }

    [Fact]
    public void Apply_WeakEvidenceForADormantTask_LeavesItDormant()
    {
        var state = ApplyAll(Engine, Script((0, SignalTypes.ProblemStated)));

        var result = Engine.Apply(state, At(40, "s2", SignalTypes.ContentInsightRead));

        Assert.DoesNotContain(result.Transitions, t => t.To == TaskPhase.Active);
        Assert.Equal(TaskPhase.Dormant, Task(result.State, Problem).Phase);
        Assert.Equal(Math.Pow(2, -40.0 / 14) + 0.3, Task(result.State, Problem).Score, 12);
    }

    [Fact]
    public void FadeBound_AnyScoreAndHalfLife_NeverAfterTheCrossingAndWithinATenthOfAHalfLife()
    {
        var random = new Random(12);
        var halfLives = new[] { TimeSpan.FromSeconds(1), TimeSpan.FromDays(14), TimeSpan.FromDays(365), BuyingJourney.Model.TaskSettings.MaxHalfLife };
        foreach (var halfLife in halfLives)
        {
            var settings = BuyingJourney.Model.TaskSettings.Default with { HalfLife = halfLife };
            var parameters = settings.ToParameters(TaskLifecycleTable.BuiltIn);
            for (var i = 0; i < 20_000; i++)
            {
                // Ratios to dormancy a few units in the last place above 1, near 1, near powers of two and spread up to 2^40.
                var ratio = (i % 5) switch
                {
                    4 => 1 + Math.ScaleB(random.Next(1, 64), -52),
                    0 => 1 + (random.NextDouble() * 1e-9),
                    1 => Math.ScaleB(1 - (random.NextDouble() * 1e-12), random.Next(1, 40)),
                    2 => Math.ScaleB(1 + (random.NextDouble() * 1e-12), random.Next(0, 40)),
                    _ => Math.Pow(2, random.NextDouble() * 40),
                };
                var state = new TaskState(TaskPhase.Active, 1, ratio * settings.DormancyThreshold, Day0.UtcTicks + random.Next(), 0, "s");

                var bound = TaskLifecycle.FadeBoundTicks(state, parameters);
                var crossing = TaskLifecycle.FadesAtTicks(state, parameters);

                Assert.True(bound <= crossing, $"ratio {ratio:R}, half-life {halfLife}: bound {bound} after the crossing {crossing}");
                Assert.True(crossing - bound <= halfLife.Ticks / 10, $"ratio {ratio:R}, half-life {halfLife}: bound {bound} more than a tenth of a half-life before {crossing}");
            }
        }
    }

    [Fact]
    public void FadeBound_TaskThatCannotFade_IsNever()
    {
        var parameters = BuyingJourney.Model.TaskSettings.Default.ToParameters(TaskLifecycleTable.BuiltIn);

        Assert.Equal(TaskLifecycle.Never, TaskLifecycle.FadeBoundTicks(new TaskState(TaskPhase.Completed, 1, 5, 1, 0, "s"), parameters));
        Assert.Equal(TaskLifecycle.Never, TaskLifecycle.FadeBoundTicks(new TaskState(TaskPhase.Dormant, 1, 5, 1, 0, "s"), parameters));
    }

    /// <summary>The first tick at which <paramref name="score"/>, set at <paramref name="from"/>, has decayed below 0.2.</summary>
    private static DateTimeOffset Crossing(DateTimeOffset from, double score)
        => from + TimeSpan.FromTicks((long)Math.Ceiling(Math.Log2(score / 0.2) * HalfLife.Ticks));
}
