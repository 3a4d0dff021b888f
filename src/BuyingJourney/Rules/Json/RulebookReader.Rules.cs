using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading.Tasks;
using BuyingJourney.Evidence;
using BuyingJourney.Internal;
using BuyingJourney.Model;
using BuyingJourney.Signals;

namespace BuyingJourney.Rules.Json;

// The rulebook reader, part: the rules, their conditions, and the evidence a signal type can get at once.
internal sealed partial class RulebookReader
{
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

        var before = Found;
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
        if (Found > before || id is null || signalType is null || items is null)
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
}
