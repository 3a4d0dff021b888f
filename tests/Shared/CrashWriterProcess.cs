using System.Diagnostics;
using System.IO;
using Xunit;

namespace BuyingJourney.Testing;

/// <summary>
/// Starts tests/BuyingJourney.CrashWriter, the writer of our stores' <see cref="JourneyStoreCrashSuite"/> tests. The test
/// project must reference it, so that its build output sits next to the tests.
/// </summary>
internal static class CrashWriterProcess
{
    /// <summary><c>dotnet BuyingJourney.CrashWriter.dll</c> with <paramref name="arguments"/>: kind, connection string, tenant, journey, batch size[, schema].</summary>
    public static ProcessStartInfo StartInfo(params string[] arguments)
    {
        var writer = Path.Combine(System.AppContext.BaseDirectory, "BuyingJourney.CrashWriter.dll");
        Assert.True(File.Exists(writer), $"{writer} is missing: reference tests/BuyingJourney.CrashWriter from the test project.");
        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(writer);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
