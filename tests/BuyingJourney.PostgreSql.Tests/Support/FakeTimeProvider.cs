using System;

namespace BuyingJourney.PostgreSql.Tests.Support;

/// <summary>A clock the test sets by hand.</summary>
internal sealed class FakeTimeProvider(DateTimeOffset utcNow) : TimeProvider
{
    /// <summary>The time the clock shows.</summary>
    public DateTimeOffset UtcNow { get; set; } = utcNow;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => UtcNow;
}
