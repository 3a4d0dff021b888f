using System;
using System.Linq;
using BuyingJourney.Evidence;
using BuyingJourney.Group;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Rules;
using BuyingJourney.Signals;
using Xunit;

namespace BuyingJourney.Tests.Rules;

/// <summary>The engine's buying-group rulebook: what it holds for a group and a model, and that it runs after the engine's rulebook.</summary>
public sealed class BuyingGroupRulebookTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void BuyingGroup_DefaultGroupAndGartner_IsNamedAndHoldsTheNewcomerThenTheRiskRule()
    {
        var rulebook = Rulebooks.BuyingGroup(BuyingGroupDefinition.Default, BuyingModels.Gartner);

        Assert.Equal("buying-group 1.0.0 (2 rules)", rulebook.ToString());
        Assert.Equal(["buying-group:newcomer-after-consensus", "buying-group:risk-role-left"], rulebook.Rules.Select(r => r.Id));
        Assert.Empty(rulebook.Rules[0].AppliesTo);
        Assert.Equal([SignalTypes.StakeholderLeft], rulebook.Rules[1].AppliesTo);
    }

    [Fact]
    public void BuyingGroup_ModelWithoutTheConsensusTask_HoldsOnlyTheRiskRule()
    {
        var rulebook = Rulebooks.BuyingGroup(BuyingGroupDefinition.Default, BuyingModels.Rackham3);

        Assert.Equal(["buying-group:risk-role-left"], rulebook.Rules.Select(r => r.Id));
    }

    [Fact]
    public void BuyingGroup_NoRiskRoles_HoldsOnlyTheNewcomerRule()
    {
        var group = new BuyingGroupDefinition(BuyingGroupDefinition.Default.Roles, [], [], GartnerTasks.ConsensusCreation, TimeSpan.FromDays(30));

        var rulebook = Rulebooks.BuyingGroup(group, BuyingModels.Gartner);

        Assert.Equal(["buying-group:newcomer-after-consensus"], rulebook.Rules.Select(r => r.Id));
    }

    [Fact]
    public void Apply_DecisionMakerLeaves_TheGroupRuleRunsAfterTheRulebookAndAddedRules()
    {
        var engine = new JourneyEngineBuilder()
            .AddRule("test:left", [SignalTypes.StakeholderLeft], (context, evidence) => evidence.Add(GartnerTasks.Validation, EvidenceStrength.Weak, "left"))
            .Build();
        var joined = engine.Apply(engine.Start("j"), new Signal("s1", "j", Day0, SignalTypes.StakeholderJoined, new Stakeholder("ana", StakeholderRoles.DecisionMaker))).State;

        var left = engine.Apply(joined, new Signal("s2", "j", Day0.AddDays(1), SignalTypes.StakeholderLeft, new Stakeholder("ana")));

        Assert.Equal(["gartner:stakeholder.left", "test:left", "buying-group:risk-role-left"], left.Evidence.Select(e => e.RuleId).Distinct());
        Assert.Equal(JourneyStatus.AtRisk, left.State.Status);
        Assert.Contains(left.Evidence, e => e.RuleId == "buying-group:risk-role-left" && e.Reason.StartsWith("ana, the decision maker, left the buying group", StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_SomeoneWhoAlreadyLeftLeavesAgain_IsNoNewRisk()
    {
        var engine = JourneyEngine.CreateDefault();
        var state = engine.Apply(engine.Start("j"), new Signal("s1", "j", Day0, SignalTypes.StakeholderJoined, new Stakeholder("ana", StakeholderRoles.DecisionMaker))).State;
        state = engine.Apply(state, new Signal("s2", "j", Day0.AddDays(1), SignalTypes.StakeholderLeft, new Stakeholder("ana"))).State;

        var again = engine.Apply(state, new Signal("s3", "j", Day0.AddDays(2), SignalTypes.StakeholderLeft, new Stakeholder("ana")));

        Assert.True(again.IsApplied);
        Assert.DoesNotContain(again.Evidence, e => e.RuleId == "buying-group:risk-role-left");
    }

    [Fact]
    public void Apply_SomeoneNeverSeenLeavesInARiskRole_PutsTheJourneyAtRisk()
    {
        var engine = JourneyEngine.CreateDefault();

        var left = engine.Apply(engine.Start("j"), new Signal("s1", "j", Day0, SignalTypes.StakeholderLeft, new Stakeholder("cy", StakeholderRoles.DecisionMaker)));

        Assert.Equal(JourneyStatus.AtRisk, left.State.Status);
        Assert.Contains(left.Evidence, e => e.RuleId == "buying-group:risk-role-left" && e.Effect == JourneyEffect.AtRisk);
    }
}
