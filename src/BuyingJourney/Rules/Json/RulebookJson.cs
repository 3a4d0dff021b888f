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
/// The loaded rules are ordinary <see cref="EvidenceRule"/>s: combine them with code rules through
/// <see cref="Rulebook.With"/>. Thread-safe.</para>
/// </remarks>
public static class RulebookJson
{
    /// <summary>The most characters of a rulebook's own text an error message quotes; longer text is cut there and its remaining length given.</summary>
    public const int MaxQuotedLength = 64;

    /// <summary>The manifest resource name of the JSON Schema in this assembly.</summary>
    public const string SchemaResourceName = "BuyingJourney.Rules.Json.rulebook.schema.json";

    /// <summary>The manifest resource name of the default Gartner rulebook in this assembly.</summary>
    public const string GartnerDefaultResourceName = "BuyingJourney.Rules.Json.gartner-default.rulebook.json";

    /// <summary>
    /// The default Gartner rulebook, loaded once from its embedded JSON: the same name, version, rule ids, evidence
    /// and reasons as <see cref="Rulebooks.Gartner"/>, so it produces exactly the same journeys.
    /// </summary>
    public static Rulebook GartnerDefault => Embedded.Gartner;

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

    private static string ReadResource(string name)
    {
        using var stream = typeof(RulebookJson).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the embedded resource \"{name}\" is missing from the BuyingJourney assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Loaded on first use, once.</summary>
    private static class Embedded
    {
        public static readonly string SchemaText = ReadResource(SchemaResourceName);

        public static readonly string GartnerText = ReadResource(GartnerDefaultResourceName);

        public static readonly Rulebook Gartner = Load(GartnerText);
    }
}
