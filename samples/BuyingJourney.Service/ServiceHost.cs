using System;
using System.Threading.RateLimiting;
using BuyingJourney.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BuyingJourney.Service;

/// <summary>
/// The service's set-up, shared by its own Program.cs and samples/BuyingJourney.Cluster's: the store, options, auth,
/// limits and endpoints. Each host adds its way to the journeys (<see cref="IJourneys"/>) and what fires due
/// transitions (the store-polling scheduler here, the journeys' grains on a cluster).
/// </summary>
public static class ServiceHost
{
    /// <summary>Whether the command line asks for a token (<c>token &lt;tenant&gt; [settings...]</c>) rather than to serve.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>True for the token command.</returns>
    public static bool IsTokenCommand(string[] args) => args.Length > 0 && args[0] == "token";

    /// <summary>Prints a bearer token for the tenant the command line names, signed with the configured key.</summary>
    /// <param name="args">The command line: <c>token &lt;tenant&gt;</c>, then settings such as <c>--Auth:TokenLifetime=01:00:00</c>.</param>
    /// <returns>The exit code: 0, or 2 for a missing tenant.</returns>
    public static int PrintToken(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length < 2 || string.IsNullOrWhiteSpace(args[1]))
        {
            Console.Error.WriteLine("usage: dotnet run -- token <tenant> [--Auth:TokenLifetime=01:00:00]");
            return 2;
        }

        var auth = ServiceAuth.Read(WebApplication.CreateBuilder(args[2..]).Configuration.GetSection("Auth"));
        Console.WriteLine(auth.CreateToken(args[1], DateTimeOffset.UtcNow));
        return 0;
    }

    /// <summary>
    /// Registers the store (SQLite by default, PostgreSQL when <c>Store:Provider</c> says so; the connection string is
    /// <c>ConnectionStrings:Journeys</c>), the <c>BuyingJourney</c> options section, migration on start, the rebuild
    /// worker, the health check, JWT bearer auth (the tenant is the token's claim), the body-size and per-tenant rate
    /// limits, JSON and OpenAPI.
    /// </summary>
    /// <param name="builder">The web application's builder.</param>
    /// <returns>The journeys' builder, for the host's own additions.</returns>
    public static BuyingJourneyBuilder AddJourneyService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var auth = ServiceAuth.Read(builder.Configuration.GetSection("Auth"));
        var limits = ServiceLimits.Read(builder.Configuration.GetSection("Limits"));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);
        builder.Services.AddSingleton(limits);

        var connectionString = builder.Configuration.GetConnectionString("Journeys")
            ?? throw new InvalidOperationException("ConnectionStrings:Journeys is not set.");
        var journeys = builder.Services.AddBuyingJourney();
        var provider = builder.Configuration["Store:Provider"] ?? "Sqlite";
        journeys = provider switch
        {
            "Sqlite" => journeys.UseSqlite(connectionString),
            "PostgreSql" => journeys.UsePostgreSql(connectionString),
            _ => throw new InvalidOperationException($"Store:Provider '{provider}' is not a store this service knows: use Sqlite or PostgreSql."),
        };
        journeys.BindConfiguration(builder.Configuration.GetSection("BuyingJourney"))
            .MigrateOnStartup()
            .AddHostedRebuild();
        builder.Services.AddHealthChecks().AddBuyingJourneyStore();

        // Callers: a JWT bearer token signed with the configured key; the tenant is the token's "tenant" claim, nothing else.
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = auth.ValidationParameters();
            });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(ServiceAuth.TenantClaim)
                .Build());

        // Limits: a fixed window of requests per tenant (callers without a tenant share one window per address).
        builder.Services.AddRateLimiter(rateLimiter =>
        {
            rateLimiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            rateLimiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetFixedWindowLimiter(
                    Tenants.Find(context.User) is { } tenant ? "tenant:" + tenant : "address:" + context.Connection.RemoteIpAddress,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.RequestsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });

        builder.Services.AddProblemDetails();
        builder.Services.Configure<JsonOptions>(json => ServiceJson.Configure(json.SerializerOptions));
        builder.Services.AddOpenApi();
        return journeys;
    }

    /// <summary>The middleware (errors, body limit, auth, rate limit) and the endpoints: OpenAPI, health, journeys, dashboard, feed, rebuild.</summary>
    /// <param name="app">The built application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapJourneyService(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<BodySizeLimit>(app.Services.GetRequiredService<ServiceLimits>().MaxRequestBodyBytes);
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapOpenApi().AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapJourneys();
        app.MapDashboard();
        app.MapFeed();
        app.MapRebuild();
        return app;
    }
}
