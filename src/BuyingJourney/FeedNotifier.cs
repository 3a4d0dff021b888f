using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Persistence;

namespace BuyingJourney;

/// <summary>
/// Wakes this process's feed followers of one store when an append through a service stored events (followers also
/// poll, for writers in other processes). One per store instance. Thread-safe.
/// </summary>
internal sealed class FeedNotifier
{
    private static readonly ConditionalWeakTable<IJourneyStore, FeedNotifier> Notifiers = new();

    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The notifier of <paramref name="store"/>.</summary>
    public static FeedNotifier For(IJourneyStore store) => Notifiers.GetValue(store, static _ => new FeedNotifier());

    /// <summary>A task that completes at the next <see cref="Pulse"/>; take it before reading, so no pulse is missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Completes the current <see cref="Next"/> and starts a new one.</summary>
    public void Pulse()
    {
        var fresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _next, fresh).TrySetResult();
    }
}
