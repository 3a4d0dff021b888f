using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using BuyingJourney.Internal;
using BuyingJourney.Signals;

namespace BuyingJourney.Group;

/// <summary>
/// A role in the buying group, as data: its id (what signals carry in <see cref="Stakeholder.Role"/>), a display
/// name, and when a deal of this kind expects someone in it.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class RoleDefinition
{
    /// <summary>Creates a role.</summary>
    /// <param name="id">The role id signals carry (see <see cref="StakeholderRoles"/>); at most <see cref="Stakeholder.MaxLength"/> characters.</param>
    /// <param name="displayName">The role's name for people.</param>
    /// <param name="expected">Whether a deal needs someone in this role (coverage reports it missing otherwise).</param>
    /// <param name="expectedOnceTasks">
    /// When <paramref name="expected"/>: the tasks that make the role expected once any of them has started
    /// (active, revisiting, dormant or completed); null or empty means expected from the start. Task ids the
    /// engine's model does not have are ignored; if none of them is in the model, the role is never expected.
    /// </param>
    /// <exception cref="ArgumentException">A blank id or name, or a blank task id.</exception>
    public RoleDefinition(string id, string displayName, bool expected = false, IEnumerable<string>? expectedOnceTasks = null)
    {
        Id = Guard.Text(id, "role id", Stakeholder.MaxLength);
        DisplayName = Guard.Text(displayName, "role displayName", Stakeholder.MaxLength);
        IsExpected = expected;
        var tasks = ImmutableArray.CreateBuilder<string>();
        foreach (var task in expectedOnceTasks ?? [])
        {
            Guard.Text(task, $"role \"{id}\" expectedOnceTasks entry", Model.TaskDefinition.MaxIdLength);
            if (!tasks.Contains(task))
            {
                tasks.Add(task);
            }
        }

        ExpectedOnceTasks = tasks.ToImmutable();
    }

    /// <summary>The role id signals carry.</summary>
    public string Id { get; }

    /// <summary>The role's name for people.</summary>
    public string DisplayName { get; }

    /// <summary>Whether a deal needs someone in this role.</summary>
    public bool IsExpected { get; }

    /// <summary>The tasks that make an expected role expected once any has started; empty means from the start.</summary>
    public ImmutableArray<string> ExpectedOnceTasks { get; }

    /// <summary>"Decision maker (decision-maker)".</summary>
    public override string ToString() => $"{DisplayName} ({Id})";
}
