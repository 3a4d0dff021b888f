using System;

namespace BuyingJourney.Tests.Architecture.Fixture.Left;

/// <summary>Uses Right only inside a lambda (a compiler-generated closure class), and Below through its base type.</summary>
internal sealed class LeftType : Below.BelowType
{
    public static int Run()
    {
        Func<int> call = () => Right.RightType.Value();
        return call();
    }
}
