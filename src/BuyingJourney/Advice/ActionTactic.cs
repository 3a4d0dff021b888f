namespace BuyingJourney.Advice;

/// <summary>What kind of move an action asks of the seller; guardrails block some kinds at some times.</summary>
public enum ActionTactic
{
    /// <summary>Engage, inform, advise or prove: never guardrailed.</summary>
    Engage = 0,

    /// <summary>A discount or any other price concession: guardrailed while the customer forms the need or evaluates risk.</summary>
    Discount = 1,

    /// <summary>Pushing for signature: guardrailed while a sign-off role (decision maker, purchaser) is not engaged.</summary>
    SignaturePush = 2,
}
