using System;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Xunit;

namespace BuyingJourney.Tests;

/// <summary>
/// The tests run on the runtime of the target they are built for, against the library's build for that same target:
/// net10.0 under <c>dotnet test</c>; net8.0 when built with <c>-p:BuyingJourneyTestsOnNet8=true</c> and published
/// self-contained with the 8.0 runtime (.ci/run), so that run cannot pass on a later runtime it rolled forward to.
/// </summary>
public sealed class TargetRuntimeTests
{
    [Fact]
    public void Runtime_IsTheOneTheTestsTarget_AndTheLibraryUnderTestTargetsItToo()
    {
        var target = TargetVersion(typeof(TargetRuntimeTests).Assembly);
        TestContext.Current.TestOutputHelper?.WriteLine($"{RuntimeInformation.FrameworkDescription}, tests built for net{target}");

        Assert.Equal(target.Major, Environment.Version.Major);
        Assert.StartsWith($".NET {target.Major}.", RuntimeInformation.FrameworkDescription, StringComparison.Ordinal);
        Assert.Equal(target, TargetVersion(typeof(JourneyEngine).Assembly));
    }

    private static Version TargetVersion(Assembly assembly) =>
        new FrameworkName(assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName).Version;
}
