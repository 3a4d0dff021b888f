using BuyingJourney.Signals;

namespace BuyingJourney.Persistence;

/// <summary>One signal's outcome in <see cref="RecordResult"/>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class SignalRecordOutcome
{
    internal SignalRecordOutcome(Signal signal, RecordStatus status, string? reason)
    {
        Signal = signal;
        Status = status;
        Reason = reason;
    }

    /// <summary>The signal.</summary>
    public Signal Signal { get; }

    /// <summary>What happened to it.</summary>
    public RecordStatus Status { get; }

    /// <summary>Why, for <see cref="RecordStatus.Refused"/> and <see cref="RecordStatus.RuleFailed"/>; otherwise null.</summary>
    public string? Reason { get; }

    /// <summary>"Applied: problem.stated (s1 at ...)".</summary>
    public override string ToString() => Reason is null ? $"{Status}: {Signal}" : $"{Status}: {Signal}: {Reason}";
}
