using BuyingJourney.Evidence;
using BuyingJourney.Rules;

namespace BuyingJourney.TestingYourRules;

/// <summary>
/// Acme's own code rule: attending one of our webinars is a weak sign that the customer is exploring solutions; our
/// ROI webinar (attribute topic=roi) is a strong one. Pure and thread-safe, as every rule must be.
/// </summary>
public sealed class WebinarRule() : EvidenceRule("acme:webinar.attended", [SignalType])
{
    /// <summary>The signal type the rule reads.</summary>
    public const string SignalType = "webinar.attended";

    /// <inheritdoc />
    public override void Evaluate(RuleContext context, EvidenceCollector evidence)
    {
        if (context.Signal.Attributes.TryGetValue("topic", out var topic) && topic == "roi")
        {
            evidence.Add("SolutionExploration", EvidenceStrength.Strong, "the customer attended our ROI webinar");
        }
        else
        {
            evidence.Add("SolutionExploration", EvidenceStrength.Weak, "the customer attended one of our webinars");
        }
    }
}
