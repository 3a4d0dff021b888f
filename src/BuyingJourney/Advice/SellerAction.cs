using System;
using System.Collections.Immutable;
using BuyingJourney.Internal;

namespace BuyingJourney.Advice;

/// <summary>A recommended seller action: a stable code, a title, a rationale that cites the evidence, and a priority.</summary>
/// <remarks>
/// Immutable and thread-safe. The built-in playbook's rationales are written out when first read (they are a pure
/// function of the assessed journey the action came from), so advice that is never shown costs no text.
/// </remarks>
public sealed class SellerAction
{
    /// <summary>The longest accepted <see cref="Title"/>.</summary>
    public const int MaxTitleLength = 1000;

    private readonly string? _targetStakeholderId;
    private readonly string? _targetRole;
    private readonly string? _expectedEffect;
    private readonly Func<object, int, string>? _rationaleText;
    private readonly object? _rationaleSource;
    private readonly int _rationaleArgument;
    private string? _rationale;

    /// <summary>The longest accepted <see cref="Code"/>.</summary>
    public const int MaxCodeLength = 320;

    /// <summary>Creates an action (for playbooks of your own).</summary>
    /// <param name="code">A stable code, e.g. "SupplierSelection.active".</param>
    /// <param name="title">What to do, in a line.</param>
    /// <param name="rationale">Why, citing the evidence.</param>
    /// <param name="priority">How urgent.</param>
    /// <param name="taskId">The task the action serves; null for journey-wide actions.</param>
    /// <param name="evidenceSignalIds">The signals the rationale cites.</param>
    /// <exception cref="ArgumentException">A blank code, title or rationale.</exception>
    public SellerAction(string code, string title, string rationale, ActionPriority priority, string? taskId = null, ImmutableArray<string> evidenceSignalIds = default)
    {
        Code = Guard.Text(code, "code", MaxCodeLength);
        Title = Guard.Text(title, "title", MaxTitleLength);
        _rationale = Guard.NotNull(rationale);
        if (string.IsNullOrWhiteSpace(rationale))
        {
            throw new ArgumentException("rationale must not be empty.", nameof(rationale));
        }

        Priority = priority;
        TaskId = taskId;
        TaskIndex = -1;
        EvidenceSignalIds = evidenceSignalIds.IsDefault ? ImmutableArray<string>.Empty : evidenceSignalIds;
    }

    /// <summary>
    /// An action of the built-in playbook, whose texts are known to be valid by construction (built from checked ids
    /// and names, within the limits): no checks, and the rationale is written by <paramref name="rationale"/> from
    /// <paramref name="source"/> and <paramref name="argument"/> when first read. <paramref name="rationale"/> must be
    /// pure (the same text on every call) and never return blank text.
    /// </summary>
    internal SellerAction(
        string code,
        string title,
        Func<object, int, string> rationale,
        object source,
        int argument,
        ActionPriority priority,
        string? taskId,
        int taskIndex,
        ImmutableArray<string> evidenceSignalIds,
        string? targetStakeholderId,
        string? targetRole,
        string? expectedEffect,
        ActionTactic tactic = ActionTactic.Engage)
    {
        Code = code;
        Title = title;
        _rationaleText = rationale;
        _rationaleSource = source;
        _rationaleArgument = argument;
        Priority = priority;
        TaskId = taskId;
        TaskIndex = taskIndex;
        EvidenceSignalIds = evidenceSignalIds.IsDefault ? ImmutableArray<string>.Empty : evidenceSignalIds;
        _targetStakeholderId = targetStakeholderId;
        _targetRole = targetRole;
        _expectedEffect = expectedEffect;
        Tactic = tactic;
    }

    /// <summary>A stable code a CRM can key on.</summary>
    public string Code { get; }

    /// <summary>What to do.</summary>
    public string Title { get; }

    /// <summary>Why, citing the evidence.</summary>
    public string Rationale => _rationale ?? WriteRationale();

    /// <summary>How urgent.</summary>
    public ActionPriority Priority { get; }

    /// <summary>The task the action serves; null for journey-wide actions.</summary>
    public string? TaskId { get; }

    /// <summary>The signals the rationale cites.</summary>
    public ImmutableArray<string> EvidenceSignalIds { get; }

    /// <summary>The index of <see cref="TaskId"/> in the model the action was made for; -1 when not known.</summary>
    internal int TaskIndex { get; }

    /// <summary>The stakeholder the action targets (a CRM contact id), or null.</summary>
    /// <exception cref="ArgumentException">Set to a blank or too long id.</exception>
    public string? TargetStakeholderId
    {
        get => _targetStakeholderId;
        init => _targetStakeholderId = Guard.OptionalText(value, nameof(TargetStakeholderId), Signals.Stakeholder.MaxLength);
    }

    /// <summary>The role the action targets (see <c>StakeholderRoles</c>), or null.</summary>
    /// <exception cref="ArgumentException">Set to a blank or too long role.</exception>
    public string? TargetRole
    {
        get => _targetRole;
        init => _targetRole = Guard.OptionalText(value, nameof(TargetRole), Signals.Stakeholder.MaxLength);
    }

    /// <summary>What the action is expected to achieve: which task it helps complete; null when not stated.</summary>
    /// <exception cref="ArgumentException">Set to a blank or too long text.</exception>
    public string? ExpectedEffect
    {
        get => _expectedEffect;
        init => _expectedEffect = Guard.OptionalText(value, nameof(ExpectedEffect), MaxTitleLength);
    }

    /// <summary>What kind of move it is; guardrails block discounts and signature pushes at some times.</summary>
    /// <value><see cref="ActionTactic.Engage"/>.</value>
    public ActionTactic Tactic { get; init; }

    /// <summary>"[High] Re-open discovery (ProblemIdentification.revisiting)".</summary>
    public override string ToString() => $"[{Priority}] {Title} ({Code})";

    /// <summary>Writes the deferred rationale; concurrent first reads may both write it, and both get equal text.</summary>
    private string WriteRationale()
    {
        var text = _rationaleText!(_rationaleSource!, _rationaleArgument);
        _rationale = text;
        return text;
    }
}
