using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using BuyingJourney.Group;
using BuyingJourney.Model;

namespace BuyingJourney.Rules;

/// <summary>
/// The rulebooks an engine runs, indexed by signal type for one model: the rules to run for a type, found with one
/// lookup. The engine's rulebook comes first, then the buying-group rulebook (<see cref="Rulebooks.BuyingGroup"/>),
/// each in its own order.
/// </summary>
internal sealed class CompiledRulebook
{
    private readonly Dictionary<string, EvidenceRule[]> _byType;
    private readonly EvidenceRule[] _anyType;

    /// <param name="rulebook">The engine's rulebook.</param>
    /// <param name="model">The model its rules must name tasks of.</param>
    /// <param name="group">The buying group whose rulebook runs after <paramref name="rulebook"/>.</param>
    /// <exception cref="ArgumentException">A rule id of <paramref name="rulebook"/> starts "buying-group:", a data rule names a task the model lacks, or the data rules of one signal type can give more than <see cref="EvidenceCollector.MaxPerSignal"/> pieces of evidence together.</exception>
    public CompiledRulebook(Rulebook rulebook, BuyingModel model, BuyingGroupDefinition group)
    {
        Rulebook = rulebook;
        foreach (var rule in rulebook.Rules)
        {
            if (EvidenceRule.IsReserved(rule.Id))
            {
                throw new ArgumentException($"rulebook \"{rulebook.Name}\" has a rule \"{rule.Id}\"; ids starting \"{EvidenceRule.ReservedIdPrefix}\" are reserved for the engine's buying-group rules.", nameof(rulebook));
            }
        }

        var all = new List<EvidenceRule>(rulebook.Rules);
        all.AddRange(Rulebooks.BuyingGroup(group, model).Rules);

        // One pass over the rules gives each type the positions of its own rules; each type's list is then merged,
        // in rulebook order, with the rules for every type. Linear in the rules, their types and the lists made.
        var anyType = new List<int>();
        var byType = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var index = 0; index < all.Count; index++)
        {
            var rule = all[index];
            // Data rules (code or JSON) are checked against the model up front; other rules when they run.
            var items = rule.DeclaredEvidence;
            foreach (var item in items.IsDefault ? [] : items)
            {
                if (item.TaskId is { } taskId && model.IndexOf(taskId) < 0)
                {
                    throw new ArgumentException(
                        $"rulebook \"{rulebook.Name}\" rule \"{rule.Id}\" gives evidence for task \"{taskId}\", which model \"{model.Name}\" does not have.",
                        nameof(rulebook));
                }
            }

            if (rule.AppliesTo.IsEmpty)
            {
                anyType.Add(index);
                continue;
            }

            foreach (var type in rule.AppliesTo)
            {
                ref var positions = ref CollectionsMarshal.GetValueRefOrAddDefault(byType, type, out _);
                (positions ??= []).Add(index);
            }
        }

        _anyType = Pick(all, anyType, []);
        _byType = new Dictionary<string, EvidenceRule[]>(byType.Count, StringComparer.Ordinal);
        foreach (var (type, positions) in byType)
        {
            var rules = Pick(all, positions, anyType);
            var most = EvidenceBudget.MostAtOnce(rules);
            if (most > EvidenceCollector.MaxPerSignal)
            {
                throw new ArgumentException(
                    $"rulebook \"{rulebook.Name}\": the data rules for signal type \"{type}\" ({DataRuleIds(rules)}) can give up to {most} pieces of evidence to one signal together; the engine takes at most {EvidenceCollector.MaxPerSignal} per signal.",
                    nameof(rulebook));
            }

            _byType[type] = rules;
        }
    }

    public Rulebook Rulebook { get; }

    /// <summary>The rules to run for a signal type, in rulebook order.</summary>
    public EvidenceRule[] For(string signalType) => _byType.TryGetValue(signalType, out var rules) ? rules : _anyType;

    /// <summary>True when some rule reads signals of this type by name.</summary>
    public bool Knows(string signalType) => _byType.ContainsKey(signalType);

    /// <summary>The ids of the data rules among <paramref name="rules"/>, quoted: the first five, and how many more.</summary>
    private static string DataRuleIds(EvidenceRule[] rules)
    {
        var ids = new List<string>();
        var count = 0;
        foreach (var rule in rules)
        {
            if (!rule.DeclaredEvidence.IsDefault && count++ < 5)
            {
                ids.Add($"\"{rule.Id}\"");
            }
        }

        return count > ids.Count ? $"{string.Join(", ", ids)} and {count - ids.Count} more" : string.Join(", ", ids);
    }

    /// <summary>The rules at the positions in <paramref name="first"/> and <paramref name="second"/> (each ascending, no position in both), in rulebook order.</summary>
    private static EvidenceRule[] Pick(List<EvidenceRule> all, List<int> first, List<int> second)
    {
        var result = new EvidenceRule[first.Count + second.Count];
        int i = 0, j = 0;
        for (var k = 0; k < result.Length; k++)
        {
            result[k] = all[j == second.Count || (i < first.Count && first[i] < second[j]) ? first[i++] : second[j++]];
        }

        return result;
    }
}
