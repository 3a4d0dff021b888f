using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Internal;
using BuyingJourney.Model;

namespace BuyingJourney.Rules.Json;

/// <summary>
/// Loads rulebooks written as JSON (data only: signal types, attribute conditions, evidence and reasons; nothing in a
/// rulebook can execute anything), and ships the default Gartner rulebook and the format's JSON Schema.
/// </summary>
/// <remarks>
/// <para>The format (see <see cref="Schema"/>, JSON Schema draft 2020-12):
/// <c>{ "$schema", "name", "version", "model", "tasks": { "&lt;taskId&gt;": { "halfLifeDays", "activation", "reopen", "dormancy" } },
/// "rules": [ { "id", "signalType", "when": { "attributes": [ { "key", "equals" | "oneOf" | "exists" } ], "stakeholderRole" },
/// "evidence": [ { "task", "strength": "strong|normal|weak" } | { "task", "weight" } | { "task", "completes": true } | { "journey": "stall|won|lost" } ],
/// "reason" } ] }</c>. A piece of evidence may carry its own <c>"reason"</c>, which wins over the rule's. A rule runs
/// only on signals of its type that meet every condition (attributes and roles compared ordinally); <c>"exists": false</c>
/// asks for the attribute to be absent. Comments are allowed and skipped.</para>
/// <para>Loading validates everything against the buying model and reports every problem at once in a
/// <see cref="RulebookValidationException"/>, each with its JSON path; a rulebook that fails is never half-loaded.
/// Malformed input of every kind fails that way: text that is not JSON (with its line and position), a stream that is
/// not UTF-8 (with the line and byte of the first bad byte; a UTF-8 byte order mark is allowed), and strings or
/// property names holding an unpaired surrogate escape such as <c>"\ud800"</c>, which is not Unicode text and which no
/// signal can carry. The loaded rules are ordinary <see cref="EvidenceRule"/>s: combine them with code rules through
/// <see cref="Rulebook.With"/>. Thread-safe.</para>
/// <para>What cannot work is refused at load: a rule id starting <c>"buying-group:"</c> (the engine's own rules), and
/// rules of one signal type that can give one signal more than <see cref="EvidenceCollector.MaxPerSignal"/> (64)
/// pieces of evidence together, reported at the <c>"signalType"</c> of the last of them. Rules without <c>"when"</c>
/// apply to every signal of their type, so their evidence is summed exactly. Conditional rules count apart only when
/// they cannot apply to the same signal by one criterion: rules that need different stakeholder roles, or different
/// values of one attribute key (or one a value and another its absence). For the role and for each key, the check
/// takes the largest total any one role or value (or absence) reaches, every rule that does not test it counting in
/// each total, and keeps the smallest of these totals. It never undercounts; rules told apart only by two keys together
/// count as if they could apply together.</para>
/// <para>Limits, so that no input costs unbounded time or memory: the document at most
/// <see cref="MaxDocumentLength"/> characters (or bytes from a stream, which is read no further) and
/// 32 levels deep; at most <see cref="MaxRules"/> rules, 64 pieces of evidence per
/// rule, <see cref="MaxConditionsPerRule"/> attribute conditions per rule and <see cref="MaxValuesPerCondition"/> values
/// per <c>"oneOf"</c>; strings: name 100 characters, version 50, model 100, <c>$schema</c> 2,000, rule id
/// <see cref="EvidenceRule.MaxIdLength"/>, signal type <see cref="Signals.Signal.MaxTypeLength"/>, attribute key
/// <see cref="Signals.Signal.MaxAttributeKeyLength"/> and value <see cref="Signals.Signal.MaxAttributeValueLength"/>,
/// stakeholder role <see cref="Signals.Stakeholder.MaxLength"/>, task id <see cref="TaskDefinition.MaxIdLength"/>,
/// reason <see cref="MaxReasonLength"/>. Errors quote at most <see cref="MaxQuotedLength"/> characters of the
/// rulebook's own text (in messages and paths) and list at most <see cref="MaxErrors"/> problems, then how many more
/// were found; past that cap none is kept.</para>
/// </remarks>
public static class RulebookJson
{
    /// <summary>The longest rulebook accepted: 33,554,432 characters (<see cref="Load"/>) or bytes (<see cref="LoadAsync"/>; a stream is read no further).</summary>
    public const int MaxDocumentLength = 32 * 1024 * 1024;

    /// <summary>The most rules a rulebook may have: 100,000.</summary>
    public const int MaxRules = 100_000;

    /// <summary>The most attribute conditions one rule may have: 32, as many as a signal may carry attributes.</summary>
    public const int MaxConditionsPerRule = Signals.Signal.MaxAttributes;

    /// <summary>The most values one <c>"oneOf"</c> may list: 256.</summary>
    public const int MaxValuesPerCondition = 256;

    /// <summary>The most problems a <see cref="RulebookValidationException"/> lists: 100, then one last entry (path <c>$</c>) saying how many more were found.</summary>
    public const int MaxErrors = 100;

    /// <summary>The longest reason text (a rule's or a piece of evidence's): 1,000 characters.</summary>
    public const int MaxReasonLength = RulebookReader.MaxReasonLength;

    /// <summary>The most characters of a rulebook's own text an error message or path quotes: 64; longer text is cut there, and a message says how many characters more it has.</summary>
    public const int MaxQuotedLength = JsonDocumentReader.MaxQuotedLength;

    /// <summary>The manifest resource name of the JSON Schema in this assembly.</summary>
    public const string SchemaResourceName = "BuyingJourney.Rules.Json.rulebook.schema.json";

    /// <summary>The manifest resource name of the default Gartner rulebook in this assembly.</summary>
    public const string GartnerDefaultResourceName = "BuyingJourney.Rules.Json.gartner-default.rulebook.json";

    /// <summary>The default Gartner rulebook, loaded once from its embedded JSON: the same instance as <see cref="Rulebooks.Gartner"/>.</summary>
    public static Rulebook GartnerDefault => Rulebooks.Gartner;

    /// <summary>The JSON Schema (draft 2020-12) of the rulebook format, as text.</summary>
    public static string Schema => Embedded.SchemaText;

    /// <summary>The default Gartner rulebook's JSON text, a starting point for a rulebook of your own.</summary>
    public static string GartnerDefaultJson => Embedded.GartnerText;

    /// <summary>Loads and validates a JSON rulebook.</summary>
    /// <param name="json">The rulebook's JSON text.</param>
    /// <param name="model">The buying model its task ids must belong to; null means <see cref="BuyingModels.Gartner"/>.</param>
    /// <returns>The rulebook, its rules in document order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="RulebookValidationException">The JSON is malformed or breaks the format; every problem is listed.</exception>
    public static Rulebook Load(string json, BuyingModel? model = null) => LoadDocument(json, model).Rulebook;

    /// <summary>Loads and validates a JSON rulebook from a UTF-8 stream (read to its end, not disposed).</summary>
    /// <param name="utf8Json">The rulebook's JSON as UTF-8.</param>
    /// <param name="model">The buying model its task ids must belong to; null means <see cref="BuyingModels.Gartner"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The rulebook, its rules in document order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="RulebookValidationException">The JSON is malformed or breaks the format; every problem is listed.</exception>
    public static async Task<Rulebook> LoadAsync(Stream utf8Json, BuyingModel? model = null, CancellationToken cancellationToken = default)
        => (await LoadDocumentAsync(utf8Json, model, cancellationToken).ConfigureAwait(false)).Rulebook;

    /// <summary>Loads and validates a JSON rulebook, keeping its model name and per-task settings overrides.</summary>
    /// <param name="json">The rulebook's JSON text.</param>
    /// <param name="model">The buying model its task ids must belong to; null means <see cref="BuyingModels.Gartner"/>.</param>
    /// <returns>The validated document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="RulebookValidationException">The JSON is malformed or breaks the format; every problem is listed.</exception>
    public static RulebookDocument LoadDocument(string json, BuyingModel? model = null)
    {
        Guard.NotNull(json);
        if (RulebookReader.TooLong(json) is { } tooLong)
        {
            throw tooLong;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, RulebookReader.DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw RulebookReader.Malformed(ex);
        }
        catch (ArgumentException ex) when (ex.InnerException is EncoderFallbackException)
        {
            throw RulebookReader.UnpairedSurrogate(json);
        }

        using (document)
        {
            return RulebookReader.Read(document.RootElement, model ?? BuyingModels.Gartner);
        }
    }

    /// <summary>Loads and validates a JSON rulebook from a UTF-8 stream (read to its end, not disposed), keeping its model name and per-task settings overrides.</summary>
    /// <param name="utf8Json">The rulebook's JSON as UTF-8.</param>
    /// <param name="model">The buying model its task ids must belong to; null means <see cref="BuyingModels.Gartner"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The validated document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="RulebookValidationException">The JSON is malformed or breaks the format; every problem is listed.</exception>
    public static async Task<RulebookDocument> LoadDocumentAsync(Stream utf8Json, BuyingModel? model = null, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(utf8Json);
        var utf8 = await RulebookReader.ReadUtf8Async(utf8Json, cancellationToken).ConfigureAwait(false);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, RulebookReader.DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw RulebookReader.Malformed(ex);
        }

        using (document)
        {
            return RulebookReader.Read(document.RootElement, model ?? BuyingModels.Gartner);
        }
    }

    /// <summary>Loaded on first use, once.</summary>
    private static class Embedded
    {
        public static readonly string SchemaText = Rulebooks.EmbeddedText(SchemaResourceName);

        public static readonly string GartnerText = Rulebooks.EmbeddedText(GartnerDefaultResourceName);
    }
}
