using System;
using BuyingJourney.Evidence;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Rules;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Rules;

// Evidence rule tests, part: rules that fail, overreach or give unusable evidence refuse the signal, naming the rule.
public sealed partial class EvidenceRuleTests
{
    [Fact]
    public void Rule_ThatThrows_RefusesTheSignalNamingTheRuleAndReturnsTheSameState()
    {
        var engine = new JourneyEngineBuilder()
            .AddRule("test:throws", [Custom], (context, evidence) => throw new InvalidOperationException("boom"))
            .Build();
        var state = engine.Apply(engine.Start(JourneyId), At(0, "s1", SignalTypes.ProblemStated)).State;

        var result = engine.Apply(state, At(1, "s2", Custom));

        AssertRefused(result, state, "test:throws");
        Assert.Contains("InvalidOperationException", result.Reason, StringComparison.Ordinal);
        Assert.Contains("boom", result.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<double> BadWeights => [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.5, 0, -0.0, 1000.5, double.MaxValue];

    [Theory]
    [MemberData(nameof(BadWeights))]
    public void Rule_WithAnUnusableWeight_RefusesTheSignalNamingTheRuleAndReturnsTheSameState(double weight)
    {
        var engine = new JourneyEngineBuilder()
            .AddRule("test:weight", [Custom], (context, evidence) => evidence.Add(GartnerTasks.Validation, weight, "odd"))
            .Build();
        var state = engine.Start(JourneyId);

        var result = engine.Apply(state, At(0, "s1", Custom));

        AssertRefused(result, state, "test:weight");
        Assert.Contains(GartnerTasks.Validation, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_WithTheLargestAllowedWeight_IsApplied()
    {
        var engine = new JourneyEngineBuilder()
            .AddRule("test:weight", [Custom], (context, evidence) => evidence.Add(GartnerTasks.Validation, TaskSettings.MaxValue, "max"))
            .Build();

        var result = engine.Apply(engine.Start(JourneyId), At(0, "s1", Custom));

        Assert.True(result.IsApplied);
        Assert.Equal(1000, result.State.Tasks[4].Score);
    }

    [Theory]
    [InlineData("weight")]
    [InlineData("completion")]
    public void Rule_NamingATaskTheModelLacks_RefusesTheSignalNamingRuleAndTask(string kind)
    {
        var engine = new JourneyEngineBuilder()
            .AddRule("test:unknown-task", [Custom], (context, evidence) =>
            {
                if (kind == "weight")
                {
                    evidence.Add("NoSuchTask", EvidenceStrength.Strong, "typo");
                }
                else
                {
                    evidence.Complete("NoSuchTask", "typo");
                }
            })
            .Build();
        var state = engine.Start(JourneyId);

        var result = engine.Apply(state, At(0, "s1", Custom));

        AssertRefused(result, state, "test:unknown-task");
        Assert.Contains("NoSuchTask", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_FailingAfterAnotherRuleGaveGoodEvidence_NothingOfTheSignalIsApplied()
    {
        var engine = new JourneyEngineBuilder()
            .AddRule("test:good", [SignalTypes.ProblemStated], (context, evidence) => evidence.Add(GartnerTasks.Validation, EvidenceStrength.Strong, "fine"))
            .AddRule("test:bad", [SignalTypes.ProblemStated], (context, evidence) => evidence.Add(GartnerTasks.Validation, double.NaN, "broken"))
            .Build();
        var state = engine.Start(JourneyId);

        var result = engine.Apply(state, At(0, "s1", SignalTypes.ProblemStated));

        AssertRefused(result, state, "test:bad");
        Assert.DoesNotContain("test:good", result.Reason, StringComparison.Ordinal);
        Assert.All(result.State.Tasks, task => Assert.Equal(TaskPhase.NotStarted, task.Phase));
        Assert.Equal(0, result.State.SignalCount);
        Assert.Null(result.State.LastSignalId);
    }

    [Fact]
    public void Rule_AddingMoreThanTheLimit_RefusesTheSignalNamingTheRule()
    {
        var engine = new JourneyEngineBuilder()
            .AddRule("test:flood", [Custom], (context, evidence) =>
            {
                for (var i = 0; i <= EvidenceCollector.MaxPerSignal; i++)
                {
                    evidence.Add(GartnerTasks.Validation, EvidenceStrength.Weak, "again");
                }
            })
            .Build();
        var state = engine.Start(JourneyId);

        var result = engine.Apply(state, At(0, "s1", Custom));

        AssertRefused(result, state, "test:flood");
        Assert.Contains("64", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_AddingExactlyTheLimit_IsApplied()
    {
        var engine = new JourneyEngineBuilder()
            .AddRule("test:many", [Custom], (context, evidence) =>
            {
                for (var i = 0; i < EvidenceCollector.MaxPerSignal; i++)
                {
                    evidence.Add(GartnerTasks.Validation, 0.01, "a little");
                }
            })
            .Build();

        var result = engine.Apply(engine.Start(JourneyId), At(0, "s1", Custom));

        Assert.True(result.IsApplied);
        Assert.Equal(64, result.Evidence.Length);
        Assert.Equal(0.64, result.State.Tasks[4].Score, 12);
    }

    [Fact]
    public void Rule_AddingDefaultEvidence_RefusesTheSignal()
    {
        var engine = new JourneyEngineBuilder().AddRule("test:default", [Custom], (context, evidence) => evidence.Add(default(EvidenceItem))).Build();
        var state = engine.Start(JourneyId);

        var result = engine.Apply(state, At(0, "s1", Custom));

        AssertRefused(result, state, "test:default");
    }

    [Fact]
    public void Rule_AddingJourneyEffectNone_RefusesTheSignal()
    {
        var engine = new JourneyEngineBuilder().AddRule("test:none", [Custom], (context, evidence) => evidence.Journey(JourneyEffect.None, "nothing")).Build();
        var state = engine.Start(JourneyId);

        var result = engine.Apply(state, At(0, "s1", Custom));

        AssertRefused(result, state, "test:none");
    }

    [Fact]
    public void Rule_RefusedSignal_DoesNotStopTheNextOne()
    {
        var engine = new JourneyEngineBuilder()
            .AddRule("test:throws", [Custom], (context, evidence) => throw new InvalidOperationException("boom"))
            .Build();
        var state = engine.Start(JourneyId);

        var refused = engine.Apply(state, At(0, "s1", Custom));
        var next = engine.Apply(refused.State, At(1, "s2", SignalTypes.ProblemStated));

        Assert.Equal(SignalOutcome.RuleFailed, refused.Outcome);
        Assert.True(next.IsApplied);
        Assert.Equal(1, next.State.SignalCount);
        Assert.Equal("s2", next.State.LastSignalId);
    }

    [Fact]
    public void Replay_SkipsRefusedSignalsExactlyAsApplyDoes()
    {
        var engine = new JourneyEngineBuilder()
            .AddRule("test:throws", [Custom], (context, evidence) => throw new InvalidOperationException("boom"))
            .Build();
        var signals = new[]
        {
            At(0, "s1", SignalTypes.ProblemStated),
            At(1, "s2", Custom),
            At(2, "s3", SignalTypes.SolutionResearched),
        };
        var applied = engine.Apply(engine.Apply(engine.Start(JourneyId), signals[0]).State, signals[2]).State;

        var replayed = engine.Replay(JourneyId, signals);

        Assert.Equal(applied, replayed);
        Assert.Equal(2, replayed.SignalCount);
    }

    [Fact]
    public void Trace_RefusedSignal_IsAStepWithTheReasonAndNoChange()
    {
        var engine = new JourneyEngineBuilder()
            .AddRule("test:throws", [Custom], (context, evidence) => throw new InvalidOperationException("boom"))
            .Build();

        var trace = engine.Trace(JourneyId, [At(0, "s1", SignalTypes.ProblemStated), At(1, "s2", Custom)]);

        var step = trace.Steps[1];
        Assert.Equal(SignalOutcome.RuleFailed, step.Outcome);
        Assert.Contains("test:throws", step.Reason, StringComparison.Ordinal);
        Assert.Empty(step.Evidence);
        Assert.Empty(step.Transitions);
        Assert.Equal(trace.Steps[0].State, step.State);
    }
}
