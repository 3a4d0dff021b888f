using System;
using System.Collections.Generic;
using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BuyingJourney.Service;

/// <summary>
/// The service's bearer tokens: HMAC-SHA256 with the symmetric key in <c>Auth:SigningKey</c> (at least 32 bytes),
/// issuer <c>Auth:Issuer</c>, audience <c>Auth:Audience</c>, and the caller's tenant in the <c>tenant</c> claim.
/// </summary>
public sealed class ServiceAuth
{
    /// <summary>The claim that names the caller's tenant; the only place the service takes a tenant from.</summary>
    public const string TenantClaim = "tenant";

    private ServiceAuth(string issuer, string audience, SymmetricSecurityKey key, TimeSpan lifetime)
    {
        Issuer = issuer;
        Audience = audience;
        Key = key;
        Lifetime = lifetime;
    }

    /// <summary>The <c>iss</c> every token must carry.</summary>
    public string Issuer { get; }

    /// <summary>The <c>aud</c> every token must carry.</summary>
    public string Audience { get; }

    /// <summary>How long a token made by <see cref="CreateToken"/> is valid (<c>Auth:TokenLifetime</c>, default 8 hours).</summary>
    public TimeSpan Lifetime { get; }

    private SymmetricSecurityKey Key { get; }

    /// <summary>Reads the <c>Auth</c> section; a missing or short key fails with a message naming it.</summary>
    /// <param name="section">The <c>Auth</c> configuration section.</param>
    /// <returns>The settings.</returns>
    public static ServiceAuth Read(IConfiguration section)
    {
        var key = section["SigningKey"];
        if (string.IsNullOrEmpty(key) || Encoding.UTF8.GetByteCount(key) < 32)
        {
            throw new InvalidOperationException(
                "Auth:SigningKey must be set to a secret of at least 32 bytes (appsettings.Development.json has one for development; in production set it from a secret store, e.g. the Auth__SigningKey environment variable).");
        }

        var lifetime = section["TokenLifetime"] is { Length: > 0 } text ? TimeSpan.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : TimeSpan.FromHours(8);
        return new ServiceAuth(
            section["Issuer"] is { Length: > 0 } issuer ? issuer : "buyingjourney-service",
            section["Audience"] is { Length: > 0 } audience ? audience : "buyingjourney",
            new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
            lifetime);
    }

    /// <summary>A token for a caller of <paramref name="tenant"/>, valid from <paramref name="now"/> for <see cref="Lifetime"/>.</summary>
    /// <param name="tenant">The tenant the token's caller acts for.</param>
    /// <param name="now">When the token starts being valid.</param>
    /// <param name="lifetime">How long it stays valid; null means <see cref="Lifetime"/>.</param>
    /// <returns>The compact JWT.</returns>
    public string CreateToken(string tenant, DateTimeOffset now, TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        var expires = now + (lifetime ?? Lifetime);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = (expires < now ? expires - TimeSpan.FromMinutes(1) : now).UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = new Dictionary<string, object> { [TenantClaim] = tenant, ["sub"] = "dev:" + tenant },
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>What the bearer handler checks: signature, issuer, audience and lifetime (no clock skew).</summary>
    /// <returns>The validation parameters.</returns>
    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = Key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.Zero,
        RequireExpirationTime = true,
    };
}

/// <summary>The caller's tenant.</summary>
public static class Tenants
{
    /// <summary>The tenant claim of an authenticated caller, or null.</summary>
    /// <param name="user">The caller.</param>
    /// <returns>The tenant, or null when there is none.</returns>
    public static string? Find(ClaimsPrincipal user)
        => user.Identity?.IsAuthenticated == true && user.FindFirst(ServiceAuth.TenantClaim)?.Value is { Length: > 0 } tenant ? tenant : null;

    /// <summary>The tenant of a caller the authorization policy let in (it requires the claim).</summary>
    /// <param name="user">The caller.</param>
    /// <returns>The tenant.</returns>
    public static string Of(ClaimsPrincipal user)
        => Find(user) ?? throw new InvalidOperationException("The caller has no tenant claim; the fallback authorization policy should have refused it.");
}
