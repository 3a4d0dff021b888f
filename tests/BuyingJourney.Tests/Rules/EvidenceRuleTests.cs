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

public sealed partial class EvidenceRuleTests
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
