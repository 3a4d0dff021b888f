using System.Collections.Generic;
using System.Collections.Immutable;
using BuyingJourney.Internal;
using BuyingJourney.Phases;

namespace BuyingJourney.Stages;

/// <summary>
/// One stage of a CRM's linear pipeline, such as "Needs confirmed": confirmed by the customer's own evidence, in one or
/// more ways (<see cref="Confirmations"/>, each a set of requirements that must all hold), or, for a closing stage,
/// reached only when the journey has a given status (a signed order: Won).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class StageDefinition
{
    /// <summary>Creates a stage confirmed when all of <paramref name="requirements"/> hold (add other ways with <see cref="Or"/>).</summary>
    /// <param name="id">The stable id, as the CRM stores it (e.g. "Needs Analysis").</param>
    /// <param name="displayName">The name a sales manager reads.</param>
    /// <param name="requirements">What the customer must have confirmed; empty for the first stage or a closing stage.</param>
    /// <param name="status">For a closing stage: the journey status that puts the journey in this stage, and nothing else does (Won or Lost); null otherwise.</param>
    /// <exception cref="System.ArgumentException">An empty or too long id or name, or a null requirement.</exception>
    public StageDefinition(string id, string displayName, IEnumerable<StageRequirement> requirements, JourneyStatus? status = null)
    {
        Id = Guard.Text(id, "id", 100);
        DisplayName = Guard.Text(displayName, "displayName", 200);
        var first = Checked(Id, requirements, nameof(requirements));
        Confirmations = first.IsEmpty ? [] : [first];
        Status = status;
    }

    private StageDefinition(StageDefinition stage, ImmutableArray<StageRequirement> confirmation)
    {
        Id = stage.Id;
        DisplayName = stage.DisplayName;
        Confirmations = stage.Confirmations.Add(confirmation);
        Status = stage.Status;
    }

    /// <summary>The stable id.</summary>
    public string Id { get; }

    /// <summary>The display name.</summary>
    public string DisplayName { get; }

    /// <summary>The first of <see cref="Confirmations"/>; empty for the first stage or a closing stage.</summary>
    public ImmutableArray<StageRequirement> Requirements => Confirmations.IsEmpty ? [] : Confirmations[0];

    /// <summary>
    /// Every way the customer confirms the stage: it is confirmed when all the requirements of any one of them hold. Empty
    /// for the first stage or a closing stage.
    /// </summary>
    public ImmutableArray<ImmutableArray<StageRequirement>> Confirmations { get; }

    /// <summary>For a closing stage, the journey status that puts a journey in it; otherwise null.</summary>
    public JourneyStatus? Status { get; }

    /// <summary>This stage, also confirmed when all of <paramref name="requirements"/> hold (another way the customer confirms it).</summary>
    /// <param name="requirements">The requirements of the other way; at least one.</param>
    /// <exception cref="System.ArgumentException"><paramref name="requirements"/> is empty or holds a null.</exception>
    public StageDefinition Or(IEnumerable<StageRequirement> requirements)
    {
        var confirmation = Checked(Id, requirements, nameof(requirements));
        if (confirmation.IsEmpty)
        {
            throw new System.ArgumentException($"stage \"{Id}\": another way to confirm it needs at least one requirement.", nameof(requirements));
        }

        return new StageDefinition(this, confirmation);
    }

    /// <inheritdoc />
    public override string ToString() => Id;

    private static ImmutableArray<StageRequirement> Checked(string id, IEnumerable<StageRequirement> requirements, string parameter)
    {
        Guard.NotNull(requirements, parameter);
        var list = ImmutableArray.CreateBuilder<StageRequirement>();
        foreach (var requirement in requirements)
        {
            list.Add(requirement ?? throw new System.ArgumentException($"stage \"{id}\": requirements[{list.Count}] is null.", parameter));
        }

        return list.ToImmutable();
    }
}
