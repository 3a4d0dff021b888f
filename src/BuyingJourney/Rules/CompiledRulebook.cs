using System;
using System.Collections.Generic;
using BuyingJourney.Model;

namespace BuyingJourney.Rules;

/// <summary>A rulebook indexed by signal type for one model: the rules to run for a type, found with one lookup.</summary>
internal sealed class CompiledRulebook
{
    private readonly Dictionary<string, EvidenceRule[]> _byType;
    private readonly EvidenceRule[] _anyType;

    /// <param name="rulebook">The rulebook.</param>
    /// <param name="model">The model its rules must name tasks of.</param>
    /// <param name="engineRules">Rules the engine runs after the rulebook's for their signal types (the buying-group rules).</param>
    public CompiledRulebook(Rulebook rulebook, BuyingModel model, IReadOnlyList<EvidenceRule> engineRules)
    {
        Rulebook = rulebook;
        var all = new List<EvidenceRule>(rulebook.Rules);
        foreach (var rule in engineRules)
        {
            foreach (var own in rulebook.Rules)
            {
                if (string.Equals(own.Id, rule.Id, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"rulebook \"{rulebook.Name}\" has a rule \"{rule.Id}\"; that id belongs to the engine's buying-group rules.", nameof(rulebook));
                }
            }

            all.Add(rule);
        }

        var anyType = new List<EvidenceRule>();
        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in all)
        {
            // Data rules (code or JSON) are checked against the model up front; other rules when they run.
            var items = rule switch
            {
                SignalTypeRule data => data.Items,
                Json.JsonRule data => data.Items,
                _ => [],
            };
            foreach (var item in items)
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
                anyType.Add(rule);
            }
            else
            {
                types.UnionWith(rule.AppliesTo);
            }
        }

        _anyType = [.. anyType];
        _byType = new Dictionary<string, EvidenceRule[]>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            var forType = new List<EvidenceRule>();
            foreach (var rule in all)
            {
                if (rule.AppliesTo.IsEmpty || rule.AppliesTo.Contains(type))
                {
                    forType.Add(rule);
                }
            }

            _byType[type] = [.. forType];
        }
    }

    public Rulebook Rulebook { get; }

    /// <summary>The rules to run for a signal type, in rulebook order.</summary>
    public EvidenceRule[] For(string signalType) => _byType.TryGetValue(signalType, out var rules) ? rules : _anyType;

    /// <summary>True when some rule reads signals of this type by name.</summary>
    public bool Knows(string signalType) => _byType.ContainsKey(signalType);
}
