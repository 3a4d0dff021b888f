using System;
using BuyingJourney.Internal;
using BuyingJourney.Journeys;

namespace BuyingJourney.Persistence;

/// <summary>
/// A journey state saved at a stream version: the fold of every signal with a version up to <see cref="Version"/>,
/// made by a named rulebook version. A snapshot is only used while every later signal sorts after its last one.
/// </summary>
/// <remarks>
/// <para>Immutable and thread-safe.</para>
/// <para><see cref="JourneyService"/> saves snapshots itself and uses only those made under the same model, rulebook
/// version and engine options that shape the state (retention limits, the buying group's consensus task and risk
/// roles); others are ignored and the journey is folded from its signals. Stores keep that record through
/// <see cref="JourneyRecords.SerializeSnapshot"/>; a snapshot made with this constructor has none and is not used by
/// the service.</para>
/// </remarks>
public sealed class JourneySnapshot
{
    /// <summary>Creates a snapshot.</summary>
    /// <param name="state">The journey state.</param>
    /// <param name="version">The stream version the state includes; 1 or more.</param>
    /// <param name="rulebookName">The name of the rulebook that made the state.</param>
    /// <param name="rulebookVersion">The version of that rulebook.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is below 1.</exception>
    public JourneySnapshot(JourneyState state, long version, string rulebookName, string rulebookVersion)
    {
        State = Guard.NotNull(state);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        Version = version;
        RulebookName = Guard.Text(rulebookName, nameof(rulebookName), 100);
        RulebookVersion = Guard.Text(rulebookVersion, nameof(rulebookVersion), 50);
    }

    /// <summary>The journey state.</summary>
    public JourneyState State { get; }

    /// <summary>The stream version the state includes.</summary>
    public long Version { get; }

    /// <summary>The journey's id.</summary>
    public string JourneyId => State.JourneyId;

    /// <summary>The name of the rulebook that made the state.</summary>
    public string RulebookName { get; }

    /// <summary>The version of that rulebook; snapshots of another rulebook version are not used.</summary>
    public string RulebookVersion { get; }

    /// <summary>The fold fingerprint of the engine that made the state (null when unknown: the snapshot is not used).</summary>
    internal string? FoldFingerprint { get; init; }

    /// <summary>True for a snapshot read from an older record schema that lacks parts of today's state; it is not used.</summary>
    internal bool IsOutdated { get; init; }
}
