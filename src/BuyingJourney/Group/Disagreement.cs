using System;

namespace BuyingJourney.Group;

/// <summary>
/// Two stakeholders pulling a task different ways: one completed (approved) it, and another gave it evidence
/// afterwards, for example requirements activity after someone else's sign-off.
/// </summary>
/// <remarks>Immutable and thread-safe. Equality is by value.</remarks>
public sealed record Disagreement
{
    internal Disagreement(string taskId, string approvedBy, DateTimeOffset approvedAt, string approvalSignalId, string reopenedBy, DateTimeOffset reopenedAt, string reopeningSignalId)
    {
        TaskId = taskId;
        ApprovedBy = approvedBy;
        ApprovedAt = approvedAt;
        ApprovalSignalId = approvalSignalId;
        ReopenedBy = reopenedBy;
        ReopenedAt = reopenedAt;
        ReopeningSignalId = reopeningSignalId;
    }

    /// <summary>The task.</summary>
    public string TaskId { get; }

    /// <summary>The stakeholder who last completed the task.</summary>
    public string ApprovedBy { get; }

    /// <summary>When they completed it.</summary>
    public DateTimeOffset ApprovedAt { get; }

    /// <summary>Their completing signal.</summary>
    public string ApprovalSignalId { get; }

    /// <summary>The stakeholder who worked on it afterwards.</summary>
    public string ReopenedBy { get; }

    /// <summary>When they last did.</summary>
    public DateTimeOffset ReopenedAt { get; }

    /// <summary>Their latest signal with evidence for the task.</summary>
    public string ReopeningSignalId { get; }
}
