using System.Collections.Immutable;

namespace BuyingJourney.Persistence;

/// <summary>The result of <see cref="IJourneyStore.AppendAsync"/>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class AppendResult
{
    /// <summary>Creates a result (for store implementations).</summary>
    /// <param name="version">The stream's version after the append.</param>
    /// <param name="outcomes">One outcome per signal, in the order given.</param>
    public AppendResult(long version, ImmutableArray<AppendOutcome> outcomes)
    {
        Version = version;
        Outcomes = outcomes.IsDefault ? ImmutableArray<AppendOutcome>.Empty : outcomes;
    }

    /// <summary>The stream's version after the append.</summary>
    public long Version { get; }

    /// <summary>One outcome per signal, in the order given.</summary>
    public ImmutableArray<AppendOutcome> Outcomes { get; }
}
