using System;
using System.Threading.Tasks;
using BuyingJourney.Model;
using BuyingJourney.Persistence;
using BuyingJourney.Rules;
using BuyingJourney.Signals;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace BuyingJourney.Tests;

public sealed class KeyedRegistrationTests
{
    [Fact]
    public async Task AddKeyedBuyingJourney_TwoModelsInOneProcess_EachWithItsOwnEngineStoreAndOptions()
    {
        var services = new ServiceCollection();
        services.AddBuyingJourney().UseInMemory();
        services.AddKeyedBuyingJourney("rackham", (b, _) => b.UseModel(BuyingModels.Rackham3).UseRulebook(Rulebooks.Rackham3)).UseInMemory().ConfigureScheduler(o => o.BatchSize = 7);
        services.AddKeyedBuyingJourney("broken").ConfigureScheduler(o => o.BatchSize = 0);
        using var provider = services.BuildServiceProvider();

        var gartner = provider.GetRequiredService<JourneyService>();
        var rackham = provider.GetRequiredKeyedService<JourneyService>("rackham");
        await rackham.RecordAsync("t", [new Signal("a", "j", DateTimeOffset.UtcNow.AddDays(-1), SignalTypes.ProblemStated)], TestContext.Current.CancellationToken);

        Assert.Equal(BuyingModels.Rackham3.Name, provider.GetRequiredKeyedService<JourneyEngine>("rackham").Model.Name);
        Assert.Equal(BuyingModels.Gartner.Name, provider.GetRequiredService<JourneyEngine>().Model.Name);
        Assert.NotSame(gartner, rackham);
        Assert.NotSame(provider.GetRequiredService<IJourneyStore>(), provider.GetRequiredKeyedService<IJourneyStore>("rackham"));
        Assert.Equal(1, await provider.GetRequiredKeyedService<IJourneyStore>("rackham").GetVersionAsync("t", "j", TestContext.Current.CancellationToken));
        Assert.Equal(0, await provider.GetRequiredService<IJourneyStore>().GetVersionAsync("t", "j", TestContext.Current.CancellationToken));
        Assert.NotNull(provider.GetRequiredKeyedService<JourneyScheduler>("rackham"));
        Assert.Contains("\"broken\"", Assert.Throws<InvalidOperationException>(() => provider.GetRequiredKeyedService<JourneyService>("broken")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseStore_ReplacesOnlyTheStoreOfItsOwnKey()
    {
        var services = new ServiceCollection();
        var first = new InMemoryJourneyStore();
        var second = new InMemoryJourneyStore();
        services.AddBuyingJourney().UseStore(_ => first);
        services.AddKeyedBuyingJourney("k").UseInMemory().UseStore(_ => second);
        using var provider = services.BuildServiceProvider();

        Assert.Same(first, provider.GetRequiredService<IJourneyStore>());
        Assert.Same(second, provider.GetRequiredKeyedService<IJourneyStore>("k"));
        Assert.Single(services, d => d.ServiceType == typeof(IJourneyStore) && d.IsKeyedService);
    }
}
