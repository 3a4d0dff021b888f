namespace BuyingJourney.Rules.Json;

/// <summary>One problem found while loading a JSON rulebook: where it is, as a JSON path, and what is wrong, in plain words.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Path">The JSON path of the offending value, e.g. <c>$.rules[3].evidence[0].task</c>; <c>$</c> for the whole document.</param>
/// <param name="Message">What is wrong, e.g. "unknown task \"Pricing\"; model \"gartner\" has ProblemIdentification, ...".</param>
public sealed record RulebookValidationError(string Path, string Message)
{
    /// <summary>"$.rules[3].evidence[0].task: unknown task ...".</summary>
    public override string ToString() => $"{Path}: {Message}";
}
