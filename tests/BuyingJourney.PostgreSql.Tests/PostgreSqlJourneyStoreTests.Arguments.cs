using System;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Npgsql;
using Xunit;

namespace BuyingJourney.PostgreSql.Tests;

public sealed partial class PostgreSqlJourneyStoreTests
{
    private const string UnpairedSurrogateMarker = "(unpaired surrogate)";

    [Theory]
    [InlineData("")]
    [InlineData("Buying_Journey")]
    [InlineData("1schema")]
    [InlineData("a-b")]
    [InlineData("a b")]
    [InlineData("pg_store")]
    [InlineData("x\"; DROP SCHEMA public; --")]
    [InlineData("ünï")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public void Constructor_SchemaNotAPlainIdentifier_ThrowsNamingSchema(string schema)
    {
        var fromDataSource = Assert.Throws<ArgumentException>(() => new PostgreSqlJourneyStore(database.DataSource, schema));
        var fromConnectionString = Assert.Throws<ArgumentException>(() => new PostgreSqlJourneyStore(database.ConnectionString, schema));

        Assert.Equal("schema", fromDataSource.ParamName);
        Assert.Equal("schema", fromConnectionString.ParamName);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("_x")]
    [InlineData("tenant_store_2")]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890123")]
    public void Constructor_PlainIdentifier_IsTheSchema(string schema)
    {
        using var store = new PostgreSqlJourneyStore(database.DataSource, schema);

        Assert.Equal(schema, store.Schema);
    }

    [Fact]
    public void Constructor_NullOrBlankArguments_Throw()
    {
        Assert.Equal("dataSource", Assert.Throws<ArgumentNullException>(() => new PostgreSqlJourneyStore((NpgsqlDataSource)null!)).ParamName);
        Assert.Equal("connectionString", Assert.Throws<ArgumentNullException>(() => new PostgreSqlJourneyStore((string)null!)).ParamName);
        Assert.Equal("connectionString", Assert.Throws<ArgumentException>(() => new PostgreSqlJourneyStore("  ")).ParamName);
        Assert.Equal("schema", Assert.Throws<ArgumentNullException>(() => new PostgreSqlJourneyStore(database.DataSource, null!)).ParamName);
        Assert.ThrowsAny<ArgumentException>(() => new PostgreSqlJourneyStore("this is not=a;valid=connection;string=x"));
        Assert.Equal(PostgreSqlJourneyStore.DefaultSchema, new PostgreSqlJourneyStore(database.DataSource).Schema);
    }

    [Fact]
    public async Task ConnectionStringConstructor_OwnsItsDataSource_WorksAndDisposesTwiceSafely()
    {
        var store = new PostgreSqlJourneyStore(database.ConnectionString, database.NewSchema());
        await store.MigrateAsync(Ct);
        await store.AppendAsync("t1", "j", 0, [S("j", "a", 0)], cancellationToken: Ct);

        await store.DisposeAsync();
        store.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetVersionAsync("t1", "j", Ct));
        await using var other = new PostgreSqlJourneyStore(database.DataSource, store.Schema);
        Assert.Equal(1, await other.GetVersionAsync("t1", "j", Ct));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t")]
    [InlineData("bad\u0007id")]
    [InlineData("bad\u007fid")]
    [InlineData(UnpairedSurrogateMarker)]
    public async Task EveryCall_BadJourneyId_ThrowsNamingJourneyIdAndTouchesNothing(string? journeyId)
    {
        // Theory data must serialise, which an unpaired surrogate does not: it is put in here.
        journeyId = journeyId == UnpairedSurrogateMarker ? "half \ud83d surrogate" : journeyId;

        // Not migrated: a call that reached the database would throw InvalidOperationException instead.
        var store = database.CreateStore();

        await AssertJourneyId(() => store.AppendAsync("t1", journeyId!, 0, [], cancellationToken: Ct));
        await AssertJourneyId(() => store.ReadAsync("t1", journeyId!, cancellationToken: Ct));
        await AssertJourneyId(() => store.GetVersionAsync("t1", journeyId!, Ct));
        await AssertJourneyId(() => store.LoadSnapshotAsync("t1", journeyId!, cancellationToken: Ct));
        await AssertJourneyId(() => store.AppendAsync("t1", new string('j', Signal.MaxIdLength + 1), 0, [], cancellationToken: Ct));

        static async Task AssertJourneyId(Func<Task> call)
        {
            var ex = await Assert.ThrowsAnyAsync<ArgumentException>(call);
            Assert.Equal("journeyId", ex.ParamName);
        }
    }

    [Fact]
    public async Task EveryCall_TenantWithAnUnpairedSurrogate_ThrowsNamingTenant()
    {
        var store = database.CreateStore();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => store.ListJourneysAsync("t\udc00", cancellationToken: Ct));
        var longest = await Assert.ThrowsAsync<InvalidOperationException>(() => store.GetVersionAsync(new string('t', StoreArguments.MaxTenantLength), "j", Ct));

        Assert.Equal("tenant", ex.ParamName);
        Assert.Contains("MigrateAsync", longest.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendAsync_BadBatch_ThrowsNamingTheArgument()
    {
        var store = database.CreateStore();

        Assert.Equal("signals", (await Assert.ThrowsAsync<ArgumentNullException>(() => store.AppendAsync("t1", "j", 0, null!, cancellationToken: Ct))).ParamName);
        Assert.Equal("signals", (await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync("t1", "j", 0, [S("j", "a", 0), null!], cancellationToken: Ct))).ParamName);
        Assert.Equal("signals", (await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync("t1", "j", 0, [S("other", "a", 0)], cancellationToken: Ct))).ParamName);
        Assert.Equal("id", Assert.Throws<ArgumentException>(() => S("j", "x\ud800", 0)).ParamName);
        Assert.Equal("expectedVersion", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.AppendAsync("t1", "j", -1, [S("j", "a", 0)], cancellationToken: Ct))).ParamName);
    }

    [Fact]
    public async Task OtherCalls_BadArguments_ThrowNamingTheArgument()
    {
        var store = database.CreateStore();

        Assert.Equal("afterVersion", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ReadAsync("t1", "j", -1, cancellationToken: Ct))).ParamName);
        Assert.Equal("snapshot", (await Assert.ThrowsAsync<ArgumentNullException>(() => store.SaveSnapshotAsync("t1", null!, Ct))).ParamName);
        Assert.Equal("limit", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ListJourneysAsync("t1", null, 0, Ct))).ParamName);
        Assert.Equal("limit", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ListJourneysAsync("t1", null, 10_001, Ct))).ParamName);
    }
}
