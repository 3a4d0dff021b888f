namespace BuyingJourney.Signals;

/// <summary>
/// Well-known roles in a B2B buying group (6 to 10 people in a complex purchase). Roles are an open
/// vocabulary: any non-empty string is accepted; these are the ones the built-in rulebook and
/// playbook know.
/// </summary>
public static class StakeholderRoles
{
    /// <summary>Has the final say; cares about overall benefit and risk (an executive or general manager).</summary>
    public const string DecisionMaker = "decision-maker";

    /// <summary>Uses the product day to day; cares about usability, performance and service.</summary>
    public const string User = "user";

    /// <summary>Expert, consultant or engineer whose opinion sways the decision maker.</summary>
    public const string Influencer = "influencer";

    /// <summary>Procurement: price, delivery time and contract terms; often picks the shortlist.</summary>
    public const string Purchaser = "purchaser";

    /// <summary>Controls access to the other members of the group.</summary>
    public const string Gatekeeper = "gatekeeper";

    /// <summary>Raised the need in the first place.</summary>
    public const string Initiator = "initiator";

    /// <summary>Finance, legal or another approver who appears when the deal is formalised.</summary>
    public const string Approver = "approver";
}
