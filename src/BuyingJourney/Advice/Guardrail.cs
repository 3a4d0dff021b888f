using System;
using System.Collections.Immutable;

namespace BuyingJourney.Advice;

/// <summary>
/// Something the seller should not do now, and why: discounting while the customer still forms the need, conceding
/// on price through the purchase decision (from the supplier choice, or the decision stage starting, until the order is
/// signed), pushing for signature while a sign-off role (decision maker, purchaser, approver) is not engaged. Every action of the
/// blocked <see cref="Tactic"/> is kept out of the advice and the next best actions.
/// </summary>
/// <remarks>
/// Codes: "guardrail.no-discount.forming-need", "guardrail.hold-price.decision",
/// "guardrail.no-signature-push.sign-off-missing". Immutable and thread-safe; the reason is written out when first read.
/// </remarks>
public sealed class Guardrail
{
    private readonly Func<object, int, string> _reasonText;
    private readonly object _reasonSource;
    private readonly int _reasonArgument;
    private string? _reason;

    /// <summary>
    /// A guardrail whose reason is written by <paramref name="reason"/> from <paramref name="source"/> and
    /// <paramref name="argument"/> when first read (pure: the same text on every call).
    /// </summary>
    internal Guardrail(
        string code,
        ActionTactic tactic,
        string title,
        Func<object, int, string> reason,
        object source,
        int argument,
        ImmutableArray<string> evidenceSignalIds,
        ImmutableArray<string> blockedActionCodes)
    {
        Code = code;
        Tactic = tactic;
        Title = title;
        _reasonText = reason;
        _reasonSource = source;
        _reasonArgument = argument;
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
    public string Reason => _reason ?? WriteReason();

    /// <summary>The signals the reason cites.</summary>
    public ImmutableArray<string> EvidenceSignalIds { get; }

    /// <summary>The codes of the playbooks' actions this guardrail kept out.</summary>
    public ImmutableArray<string> BlockedActionCodes { get; }

    /// <summary>"Avoid Discount: Do not discount while ... (guardrail.no-discount.forming-need)".</summary>
    public override string ToString() => $"Avoid {Tactic}: {Title} ({Code})";

    /// <summary>The same guardrail with the codes of the actions it kept out.</summary>
    internal Guardrail WithBlocked(ImmutableArray<string> blockedActionCodes)
        => new(Code, Tactic, Title, _reasonText, _reasonSource, _reasonArgument, EvidenceSignalIds, blockedActionCodes) { _reason = _reason };

    /// <summary>Writes the deferred reason; concurrent first reads may both write it, and both get equal text.</summary>
    private string WriteReason()
    {
        var text = _reasonText(_reasonSource, _reasonArgument);
        _reason = text;
        return text;
    }
}
