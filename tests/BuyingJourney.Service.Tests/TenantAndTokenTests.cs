using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Microsoft.Extensions.Configuration;

namespace BuyingJourney.Service.Tests;

/// <summary>The tests, once per store: derived below for SQLite and PostgreSQL.</summary>
public abstract class TenantAndTokenTests
{
    /// <summary>A new service on an empty store of this class's kind.</summary>
    protected abstract Task<ServiceFactory> NewServiceAsync(int requestsPerMinute = 10000);

    private static readonly DateTimeOffset Day = DateTimeOffset.UtcNow.Date.AddDays(-10);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACallerOfOneTenant_ReadsWritesAndFollowsOnlyItsOwn()
    {
        await using var service = await NewServiceAsync();
        var acme = service.ClientOf("acme");
        var globex = service.ClientOf("globex");
        // The same journey id in both tenants, with different signals.
        await (await acme.PostSignalsAsync(Api.Signal("a1", "deal-1", Day, "problem.stated"))).JsonAsync();
        await (await globex.PostSignalsAsync(
            Api.Signal("g1", "deal-1", Day.AddDays(1), "problem.stated"),
            Api.Signal("g2", "deal-1", Day.AddDays(2), "solution.researched"),
            Api.Signal("g3", "deal-2", Day.AddDays(2), "problem.stated"))).JsonAsync();

        // Read: acme's deal-1 is acme's; globex's deal-2 does not exist for acme.
        Assert.Equal(Day, (await acme.GetJsonAsync("/journeys/deal-1")).GetProperty("lastSignalAt").GetDateTimeOffset());
        Assert.Equal(Day.AddDays(2), (await globex.GetJsonAsync("/journeys/deal-1")).GetProperty("lastSignalAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.NotFound, (await acme.GetAsync("/journeys/deal-2", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await acme.GetAsync("/journeys/deal-2/report", Token)).StatusCode);
        Assert.DoesNotContain("g1", await (await acme.GetAsync("/journeys/deal-1/report", Token)).Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(["a1"], await SignalIdsInFeedAsync(acme));
        Assert.Equal(["g1", "g2", "g3"], await SignalIdsInFeedAsync(globex));

        // Write: a tenant named in the URL is ignored, one in the body is refused; globex's journeys stay as they were.
        await (await acme.PostAsync("/journeys/signals?tenant=globex", JourneyEndpointsTests.Json(
            $$"""{"signals":[{"id":"a2","journeyId":"deal-2","occurredAt":"{{Day:O}}","type":"problem.stated"}]}"""), Token)).JsonAsync();
        var inBody = await acme.PostAsync("/journeys/signals", JourneyEndpointsTests.Json(
            $$"""{"tenant":"globex","signals":[{"id":"a3","journeyId":"deal-1","occurredAt":"{{Day:O}}","type":"problem.defined"}]}"""), Token);
        Assert.Equal(HttpStatusCode.BadRequest, inBody.StatusCode);
        Assert.Contains("tenant", await inBody.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(["a1", "a2"], await SignalIdsInFeedAsync(acme));
        Assert.Equal(["g1", "g2", "g3"], await SignalIdsInFeedAsync(globex));

        // Follow: acme's stream from the start tells acme's events only, even while globex writes.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var acmeLast = (await acme.GetJsonAsync("/feed")).GetProperty("last").GetInt64();
        using var stream = await acme.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/feed/stream?after=" + acmeLast), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(timeout.Token));
        await (await globex.PostSignalsAsync(Api.Signal("g4", "deal-1", Day.AddDays(3), "problem.defined"))).JsonAsync();
        await (await acme.PostSignalsAsync(Api.Signal("a4", "deal-1", Day.AddDays(3), "solution.researched"))).JsonAsync();
        var (_, _, data) = await JourneyEndpointsTests.ReadEventAsync(reader, timeout.Token);
        Assert.Contains("\"signalId\":\"a4\"", data, StringComparison.Ordinal);

        // Rebuild and cursors are the caller's tenant's too.
        await acme.PostAsync("/feed/ack", JourneyEndpointsTests.Json("""{"consumer":"crm","position":2}"""), Token);
        Assert.Equal(0, (await globex.GetJsonAsync("/feed/cursor/crm")).GetProperty("position").GetInt64());
    }

    [Fact]
    public async Task NoInvalidOrExpiredToken_Is401()
    {
        await using var service = await NewServiceAsync();
        var wrongKey = ServiceAuth.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SigningKey"] = "another-key-that-is-long-enough-0123456789" })
            .Build());
        var tokens = new Dictionary<string, string?>
        {
            ["none"] = null,
            ["garbage"] = "not-a-token",
            ["wrong key"] = wrongKey.CreateToken("acme", DateTimeOffset.UtcNow),
            ["expired"] = service.Auth.CreateToken("acme", DateTimeOffset.UtcNow.AddHours(-2), TimeSpan.FromHours(1)),
        };

        foreach (var (name, token) in tokens)
        {
            var client = service.CreateClient();
            if (token is not null)
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            foreach (var request in Requests())
            {
                var response = await client.SendAsync(request, Token);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name} token, {request.Method} {request.RequestUri}: {(int)response.StatusCode}");
            }
        }

        var valid = service.ClientOf("acme");
        Assert.Equal(HttpStatusCode.OK, (await valid.GetAsync("/feed", Token)).StatusCode);
    }

    [Fact]
    public async Task RateLimit_IsPerTenant()
    {
        await using var service = await NewServiceAsync(requestsPerMinute: 3);
        var acme = service.ClientOf("acme");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await acme.GetAsync("/feed", Token)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await acme.GetAsync("/feed", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.ClientOf("globex").GetAsync("/feed", Token)).StatusCode);
    }

    private static IEnumerable<HttpRequestMessage> Requests()
    {
        yield return new HttpRequestMessage(HttpMethod.Post, "/journeys/signals")
        {
            Content = JourneyEndpointsTests.Json($$"""{"signals":[{"id":"s1","journeyId":"deal-1","occurredAt":"{{Day:O}}","type":"problem.stated"}]}"""),
        };
        yield return new HttpRequestMessage(HttpMethod.Get, "/journeys/deal-1");
        yield return new HttpRequestMessage(HttpMethod.Get, "/journeys/deal-1/report");
        yield return new HttpRequestMessage(HttpMethod.Get, "/feed");
        yield return new HttpRequestMessage(HttpMethod.Get, "/feed/stream");
        yield return new HttpRequestMessage(HttpMethod.Post, "/feed/ack") { Content = JourneyEndpointsTests.Json("""{"consumer":"c","position":1}""") };
        yield return new HttpRequestMessage(HttpMethod.Post, "/rebuild");
        yield return new HttpRequestMessage(HttpMethod.Get, "/rebuild");
    }

    private static async Task<string[]> SignalIdsInFeedAsync(HttpClient client)
        => [.. (await client.GetJsonAsync("/feed")).GetProperty("events").EnumerateArray()
            .Select(e => e.GetProperty("signalId").GetString()!).Distinct().Order(StringComparer.Ordinal)];
}

/// <summary>The service on SQLite, its default store.</summary>
public sealed class TenantAndTokenOnSqliteTests : TenantAndTokenTests
{
    protected override Task<ServiceFactory> NewServiceAsync(int requestsPerMinute = 10000) => Task.FromResult(new ServiceFactory(null, requestsPerMinute));
}

/// <summary>The service on PostgreSQL (Store:Provider = PostgreSql), each test on a database of its own.</summary>
public sealed class TenantAndTokenOnPostgreSqlTests(ServicePostgreSql server) : TenantAndTokenTests
{
    protected override async Task<ServiceFactory> NewServiceAsync(int requestsPerMinute = 10000) => new(await server.NewDatabaseAsync(), requestsPerMinute);
}
