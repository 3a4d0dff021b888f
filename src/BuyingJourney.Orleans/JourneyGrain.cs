using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Orleans.Streams;

namespace BuyingJourney.Orleans;

/// <summary>
/// A journey's grain: the single writer of one (tenant, journey). It loads the journey from the silo's
/// <see cref="JourneyService"/> store when activated and keeps it (<see cref="HeldJourney"/>); every record goes
/// through <see cref="JourneyService"/>'s own recording path from that state (appended at the expected version, late
/// signals rebuilt, events stored with the signals), then its events go out on the tenant's stream. Its due
/// transitions fire at their tick (a grain timer) and, after a deactivation or a lost silo, from a durable reminder;
/// <see cref="JourneyService.RefreshAsync(string, string, CancellationToken)"/> stores only what the feed has not told,
/// so a second firing stores nothing.
/// </summary>
internal class JourneyGrain : Grain, IJourneyGrain, IRemindable
{
    /// <summary>The name of a grain's durable wake-up.</summary>
    internal const string ReminderName = "buyingjourney.due";

    private readonly JourneyService _service;
    private readonly JourneyClusterOptions _options;
    private readonly ILogger<JourneyGrain> _logger;
    private HeldJourney _held = null!;
    private IGrainTimer? _timer;
    private bool _reminded;
    private bool _ticking;

    // When the journey is next due: after a write or refresh, the next transition after now (the feed told everything
    // up to now); after a load, the first one after its last signal, since when the feed last told it is not known here.
    private DateTimeOffset? _due;

    /// <summary>Creates the grain with the silo's service and options.</summary>
    public JourneyGrain(JourneyService service, IOptions<JourneyClusterOptions> options, ILogger<JourneyGrain> logger)
    {
        _service = service;
        _options = options.Value.Validated();
        _logger = logger;
    }

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (tenant, journeyId) = JourneyGrainKey.Parse(this.GetPrimaryKeyString());
        _held = new HeldJourney(tenant, journeyId);
        await LoadAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        await ScheduleAsync(durably: true).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The timer dies with the activation: the reminder wakes the journey at its due tick instead.
        if (_held is not null && !cancellationToken.IsCancellationRequested)
        {
            await RemindAsync(exact: true).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
    }

    /// <inheritdoc />
    public async Task<JourneyReply> RecordAsync(string[] signals)
    {
        var list = JourneyWire.Signals(signals, _held.JourneyId);
        if (_held.State is null)
        {
            await LoadAsync(CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        var result = await _service.RecordHeldAsync(_held, list, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        return await AfterAsync(result).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
    }

    /// <inheritdoc />
    public async Task<JourneyReply> GetAsync()
    {
        if (_held.State is null)
        {
            await LoadAsync(CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        return JourneyWire.Reply(EmptyResult, _held.State, _held.Version, _service.Engine);
    }

    /// <inheritdoc />
    public async Task<JourneyReply> RefreshAsync()
    {
        var result = await _service.RefreshHeldAsync(_held, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        return await AfterAsync(result).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }

        _reminded = false; // fired: registered again below (or removed) for what is due next
        await WakeAsync().ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
    }

    private static readonly RecordResult EmptyResult = RecordResultOf();

    /// <summary>Loads the journey into the hold, and the first time it can be due.</summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await _service.LoadHeldAsync(_held, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        _due = _held.State is { SignalCount: > 0 } state ? _service.DueAfterLastSignal(state) : null;
    }

    private static RecordResult RecordResultOf() => new([], System.Collections.Immutable.ImmutableDictionary<string, Journeys.JourneyState>.Empty, 0, []);

    /// <summary>A timer's or reminder's tick: refreshes the journey when it is due, then schedules the next tick.</summary>
    private async Task WakeAsync()
    {
        _ticking = true;
        try
        {
            await WakeCoreAsync().ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
        finally
        {
            _ticking = false;
        }
    }

    private async Task WakeCoreAsync()
    {
        if (_held.State is null)
        {
            await LoadAsync(CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        if (_due is { } due && due <= _service.Clock.GetUtcNow())
        {
            var result = await _service.RefreshHeldAsync(_held, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
            await AfterAsync(result).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
            return;
        }

        await ScheduleAsync(durably: false).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
    }

    /// <summary>After a write: publishes its events on the tenant's stream and schedules the next due tick.</summary>
    private async Task<JourneyReply> AfterAsync(RecordResult result)
    {
        var reply = JourneyWire.Reply(result, _held.State, _held.Version, _service.Engine);
        _due = _held.State is { } state ? _service.DueAt(state) : null;
        if (reply.Events.Length > 0)
        {
            await PublishAsync(reply.Events).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        await ScheduleAsync(durably: false).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        return reply;
    }

    private async Task PublishAsync(string[] events)
    {
        try
        {
            var stream = this.GetStreamProvider(_options.StreamProvider)
                .GetStream<JourneyEventMessage>(StreamId.Create(_options.StreamNamespace, _held.Tenant));
            await stream.OnNextBatchAsync([.. events.Select(e => new JourneyEventMessage { JourneyId = _held.JourneyId, Event = e })]).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
#pragma warning disable CA1031 // The events are stored with the signals (the change feed); the stream is a live copy that must not fail a write that is stored.
        catch (Exception e)
#pragma warning restore CA1031
        {
            JourneyGrainLog.PublishFailed(_logger, _held.Tenant, _held.JourneyId, e);
        }
    }

    /// <summary>
    /// Sets the timer to the journey's next due tick (or to <see cref="JourneyClusterOptions.MaxWakeDelay"/>, whichever
    /// is sooner) and, with <paramref name="durably"/> or when none is registered, the durable reminder.
    /// </summary>
    private async Task ScheduleAsync(bool durably)
    {
        var due = _due;
        if (due is not { } at)
        {
            _timer?.Dispose();
            _timer = null;
            if (_reminded || durably)
            {
                await ForgetReminderAsync().ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
            }

            return;
        }

        var wait = Clamp(at - _service.Clock.GetUtcNow(), _options.MaxWakeDelay);
        if (wait == TimeSpan.Zero && !durably)
        {
            // Still due right after a write or a refresh (the feed told everything up to now): check again later, not at once.
            wait = _options.MaxWakeDelay;
        }

        // A periodic timer: a tick always follows within MaxWakeDelay, and the first one is moved to the due tick
        // when that is sooner (a change made during a tick applies from the tick after it).
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(_ => WakeAsync(), new GrainTimerCreationOptions(wait, _options.MaxWakeDelay));
        }
        else if (!_ticking)
        {
            _timer.Change(wait, _options.MaxWakeDelay);
        }

        if (durably || !_reminded)
        {
            await RemindAsync(exact: false).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
    }

    /// <summary>Registers the durable wake-up: at the due tick (<paramref name="exact"/>) or one period from now, then every period.</summary>
    private async Task RemindAsync(bool exact)
    {
        var due = _due;
        if (due is not { } at)
        {
            await ForgetReminderAsync().ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
            return;
        }

        var wait = exact ? Clamp(at - _service.Clock.GetUtcNow(), _options.ReminderPeriod) : _options.ReminderPeriod;
        await this.RegisterOrUpdateReminder(ReminderName, wait, _options.ReminderPeriod).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        _reminded = true;
    }

    private async Task ForgetReminderAsync()
    {
        if (await this.GetReminder(ReminderName).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext) is { } reminder)
        {
            await this.UnregisterReminder(reminder).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        _reminded = false;
    }

    private static TimeSpan Clamp(TimeSpan wait, TimeSpan max) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait > max ? max : wait;
}

/// <summary>A journey grain placed with Orleans' prefer-local placement (<see cref="JourneyClusterOptions.PreferLocalPlacement"/>).</summary>
[global::Orleans.Placement.PreferLocalPlacement]
internal sealed class LocalJourneyGrain(JourneyService service, IOptions<JourneyClusterOptions> options, ILogger<JourneyGrain> logger)
    : JourneyGrain(service, options, logger);

/// <summary>The journey grains' log events.</summary>
internal static partial class JourneyGrainLog
{
    /// <summary>A write's events were stored but could not be published on the tenant's stream.</summary>
    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "The change events of journey {JourneyId} (tenant {Tenant}) are stored but were not published on the tenant's stream.")]
    public static partial void PublishFailed(ILogger logger, string tenant, string journeyId, Exception exception);
}
