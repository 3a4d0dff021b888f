namespace BuyingJourney.Hosting;

/// <summary>Where a requested rebuild stands.</summary>
public enum JourneyRebuildState
{
    /// <summary>Waiting for the worker.</summary>
    Queued = 0,

    /// <summary>Being rebuilt; <see cref="JourneyRebuildStatus.Progress"/> says how far.</summary>
    Running = 1,

    /// <summary>Every journey is rebuilt.</summary>
    Completed = 2,

    /// <summary>The rebuild stopped on an error (<see cref="JourneyRebuildStatus.Error"/>); asked again, it goes on where it stopped.</summary>
    Failed = 3,

    /// <summary>The host stopped during the rebuild; asked again, it goes on where it stopped.</summary>
    Cancelled = 4,
}

/// <summary>A tenant's rebuild as the worker last reported it.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class JourneyRebuildStatus
{
    internal JourneyRebuildStatus(string tenant, JourneyRebuildState state, JourneyRebuildProgress? progress, string? error)
    {
        Tenant = tenant;
        State = state;
        Progress = progress;
        Error = error;
    }

    /// <summary>The tenant.</summary>
    public string Tenant { get; }

    /// <summary>Where the rebuild stands.</summary>
    public JourneyRebuildState State { get; }

    /// <summary>How far it came (after its last page); null before the first page.</summary>
    public JourneyRebuildProgress? Progress { get; }

    /// <summary>What stopped a failed rebuild; null otherwise.</summary>
    public string? Error { get; }

    /// <summary>"acme: Running (acme: 100 rebuilt, ...)".</summary>
    public override string ToString() => $"{Tenant}: {State}{(Progress is null ? string.Empty : " (" + Progress + ")")}{(Error is null ? string.Empty : ": " + Error)}";
}
