using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace BuyingJourney.Service.Tests;

/// <summary>
/// The service in memory, on its own temporary SQLite file (or, given one, a PostgreSQL database), with a test signing
/// key and a small body limit.
/// </summary>
/// <param name="postgreSql">A connection string to an empty PostgreSQL database to keep the journeys in; null for SQLite.</param>
/// <param name="requestsPerMinute">The per-tenant rate limit.</param>
public sealed class ServiceFactory(string? postgreSql = null, int requestsPerMinute = 10000) : WebApplicationFactory<Program>
{
    public const string SigningKey = "service-tests-signing-key-0123456789abcdef";
    public const long BodyLimit = 16 * 1024;

    private readonly string _folder = Directory.CreateTempSubdirectory("bj-service-").FullName;

    public ServiceAuth Auth { get; } = ServiceAuth.Read(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["SigningKey"] = SigningKey })
        .Build());

    /// <summary>A client whose calls carry a token of <paramref name="tenant"/>.</summary>
    public HttpClient ClientOf(string tenant)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Auth.CreateToken(tenant, DateTimeOffset.UtcNow));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (postgreSql is null)
        {
            builder.UseSetting("ConnectionStrings:Journeys", "Data Source=" + Path.Combine(_folder, "journeys.db"));
        }
        else
        {
            builder.UseSetting("Store:Provider", "PostgreSql");
            builder.UseSetting("ConnectionStrings:Journeys", postgreSql);
        }

        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.UseSetting("Limits:MaxRequestBodyBytes", BodyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Limits:RequestsPerMinute", requestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open is left to the temp folder's cleaning.
        }
    }
}

/// <summary>Signals as the CRM posts them.</summary>
public static class Api
{
    public static object Signal(string id, string journeyId, DateTimeOffset at, string type)
        => new { id, journeyId, occurredAt = at, type };

    public static Task<HttpResponseMessage> PostSignalsAsync(this HttpClient client, params object[] signals)
        => client.PostAsJsonAsync("/journeys/signals", new { signals }, TestContext.Current.CancellationToken);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
        => await (await client.GetAsync(path, TestContext.Current.CancellationToken)).JsonAsync();
}
