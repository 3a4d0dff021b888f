using System;

namespace BuyingJourney.Testing;

/// <summary>A clock that always reads the same time: the suites' signals are dated against it, not against today.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
