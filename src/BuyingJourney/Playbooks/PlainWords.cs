using System;
using System.Collections.Generic;
using System.Text;
using BuyingJourney.Group;

namespace BuyingJourney.Playbooks;

/// <summary>
/// The plain words the built-in playbook and guardrails write ids in: people by id and role name ("ann (decision
/// maker)"), lists ("a, b and c") and counts with the right plural ("1 signal", "2 signals"). Stateless and thread-safe.
/// </summary>
internal static class PlainWords
{
    /// <summary>"1 signal", "2 signals".</summary>
    public static string Count(int count, string singular, string plural)
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural)}");

    /// <summary>"a", "a and b", "a, b and c"; empty for none.</summary>
    public static string List(IReadOnlyList<string> items)
    {
        var text = new StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : i == items.Count - 1 ? " and " : ", ").Append(items[i]);
        }

        return text.ToString();
    }

    /// <summary>
    /// A name with a note in brackets: "purchaser (quiet since ...)"; a name that ends in brackets takes the note inside
    /// them: "approver (finance, legal; nobody in that role has shown up)".
    /// </summary>
    public static string WithNote(string name, string note)
        => name.EndsWith(')') ? $"{name[..^1]}; {note})" : $"{name} ({note})";

    /// <summary>The role's name for people, in lower case ("decision maker"); the id itself for a role the definition lacks.</summary>
    public static string Role(BuyingGroupDefinition group, string roleId)
        => group.Role(roleId) is { } role ? role.DisplayName.ToLowerInvariant() : roleId;

    /// <summary>"ann (decision maker)", "ann (decision maker, user)", or "ann" when the person carries no role.</summary>
    public static string Person(BuyingGroupDefinition group, StakeholderAssessment person)
    {
        if (person.Roles.IsEmpty)
        {
            return person.Id;
        }

        var roles = new string[person.Roles.Length];
        for (var i = 0; i < roles.Length; i++)
        {
            roles[i] = Role(group, person.Roles[i]);
        }

        return $"{person.Id} ({string.Join(", ", roles)})";
    }

    /// <summary>The person with this id in the group, or null.</summary>
    public static StakeholderAssessment? Find(IReadOnlyList<StakeholderAssessment> group, string id)
    {
        foreach (var person in group)
        {
            if (string.Equals(person.Id, id, StringComparison.Ordinal))
            {
                return person;
            }
        }

        return null;
    }
}
