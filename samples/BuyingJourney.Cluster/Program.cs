// The service sample (samples/BuyingJourney.Service: its endpoints, auth and limits, shared as source) hosted on an
// Orleans silo: each journey's grain is its single writer and keeps it hot, due transitions fire from the grains (no
// store-polling scheduler), and the silos find each other through Redis (clustering, reminders, the streams'
// subscriptions). Two processes on one machine, each with its own ports:
//   dotnet run -- --urls http://127.0.0.1:5001 --Cluster:SiloPort=11111 --Cluster:GatewayPort=30000
//   dotnet run -- --urls http://127.0.0.1:5002 --Cluster:SiloPort=11112 --Cluster:GatewayPort=30001
// appsettings.json has the Redis address (Cluster:Redis) and the PostgreSQL store; see the README's "Past one machine".
using System;
using System.Linq;
using System.Net;
using BuyingJourney;
using BuyingJourney.Cluster;
using BuyingJourney.Service;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using StackExchange.Redis;

if (ServiceHost.IsTokenCommand(args))
{
    return ServiceHost.PrintToken(args);
}

var builder = WebApplication.CreateBuilder(args);
var settings = ClusterSettings.Read(builder.Configuration.GetSection("Cluster"));
builder.AddJourneyService().UseOrleans(settings.Configure);
builder.Services.AddSingleton<IJourneys, ClusterJourneys>();
builder.UseOrleans(silo =>
{
    silo.Configure<ClusterOptions>(cluster =>
    {
        cluster.ClusterId = settings.ClusterId;
        cluster.ServiceId = settings.ServiceId;
    });
    silo.ConfigureEndpoints(IPAddress.Loopback, settings.SiloPort, settings.GatewayPort);
    silo.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Cluster:Membership"));
    silo.UseRedisClustering(redis => redis.ConfigurationOptions = ConfigurationOptions.Parse(settings.Redis));
    silo.UseRedisReminderService(redis => redis.ConfigurationOptions = ConfigurationOptions.Parse(settings.Redis));
    silo.AddRedisGrainStorage("PubSubStore", redis => redis.ConfigurationOptions = ConfigurationOptions.Parse(settings.Redis));
    silo.AddMemoryStreams("BuyingJourney");
});

var app = builder.Build();
app.MapJourneyService();

// The silos the cluster counts as active, for operators (and the fault check, which waits for both).
app.MapGet("/cluster/silos", async (IClusterClient client) =>
{
    var hosts = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
    return TypedResults.Ok(hosts.Keys.Select(silo => silo.ToString()).Order(StringComparer.Ordinal).ToArray());
}).AllowAnonymous();

await app.RunAsync();
return 0;
