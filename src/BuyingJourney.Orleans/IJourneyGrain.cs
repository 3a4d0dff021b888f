using System.Threading.Tasks;
using Orleans;

namespace BuyingJourney.Orleans;

/// <summary>
/// A journey's grain, keyed by <see cref="JourneyGrainKey"/>: the single writer of its journey. Its calls take turns
/// (the grain is not reentrant), so writers of one journey never race each other for the stream version.
/// </summary>
[Alias("buyingjourney.journey-grain.v1")]
internal interface IJourneyGrain : IGrainWithStringKey
{
    /// <summary>Records signals of this journey (the versioned signal records, <see cref="JourneyWire"/>).</summary>
    /// <param name="signals">The signals' records, in the order to store them.</param>
    [Alias("record")]
    Task<JourneyReply> RecordAsync(string[] signals);

    /// <summary>The journey's state as the grain holds it (no signal recorded: no state).</summary>
    [Alias("state")]
    Task<JourneyReply> GetAsync();

    /// <summary>Brings the journey's change feed up to now (what a due tick does); stores nothing when it is up to date.</summary>
    [Alias("refresh")]
    Task<JourneyReply> RefreshAsync();
}

/// <summary>
/// What a journey's grain answers, as plain values: per signal its status and reason, the journey's state as the
/// versioned snapshot record (null: the call left no state), the stream version, the conflict retries and the events'
/// records.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("buyingjourney.journey-reply.v1")]
internal sealed class JourneyReply
{
    /// <summary>Per signal given, its <see cref="Persistence.RecordStatus"/>.</summary>
    [Id(0)]
    public int[] Statuses { get; init; } = [];

    /// <summary>Per signal given, the reason of a refusal, or null.</summary>
    [Id(1)]
    public string?[] Reasons { get; init; } = [];

    /// <summary>The journey's state as a snapshot record; null when the call left none (no signal of the journey stored).</summary>
    [Id(2)]
    public string? State { get; init; }

    /// <summary>The stream version the state includes.</summary>
    [Id(3)]
    public long Version { get; init; }

    /// <summary>How many appends were retried on a conflict.</summary>
    [Id(4)]
    public int ConflictRetries { get; init; }

    /// <summary>The change-feed events stored by the call, as event records.</summary>
    [Id(5)]
    public string[] Events { get; init; } = [];
}

/// <summary>One change-feed event on a tenant's stream: its journey and its versioned event record.</summary>
[GenerateSerializer]
[Immutable]
[Alias("buyingjourney.journey-event-message.v1")]
internal sealed class JourneyEventMessage
{
    /// <summary>The journey the event is about.</summary>
    [Id(0)]
    public string JourneyId { get; init; } = "";

    /// <summary>The event record (<see cref="Persistence.JourneyRecords.SerializeEvent"/>).</summary>
    [Id(1)]
    public string Event { get; init; } = "";
}
