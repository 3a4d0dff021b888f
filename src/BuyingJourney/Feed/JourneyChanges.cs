using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using BuyingJourney.Internal;
using BuyingJourney.Signals;

namespace BuyingJourney.Feed;

/// <summary>
/// What an append stores besides its signals, in the same transaction: the journey's new events, the journey's
/// feed view (an opaque text the next append's <see cref="JourneyChangesFactory"/> is given back), and when the
/// journey is next due (the earliest tick a task fades or goes quiet; null: never).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class JourneyChanges
{
    /// <summary>The longest accepted <see cref="View"/>.</summary>
    public const int MaxViewLength = 1_000_000;

    /// <summary>Creates the changes of one append.</summary>
    /// <param name="events">The events, in the order to store them; every one of the appended journey.</param>
    /// <param name="view">The journey's feed view after them.</param>
    /// <param name="dueAt">When the journey is next due for a transition with no signal; null for never.</param>
    /// <exception cref="ArgumentNullException">A null view.</exception>
    /// <exception cref="ArgumentException">A null event, or a view longer than <see cref="MaxViewLength"/>.</exception>
    public JourneyChanges(IEnumerable<JourneyEvent> events, string view, DateTimeOffset? dueAt)
    {
        ArgumentNullException.ThrowIfNull(events);
        var list = ImmutableArray.CreateRange(events);
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentException($"events[{i}] is null.", nameof(events));
            }
        }

        ArgumentNullException.ThrowIfNull(view);
        if (view.Length > MaxViewLength)
        {
            throw new ArgumentException($"the view is {view.Length} characters long; at most {MaxViewLength} are stored.", nameof(view));
        }

        Events = list;
        View = view;
        DueAt = dueAt?.ToUniversalTime();
    }

    /// <summary>The events, in the order to store them.</summary>
    public ImmutableArray<JourneyEvent> Events { get; }

    /// <summary>The journey's feed view after these events: opaque to stores, which keep it per journey and hand it back.</summary>
    public string View { get; }

    /// <summary>When the journey is next due for a transition with no signal (UTC); null for never.</summary>
    public DateTimeOffset? DueAt { get; }

    /// <summary>Checks that every event belongs to <paramref name="journeyId"/>, for store implementations (a factory that returns another journey's events is broken).</summary>
    /// <param name="journeyId">The journey being appended to.</param>
    /// <exception cref="InvalidOperationException">An event of another journey; the store stores nothing.</exception>
    public JourneyChanges CheckedFor(string journeyId)
    {
        for (var i = 0; i < Events.Length; i++)
        {
            if (!string.Equals(Events[i].JourneyId, journeyId, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"the changes factory returned events[{i}] of journey \"{Events[i].JourneyId}\" for an append to \"{journeyId}\".");
            }
        }

        return this;
    }
}
