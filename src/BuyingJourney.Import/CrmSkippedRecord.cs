namespace BuyingJourney.Import;

/// <summary>A record that was not imported: where it is, its id when it has one, and why. Immutable and thread-safe.</summary>
/// <param name="Line">The 1-based line the record starts on in its CSV file, or its 1-based position in a record stream.</param>
/// <param name="RecordId">The record's id, or null when it has none.</param>
/// <param name="Reason">Why it was skipped.</param>
/// <param name="Message">Why, in plain words, naming the fields involved.</param>
public sealed record CrmSkippedRecord(int Line, string? RecordId, CrmSkipReason Reason, string Message)
{
    /// <summary>"line 12: NoRuleMatched: ...".</summary>
    public override string ToString() => $"line {Line}: {Reason}: {Message}";
}
