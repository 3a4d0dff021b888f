using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Feed;
using BuyingJourney.Orleans;
using BuyingJourney.PostgreSql;
using BuyingJourney.Signals;
using BuyingJourney.Testing.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using StackExchange.Redis;
using Xunit;

namespace BuyingJourney.Cluster.Tests;

/// <summary>
/// Two silos as separate processes (samples/BuyingJourney.Cluster), clustered through a real Redis server, the store on
/// PostgreSQL; one is killed with SIGKILL in the middle of a load sent over HTTP by concurrent clients.
/// </summary>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Test names read Member_Scenario_Expected.")]
public sealed class SiloProcessFaultTests : IAsyncLifetime
{
    private const int Journeys = 400;
    private const int Clients = 8;
    private const string Tenant = "t1";
    private readonly OnDemandPostgreSql _postgreSql = new("buyingjourney-cluster-pg-");
    private readonly List<SiloProcess> _silos = [];
    private ThrowawayRedis? _redis;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _redis = await ThrowawayRedis.StartAsync(Ct);

    /// <summary>
    /// Each journey's calls, as in the in-process fault test: in order, a late one and a duplicate; the trial makes
    /// Validation active, and its quiet period falls due at <paramref name="quietAt"/>, after the load.
    /// </summary>
    private static Signal[][] CallsOf(string journey, DateTimeOffset day0) =>
    [
        [new($"{journey}-1", journey, day0, SignalTypes.ProblemStated)],
        [new($"{journey}-2", journey, day0.AddMinutes(1), SignalTypes.TrialStarted), new($"{journey}-3", journey, day0.AddMinutes(2), SignalTypes.DemoRequested)],
        [new($"{journey}-4", journey, day0.AddMinutes(1.5), SignalTypes.ProblemDefined)],
        [new($"{journey}-1", journey, day0, SignalTypes.ProblemStated), new($"{journey}-5", journey, day0.AddMinutes(2.5), SignalTypes.SolutionResearched)],
    ];

    [Fact]
    public async Task SiloProcessKilledMidLoad_EveryAcknowledgedSignalStoredOnce_JourneysEqualTheirReplay_DueTransitionsOnce()
    {
        var database = await _postgreSql.NewDatabaseAsync("cluster_", Ct);
        var started = DateTimeOffset.UtcNow;
        var day0 = new DateTimeOffset(started.Ticks - started.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddMinutes(-10);
        // The trial (day0 + 1 min) is Validation's evidence; its quiet period ends 45 s after the start.
        var quietAfter = started.AddSeconds(45) - day0.AddMinutes(1);
        string[] settings =
        [
            "BuyingJourney:Service:QuietAfter:Validation=" + quietAfter.ToString("c", CultureInfo.InvariantCulture),
            "Cluster:MaxWakeDelay=00:00:01",
            // A killed silo is declared dead within a few seconds (Orleans' defaults take about half a minute).
            "Cluster:Membership:ProbeTimeout=00:00:01",
            "Cluster:Membership:NumMissedProbesLimit=2",
            "Cluster:Membership:IAmAliveTablePublishTimeout=00:00:05",
            "Limits:RequestsPerMinute=1000000",
            "Logging:LogLevel:Default=Warning",
        ];
        var survivor = Keep(SiloProcess.Start("silo A", database, _redis!.Address, settings));
        var victim = Keep(SiloProcess.Start("silo B", database, _redis.Address, settings));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        await Task.WhenAll(survivor.WaitForClusterAsync(http, 2, TimeSpan.FromMinutes(2), Ct), victim.WaitForClusterAsync(http, 2, TimeSpan.FromMinutes(2), Ct));
        var up = DateTime.UtcNow;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await SiloProcess.TokenAsync(Tenant, Ct));

        var sent = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var acknowledged = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var refused = new ConcurrentBag<string>();
        var failures = 0;
        var calls = 0;
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task ClientAsync(int client)
        {
            for (var j = client; j < Journeys; j += Clients)
            {
                var journey = $"j{j:000}";
                foreach (var call in CallsOf(journey, day0))
                {
                    foreach (var signal in call)
                    {
                        sent[signal.Id] = 0;
                    }

                    // Half the journeys are sent to the silo that is killed; a call that failed was not acknowledged,
                    // and is sent again to the survivor (stored ids come back as duplicates).
                    var target = j % 2 == 0 || killed.Task.IsCompleted ? survivor : victim;
                    var giveUp = DateTime.UtcNow.AddMinutes(2);
                    for (var attempt = 0; ; attempt++)
                    {
                        string last;
                        try
                        {
                            using var response = await http.PostAsJsonAsync(new Uri(target.Address, "/journeys/signals"), Body(call), Ct);
                            var text = await response.Content.ReadAsStringAsync(Ct);
                            if (response.IsSuccessStatusCode)
                            {
                                using var answer = JsonDocument.Parse(text);
                                foreach (var outcome in answer.RootElement.GetProperty("outcomes").EnumerateArray())
                                {
                                    var id = outcome.GetProperty("signalId").GetString()!;
                                    if (outcome.GetProperty("status").GetString() == "Refused")
                                    {
                                        refused.Add(id);
                                    }
                                    else
                                    {
                                        acknowledged[id] = 0;
                                    }
                                }

                                break;
                            }

                            last = $"{(int)response.StatusCode}: {text}";
                        }
                        catch (HttpRequestException e)
                        {
                            last = e.Message;
                        }
                        catch (TaskCanceledException e) when (!Ct.IsCancellationRequested)
                        {
                            last = e.Message;
                        }

                        if (Interlocked.Increment(ref failures) % 200 == 1)
                        {
                            TestContext.Current.TestOutputHelper?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {target.Name}: {last[..Math.Min(300, last.Length)]}");
                        }

                        Assert.True(DateTime.UtcNow < giveUp, $"{journey}: a call failed for 2 minutes ({attempt + 1} attempts), last {last}; survivor:\n{survivor.Output}");
                        target = survivor;
                        await Task.Delay(250, Ct);
                    }

                    if (Interlocked.Increment(ref calls) == Journeys)
                    {
                        // A quarter of the calls are in: silo B dies with the grains it holds, mid-load.
                        TestContext.Current.TestOutputHelper?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} killing silo B");
                        await victim.KillAsync();
                        killed.TrySetResult();
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(() => ClientAsync(c), Ct)));
        var loaded = DateTime.UtcNow;
        Assert.True(killed.Task.IsCompleted, "silo B was not killed during the load");
        Assert.Empty(refused);
        Assert.Equal(Journeys * 5, sent.Count);
        Assert.Equal(sent.Keys.Order(StringComparer.Ordinal), acknowledged.Keys.Order(StringComparer.Ordinal));

        // The checks: the store itself, and the survivor's grains read through an Orleans client of the same cluster.
        await using var dataSource = NpgsqlDataSource.Create(database);
        var store = new PostgreSqlJourneyStore(dataSource);
        using var client = await ClientHostAsync(database, _redis.Address);
        var cluster = client.Services.GetRequiredService<IJourneyCluster>();
        var engine = JourneyEngine.CreateDefault();
        var wrongCounts = new List<string>();
        var mismatched = new List<string>();
        for (var j = 0; j < Journeys; j++)
        {
            var journey = $"j{j:000}";
            var stored = await store.ReadAsync(Tenant, journey, cancellationToken: Ct);
            if (stored.Count != 5 || stored.Select(s => s.Signal.Id).Distinct().Count() != 5)
            {
                wrongCounts.Add($"{journey}: {string.Join(",", stored.Select(s => s.Signal.Id))}");
            }

            var assessed = await cluster.GetAsync(Tenant, journey, cancellationToken: Ct);
            if (!Equals(engine.Replay(journey, stored.Select(s => s.Signal)), assessed.State))
            {
                mismatched.Add(journey);
            }
        }

        var checkedAt = DateTime.UtcNow;
        Assert.Empty(wrongCounts);
        Assert.Empty(mismatched);

        // Every journey's Validation goes quiet once (the killed silo's journeys from their grains' new activations
        // on the survivor): wait for all of them, then through several more wake-ups (1 s apart), none may repeat.
        var deadline = started.AddMinutes(4);
        IReadOnlyList<JourneyEvent> quiet = [];
        while (DateTimeOffset.UtcNow < deadline)
        {
            quiet = await QuietEventsAsync(store);
            if (quiet.Select(e => e.JourneyId).Distinct(StringComparer.Ordinal).Count() == Journeys)
            {
                break;
            }

            await Task.Delay(500, Ct);
        }

        await Task.Delay(TimeSpan.FromSeconds(4), Ct);
        quiet = await QuietEventsAsync(store);
        var perJourney = quiet.GroupBy(e => (e.JourneyId, e.TaskId)).ToArray();
        Assert.True(perJourney.Length == Journeys, $"{perJourney.Length} of {Journeys} journeys went quiet by {deadline:O}; survivor:\n{survivor.Output}");
        Assert.All(perJourney, g => Assert.Single(g));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"cluster up {up - started.UtcDateTime:g}, load {loaded - up:g} ({calls} calls, {failures} failed and sent again after the kill), checks {checkedAt - loaded:g}, all quiet {DateTime.UtcNow - started.UtcDateTime:g} after the start");
    }

    private SiloProcess Keep(SiloProcess silo)
    {
        _silos.Add(silo);
        return silo;
    }

    private static object Body(Signal[] call)
        => new { signals = call.Select(s => new { id = s.Id, journeyId = s.JourneyId, occurredAt = s.OccurredAt, type = s.Type }) };

    private static async Task<IHost> ClientHostAsync(string database, string redis)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddBuyingJourney().UsePostgreSql(database).UseOrleans();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(ids => (ids.ClusterId, ids.ServiceId) = ("buyingjourney", "buyingjourney"));
            client.UseRedisClustering(options => options.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        });
        var host = builder.Build();
        await host.StartAsync(Ct);
        return host;
    }

    private static async Task<IReadOnlyList<JourneyEvent>> QuietEventsAsync(PostgreSqlJourneyStore store)
    {
        var all = new List<StoredJourneyEvent>();
        while (true)
        {
            var page = await store.ReadEventsAsync(Tenant, all.Count == 0 ? 0 : all[^1].Position, 10_000, cancellationToken: Ct);
            if (page.Count == 0)
            {
                return [.. all.Select(e => e.Event).Where(e => e.Type == JourneyEventTypes.TaskQuiet)];
            }

            all.AddRange(page);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        await _postgreSql.DisposeAsync();
    }
}
