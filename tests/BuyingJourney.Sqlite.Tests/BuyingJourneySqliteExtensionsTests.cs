using System;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using BuyingJourney.Sqlite.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static BuyingJourney.Sqlite.Tests.Support.TestSignals;
using Microsoft.Extensions.Time.Testing;

namespace BuyingJourney.Sqlite.Tests;

/// <summary>UseSqlite on the BuyingJourneyBuilder.</summary>
public sealed class BuyingJourneySqliteExtensionsTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly TempDatabase _otherDb = new();

    public void Dispose()
    {
        _db.Dispose();
        _otherDb.Dispose();
    }

    [Fact]
    public async Task UseSqlite_ResolvesASingletonSqliteStoreOnTheFile()
    {
        var services = new ServiceCollection();
        services.AddBuyingJourney().UseSqlite(_db.ConnectionString);
        using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<IJourneyStore>();
        await store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.IsType<SqliteJourneyStore>(store);
        Assert.Same(store, provider.GetRequiredService<IJourneyStore>());
        Assert.Equal(ServiceLifetime.Singleton, services.Single(d => d.ServiceType == typeof(IJourneyStore)).Lifetime);
        Assert.Equal(1, await _db.CreateStore().GetVersionAsync(Tenant, JourneyId, TestContext.Current.CancellationToken));
        Assert.NotNull(provider.GetRequiredService<JourneyService>());
    }

    [Fact]
    public async Task UseSqlite_RegisteredTimeProvider_StampsRecordedAt()
    {
        var now = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(now));
        services.AddBuyingJourney().UseSqlite(_db.ConnectionString);
        using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IJourneyStore>();

        await store.AppendAsync(Tenant, JourneyId, 0, [At(0, "s1")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(now, (await store.ReadAsync(Tenant, JourneyId, cancellationToken: TestContext.Current.CancellationToken))[0].RecordedAt);
    }

    [Fact]
    public async Task UseSqlite_AfterAnotherStore_ReplacesIt()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IJourneyStore>(new SqliteJourneyStore(_otherDb.ConnectionString));

        services.AddBuyingJourney().UseSqlite(_db.ConnectionString);
        using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IJourneyStore>().AppendAsync(Tenant, JourneyId, 0, [At(0, "s1")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Single(services, d => d.ServiceType == typeof(IJourneyStore));
        Assert.Equal(1, await _db.CreateStore().GetVersionAsync(Tenant, JourneyId, TestContext.Current.CancellationToken));
        Assert.Equal(0, await _otherDb.CreateStore().GetVersionAsync(Tenant, JourneyId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void UseSqlite_NullBuilder_ThrowsArgumentNullException()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => BuyingJourneySqliteExtensions.UseSqlite(null!, _db.ConnectionString));

        Assert.Equal("builder", ex.ParamName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Data Source=:memory:")]
    public void UseSqlite_UnusableConnectionString_ThrowsWhenRegistering(string? connectionString)
    {
        var services = new ServiceCollection();
        var builder = services.AddBuyingJourney();
        var before = services.ToArray();

        var ex = Assert.ThrowsAny<ArgumentException>(() => builder.UseSqlite(connectionString!));

        Assert.Equal("connectionString", ex.ParamName);
        Assert.Equal(before, services.ToArray());
    }
}
