using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace BuyingJourney.Service.Tests;

/// <summary>The tests, once per store: derived below for SQLite and PostgreSQL.</summary>
public abstract class JourneyEndpointsTests
{
    /// <summary>A new service on an empty store of this class's kind.</summary>
    protected abstract Task<ServiceFactory> NewServiceAsync(int requestsPerMinute = 10000);

    private static readonly DateTimeOffset Day = DateTimeOffset.UtcNow.Date.AddDays(-10);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecordedSignals_AreReadBackAsTheJourneyAndTheFeed()
    {
        await using var service = await NewServiceAsync();
        var client = service.ClientOf("acme");

        var recorded = await (await client.PostSignalsAsync(
            Api.Signal("s1", "deal-1", Day, "problem.stated"),
            Api.Signal("s2", "deal-1", Day.AddDays(1), "solution.researched"))).JsonAsync();

        Assert.Equal(["Applied", "Applied"], recorded.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("status").GetString()));
        Assert.NotEmpty(recorded.GetProperty("events").EnumerateArray());
        var journey = await client.GetJsonAsync("/journeys/deal-1");
        Assert.Equal("deal-1", journey.GetProperty("journeyId").GetString());
        Assert.Equal(Day.AddDays(1), journey.GetProperty("lastSignalAt").GetDateTimeOffset());
        var problem = journey.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("taskId").GetString() == "ProblemIdentification");
        Assert.NotEqual("NotStarted", problem.GetProperty("phase").GetString());
        Assert.NotEmpty(journey.GetProperty("activeTasks").EnumerateArray());
        Assert.NotEmpty(journey.GetProperty("nextBestActions").EnumerateArray());

        var feed = await client.GetJsonAsync("/feed?journey=deal-1");
        var positions = feed.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("position").GetInt64()).ToArray();
        Assert.Equal(recorded.GetProperty("events").GetArrayLength(), positions.Length);
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(positions[^1], feed.GetProperty("last").GetInt64());
        Assert.Empty((await client.GetJsonAsync($"/feed?after={positions[^1]}")).GetProperty("events").EnumerateArray());

        var report = await client.GetAsync("/journeys/deal-1/report", Token);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("text/html", report.Content.Headers.ContentType?.MediaType);
        Assert.Contains("deal-1", await report.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/journeys/no-such-deal", Token)).StatusCode);
    }

    [Fact]
    public async Task LoopBack_AppearsInTheFeed()
    {
        await using var service = await NewServiceAsync();
        var client = service.ClientOf("acme");

        await (await client.PostSignalsAsync(
            Api.Signal("s1", "deal-1", Day, "problem.stated"),
            Api.Signal("s2", "deal-1", Day.AddDays(1), "problem.defined"))).JsonAsync();
        await (await client.PostSignalsAsync(Api.Signal("s3", "deal-1", Day.AddDays(2), "problem.stated"))).JsonAsync();

        var loopBack = Assert.Single((await client.GetJsonAsync("/feed")).GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "task.looped_back");
        Assert.Equal("s3", loopBack.GetProperty("signalId").GetString());
        Assert.Equal("ProblemIdentification", loopBack.GetProperty("taskId").GetString());
        Assert.Equal(1, (await client.GetJsonAsync("/journeys/deal-1")).GetProperty("loopBacks").GetInt32());
    }

    [Fact]
    public async Task Acknowledge_MovesTheConsumersCursor()
    {
        await using var service = await NewServiceAsync();
        var client = service.ClientOf("acme");
        await (await client.PostSignalsAsync(Api.Signal("s1", "deal-1", Day, "problem.stated"))).JsonAsync();

        var ack = await client.PostAsync("/feed/ack", Json("""{"consumer":"crm-sync","position":1}"""), Token);

        Assert.Equal(HttpStatusCode.NoContent, ack.StatusCode);
        Assert.Equal(1, (await client.GetJsonAsync("/feed/cursor/crm-sync")).GetProperty("position").GetInt64());
        var blank = await client.PostAsync("/feed/ack", Json("""{"consumer":" ","position":1}"""), Token);
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Contains("consumer", await blank.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_DeliversANewEvent_AndResumesAfterLastEventId()
    {
        await using var service = await NewServiceAsync();
        var client = service.ClientOf("acme");
        await (await client.PostSignalsAsync(Api.Signal("s1", "deal-1", Day, "problem.stated"))).JsonAsync();
        var told = (await client.GetJsonAsync("/feed")).GetProperty("last").GetInt64();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/feed/stream");
        request.Headers.Add("Last-Event-ID", told.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var stream = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(timeout.Token));

        await (await client.PostSignalsAsync(Api.Signal("s2", "deal-1", Day.AddDays(1), "solution.researched"))).JsonAsync();

        var (id, type, data) = await ReadEventAsync(reader, timeout.Token);
        Assert.Equal(told + 1, id);
        Assert.StartsWith("task.", type, StringComparison.Ordinal);
        Assert.Contains("\"signalId\":\"s2\"", data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadSignal_Is400NamingTheField_AndStoresNothing()
    {
        await using var service = await NewServiceAsync();
        var client = service.ClientOf("acme");

        var blankId = await client.PostSignalsAsync(Api.Signal("ok", "deal-1", Day, "problem.stated"), Api.Signal(" ", "deal-1", Day, "problem.stated"));
        var noTime = await client.PostAsync("/journeys/signals", Json("""{"signals":[{"id":"s1","journeyId":"deal-1","type":"problem.stated"}]}"""), Token);
        var notJson = await client.PostAsync("/journeys/signals", Json("""{"signals":[{"id":1}]}"""), Token);
        var empty = await client.PostAsync("/journeys/signals", Json("""{"signals":[]}"""), Token);

        await AssertProblemAsync(blankId, "signals[1].id");
        await AssertProblemAsync(noTime, "signals[0].occurredAt");
        await AssertProblemAsync(notJson, "signals[0].id");
        await AssertProblemAsync(empty, "signals");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/journeys/deal-1", Token)).StatusCode);
    }

    [Fact]
    public async Task OversizedBody_Is413()
    {
        await using var service = await NewServiceAsync();
        var client = service.ClientOf("acme");
        var big = "{\"signals\":[{\"id\":\"" + new string('x', (int)ServiceFactory.BodyLimit) + "\"}]}";

        var response = await client.PostAsync("/journeys/signals", Json(big), Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task HealthAndOpenApi_NeedNoToken()
    {
        await using var service = await NewServiceAsync();
        var anonymous = service.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health", Token)).StatusCode);
        var openApi = await anonymous.GetJsonAsync("/openapi/v1.json");
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/journeys/signals", out _));
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/feed/stream", out _));
    }

    [Fact]
    public async Task Rebuild_IsRequestedForTheCallersTenant()
    {
        await using var service = await NewServiceAsync();
        var client = service.ClientOf("acme");
        await (await client.PostSignalsAsync(Api.Signal("s1", "deal-1", Day, "problem.stated"))).JsonAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/rebuild", Token)).StatusCode);
        var requested = await client.PostAsync("/rebuild", null, Token);
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        Assert.Equal("acme", (await requested.JsonAsync()).GetProperty("tenant").GetString());
        var ended = await service.Services.GetRequiredService<JourneyRebuilds>().WhenEndedAsync("acme", Token).WaitAsync(TimeSpan.FromMinutes(1), Token);

        Assert.Equal(JourneyRebuildState.Completed, ended.State);
        Assert.Equal("Completed", (await client.GetJsonAsync("/rebuild")).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await service.ClientOf("globex").GetAsync("/rebuild", Token)).StatusCode);
    }

    [Fact]
    public async Task Dashboard_AnalysesTheCallersTenantOnly_AndLinksQuietJourneysToTheirReports()
    {
        await using var service = await NewServiceAsync();
        var client = service.ClientOf("acme");
        await (await client.PostSignalsAsync(
            Api.Signal("s1", "deal-1", Day, "problem.stated"),
            Api.Signal("s2", "deal-2", Day, "problem.stated"),
            Api.Signal("s3", "deal-2", Day.AddDays(2), "deal.won"),
            Api.Signal("s4", "deal-3", Day.AddDays(-60), "problem.stated"))).JsonAsync();
        await (await service.ClientOf("globex").PostSignalsAsync(Api.Signal("g1", "deal-9", Day, "deal.lost"))).JsonAsync();

        var response = await client.GetAsync("/dashboard?period=week", Token);
        var page = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("data-journeys=\"3\" data-open=\"2\" data-won=\"1\" data-lost=\"0\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/journeys/deal-3/report\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("deal-9", page, StringComparison.Ordinal);
        await AssertProblemAsync(await client.GetAsync("/dashboard?period=year", Token), "period");
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.CreateClient().GetAsync("/dashboard", Token)).StatusCode);
    }

    internal static StringContent Json(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    internal static async Task<(long Id, string Type, string Data)> ReadEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        long? id = null;
        string? type = null, data = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0 && id is not null)
            {
                return (id.Value, type!, data!);
            }

            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }

        throw new EndOfStreamException("The stream ended before an event.");
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"{field}\"", text, StringComparison.Ordinal);
    }
}

/// <summary>The service on SQLite, its default store.</summary>
public sealed class JourneyEndpointsOnSqliteTests : JourneyEndpointsTests
{
    protected override Task<ServiceFactory> NewServiceAsync(int requestsPerMinute = 10000) => Task.FromResult(new ServiceFactory(null, requestsPerMinute));
}

/// <summary>The service on PostgreSQL (Store:Provider = PostgreSql), each test on a database of its own.</summary>
public sealed class JourneyEndpointsOnPostgreSqlTests(ServicePostgreSql server) : JourneyEndpointsTests
{
    protected override async Task<ServiceFactory> NewServiceAsync(int requestsPerMinute = 10000) => new(await server.NewDatabaseAsync(), requestsPerMinute);
}
