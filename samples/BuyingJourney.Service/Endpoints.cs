using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Claims;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Analytics;
using BuyingJourney.Export;
using BuyingJourney.Hosting;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using BuyingJourney.Stages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BuyingJourney.Service;

/// <summary>The service's endpoints. Every one takes the tenant from the caller's token (<see cref="Tenants.Of"/>).</summary>
public static class Endpoints
{
    /// <summary>Signals in, assessments and reports out.</summary>
    /// <param name="app">The routes.</param>
    /// <returns>The same routes.</returns>
    public static IEndpointRouteBuilder MapJourneys(this IEndpointRouteBuilder app)
    {
        app.MapPost("/journeys/signals", RecordAsync)
            .Accepts<SignalBatch>("application/json")
            .Produces<RecordResponse>()
            .ProducesValidationProblem();
        app.MapGet("/journeys/{id}", async Task<Results<Ok<AssessmentView>, NotFound>> (string id, ClaimsPrincipal user, IJourneys journeys, IJourneyStore store, CancellationToken cancellationToken) =>
        {
            var tenant = Tenants.Of(user);
            if (await store.GetVersionAsync(tenant, id, cancellationToken) == 0)
            {
                return TypedResults.NotFound();
            }

            return TypedResults.Ok(AssessmentView.From(await journeys.GetAsync(tenant, id, cancellationToken)));
        });
        app.MapGet("/journeys/{id}/report", async Task<Results<ContentHttpResult, NotFound>> (string id, ClaimsPrincipal user, IJourneys journeys, JourneyEngine engine, IJourneyStore store, CancellationToken cancellationToken) =>
        {
            var tenant = Tenants.Of(user);
            var stored = await store.ReadAsync(tenant, id, cancellationToken: cancellationToken);
            if (stored.Count == 0)
            {
                return TypedResults.NotFound();
            }

            var assessment = await journeys.GetAsync(tenant, id, cancellationToken);
            var trace = engine.Trace(id, stored.Select(s => s.Signal));
            return TypedResults.Content(Html.JourneyReport(trace, assessment), "text/html; charset=utf-8");
        });
        return app;
    }

    /// <summary>
    /// The tenant's pipeline dashboard (BuyingJourney.Analytics): every stored journey analysed as of now, in one pass
    /// page by page from the store, on the default seller stages, as one self-contained HTML page whose quiet journeys
    /// link to their reports. <c>?period=week</c> counts the flow per week instead of per month.
    /// </summary>
    /// <param name="app">The routes.</param>
    /// <returns>The same routes.</returns>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dashboard", async Task<Results<ContentHttpResult, ValidationProblem>> (HttpContext context, JourneyEngine engine, IJourneyStore store, CancellationToken cancellationToken, string period = "month") =>
        {
            if (period is not ("month" or "week"))
            {
                return Invalid("period", "period must be month or week.");
            }

            var options = new PortfolioOptions { Period = period == "week" ? PortfolioPeriod.Week : PortfolioPeriod.Month };
            var analysis = await new PortfolioAnalyzer(engine, StageMappings.SellerStages, options)
                .AnalyzeStoreAsync(store, Tenants.Of(context.User), Now(context), cancellationToken: cancellationToken);
            return TypedResults.Content(PortfolioDashboard.Render(analysis, "/journeys/" + PortfolioDashboard.JourneyIdPlaceholder + "/report"), "text/html; charset=utf-8");
        });
        return app;
    }

    /// <summary>The change feed: pages, a live stream and acknowledged cursors.</summary>
    /// <param name="app">The routes.</param>
    /// <returns>The same routes.</returns>
    public static IEndpointRouteBuilder MapFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet("/feed", async Task<Results<Ok<FeedPage>, ValidationProblem>> (ClaimsPrincipal user, JourneyFeed feed, CancellationToken cancellationToken, long after = 0, string? journey = null, int limit = 100) =>
        {
            if (after < 0 || limit is < 1 or > 1000)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    [after < 0 ? "after" : "limit"] = [after < 0 ? "after must be 0 or more." : "limit must be from 1 to 1000."],
                });
            }

            var events = await feed.ReadAsync(Tenants.Of(user), after, limit, journey, cancellationToken);
            return TypedResults.Ok(new FeedPage([.. events.Select(EventView.Of)], events.Count == 0 ? after : events[^1].Position));
        });
        app.MapGet("/feed/stream", StreamAsync).Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        app.MapGet("/feed/cursor/{consumer}", async (string consumer, ClaimsPrincipal user, JourneyFeed feed, CancellationToken cancellationToken)
            => TypedResults.Ok(new FeedAck(consumer, await feed.GetCursorAsync(Tenants.Of(user), consumer, cancellationToken))));
        app.MapPost("/feed/ack", async Task<Results<NoContent, ValidationProblem>> (FeedAck ack, ClaimsPrincipal user, JourneyFeed feed, CancellationToken cancellationToken) =>
        {
            if (string.IsNullOrWhiteSpace(ack.Consumer) || ack.Position < 0)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    [string.IsNullOrWhiteSpace(ack.Consumer) ? "consumer" : "position"] = ["consumer must be a name and position 0 or more."],
                });
            }

            await feed.AcknowledgeAsync(Tenants.Of(user), ack.Consumer, ack.Position, cancellationToken);
            return TypedResults.NoContent();
        });
        return app;
    }

    /// <summary>Rebuilds of the caller's tenant (after deploying a new rulebook).</summary>
    /// <param name="app">The routes.</param>
    /// <returns>The same routes.</returns>
    public static IEndpointRouteBuilder MapRebuild(this IEndpointRouteBuilder app)
    {
        app.MapPost("/rebuild", (ClaimsPrincipal user, JourneyRebuilds rebuilds)
            => TypedResults.Accepted("/rebuild", RebuildView.From(rebuilds.Request(Tenants.Of(user)))));
        app.MapGet("/rebuild", Results<Ok<RebuildView>, NotFound> (ClaimsPrincipal user, JourneyRebuilds rebuilds)
            => rebuilds.Status(Tenants.Of(user)) is { } status ? TypedResults.Ok(RebuildView.From(status)) : TypedResults.NotFound());
        return app;
    }

    private static async Task<IResult> RecordAsync(HttpRequest request, ClaimsPrincipal user, IJourneys journeys, CancellationToken cancellationToken)
    {
        SignalBatch? batch;
        try
        {
            batch = await JsonSerializer.DeserializeAsync<SignalBatch>(request.Body, ServiceJson.Options, cancellationToken);
        }
        catch (JsonException e)
        {
            return Invalid(e.Path is { Length: > 0 } path ? path.TrimStart('$', '.') : "body", e.Message);
        }

        if (batch?.Signals is not { Count: > 0 } inputs)
        {
            return Invalid("signals", "The body must be {\"signals\": [...]} with at least one signal.");
        }

        var signals = new List<Signal>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] is not { } input)
            {
                return Invalid($"signals[{i}]", "A signal is null.");
            }

            try
            {
                signals.Add(new Signal(
                    input.Id!,
                    input.JourneyId!,
                    input.OccurredAt,
                    input.Type!,
                    input.Stakeholder is { } person ? new Stakeholder(person.Id!, person.Role) : null,
                    input.Source,
                    input.Attributes));
            }
            catch (ArgumentException e)
            {
                return Invalid($"signals[{i}].{e.ParamName ?? "signal"}", e.Message);
            }
        }

        try
        {
            return TypedResults.Ok(RecordResponse.From(await journeys.RecordAsync(Tenants.Of(user), signals, cancellationToken)));
        }
        catch (ArgumentException e)
        {
            return Invalid(e.ParamName ?? "signals", e.Message);
        }
    }

    private static async Task StreamAsync(HttpContext context, JourneyFeed feed, string? journey = null, long? after = null)
    {
        var tenant = Tenants.Of(context.User);
        var start = after ?? (long.TryParse(context.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : 0);
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.Body.FlushAsync(context.RequestAborted);
        try
        {
            await foreach (var stored in feed.FollowAsync(tenant, start, journey, context.RequestAborted))
            {
                var data = JsonSerializer.Serialize(EventView.Of(stored), ServiceJson.Options);
                await context.Response.WriteAsync(
                    string.Create(CultureInfo.InvariantCulture, $"id: {stored.Position}\nevent: {stored.Event.Type}\ndata: {data}\n\n"),
                    context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    /// <summary>Now, on the host's <see cref="TimeProvider"/> when it registers one (as the journey service does).</summary>
    private static DateTimeOffset Now(HttpContext context)
        => (context.RequestServices.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System).GetUtcNow();

    private static ValidationProblem Invalid(string field, string message)
        => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "Invalid " + field);
}
