using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BuyingJourney.Evidence;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Rules;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Rules;

public sealed class EvidenceRuleTests
{
    private const string Custom = "custom.signal";

    [Fact]
    public void Subclass_AddedToTheBuilder_GivesEvidenceForItsSignalType()
    {
        var engine = new JourneyEngineBuilder().AddRule(new PainRule()).Build();

        var result = engine.Apply(engine.Start(JourneyId), At(0, "s1", PainRule.Type));

        var record = Assert.Single(result.Evidence);
        Assert.Equal("test:pain", record.RuleId);
        Assert.Equal(GartnerTasks.ProblemIdentification, record.TaskId);
        Assert.Equal(1.0, record.Weight);
        Assert.Equal("the customer complained", record.Reason);
        Assert.Equal(TaskPhase.Active, result.State.Tasks[0].Phase);
        Assert.Equal(0, result.State.UnrecognizedSignalCount);
    }

    [Fact]
    public void Subclass_IsNotCalledForOtherSignalTypes()
    {
        var rule = new PainRule();
        var engine = new JourneyEngineBuilder().AddRule(rule).Build();

        var result = engine.Apply(engine.Start(JourneyId), At(0, "s1", "something.else"));

        Assert.Empty(result.Evidence);
        Assert.Equal(1, result.State.UnrecognizedSignalCount);
    }

    [Fact]
    public void Lambda_AddedToTheBuilder_GivesEvidenceWithAnExplicitWeight()
    {
        var engine = new JourneyEngineBuilder()
            .AddRule("test:lambda", [Custom], (context, evidence) => evidence.Add(GartnerTasks.Validation, 0.45, "explicit weight"))
            .Build();

        var result = engine.Apply(engine.Start(JourneyId), At(0, "s1", Custom));

        var record = Assert.Single(result.Evidence);
        Assert.Equal(("test:lambda", GartnerTasks.Validation, 0.45), (record.RuleId, record.TaskId, record.Weight));
        Assert.Equal(0.45, result.State.Tasks[4].Score);
        Assert.Equal(TaskPhase.NotStarted, result.State.Tasks[4].Phase);
    }

    [Fact]
    public void Lambda_CanCompleteTasksAndCarryJourneyEffects()
    {
        var engine = new JourneyEngineBuilder()
            .AddRule("test:close", [Custom], (context, evidence) =>
            {
                evidence.Complete(GartnerTasks.SupplierSelection, "purchase order received");
                evidence.Journey(JourneyEffect.Won, "purchase order received");
            })
            .Build();

        var result = engine.Apply(engine.Start(JourneyId), At(0, "s1", Custom));

        Assert.Equal(new[] { EvidenceKind.Completion, EvidenceKind.JourneyEffect }, result.Evidence.Select(e => e.Kind).ToArray());
        Assert.Equal(TaskPhase.Completed, result.State.Tasks[3].Phase);
        Assert.Equal(JourneyStatus.Won, result.State.Status);
    }

    [Fact]
    public void Rule_WithoutSignalTypes_RunsForEverySignalAfterTheRulebooksOwn()
    {
        var engine = new JourneyEngineBuilder()
            .AddRule("test:every", null, (context, evidence) => evidence.Add(GartnerTasks.ConsensusCreation, EvidenceStrength.Weak, "seen"))
            .Build();

        var known = engine.Apply(engine.Start(JourneyId), At(0, "s1", SignalTypes.ProblemStated));
        var unknown = engine.Apply(known.State, At(1, "s2", "never.heard.of"));

        Assert.Equal("gartner:problem.stated, test:every", string.Join(", ", known.Evidence.Select(e => e.RuleId)));
        Assert.Equal("test:every", Assert.Single(unknown.Evidence).RuleId);
        Assert.Equal(0, unknown.State.UnrecognizedSignalCount);
    }

    [Fact]
    public void Rule_ThatAddsNothing_LeavesTheSignalUnrecognized()
    {
        var engine = new JourneyEngineBuilder().AddRule("test:quiet", [Custom], (context, evidence) => { }).Build();

        var result = engine.Apply(engine.Start(JourneyId), At(0, "s1", Custom));

        Assert.True(result.IsApplied);
        Assert.Equal(1, result.State.UnrecognizedSignalCount);
    }

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

    [Fact]
    public void RuleContext_PhaseOf_SeesTheJourneyAtTheSignalsTimeBeforeItsOwnEvidence()
    {
        var observed = new List<TaskPhase>();
        var engine = new JourneyEngineBuilder()
            .AddRule("test:probe", [Custom], (context, evidence) =>
            {
                observed.Add(context.PhaseOf(GartnerTasks.ProblemIdentification));
                evidence.Add(GartnerTasks.ProblemIdentification, EvidenceStrength.Strong, "probe");
            })
            .Build();
        var state = engine.Start(JourneyId);

        state = engine.Apply(state, At(0, "s1", Custom)).State;   // before its own evidence: NotStarted
        state = engine.Apply(state, At(1, "s2", Custom)).State;   // Active
        state = engine.Apply(state, At(3, "s3", SignalTypes.ProblemDefined)).State;
        state = engine.Apply(state, At(4, "s4", Custom)).State;   // Completed, then reopened by the probe
        _ = engine.Apply(state, At(100, "s5", Custom));           // the revisit fizzled long ago: Completed (decay included)

        Assert.Equal(new[] { TaskPhase.NotStarted, TaskPhase.Active, TaskPhase.Completed, TaskPhase.Completed }, observed);
    }

    [Fact]
    public void RuleContext_PhaseOf_IncludesDecayUpToTheSignal()
    {
        var observed = new List<TaskPhase>();
        var engine = new JourneyEngineBuilder()
            .AddRule("test:probe", [Custom], (context, evidence) => observed.Add(context.PhaseOf(GartnerTasks.SolutionExploration)))
            .Build();
        var state = engine.Apply(engine.Start(JourneyId), At(0, "s1", SignalTypes.SolutionResearched)).State;

        _ = engine.Apply(state, At(10, "s2", Custom));
        _ = engine.Apply(state, At(30, "s2", Custom));

        Assert.Equal(new[] { TaskPhase.Active, TaskPhase.Dormant }, observed);
    }

    [Fact]
    public void RuleContext_ExposesTheSignalModelStatusAndSignalCountBeforeTheSignal()
    {
        var seen = new List<string>();
        var engine = new JourneyEngineBuilder()
            .AddRule("test:context", [Custom], (context, evidence) =>
                seen.Add(string.Create(CultureInfo.InvariantCulture, $"{context.Signal.Id} {context.Model.Name} {context.Status} {context.SignalCount}")))
            .Build();
        var state = ApplyAll(engine, Script((0, SignalTypes.ProblemStated), (1, SignalTypes.BudgetFrozen)));

        _ = engine.Apply(state, At(2, "probe", Custom));

        Assert.Equal("probe gartner Stalled 2", Assert.Single(seen));
    }

    [Fact]
    public void RuleContext_PhaseOfUnknownTask_RefusesTheSignalNamingTheRule()
    {
        var engine = new JourneyEngineBuilder()
            .AddRule("test:probe", [Custom], (context, evidence) => context.PhaseOf("NoSuchTask"))
            .Build();
        var state = engine.Start(JourneyId);

        var result = engine.Apply(state, At(0, "s1", Custom));

        AssertRefused(result, state, "test:probe");
        Assert.Contains("NoSuchTask", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_DataRuleNamingATaskTheModelLacks_Throws()
    {
        var builder = new JourneyEngineBuilder()
            .AddRule(EvidenceRule.ForSignalType("test:data", Custom, EvidenceItem.For("NoSuchTask", EvidenceStrength.Strong, "typo")));

        var ex = Assert.Throws<ArgumentException>(builder.Build);

        Assert.Contains("test:data", ex.Message, StringComparison.Ordinal);
        Assert.Contains("NoSuchTask", ex.Message, StringComparison.Ordinal);
        Assert.Contains("gartner", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_DataRuleCompletingATaskTheModelLacks_Throws()
    {
        var builder = new JourneyEngineBuilder()
            .AddRule(EvidenceRule.ForSignalType("test:data", Custom, EvidenceItem.Completes("NoSuchTask", "typo")));

        var ex = Assert.Throws<ArgumentException>(builder.Build);

        Assert.Contains("NoSuchTask", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OtherModelWithTheGartnerRulebook_ThrowsNamingARuleAndTheModel()
    {
        var model = new BuyingModel("tiny", [new TaskDefinition("need", "Need", "Why?")]);

        var ex = Assert.Throws<ArgumentException>(new JourneyEngineBuilder().UseModel(model).Build);

        Assert.Contains("gartner:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tiny", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForSignalType_MakesADataRuleForThatType()
    {
        var rule = EvidenceRule.ForSignalType(
            "test:data",
            Custom,
            EvidenceItem.For(GartnerTasks.Validation, EvidenceStrength.Normal, "a"),
            EvidenceItem.Completes(GartnerTasks.SupplierSelection, "b"));
        var engine = new JourneyEngineBuilder().AddRule(rule).Build();

        var result = engine.Apply(engine.Start(JourneyId), At(0, "s1", Custom));

        Assert.Equal("test:data", rule.Id);
        Assert.Equal(Custom, Assert.Single(rule.AppliesTo));
        Assert.Equal(new[] { EvidenceKind.Weight, EvidenceKind.Completion }, result.Evidence.Select(e => e.Kind).ToArray());
        Assert.Equal(0.6, result.Evidence[0].Weight);
    }

    [Fact]
    public void ForSignalType_NoEvidence_ThrowsNamingEvidence()
    {
        var ex = Assert.Throws<ArgumentException>(() => EvidenceRule.ForSignalType("test:data", Custom));

        Assert.Equal("evidence", ex.ParamName);
        Assert.Contains("test:data", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForSignalType_DefaultEvidence_ThrowsNamingEvidence()
    {
        var ex = Assert.Throws<ArgumentException>(() => EvidenceRule.ForSignalType("test:data", Custom, default(EvidenceItem)));

        Assert.Equal("evidence", ex.ParamName);
    }

    [Fact]
    public void ForSignalType_NullEvidence_ThrowsArgumentNull()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => EvidenceRule.ForSignalType("test:data", Custom, null!));

        Assert.Equal("evidence", ex.ParamName);
    }

    [Fact]
    public void Create_NullCallback_ThrowsArgumentNullNamingCallback()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => EvidenceRule.Create("test:x", null, null!));

        Assert.Equal("callback", ex.ParamName);
    }

    [Fact]
    public void Constructor_NullSignalTypes_MeansEverySignal()
    {
        var rule = EvidenceRule.Create("test:x", null, (context, evidence) => { });

        Assert.Empty(rule.AppliesTo);
        Assert.Equal("test:x", rule.Id);
        Assert.Equal("test:x", rule.ToString());
    }

    [Fact]
    public void Constructor_RepeatedSignalTypes_AreKeptOnceInOrder()
    {
        var rule = EvidenceRule.Create("test:x", ["b", "a", "b", "a"], (context, evidence) => { });

        Assert.Equal("b, a", string.Join(", ", rule.AppliesTo));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("rule\u0002")]
    public void Constructor_BadId_ThrowsNamingTheRuleId(string id)
    {
        var ex = Assert.Throws<ArgumentException>(() => EvidenceRule.Create(id, null, (context, evidence) => { }));

        Assert.Equal("rule id", ex.ParamName);
    }

    [Fact]
    public void Constructor_IdAtAndOverItsLimit_AcceptedThenRejected()
    {
        var longest = new string('r', EvidenceRule.MaxIdLength);

        var accepted = EvidenceRule.Create(longest, null, (context, evidence) => { });
        var ex = Assert.Throws<ArgumentException>(() => EvidenceRule.Create(longest + "r", null, (context, evidence) => { }));

        Assert.Equal(longest, accepted.Id);
        Assert.Contains("128", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NullId_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => new PainRule(null!));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("type\n")]
    public void Constructor_BadSignalType_ThrowsNamingTheRule(string type)
    {
        var ex = Assert.Throws<ArgumentException>(() => EvidenceRule.Create("test:x", [type], (context, evidence) => { }));

        Assert.Contains("test:x", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Subclass_NamingTheSignalTypesClassInItsBody_CompilesAndRuns()
    {
        var engine = new JourneyEngineBuilder().UseRulebook(new Rulebook("events", "1", [new EventRule()])).Build();

        var result = engine.Apply(engine.Start(JourneyId), At(0, "s1", SignalTypes.EventAttended));

        var record = Assert.Single(result.Evidence);
        Assert.Equal(("test:event", GartnerTasks.SolutionExploration), (record.RuleId, record.TaskId));
        Assert.Equal([SignalTypes.EventAttended], new EventRule().AppliesTo);
    }

    private static void AssertRefused(ApplyResult result, JourneyState before, string ruleId)
    {
        Assert.Equal(SignalOutcome.RuleFailed, result.Outcome);
        Assert.False(result.IsApplied);
        Assert.Same(before, result.State);
        Assert.NotNull(result.Reason);
        Assert.Contains(ruleId, result.Reason, StringComparison.Ordinal);
        Assert.Empty(result.Evidence);
        Assert.Empty(result.Transitions);
        Assert.Empty(result.LoopBacks);
        Assert.StartsWith("RuleFailed: ", result.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A rule written as a subclass: a complaint is strong evidence of problem identification.</summary>
    private sealed class PainRule : EvidenceRule
    {
        public const string Type = "custom.complaint";

        public PainRule(string id = "test:pain")
            : base(id, [Type])
        {
        }

        public override void Evaluate(RuleContext context, EvidenceCollector evidence)
            => evidence.Add(GartnerTasks.ProblemIdentification, EvidenceStrength.Strong, "the customer complained");
    }

    /// <summary>A subclass whose body names <see cref="SignalTypes"/> (the class, not a member of the rule).</summary>
    private sealed class EventRule : EvidenceRule
    {
        public EventRule()
            : base("test:event", [SignalTypes.EventAttended])
        {
        }

        public override void Evaluate(RuleContext context, EvidenceCollector evidence)
        {
            if (string.Equals(context.Signal.Type, SignalTypes.EventAttended, StringComparison.Ordinal))
            {
                evidence.Add(GartnerTasks.SolutionExploration, EvidenceStrength.Weak, "the customer attended an event");
            }
        }
    }
}
