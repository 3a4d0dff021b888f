using System;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;

namespace BuyingJourney.Service;

/// <summary>Request limits: <c>Limits:MaxRequestBodyBytes</c> (default 1 MiB) and <c>Limits:RequestsPerMinute</c> per tenant (default 600).</summary>
/// <param name="MaxRequestBodyBytes">The largest request body accepted.</param>
/// <param name="RequestsPerMinute">Requests one tenant may make in a minute.</param>
public sealed record ServiceLimits(long MaxRequestBodyBytes, int RequestsPerMinute)
{
    /// <summary>Reads the <c>Limits</c> section.</summary>
    /// <param name="section">The section.</param>
    /// <returns>The limits.</returns>
    public static ServiceLimits Read(IConfiguration section)
    {
        var body = section["MaxRequestBodyBytes"] is { Length: > 0 } b ? long.Parse(b, CultureInfo.InvariantCulture) : 1024 * 1024;
        var perMinute = section["RequestsPerMinute"] is { Length: > 0 } r ? int.Parse(r, CultureInfo.InvariantCulture) : 600;
        if (body <= 0 || perMinute <= 0)
        {
            throw new InvalidOperationException($"Limits:MaxRequestBodyBytes ({body}) and Limits:RequestsPerMinute ({perMinute}) must be positive.");
        }

        return new ServiceLimits(body, perMinute);
    }
}

/// <summary>
/// Refuses a body over the limit with 413 before anything reads it: by its Content-Length, and (chunked bodies) by the
/// server's own limit, set here for every server that has one (Kestrel).
/// </summary>
/// <param name="next">The rest of the pipeline.</param>
/// <param name="limit">The largest body, in bytes.</param>
public sealed class BodySizeLimit(RequestDelegate next, long limit)
{
    /// <summary>Runs the check.</summary>
    /// <param name="context">The request.</param>
    /// <returns>The pipeline's task.</returns>
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request body too large",
                detail: $"The body has {context.Request.ContentLength} bytes; the limit is {limit} (Limits:MaxRequestBodyBytes).").ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
