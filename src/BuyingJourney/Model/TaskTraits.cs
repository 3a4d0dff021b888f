using System;

namespace BuyingJourney.Model;

/// <summary>
/// What a buying task means for the seller, declared on its <see cref="TaskDefinition"/> (see
/// <see cref="TaskDefinition.Traits"/>): the guardrails and the built-in playbook read these instead of lists of task ids.
/// </summary>
[Flags]
public enum TaskTraits
{
    /// <summary>No trait.</summary>
    None = 0,

    /// <summary>
    /// The customer is still forming the need (Gartner's problem identification, solution exploration and requirements
    /// building; the first stages of the ordered models): while such a task is active or revisiting, discounting is
    /// guardrailed ("guardrail.no-discount.forming-need").
    /// </summary>
    NeedForming = 1,

    /// <summary>
    /// The customer evaluates the risk of deciding (Gartner's validation; the concern and decision stages of the ordered
    /// models): once such a task is active, and on until the order is signed (completed included: risk checked out while
    /// the supplier is still being chosen is still the decision), price is held ("guardrail.hold-price.decision").
    /// </summary>
    RiskEvaluation = 2,

    /// <summary>
    /// Completing the task means the customer has chosen a supplier (Gartner's supplier selection; the option stage of an
    /// ordered model that <c>supplier.chosen</c> completes): from then until the order is signed price is held
    /// ("guardrail.hold-price.decision"), and the built-in playbook advises asking for the signature
    /// ("deal.ask-for-signature") once the sign-off roles are engaged.
    /// </summary>
    Choice = 4,

    /// <summary>
    /// The purchase decision itself, between the choice and the signature: negotiation, approvals, the order (Rackham's
    /// purchase decision and decision, the practitioner's choosing the moment, BuyGrid's selection of an order routine).
    /// Once such a task has started (procurement engaging is evidence of it), price is held until the order is signed
    /// ("guardrail.hold-price.decision"), and the buying group's sign-off roles block it.
    /// </summary>
    Decision = 8,
}
