// BuyingJourney as a small web service: signals in, assessments, reports and the change feed out.
// `dotnet run` serves it (SQLite in journeys.db by default); `dotnet run -- token <tenant>` prints a bearer token for
// that tenant, signed with the configured key (Auth:SigningKey; appsettings.Development.json has a development one).
// The set-up is ServiceHost's, which samples/BuyingJourney.Cluster shares; this process records through its own
// JourneyService and fires due transitions with the store-polling scheduler.
using BuyingJourney;
using BuyingJourney.Hosting;
using BuyingJourney.Service;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

if (ServiceHost.IsTokenCommand(args))
{
    return ServiceHost.PrintToken(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddJourneyService().AddHostedScheduler();
builder.Services.AddSingleton<IJourneys, LocalJourneys>();

var app = builder.Build();
app.MapJourneyService();
await app.RunAsync();
return 0;

/// <summary>The entry point, named for the end-to-end tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
