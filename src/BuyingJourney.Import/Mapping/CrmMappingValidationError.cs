namespace BuyingJourney.Import.Mapping;

/// <summary>One problem found while loading a CRM mapping: where it is, as a JSON path, and what is wrong, in plain words.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Path">The JSON path of the offending value, e.g. <c>$.records[2].signals[0].when[1].contains</c>; <c>$</c> for the whole document.</param>
/// <param name="Message">What is wrong, e.g. "expected a non-empty array of strings, got a string.".</param>
public sealed record CrmMappingValidationError(string Path, string Message)
{
    /// <summary>"$.records[2].signals[0].signalType: the required property ...".</summary>
    public override string ToString() => $"{Path}: {Message}";
}
