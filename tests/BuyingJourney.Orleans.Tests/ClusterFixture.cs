using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Orleans.Hosting;
using Orleans.TestingHost;
using Xunit;

namespace BuyingJourney.Orleans.Tests;

/// <summary>The tests that share the one cluster: they run one at a time (the silos serve the current test's <see cref="ClusterFixture.Service"/>).</summary>
[CollectionDefinition(Name)]
public sealed class SharedCluster : ICollectionFixture<ClusterFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "cluster";
}

/// <summary>
/// Three in-process silos (Orleans' TestingHost) with memory streams and in-memory reminders, and a client. The silos'
/// <see cref="JourneyService"/> is <see cref="Service"/>, set by each test (tests run one at a time).
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>The journey service the silos' grains use; set by the test before it calls them.</summary>
    internal static JourneyService? Service { get; set; }

    /// <summary>The options of the grains and clients in the tests: a due time checked at least every 200 ms.</summary>
    internal static JourneyClusterOptions Options => new() { MaxWakeDelay = TimeSpan.FromMilliseconds(200) };

    /// <summary>The cluster.</summary>
    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>Starts the silos.</summary>
    public async ValueTask InitializeAsync()
    {
        var builder = new TestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false; // no logs/ folder of every silo's log in the working directory
        builder.AddSiloBuilderConfigurator<Silo>();
        builder.AddClientBuilderConfigurator<Client>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Stops the silos.</summary>
    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Deactivates every grain, so the next call activates it again with the current <see cref="Service"/>.</summary>
    public async Task DeactivateAllAsync()
    {
        await Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
    }

    /// <summary>A client front of the cluster over <paramref name="service"/> (its engine assesses the grains' states; it serves reads as of a time).</summary>
    internal JourneyCluster Front(JourneyService service) => new(Cluster.Client, service, Options);

    private sealed class Silo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage("PubSubStore");
            siloBuilder.AddMemoryStreams("BuyingJourney");
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.Services.AddBuyingJourney().UseOrleans(o => o.MaxWakeDelay = Options.MaxWakeDelay);
            siloBuilder.Services.AddTransient(_ => Service ?? throw new InvalidOperationException("the test set no ClusterFixture.Service."));
        }
    }

    private sealed class Client : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder.AddMemoryStreams("BuyingJourney");
    }
}
