using System;
using System.Collections.Generic;
using System.Linq;
using BuyingJourney.Advice;
using BuyingJourney.Evidence;
using BuyingJourney.Model;
using BuyingJourney.Playbooks;
using BuyingJourney.Rules;
using BuyingJourney.Signals;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace BuyingJourney.Tests.Samples;

/// <summary>
/// What the README's custom-rule and dependency-injection blocks say in their comments they print (the buying-group block's claims are in
/// <see cref="QuickStartTests"/>). CI builds and runs each block as a console app of its own (exit code 0); these tests
/// hold the results the comments state, on the same signals.
/// </summary>
public sealed class ReadmeClaimsTests
{
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

    [Fact]
    public void CustomRuleBlock_MyPlaybook_AddsThePricingCallWhileSupplierSelectionIsActive()
    {
        var engine = new JourneyEngineBuilder()
            .AddRule("acme:webinar", [SignalTypes.EventAttended], (context, evidence) =>
            {
                if (context.Signal.Attributes.TryGetValue("topic", out var topic) && topic == "pricing")
                {
                    evidence.Add(GartnerTasks.SupplierSelection, EvidenceStrength.Normal, "attended our pricing webinar");
                }
            })
            .AddPlaybook(new MyPlaybook())
            .UseRanker(DefaultActionRanker.Instance)
            .Build();
        var webinar = new Signal("w1", "acme", new DateTimeOffset(2026, 5, 4, 15, 0, 0, TimeSpan.Zero), SignalTypes.EventAttended,
            attributes: new Dictionary<string, string> { ["topic"] = "pricing" });

        var advice = engine.Assess("acme", [webinar], webinar.OccurredAt).Advice;

        var call = Assert.Single(advice, static a => a.Code == "acme.pricing-call");
        Assert.Equal("Supplier selection is active (signal w1).", call.Rationale);
        Assert.Contains(advice, static a => a.Code == "SupplierSelection.active");
    }

    [Fact]
    public void DependencyInjectionBlock_ClassRuleAndLambdaRule_JoinTheDefaultRulebook()
    {
        var demoBooked = EvidenceRule.Create("acme:demo-booked", ["demo.booked"], (context, evidence) =>
            evidence.Add(GartnerTasks.SolutionExploration, EvidenceStrength.Strong, "booked a demo"));
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<NdaSignedRule>();
        services.AddBuyingJourney((builder, serviceProvider) => builder
                .AddRule(serviceProvider.GetRequiredService<NdaSignedRule>())
                .AddRule(demoBooked))
            .UseInMemory();
        using var provider = services.BuildServiceProvider();

        var engine = provider.GetRequiredService<JourneyEngine>();

        Assert.Equal("gartner-default 1.0.0+custom (41 rules)", engine.Rulebook.ToString());
        Assert.Equal(["acme:nda-signed", "acme:demo-booked"], engine.Rulebook.Rules.Skip(39).Select(r => r.Id));
        Assert.NotNull(provider.GetRequiredService<JourneyService>());
    }

    private sealed class NdaSignedRule() : EvidenceRule("acme:nda-signed", ["nda.signed"])
    {
        public override void Evaluate(RuleContext context, EvidenceCollector evidence)
            => evidence.Add(GartnerTasks.ConsensusCreation, EvidenceStrength.Normal, "the customer signed an NDA");
    }

    /// <summary>The README's playbook of one's own.</summary>
    private sealed class MyPlaybook : IPlaybook
    {
        public void Advise(AdviceContext context, ActionCollector actions)
        {
            var selection = context.Task(GartnerTasks.SupplierSelection);
            if (selection.IsActive && selection.LastEvidenceSignalId is { } signal)
            {
                actions.Add(new SellerAction("acme.pricing-call", "Offer a pricing call", $"Supplier selection is active (signal {signal}).", ActionPriority.Medium, selection.TaskId, [signal]));
            }
        }
    }
}
