using System.Collections.Immutable;

namespace BuyingJourney.Advice;

/// <summary>
/// Something the seller should not do now, and why: discounting while the customer still forms the need, conceding
/// on price while they evaluate risk, pushing for signature while a sign-off role is not engaged. Every action of the
/// blocked <see cref="Tactic"/> is kept out of the advice and the next best actions.
/// </summary>
/// <remarks>
/// Codes: "guardrail.no-discount.forming-need", "guardrail.hold-price.risk-evaluation",
/// "guardrail.no-signature-push.sign-off-missing". Immutable and thread-safe.
/// </remarks>
public sealed class Guardrail
{
    internal Guardrail(string code, ActionTactic tactic, string title, string reason, ImmutableArray<string> evidenceSignalIds, ImmutableArray<string> blockedActionCodes)
    {
        Code = code;
        Tactic = tactic;
        Title = title;
        Reason = reason;
        EvidenceSignalIds = evidenceSignalIds;
        BlockedActionCodes = blockedActionCodes;
    }

    /// <summary>A stable code.</summary>
    public string Code { get; }

    /// <summary>The kind of action to avoid.</summary>
    public ActionTactic Tactic { get; }

    /// <summary>What to avoid, in a line.</summary>
    public string Title { get; }

    /// <summary>Why, citing the evidence.</summary>
    public string Reason { get; }

    /// <summary>The signals the reason cites.</summary>
    public ImmutableArray<string> EvidenceSignalIds { get; }

    /// <summary>The codes of the playbooks' actions this guardrail kept out.</summary>
    public ImmutableArray<string> BlockedActionCodes { get; }

    /// <summary>"Avoid Discount: Do not discount while ... (guardrail.no-discount.forming-need)".</summary>
    public override string ToString() => $"Avoid {Tactic}: {Title} ({Code})";
}
