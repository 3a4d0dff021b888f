using System;

namespace BuyingJourney.Tests.Support;

/// <summary>A clock the test sets by hand: <see cref="UtcNow"/> is what <see cref="GetUtcNow"/> returns until changed.</summary>
public sealed class FakeTimeProvider : TimeProvider
{
    /// <summary>Creates a clock standing at <paramref name="utcNow"/>.</summary>
    public FakeTimeProvider(DateTimeOffset utcNow) => UtcNow = utcNow;

    /// <summary>The time the clock shows.</summary>
    public DateTimeOffset UtcNow { get; set; }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => UtcNow;

    /// <summary>Moves the clock forward (or back, with a negative span).</summary>
    public void Advance(TimeSpan delta) => UtcNow += delta;
}
