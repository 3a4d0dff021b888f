using System;
using System.Collections.Generic;
using System.Linq;
using BuyingJourney.Advice;
using BuyingJourney.Evidence;
using BuyingJourney.Group;
using BuyingJourney.Model;
using BuyingJourney.Signals;
using Xunit;

namespace BuyingJourney.Tests.Samples;

/// <summary>
/// What the README's blocks say in their comments they print. CI builds and runs each block as a console app of its
/// own (exit code 0); these tests hold the results those comments state, on the same signals.
/// </summary>
public sealed class ReadmeClaimsTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void BuyingGroupBlock_ShowsTheGroupTheMissingRolesAndTheSignatureGuardrail()
    {
        var engine = JourneyEngine.CreateDefault();
        Signal[] signals =
        [
            new("s1", "acme", Day, SignalTypes.RfpIssued, new Stakeholder("ana", StakeholderRoles.Purchaser)),
            new("s2", "acme", Day.AddDays(3), SignalTypes.ReferenceRequested, new Stakeholder("ben", StakeholderRoles.Influencer)),
            new("s3", "acme", Day.AddDays(6), SignalTypes.SupplierChosen, new Stakeholder("ana", StakeholderRoles.Purchaser)),
        ];

        var assessment = engine.Assess("acme", signals, Day.AddDays(7));

        Assert.Equal(["ana", "ben"], assessment.BuyingGroup.Select(p => p.Id));
        Assert.All(assessment.BuyingGroup, p => Assert.Equal(EngagementStatus.Engaged, p.Status));
        Assert.Equal(["decision-maker", "user", "approver"], assessment.Coverage.MissingRoles);
        var guardrail = Assert.Single(assessment.Guardrails, g => g.Tactic == ActionTactic.SignaturePush);
        Assert.Equal(["deal.ask-for-signature"], guardrail.BlockedActionCodes);
        Assert.Contains("the decision maker (nobody in that role has shown up)", guardrail.Reason, StringComparison.Ordinal);
        Assert.InRange(assessment.NextBestActions.Length, 1, 3);
        Assert.All(assessment.NextBestActions, a => Assert.NotNull(a.ExpectedEffect));
        Assert.DoesNotContain(assessment.NextBestActions, a => a.Code == "deal.ask-for-signature");
    }

    [Fact]
    public void CustomRuleBlock_WebinarOnPricing_GivesTheDefaultRuleThenTheLambdaRuleEvidence()
    {
        var engine = new JourneyEngineBuilder()
            .AddRule("acme:webinar", [SignalTypes.EventAttended], (context, evidence) =>
            {
                if (context.Signal.Attributes.TryGetValue("topic", out var topic) && topic == "pricing")
                {
                    evidence.Add(GartnerTasks.SupplierSelection, EvidenceStrength.Normal, "attended our pricing webinar");
                }
            })
            .Build();
        var webinar = new Signal("w1", "acme", new DateTimeOffset(2026, 5, 4, 15, 0, 0, TimeSpan.Zero), SignalTypes.EventAttended,
            attributes: new Dictionary<string, string> { ["topic"] = "pricing" });

        var evidence = engine.Apply(engine.Start("acme"), webinar).Evidence;

        Assert.Equal(["gartner:event.attended", "acme:webinar"], evidence.Select(e => e.RuleId).Distinct());
        Assert.Contains(evidence, e => e.RuleId == "acme:webinar" && e.TaskId == GartnerTasks.SupplierSelection);
    }
}
