using System;

namespace BuyingJourney.Orleans;

/// <summary>Options of the journey grains and of <see cref="IJourneyCluster"/>; the same on silos and clients.</summary>
/// <remarks>Not thread-safe while configured; read once when the cluster client or a grain is created.</remarks>
public sealed class JourneyClusterOptions
{
    /// <summary>The Orleans stream provider the change events are published on, one stream per tenant.</summary>
    /// <value><c>"BuyingJourney"</c>. Register a provider of that name on the silos and the clients (e.g. <c>AddMemoryStreams("BuyingJourney")</c>).</value>
    public string StreamProvider { get; set; } = "BuyingJourney";

    /// <summary>The stream namespace of the tenants' event streams (the stream key is the tenant).</summary>
    /// <value><c>"buyingjourney.events"</c>.</value>
    public string StreamNamespace { get; set; } = "buyingjourney.events";

    /// <summary>How long a journey grain stays active with no call before it is deactivated (its state is then loaded again on the next call).</summary>
    /// <value>2 hours; from 1 minute to 30 days.</value>
    public TimeSpan IdleDeactivation { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Whether a journey's grain is placed on the silo that first calls it (Orleans' prefer-local placement) instead of a random silo.</summary>
    /// <value>false: random placement, which spreads the journeys over the silos.</value>
    public bool PreferLocalPlacement { get; set; }

    /// <summary>
    /// The longest an active grain waits before it checks its journey's due time again (a task fading, a revisit
    /// fizzling, a task going quiet); it fires at the due tick when that comes first.
    /// </summary>
    /// <value>1 hour; from 100 milliseconds to 1 day.</value>
    public TimeSpan MaxWakeDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The period of the durable reminder a grain with a due time keeps, so a journey whose grain was deactivated or
    /// lost with its silo is woken and its due transitions stored; at most this late after a crash.
    /// </summary>
    /// <value>15 minutes; from 1 minute (Orleans' smallest reminder period) to 1 day.</value>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A checked copy.</summary>
    /// <exception cref="ArgumentException">An empty stream provider or namespace; the message names it.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A time out of range; the message names it.</exception>
    internal JourneyClusterOptions Validated()
    {
        if (string.IsNullOrWhiteSpace(StreamProvider))
        {
            throw new ArgumentException($"{nameof(JourneyClusterOptions)}.{nameof(StreamProvider)} is empty.", nameof(StreamProvider));
        }

        if (string.IsNullOrWhiteSpace(StreamNamespace))
        {
            throw new ArgumentException($"{nameof(JourneyClusterOptions)}.{nameof(StreamNamespace)} is empty.", nameof(StreamNamespace));
        }

        Range(nameof(IdleDeactivation), IdleDeactivation, TimeSpan.FromMinutes(1), TimeSpan.FromDays(30));
        Range(nameof(MaxWakeDelay), MaxWakeDelay, TimeSpan.FromMilliseconds(100), TimeSpan.FromDays(1));
        Range(nameof(ReminderPeriod), ReminderPeriod, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
        return new JourneyClusterOptions
        {
            StreamProvider = StreamProvider,
            StreamNamespace = StreamNamespace,
            IdleDeactivation = IdleDeactivation,
            PreferLocalPlacement = PreferLocalPlacement,
            MaxWakeDelay = MaxWakeDelay,
            ReminderPeriod = ReminderPeriod,
        };
    }

    private static void Range(string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{nameof(JourneyClusterOptions)}.{name} is {value}; it must be between {min} and {max}.");
        }
    }
}
