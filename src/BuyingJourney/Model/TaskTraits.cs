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
    /// The customer evaluates the risk of deciding (Gartner's validation; the decision stages of the ordered models):
    /// while such a task is active or revisiting, price is held ("guardrail.hold-price.risk-evaluation").
    /// </summary>
    RiskEvaluation = 2,

    /// <summary>
    /// Completing the task means the customer has chosen (Gartner's supplier selection; an ordered model's decision
    /// stage): the built-in playbook then advises asking for the signature ("deal.ask-for-signature").
    /// </summary>
    Choice = 4,
}
