namespace BuyingJourney.Advice;

/// <summary>What kind of move an action asks of the seller; guardrails block some kinds at some times.</summary>
public enum ActionTactic
{
    /// <summary>Engage, inform, advise or prove: never guardrailed.</summary>
    Engage = 0,

    /// <summary>
    /// A discount or any other price concession: guardrailed while the customer forms the need, and through the purchase
    /// decision until the order is signed.
    /// </summary>
    Discount = 1,

    /// <summary>Pushing for signature: guardrailed while a sign-off role (decision maker, purchaser, approver) is not engaged.</summary>
    SignaturePush = 2,

    /// <summary>
    /// Anticipatory: no task is active, and the action prepares the task the customer is likely to start next (new
    /// information, trends, advice), so the customer sees the next step earlier. Never guardrailed; the built-in playbook
    /// gives such actions <see cref="ActionPriority.Low"/>, below any work on an active task.
    /// </summary>
    Anticipate = 3,
}
