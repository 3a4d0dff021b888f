using System.Collections.Generic;
using System.Collections.Immutable;
using BuyingJourney.Internal;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;

namespace BuyingJourney.Stages;

/// <summary>
/// One stage of a CRM's linear pipeline, such as "Needs confirmed": reached when every one of its requirements holds
/// (and every earlier stage's), or, for a closing stage, when the journey has a given status.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class StageDefinition
{
    /// <summary>Creates a stage.</summary>
    /// <param name="id">The stable id, as the CRM stores it (e.g. "Needs Analysis").</param>
    /// <param name="displayName">The name a sales manager reads.</param>
    /// <param name="requirements">What the customer must have confirmed; empty for the first stage or a closing stage.</param>
    /// <param name="status">For a closing stage: the journey status that puts the journey in this stage whatever else holds (Won or Lost); null otherwise.</param>
    /// <exception cref="System.ArgumentException">An empty or too long id or name, or a null requirement.</exception>
    public StageDefinition(string id, string displayName, IEnumerable<StageRequirement> requirements, JourneyStatus? status = null)
    {
        Id = Guard.Text(id, "id", 100);
        DisplayName = Guard.Text(displayName, "displayName", 200);
        Guard.NotNull(requirements);
        var list = ImmutableArray.CreateBuilder<StageRequirement>();
        foreach (var requirement in requirements)
        {
            list.Add(requirement ?? throw new System.ArgumentException($"stage \"{Id}\": requirements[{list.Count}] is null.", nameof(requirements)));
        }

        Requirements = list.ToImmutable();
        Status = status;
    }

    /// <summary>The stable id.</summary>
    public string Id { get; }

    /// <summary>The display name.</summary>
    public string DisplayName { get; }

    /// <summary>What the customer must have confirmed, all of it; empty for the first stage or a closing stage.</summary>
    public ImmutableArray<StageRequirement> Requirements { get; }

    /// <summary>For a closing stage, the journey status that puts a journey in it; otherwise null.</summary>
    public JourneyStatus? Status { get; }

    /// <inheritdoc />
    public override string ToString() => Id;
}
