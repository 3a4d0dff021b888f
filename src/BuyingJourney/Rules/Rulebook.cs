using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using BuyingJourney.Internal;

namespace BuyingJourney.Rules;

/// <summary>
/// A named, versioned set of evidence rules. Built once and shared by every journey; the built-in default
/// is <see cref="Rulebooks.Gartner"/>. Rules run in the order given.
/// </summary>
/// <remarks>Rule ids must be unique (ordinal). Immutable and thread-safe.</remarks>
public sealed class Rulebook
{
    /// <summary>Creates a rulebook.</summary>
    /// <param name="name">The rulebook's name.</param>
    /// <param name="version">Its version; assessments say which version produced them.</param>
    /// <param name="rules">The rules, in the order they run.</param>
    /// <exception cref="ArgumentException">A null rule, or two rules with the same id.</exception>
    public Rulebook(string name, string version, IEnumerable<EvidenceRule> rules)
    {
        Name = Guard.Text(name, "name", 100);
        Version = Guard.Text(version, "version", 50);
        Guard.NotNull(rules);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = ImmutableArray.CreateBuilder<EvidenceRule>();
        foreach (var rule in rules)
        {
            if (rule is null)
            {
                throw new ArgumentException($"rulebook \"{Name}\": rules[{list.Count}] is null.", nameof(rules));
            }

            if (!seen.Add(rule.Id))
            {
                throw new ArgumentException($"rulebook \"{Name}\": rule id \"{rule.Id}\" appears more than once.", nameof(rules));
            }

            list.Add(rule);
        }

        Rules = list.ToImmutable();
    }

    /// <summary>The rulebook's name.</summary>
    public string Name { get; }

    /// <summary>The rulebook's version.</summary>
    public string Version { get; }

    /// <summary>The rules, in the order they run.</summary>
    public ImmutableArray<EvidenceRule> Rules { get; }

    /// <summary>A new rulebook with <paramref name="rules"/> after this one's.</summary>
    /// <param name="rules">The rules to add.</param>
    /// <param name="version">The new rulebook's version; null keeps this version with "+custom" appended.</param>
    /// <exception cref="ArgumentException">A rule id that is already in use.</exception>
    public Rulebook With(IEnumerable<EvidenceRule> rules, string? version = null)
    {
        Guard.NotNull(rules);
        return new Rulebook(Name, version ?? Version + "+custom", [.. Rules, .. rules]);
    }

    /// <summary>"gartner-default 1.0.0 (39 rules)".</summary>
    public override string ToString() => $"{Name} {Version} ({Rules.Length} rules)";
}
