using System;
using System.Collections.Generic;
using System.Linq;
using BuyingJourney.Evidence;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Rules;
using BuyingJourney.Rules.Json;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Rules;

/// <summary>
/// Replay adds the pre-summed evidence of a signal type's leading data rules instead of running them; tracing and
/// <c>Apply</c> run every rule. Whatever mix of data rules, code rules and conditional JSON rules a rulebook has, and
/// whichever of them fails, both ways must end in the same state and refuse the same signals for the same reason.
/// </summary>
public sealed class SignalPlanTests
{
    private const string Mixed = "custom.mixed";
    private const string BadWeight = "custom.bad-weight";
    private const string Flood = "custom.flood";
    private const string Gated = "custom.gated";

    [Fact]
    public void Replay_DataRulesAroundACodeRule_EqualsApplyingEverySignalWithEveryRuleRun()
    {
        var engine = Engine();
        var signals = Journey();

        var replayed = engine.Replay(JourneyId, signals);
        var applied = ApplyEach(engine, JourneyId, signals);
        var traced = engine.Trace(JourneyId, signals);

        Assert.Equal(applied, replayed);
        Assert.Equal(traced.State, replayed);
        Assert.True(replayed.Tasks[2].Phase == TaskPhase.Completed, "the data rule after the code rule completed requirements");
        Assert.Equal(signals.Count(s => s.Type != BadWeight && s.Type != Flood), replayed.SignalCount); // the refused ones are not counted
    }

    [Fact]
    public void Replay_ADataRuleWithAnInvalidWeight_RefusesTheSignalLikeApply()
    {
        var engine = Engine();
        var state = engine.Replay(JourneyId, [At(0, "s1", Mixed)]);
        var bad = At(1, "s2", BadWeight);

        var applied = engine.Apply(state, bad);
        var replayed = engine.Replay(JourneyId, [At(0, "s1", Mixed), bad]);

        Assert.Equal(SignalOutcome.RuleFailed, applied.Outcome);
        Assert.Contains("\"bad:nan\"", applied.Reason, StringComparison.Ordinal);
        Assert.Equal(state, replayed);
    }

    [Fact]
    public void Replay_DataRulesGivingMoreThanTheLimit_RefusesTheSignalLikeApply()
    {
        var engine = Engine();
        var start = engine.Start(JourneyId);
        var flood = At(0, "s1", Flood);

        var applied = engine.Apply(start, flood);
        var replayed = engine.Replay(JourneyId, [flood]);

        Assert.Equal(SignalOutcome.RuleFailed, applied.Outcome);
        Assert.Contains("\"flood:3\"", applied.Reason, StringComparison.Ordinal);
        Assert.Contains(EvidenceCollector.MaxPerSignal.ToString(System.Globalization.CultureInfo.InvariantCulture), applied.Reason, StringComparison.Ordinal);
        Assert.Equal(start, replayed);
    }

    [Fact]
    public void Replay_AJsonRuleWithARoleCondition_OnlyCountsForThatRole()
    {
        var engine = Engine();
        var buyer = new Signal("s1", JourneyId, Day(0), Gated, new Stakeholder("p1", StakeholderRoles.Purchaser));
        var user = new Signal("s2", JourneyId, Day(1), Gated, new Stakeholder("p2", StakeholderRoles.User));

        var replayed = engine.Replay(JourneyId, [buyer, user]);

        Assert.Equal(ApplyEach(engine, JourneyId, [buyer, user]), replayed);
        Assert.Equal(1, replayed.UnrecognizedSignalCount);
        Assert.Equal(TaskPhase.Active, replayed.Tasks[3].Phase);
    }

    private static JourneyEngine Engine()
    {
        var json = RulebookJson.Load($$"""
            { "name": "plan-test", "version": "1", "model": "gartner", "rules": [
              { "id": "json:gated", "signalType": "{{Gated}}", "when": { "stakeholderRole": "purchaser" },
                "evidence": [ { "task": "SupplierSelection", "strength": "strong" } ], "reason": "the purchaser asked" } ] }
            """);
        // Data rules may give at most the limit together (the engine refuses to build otherwise); a code rule after them exceeds it.
        var flood = Enumerable.Range(1, 2).Select(r => EvidenceRule.ForSignalType(
            $"flood:{r}", Flood, Enumerable.Repeat(EvidenceItem.For(GartnerTasks.Validation, 0.001, "a little"), 30).ToArray()))
            .Append(EvidenceRule.Create("flood:3", [Flood], static (context, evidence) =>
            {
                for (var i = 0; i < 30; i++)
                {
                    evidence.Add(GartnerTasks.Validation, 0.001, "a little more");
                }
            }));
        var rules = new List<EvidenceRule>(json.Rules)
        {
            EvidenceRule.ForSignalType("data:1", Mixed, EvidenceItem.For(GartnerTasks.ProblemIdentification, EvidenceStrength.Normal, "one"), EvidenceItem.For(GartnerTasks.SolutionExploration, 0.3, "two")),
            EvidenceRule.Create("code:1", [Mixed], static (context, evidence) =>
            {
                if (context.Signal.Attributes.ContainsKey("stall"))
                {
                    evidence.Journey(JourneyEffect.Stall, "asked to stall");
                }

                evidence.Add(GartnerTasks.ProblemIdentification, 0.1 * (context.SignalCount + 1), "grows with the journey");
            }),
            EvidenceRule.ForSignalType("data:2", Mixed, EvidenceItem.For(GartnerTasks.ProblemIdentification, 0.25, "three"), EvidenceItem.Completes(GartnerTasks.RequirementsBuilding, "done")),
            EvidenceRule.ForSignalType("bad:ok", BadWeight, EvidenceItem.For(GartnerTasks.Validation, 0.5, "fine")),
            EvidenceRule.ForSignalType("bad:nan", BadWeight, EvidenceItem.For(GartnerTasks.Validation, double.NaN, "broken")),
        };
        rules.AddRange(flood);
        return new JourneyEngineBuilder().UseRulebook(new Rulebook("plan-test", "1", rules)).Build();
    }

    private static Signal[] Journey()
    {
        var signals = new List<Signal>();
        for (var i = 0; i < 40; i++)
        {
            var type = (i % 7) switch
            {
                3 => BadWeight,
                5 => Flood,
                6 => Gated,
                _ => Mixed,
            };
            var attributes = i % 11 == 10 ? new Dictionary<string, string> { ["stall"] = "yes" } : null;
            var who = i % 2 == 0 ? new Stakeholder($"p{i % 3}", i % 4 == 0 ? StakeholderRoles.Purchaser : StakeholderRoles.User) : null;
            signals.Add(new Signal($"s{i:D2}", JourneyId, Day(i * 2.5), type, who, attributes: attributes));
        }

        return [.. signals];
    }
}
