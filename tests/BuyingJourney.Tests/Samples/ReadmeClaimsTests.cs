using System;
using System.Collections.Generic;
using System.Linq;
using BuyingJourney.Evidence;
using BuyingJourney.Model;
using BuyingJourney.Signals;
using Xunit;

namespace BuyingJourney.Tests.Samples;

/// <summary>
/// What the README's custom-rule block says in its comments it prints (the buying-group block's claims are in
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
}
