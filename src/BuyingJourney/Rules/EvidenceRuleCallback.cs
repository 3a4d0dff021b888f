namespace BuyingJourney.Rules;

/// <summary>The body of a one-off rule written as a lambda: look at the context, add evidence to the collector.</summary>
/// <param name="context">The signal and a read-only view of the journey.</param>
/// <param name="evidence">Where to add the evidence drawn from the signal.</param>
public delegate void EvidenceRuleCallback(RuleContext context, EvidenceCollector evidence);
