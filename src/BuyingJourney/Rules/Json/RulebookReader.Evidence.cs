using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using BuyingJourney.Evidence;
using BuyingJourney.Model;

namespace BuyingJourney.Rules.Json;

// The rulebook reader, part: a rule's evidence items.
internal sealed partial class RulebookReader
{
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

        var before = Found;
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

        return Found > before ? null : items.ToImmutable();
    }

    private EvidenceItem? ReadEvidenceItem(JsonElement item, string path, string? ruleReason, bool ruleReasonGiven)
    {
        if (!Object(item, path, EvidenceProperties, out var props))
        {
            return null;
        }

        var before = Found;
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

            return Found > before || effect is null || reason is null ? null : EvidenceItem.ForJourney(effect.Value, reason);
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

            return Found > before || task is null || strength is null || reason is null ? null : EvidenceItem.For(task, strength.Value, reason);
        }

        if (props.ContainsKey("weight"))
        {
            var weight = Number(props, path, "weight");
            if (weight is { } w && (w <= 0 || w > TaskSettings.MaxValue))
            {
                Error(Child(path, "weight"), $"the weight is {Format(w)}; it must be above 0 and at most {Format(TaskSettings.MaxValue)}.");
            }

            return Found > before || task is null || weight is null || reason is null ? null : EvidenceItem.For(task, weight.Value, reason);
        }

        var completes = props["completes"];
        if (completes.ValueKind != JsonValueKind.True)
        {
            Error(Child(path, "completes"), $"expected true, got {Describe(completes)}; leave \"completes\" out for evidence that does not complete the task.");
        }

        return Found > before || task is null || reason is null ? null : EvidenceItem.Completes(task, reason);
    }
}
