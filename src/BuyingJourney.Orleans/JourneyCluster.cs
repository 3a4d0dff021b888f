using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Assessment;
using BuyingJourney.Feed;
using BuyingJourney.Journeys;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Orleans;
using Orleans.Runtime;
using Orleans.Streams;

namespace BuyingJourney.Orleans;

/// <summary>The <see cref="IJourneyCluster"/> of a silo or client: its grain factory, stream provider and local service.</summary>
internal sealed class JourneyCluster : IJourneyCluster
{
    private readonly IClusterClient _client;
    private readonly JourneyService _service;
    private readonly JourneyClusterOptions _options;

    public JourneyCluster(IClusterClient client, JourneyService service, JourneyClusterOptions options)
    {
        _client = client;
        _service = service;
        _options = options.Validated();
    }

    /// <summary>The grain of a journey.</summary>
    internal IJourneyGrain Grain(string tenant, string journeyId)
    {
        var key = JourneyGrainKey.Of(tenant, journeyId);
        return _options.PreferLocalPlacement
            ? _client.GetGrain<IJourneyGrain>(key, typeof(LocalJourneyGrain).FullName)
            : _client.GetGrain<IJourneyGrain>(key, typeof(JourneyGrain).FullName);
    }

    public async Task<RecordResult> RecordAsync(string tenant, IEnumerable<Signal> signals, CancellationToken cancellationToken = default)
    {
        var list = JourneyService.CheckedSignals(tenant, signals);
        cancellationToken.ThrowIfCancellationRequested();
        var byJourney = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < list.Length; i++)
        {
            if (!byJourney.TryGetValue(list[i].JourneyId, out var indexes))
            {
                byJourney[list[i].JourneyId] = indexes = [];
            }

            indexes.Add(i);
        }

        var calls = byJourney.Select(async pair =>
        {
            var given = pair.Value.Select(i => list[i]).ToArray();
            var reply = await Grain(tenant, pair.Key).RecordAsync(JourneyWire.Records(given)).WaitAsync(cancellationToken).ConfigureAwait(false);
            return (JourneyId: pair.Key, Indexes: pair.Value, Given: given, Reply: reply);
        }).ToArray();
        var replies = await Task.WhenAll(calls).ConfigureAwait(false);

        var outcomes = new SignalRecordOutcome[list.Length];
        var states = ImmutableDictionary.CreateBuilder<string, JourneyState>(StringComparer.Ordinal);
        var events = ImmutableArray.CreateBuilder<JourneyEvent>();
        var retries = 0;
        foreach (var (journeyId, indexes, given, reply) in replies)
        {
            var answered = JourneyWire.Outcomes(reply, given, journeyId);
            for (var k = 0; k < indexes.Count; k++)
            {
                outcomes[indexes[k]] = answered[k];
            }

            if (answered.Any(o => o.Status != RecordStatus.Refused))
            {
                states[journeyId] = JourneyWire.State(reply, journeyId) ?? _service.Engine.Start(journeyId);
            }

            events.AddRange(JourneyWire.Events(reply.Events, journeyId));
            retries += reply.ConflictRetries;
        }

        return new RecordResult([.. outcomes], states.ToImmutable(), retries, events.ToImmutable());
    }

    public async Task<JourneyAssessment> GetAsync(string tenant, string journeyId, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        if (asOf is not null)
        {
            return await _service.GetAsync(tenant, journeyId, asOf, cancellationToken).ConfigureAwait(false);
        }

        var reply = await Grain(tenant, journeyId).GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return _service.AssessNow(JourneyWire.State(reply, journeyId) ?? _service.Engine.Start(journeyId));
    }

    public async Task<IAsyncDisposable> SubscribeAsync(string tenant, Func<JourneyEvent, Task> onEvent, CancellationToken cancellationToken = default)
    {
        StoreArguments.Tenant(tenant);
        ArgumentNullException.ThrowIfNull(onEvent);
        cancellationToken.ThrowIfCancellationRequested();
        var stream = _client.GetStreamProvider(_options.StreamProvider).GetStream<JourneyEventMessage>(StreamId.Create(_options.StreamNamespace, tenant));
        var handle = await stream.SubscribeAsync((message, _) => onEvent(JourneyWire.Events([message.Event], message.JourneyId)[0])).ConfigureAwait(false);
        return new Subscription(handle);
    }

    /// <summary>A tenant's stream subscription; disposing it unsubscribes.</summary>
    private sealed class Subscription(StreamSubscriptionHandle<JourneyEventMessage> handle) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await handle.UnsubscribeAsync().ConfigureAwait(false);
    }
}
