// BuyingJourney as a small web service: signals in, assessments, reports and the change feed out.
// `dotnet run` serves it (SQLite in journeys.db by default); `dotnet run -- token <tenant>` prints a bearer token for
// that tenant, signed with the configured key (Auth:SigningKey; appsettings.Development.json has a development one).
using System;
using System.Threading.RateLimiting;
using BuyingJourney;
using BuyingJourney.Hosting;
using BuyingJourney.Service;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var tokenCommand = args.Length > 0 && args[0] == "token";
var builder = WebApplication.CreateBuilder(tokenCommand ? args[Math.Min(2, args.Length)..] : args);
var auth = ServiceAuth.Read(builder.Configuration.GetSection("Auth"));
if (tokenCommand)
{
    if (args.Length < 2 || string.IsNullOrWhiteSpace(args[1]))
    {
        Console.Error.WriteLine("usage: dotnet run -- token <tenant> [--Auth:TokenLifetime=01:00:00]");
        return 2;
    }

    Console.WriteLine(auth.CreateToken(args[1], DateTimeOffset.UtcNow));
    return 0;
}

var limits = ServiceLimits.Read(builder.Configuration.GetSection("Limits"));
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);

// The store: SQLite by default, PostgreSQL when Store:Provider says so; the connection string is ConnectionStrings:Journeys.
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
    .AddHostedScheduler()
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

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<BodySizeLimit>(limits.MaxRequestBodyBytes);
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();

app.MapOpenApi().AllowAnonymous();
app.MapHealthChecks("/health").AllowAnonymous();
app.MapJourneys();
app.MapFeed();
app.MapRebuild();

await app.RunAsync();
return 0;

/// <summary>The entry point, named for the end-to-end tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
