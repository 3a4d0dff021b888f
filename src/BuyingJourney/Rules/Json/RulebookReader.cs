using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Evidence;
using BuyingJourney.Internal;
using BuyingJourney.Model;
using BuyingJourney.Signals;

namespace BuyingJourney.Rules.Json;

/// <summary>
/// Reads and validates a JSON rulebook from a parsed document, collecting every problem before giving up.
/// Works on <see cref="JsonDocument"/> only: no serializer, no reflection, nothing in the document is executed.
/// </summary>
internal sealed class RulebookReader
{
    /// <summary>The longest accepted reason text.</summary>
    public const int MaxReasonLength = 1000;

    internal static readonly string[] RootProperties = ["$schema", "name", "version", "model", "tasks", "rules"];
    internal static readonly string[] TaskProperties = ["halfLifeDays", "activation", "reopen", "dormancy"];
    internal static readonly string[] RuleProperties = ["id", "signalType", "when", "evidence", "reason"];
    internal static readonly string[] WhenProperties = ["attributes", "stakeholderRole"];
    internal static readonly string[] ConditionProperties = ["key", "equals", "oneOf", "exists"];
    internal static readonly string[] EvidenceProperties = ["task", "strength", "weight", "completes", "journey", "reason"];

    private const string NotUnicode = "holds an unpaired surrogate (a \\uD800-\\uDFFF escape without its other half): that is not Unicode text, and no signal can carry it";

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly BuyingModel _model;
    private readonly List<RulebookValidationError> _errors = [];
    private int _found;

    private RulebookReader(BuyingModel model) => _model = model;

    /// <summary>The deepest nesting of a document.</summary>
    public const int MaxDepth = 32;

    public static JsonDocumentOptions DocumentOptions => new() { CommentHandling = JsonCommentHandling.Skip, MaxDepth = MaxDepth };

    /// <summary>The error for text that is not JSON.</summary>
    public static RulebookValidationException Malformed(JsonException exception)
    {
        var line = (exception.LineNumber ?? 0) + 1;
        var position = (exception.BytePositionInLine ?? 0) + 1;
        var message = exception.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        return new RulebookValidationException([new RulebookValidationError("$", $"malformed JSON at line {line}, position {position}: {message}")]);
    }

    /// <summary>The error for text over <see cref="RulebookJson.MaxDocumentLength"/>, or null.</summary>
    public static RulebookValidationException? TooLong(string json)
        => json.Length <= RulebookJson.MaxDocumentLength
            ? null
            : new RulebookValidationException([new RulebookValidationError("$", $"the rulebook is {N0(json.Length)} characters long; the limit is {N0(RulebookJson.MaxDocumentLength)}.")]);

    /// <summary>The error for a .NET string holding an unpaired surrogate, which no UTF-8 document can hold.</summary>
    public static RulebookValidationException UnpairedSurrogate(string json)
    {
        var index = 0;
        while (index < json.Length)
        {
            if (char.IsHighSurrogate(json[index]) && index + 1 < json.Length && char.IsLowSurrogate(json[index + 1]))
            {
                index += 2;
            }
            else if (char.IsSurrogate(json[index]))
            {
                break;
            }
            else
            {
                index++;
            }
        }

        var lineStart = json.LastIndexOf('\n', Math.Max(index - 1, 0), index) + 1;
        var line = 1 + json.AsSpan(0, lineStart).Count('\n');
        return new RulebookValidationException([new RulebookValidationError("$", $"malformed text at line {line}, position {index - lineStart + 1}: an unpaired surrogate (U+{(int)json[Math.Min(index, json.Length - 1)]:X4}), which is not Unicode text.")]);
    }

    /// <summary>
    /// Reads a stream to its end and checks that it is UTF-8 (a byte order mark is allowed and dropped); throws with the
    /// line and byte of the first byte that is not.
    /// </summary>
    public static async Task<ReadOnlyMemory<byte>> ReadUtf8Async(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > RulebookJson.MaxDocumentLength)
                {
                    throw new RulebookValidationException([new RulebookValidationError("$", $"the rulebook is longer than {N0(RulebookJson.MaxDocumentLength)} bytes, the limit; it was read no further.")]);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var span = bytes.Span;
        var index = System.Text.Unicode.Utf8.IsValid(span) ? span.Length : 0;
        while (index < span.Length)
        {
            if (Rune.DecodeFromUtf8(span[index..], out _, out var consumed) != OperationStatus.Done)
            {
                var lineStart = span[..index].LastIndexOf((byte)'\n') + 1;
                var line = 1 + span[..lineStart].Count((byte)'\n');
                throw new RulebookValidationException([new RulebookValidationError("$", $"the rulebook is not UTF-8 text: byte 0x{span[index]:X2} at line {line}, byte {index - lineStart + 1} (offset {index}) starts no UTF-8 character; save the rulebook as UTF-8.")]);
            }

            index += consumed;
        }

        return span.StartsWith(Utf8Bom) ? bytes[Utf8Bom.Length..] : bytes;
    }

    /// <summary>Validates the whole document; returns it loaded, or throws with every problem.</summary>
    public static RulebookDocument Read(JsonElement root, BuyingModel model)
    {
        var reader = new RulebookReader(model);
        var document = reader.ReadRoot(root);
        if (reader._found > reader._errors.Count)
        {
            var more = N0(reader._found - reader._errors.Count);
            reader._errors.Add(new RulebookValidationError("$", $"{more} more problems were found; only the first {RulebookJson.MaxErrors} are listed."));
        }

        if (reader._found > 0 || document is null)
        {
            throw new RulebookValidationException(reader._errors);
        }

        return document;
    }

    private RulebookDocument? ReadRoot(JsonElement root)
    {
        const string path = "$";
        if (!Object(root, path, RootProperties, out var props))
        {
            return null;
        }

        Text(props, path, "$schema", 2000, required: false);
        var name = Text(props, path, "name", 100, required: true);
        var version = Text(props, path, "version", 50, required: true);
        var modelName = Text(props, path, "model", 100, required: true);
        if (modelName is not null && !string.Equals(modelName, _model.Name, StringComparison.Ordinal))
        {
            Error(Child(path, "model"), $"the rulebook is written for model {Quote(modelName)} but is loaded for model \"{_model.Name}\".");
        }

        var settings = ReadTasks(props, path);
        var rules = ReadRules(props, path);
        if (_found > 0 || name is null || version is null || modelName is null || rules is null)
        {
            return null;
        }

        return new RulebookDocument(new Rulebook(name, version, rules), modelName, settings);
    }

    private ImmutableDictionary<string, TaskSettings> ReadTasks(Dictionary<string, JsonElement> parent, string parentPath)
    {
        var result = ImmutableDictionary.CreateBuilder<string, TaskSettings>(StringComparer.Ordinal);
        if (!parent.TryGetValue("tasks", out var tasks))
        {
            return result.ToImmutable();
        }

        var path = Child(parentPath, "tasks");
        if (tasks.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"expected an object of task ids, got {Describe(tasks)}.");
            return result.ToImmutable();
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var position = 0;
        foreach (var task in tasks.EnumerateObject())
        {
            if (NameOf(task, path, ++position) is not { } taskId)
            {
                continue;
            }

            var taskPath = Child(path, taskId);
            if (!seen.Add(taskId))
            {
                Error(taskPath, $"task {Quote(taskId)} appears more than once.");
                continue;
            }

            var known = _model.IndexOf(taskId) >= 0;
            if (!known)
            {
                Error(taskPath, UnknownTask(taskId));
            }

            if (!Object(task.Value, taskPath, TaskProperties, out var props))
            {
                continue;
            }

            var before = _found;
            var halfLife = Number(props, taskPath, "halfLifeDays");
            if (halfLife is { } days)
            {
                if (days <= 0)
                {
                    Error(Child(taskPath, "halfLifeDays"), $"the half-life is {Format(days)} days; it must be above zero.");
                }
                else if (days * 86400 < 1 || days > TaskSettings.MaxHalfLife.TotalDays)
                {
                    Error(Child(taskPath, "halfLifeDays"), $"the half-life is {Format(days)} days; it must be between one second and {TaskSettings.MaxHalfLife.TotalDays:0} days.");
                }
            }

            var activation = Threshold(props, taskPath, "activation");
            var reopen = Threshold(props, taskPath, "reopen");
            var dormancy = Threshold(props, taskPath, "dormancy");
            if (!known || _found > before)
            {
                continue;
            }

            var current = _model.SettingsOf(taskId);
            var merged = current with
            {
                HalfLife = halfLife is { } d ? TimeSpan.FromTicks((long)Math.Round(d * TimeSpan.TicksPerDay)) : current.HalfLife,
                ActivationThreshold = activation ?? current.ActivationThreshold,
                ReopenThreshold = reopen ?? current.ReopenThreshold,
                DormancyThreshold = dormancy ?? current.DormancyThreshold,
            };
            if (!(merged.DormancyThreshold < merged.ActivationThreshold && merged.ActivationThreshold <= merged.ReopenThreshold))
            {
                Error(taskPath, $"the thresholds must satisfy 0 < dormancy < activation <= reopen; here dormancy is {Format(merged.DormancyThreshold)}, activation {Format(merged.ActivationThreshold)} and reopen {Format(merged.ReopenThreshold)} (values not given come from the model).");
                continue;
            }

            try
            {
                merged.Validate($"task \"{taskId}\"");
            }
            catch (ArgumentException ex)
            {
                Error(taskPath, ex.Message);
                continue;
            }

            result[taskId] = merged;
        }

        return result.ToImmutable();
    }

    private List<EvidenceRule>? ReadRules(Dictionary<string, JsonElement> parent, string parentPath)
    {
        var path = Child(parentPath, "rules");
        if (!parent.TryGetValue("rules", out var rules))
        {
            Error(path, "the required property \"rules\" is missing.");
            return null;
        }

        if (rules.ValueKind != JsonValueKind.Array)
        {
            Error(path, $"expected an array of rules, got {Describe(rules)}.");
            return null;
        }

        if (rules.GetArrayLength() > RulebookJson.MaxRules)
        {
            Error(path, $"the rulebook has {N0(rules.GetArrayLength())} rules; the limit is {N0(RulebookJson.MaxRules)}.");
            return null;
        }

        var result = new List<EvidenceRule>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var byType = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var indexes = new List<int>();
        var index = 0;
        foreach (var rule in rules.EnumerateArray())
        {
            var loaded = ReadRule(rule, $"{path}[{index}]", ids);
            if (loaded is not null)
            {
                ref var ofType = ref CollectionsMarshal.GetValueRefOrAddDefault(byType, loaded.AppliesTo[0], out _);
                (ofType ??= []).Add(result.Count);
                result.Add(loaded);
                indexes.Add(index);
            }

            index++;
        }

        CheckEvidencePerSignal(result, indexes, byType, path);
        return result;
    }

    /// <summary>Reports each signal type whose rules can together give one signal more evidence than the engine takes (see <see cref="EvidenceBudget"/>).</summary>
    /// <param name="rules">The rules loaded.</param>
    /// <param name="indexes">The index in the document's rules of each rule loaded.</param>
    /// <param name="byType">The positions in <paramref name="rules"/> of the rules of each signal type.</param>
    /// <param name="path">The rules' path.</param>
    private void CheckEvidencePerSignal(List<EvidenceRule> rules, List<int> indexes, Dictionary<string, List<int>> byType, string path)
    {
        var ofType = new List<EvidenceRule>();
        foreach (var (type, positions) in byType)
        {
            ofType.Clear();
            foreach (var position in positions)
            {
                ofType.Add(rules[position]);
            }

            var most = EvidenceBudget.MostAtOnce(ofType);
            if (most > EvidenceCollector.MaxPerSignal)
            {
                var paths = new List<string>(positions.Count);
                foreach (var position in positions)
                {
                    paths.Add($"{path}[{indexes[position]}]");
                }

                Error(
                    $"{path}[{indexes[positions[^1]]}].signalType",
                    $"signal type {Quote(type)}: the rules at {Listed(paths)} can give up to {most} pieces of evidence to one signal together; the engine takes at most {EvidenceCollector.MaxPerSignal} per signal (rules that need different stakeholder roles, or different values of one attribute, count apart).");
            }
        }
    }

    private JsonRule? ReadRule(JsonElement rule, string path, Dictionary<string, string> ids)
    {
        if (!Object(rule, path, RuleProperties, out var props))
        {
            return null;
        }

        var before = _found;
        var id = Text(props, path, "id", EvidenceRule.MaxIdLength, required: true);
        if (id is not null)
        {
            var idPath = Child(path, "id");
            if (EvidenceRule.IsReserved(id))
            {
                Error(idPath, $"rule id {Quote(id)} is reserved: ids starting \"{EvidenceRule.ReservedIdPrefix}\" belong to the engine's buying-group rules.");
            }
            else if (!ids.TryAdd(id, idPath))
            {
                Error(idPath, $"duplicate rule id {Quote(id)} (first used at {ids[id]}).");
            }
        }

        var signalType = Text(props, path, "signalType", Signal.MaxTypeLength, required: true);
        var (conditions, role) = ReadWhen(props, path);
        var reason = Text(props, path, "reason", MaxReasonLength, required: false);
        var items = ReadEvidence(props, path, reason);
        if (_found > before || id is null || signalType is null || items is null)
        {
            return null;
        }

        return new JsonRule(id, signalType, conditions, role, items.Value);
    }

    private (ImmutableArray<AttributeCondition> Conditions, string? Role) ReadWhen(Dictionary<string, JsonElement> parent, string parentPath)
    {
        if (!parent.TryGetValue("when", out var when))
        {
            return ([], null);
        }

        var path = Child(parentPath, "when");
        if (!Object(when, path, WhenProperties, out var props))
        {
            return ([], null);
        }

        var role = Text(props, path, "stakeholderRole", Stakeholder.MaxLength, required: false);
        var conditions = ImmutableArray.CreateBuilder<AttributeCondition>();
        if (props.TryGetValue("attributes", out var attributes))
        {
            var attributesPath = Child(path, "attributes");
            if (attributes.ValueKind != JsonValueKind.Array)
            {
                Error(attributesPath, $"expected an array of attribute conditions, got {Describe(attributes)}.");
            }
            else if (attributes.GetArrayLength() > RulebookJson.MaxConditionsPerRule)
            {
                Error(attributesPath, $"the rule has {attributes.GetArrayLength()} attribute conditions; the limit is {RulebookJson.MaxConditionsPerRule}.");
            }
            else
            {
                var index = 0;
                foreach (var condition in attributes.EnumerateArray())
                {
                    if (ReadCondition(condition, $"{attributesPath}[{index}]") is { } read)
                    {
                        conditions.Add(read);
                    }

                    index++;
                }
            }
        }

        return (conditions.ToImmutable(), role);
    }

    private AttributeCondition? ReadCondition(JsonElement condition, string path)
    {
        if (!Object(condition, path, ConditionProperties, out var props))
        {
            return null;
        }

        var key = Text(props, path, "key", Signal.MaxAttributeKeyLength, required: true);
        var tests = (props.ContainsKey("equals") ? 1 : 0) + (props.ContainsKey("oneOf") ? 1 : 0) + (props.ContainsKey("exists") ? 1 : 0);
        if (tests != 1)
        {
            Error(path, tests == 0
                ? "an attribute condition needs one of \"equals\", \"oneOf\" or \"exists\"."
                : "an attribute condition takes only one of \"equals\", \"oneOf\" or \"exists\".");
            return null;
        }

        if (props.ContainsKey("equals"))
        {
            var value = Text(props, path, "equals", Signal.MaxAttributeValueLength, required: true, allowBlank: true);
            return key is null || value is null ? null : AttributeCondition.OneOf(key, [value]);
        }

        if (props.TryGetValue("exists", out var exists))
        {
            if (exists.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                Error(Child(path, "exists"), $"expected true or false, got {Describe(exists)}.");
                return null;
            }

            return key is null ? null : AttributeCondition.Presence(key, exists.GetBoolean());
        }

        var oneOf = props["oneOf"];
        var oneOfPath = Child(path, "oneOf");
        if (oneOf.ValueKind != JsonValueKind.Array || oneOf.GetArrayLength() == 0)
        {
            Error(oneOfPath, $"expected a non-empty array of strings, got {Describe(oneOf)}.");
            return null;
        }

        if (oneOf.GetArrayLength() > RulebookJson.MaxValuesPerCondition)
        {
            Error(oneOfPath, $"the condition lists {oneOf.GetArrayLength()} values; the limit is {RulebookJson.MaxValuesPerCondition}.");
            return null;
        }

        var values = ImmutableArray.CreateBuilder<string>();
        var index = 0;
        foreach (var value in oneOf.EnumerateArray())
        {
            var valuePath = $"{oneOfPath}[{index++}]";
            if (value.ValueKind != JsonValueKind.String)
            {
                Error(valuePath, $"expected a string, got {Describe(value)}.");
            }
            else if (StringOf(value, valuePath) is not { } text)
            {
                continue;
            }
            else if (text.Length > Signal.MaxAttributeValueLength)
            {
                Error(valuePath, $"the value is longer than {Signal.MaxAttributeValueLength} characters, so no attribute can equal it.");
            }
            else
            {
                values.Add(text);
            }
        }

        return key is null || values.Count != index ? null : AttributeCondition.OneOf(key, values.ToImmutable());
    }

    private ImmutableArray<EvidenceItem>? ReadEvidence(Dictionary<string, JsonElement> parent, string parentPath, string? ruleReason)
    {
        var path = Child(parentPath, "evidence");
        if (!parent.TryGetValue("evidence", out var evidence))
        {
            Error(path, "the required property \"evidence\" is missing.");
            return null;
        }

        if (evidence.ValueKind != JsonValueKind.Array || evidence.GetArrayLength() == 0)
        {
            Error(path, $"expected a non-empty array of evidence, got {Describe(evidence)}.");
            return null;
        }

        if (evidence.GetArrayLength() > EvidenceCollector.MaxPerSignal)
        {
            Error(path, $"a rule may give at most {EvidenceCollector.MaxPerSignal} pieces of evidence; this one gives {evidence.GetArrayLength()}.");
            return null;
        }

        var before = _found;
        var items = ImmutableArray.CreateBuilder<EvidenceItem>();
        var index = 0;
        foreach (var item in evidence.EnumerateArray())
        {
            if (ReadEvidenceItem(item, $"{path}[{index}]", ruleReason, parent.ContainsKey("reason")) is { } read)
            {
                items.Add(read);
            }

            index++;
        }

        return _found > before ? null : items.ToImmutable();
    }

    private EvidenceItem? ReadEvidenceItem(JsonElement item, string path, string? ruleReason, bool ruleReasonGiven)
    {
        if (!Object(item, path, EvidenceProperties, out var props))
        {
            return null;
        }

        var before = _found;
        var reason = Text(props, path, "reason", MaxReasonLength, required: false) ?? ruleReason;
        if (reason is null && !props.ContainsKey("reason") && !ruleReasonGiven)
        {
            Error(path, "the evidence has no reason: give the rule a \"reason\", or this evidence its own.");
        }

        if (props.TryGetValue("journey", out var journey))
        {
            foreach (var other in (string[])["task", "strength", "weight", "completes"])
            {
                if (props.ContainsKey(other))
                {
                    Error(Child(path, other), $"journey evidence takes no \"{other}\": it changes the whole journey, not one task.");
                }
            }

            var journeyPath = Child(path, "journey");
            JourneyEffect? effect = null;
            if (journey.ValueKind != JsonValueKind.String)
            {
                Error(journeyPath, $"expected a string (stall, won, lost or at-risk), got {Describe(journey)}.");
            }
            else if (StringOf(journey, journeyPath) is { } name)
            {
                effect = name switch
                {
                    "stall" => JourneyEffect.Stall,
                    "won" => JourneyEffect.Won,
                    "lost" => JourneyEffect.Lost,
                    "at-risk" => JourneyEffect.AtRisk,
                    _ => null,
                };
                if (effect is null)
                {
                    Error(journeyPath, $"unknown journey effect {Quote(name)}; use stall, won, lost or at-risk.");
                }
            }

            return _found > before || effect is null || reason is null ? null : EvidenceItem.ForJourney(effect.Value, reason);
        }

        if (!props.ContainsKey("task"))
        {
            Error(path, "the evidence needs a \"task\" (with \"strength\", \"weight\" or \"completes\") or a \"journey\" effect.");
            return null;
        }

        var task = Text(props, path, "task", TaskDefinition.MaxIdLength, required: true);
        if (task is not null && _model.IndexOf(task) < 0)
        {
            Error(Child(path, "task"), UnknownTask(task));
        }

        var kinds = (props.ContainsKey("strength") ? 1 : 0) + (props.ContainsKey("weight") ? 1 : 0) + (props.ContainsKey("completes") ? 1 : 0);
        if (kinds != 1)
        {
            Error(path, kinds == 0
                ? "task evidence needs one of \"strength\", \"weight\" or \"completes\"."
                : "task evidence takes only one of \"strength\", \"weight\" or \"completes\".");
            return null;
        }

        if (props.TryGetValue("strength", out var strengthElement))
        {
            var strengthPath = Child(path, "strength");
            EvidenceStrength? strength = null;
            if (strengthElement.ValueKind != JsonValueKind.String)
            {
                Error(strengthPath, $"expected a string (strong, normal or weak), got {Describe(strengthElement)}.");
            }
            else if (StringOf(strengthElement, strengthPath) is { } name)
            {
                strength = name switch
                {
                    "strong" => EvidenceStrength.Strong,
                    "normal" => EvidenceStrength.Normal,
                    "weak" => EvidenceStrength.Weak,
                    _ => null,
                };
                if (strength is null)
                {
                    Error(strengthPath, $"unknown strength {Quote(name)}; use strong, normal or weak.");
                }
            }

            return _found > before || task is null || strength is null || reason is null ? null : EvidenceItem.For(task, strength.Value, reason);
        }

        if (props.ContainsKey("weight"))
        {
            var weight = Number(props, path, "weight");
            if (weight is { } w && (w <= 0 || w > TaskSettings.MaxValue))
            {
                Error(Child(path, "weight"), $"the weight is {Format(w)}; it must be above 0 and at most {Format(TaskSettings.MaxValue)}.");
            }

            return _found > before || task is null || weight is null || reason is null ? null : EvidenceItem.For(task, weight.Value, reason);
        }

        var completes = props["completes"];
        if (completes.ValueKind != JsonValueKind.True)
        {
            Error(Child(path, "completes"), $"expected true, got {Describe(completes)}; leave \"completes\" out for evidence that does not complete the task.");
        }

        return _found > before || task is null || reason is null ? null : EvidenceItem.Completes(task, reason);
    }

    private bool Object(JsonElement element, string path, string[] allowed, out Dictionary<string, JsonElement> props)
    {
        props = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (element.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"expected an object, got {Describe(element)}.");
            return false;
        }

        var position = 0;
        foreach (var property in element.EnumerateObject())
        {
            if (NameOf(property, path, ++position) is not { } name)
            {
                continue;
            }

            var propertyPath = Child(path, name);
            if (Array.IndexOf(allowed, name) < 0)
            {
                Error(propertyPath, $"unknown property {Quote(name)}; allowed here: {string.Join(", ", allowed)}.");
            }
            else if (!props.TryAdd(name, property.Value))
            {
                Error(propertyPath, $"property {Quote(name)} appears more than once.");
            }
        }

        return true;
    }

    private string? Text(Dictionary<string, JsonElement> props, string parentPath, string name, int maxLength, bool required, bool allowBlank = false)
    {
        var path = Child(parentPath, name);
        if (!props.TryGetValue(name, out var element))
        {
            if (required)
            {
                Error(path, $"the required property \"{name}\" is missing.");
            }

            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            Error(path, $"expected a string, got {Describe(element)}.");
            return null;
        }

        if (StringOf(element, path) is not { } value)
        {
            return null;
        }

        if (allowBlank)
        {
            if (value.Length > maxLength)
            {
                Error(path, $"\"{name}\" is {value.Length} characters long; the limit is {maxLength}.");
                return null;
            }

            return value;
        }

        try
        {
            return Guard.Text(value, name, maxLength);
        }
        catch (ArgumentException ex)
        {
            Error(path, ex.Message.Split(" (Parameter", 2)[0]);
            return null;
        }
    }

    private double? Number(Dictionary<string, JsonElement> props, string parentPath, string name)
    {
        if (!props.TryGetValue(name, out var element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number)
        {
            Error(Child(parentPath, name), $"expected a number, got {Describe(element)}.");
            return null;
        }

        if (!element.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            Error(Child(parentPath, name), "the number is out of range.");
            return null;
        }

        return value;
    }

    private double? Threshold(Dictionary<string, JsonElement> props, string parentPath, string name)
    {
        var value = Number(props, parentPath, name);
        if (value is { } v && (v <= 0 || v > TaskSettings.MaxValue))
        {
            Error(Child(parentPath, name), $"the {name} threshold is {Format(v)}; it must be above 0 and at most {Format(TaskSettings.MaxValue)}.");
            return null;
        }

        return value;
    }

    /// <summary>A string element's text, or null (reported at <paramref name="path"/>) when it holds an unpaired surrogate escape.</summary>
    private string? StringOf(JsonElement element, string path)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            // The bytes are UTF-8 (checked before parsing), so only an escape can make text that is not Unicode.
            Error(path, $"the string {NotUnicode}.");
            return null;
        }
    }

    /// <summary>A property's name, or null (reported at its object's <paramref name="path"/>) when it holds an unpaired surrogate escape.</summary>
    private string? NameOf(JsonProperty property, string path, int position)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            Error(path, $"the name of property {position} {NotUnicode}.");
            return null;
        }
    }

    private string UnknownTask(string taskId)
    {
        var ids = new List<string>(_model.Tasks.Length);
        foreach (var task in _model.Tasks)
        {
            ids.Add(task.Id);
        }

        return $"unknown task {Quote(taskId)}; model \"{_model.Name}\" has {string.Join(", ", ids)}.";
    }

    /// <summary>Counts a problem; lists it while fewer than <see cref="RulebookJson.MaxErrors"/> are listed.</summary>
    private void Error(string path, string message)
    {
        if (_found++ < RulebookJson.MaxErrors)
        {
            _errors.Add(new RulebookValidationError(path, message));
        }
    }

    /// <summary>The path of property <paramref name="name"/> of <paramref name="path"/>; a name longer than <see cref="RulebookJson.MaxQuotedLength"/> is cut, ending "…".</summary>
    private static string Child(string path, string name)
    {
        var plain = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_');
        foreach (var c in name)
        {
            plain &= char.IsAsciiLetterOrDigit(c) || c == '_';
        }

        var cut = Cut(name);
        var shown = cut < name.Length ? name[..cut] + "…" : name;
        return plain ? $"{path}.{shown}" : $"{path}['{shown.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";
    }

    /// <summary>How many characters of <paramref name="text"/> to quote: all, or the first <see cref="RulebookJson.MaxQuotedLength"/> (one fewer rather than split a surrogate pair).</summary>
    private static int Cut(string text)
        => text.Length <= RulebookJson.MaxQuotedLength ? text.Length
            : char.IsHighSurrogate(text[RulebookJson.MaxQuotedLength - 1]) ? RulebookJson.MaxQuotedLength - 1
            : RulebookJson.MaxQuotedLength;

    /// <summary>Text in quotes, cut after its first <see cref="RulebookJson.MaxQuotedLength"/> characters (never inside a surrogate pair).</summary>
    internal static string Quote(string text)
    {
        var cut = Cut(text);
        return cut == text.Length
            ? $"\"{text}\""
            : $"\"{text.AsSpan(0, cut)}…\" ({N0(text.Length - cut)} more characters)";
    }

    /// <summary>"a, b, c", or the first five and "and N more".</summary>
    private static string Listed(List<string> items)
        => items.Count <= 5
            ? string.Join(", ", items)
            : $"{string.Join(", ", items.GetRange(0, 5))} and {N0(items.Count - 5)} more";

    private static string N0(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => element.GetArrayLength() == 0 ? "an empty array" : "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
