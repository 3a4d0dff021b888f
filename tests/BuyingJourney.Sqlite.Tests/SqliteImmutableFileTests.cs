using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using BuyingJourney.Sqlite.Tests.Support;
using Xunit;

namespace BuyingJourney.Sqlite.Tests;

/// <summary>
/// The database, -wal and -shm made immutable (<c>chattr +i</c>) under a running store: SQLite's next write to the
/// memory-mapped -shm raised SIGBUS and killed the process. The store runs in a child process (this test executable
/// started as <see cref="ImmutableFilesChild"/>) so that the test host survives either way.
/// </summary>
public sealed class SqliteImmutableFileTests
{
    [Fact]
    public async Task Store_FilesMadeImmutableWhileInUse_RefusesWithIOExceptionAndTheProcessSurvives()
    {
        using var fileSystem = ExtFileSystem.Create();
        var path = Path.Combine(fileSystem.Directory, "journeys.db");
        string[] files = [path, path + "-wal", path + "-shm"];
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BuyingJourney.Sqlite.Tests.dll"));
        start.ArgumentList.Add(ImmutableFilesChild.Argument);
        start.ArgumentList.Add(path);

        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the child process");
        var errors = child.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        string output;
        try
        {
            Assert.Equal("READY", await child.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken));
            ExtFileSystem.SetImmutable(true, files);

            // Write the -shm's dirty pages back, so that the next store to them faults (and found the file immutable).
            Assert.Equal(0, Shell.Run("sync").ExitCode);
            await child.StandardInput.WriteLineAsync("GO");
            await child.StandardInput.FlushAsync(TestContext.Current.CancellationToken);
            output = await child.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await child.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill();
            }

            ExtFileSystem.SetImmutable(false, files);
        }

        Assert.True(child.ExitCode == 0, $"the child process ended with exit code {child.ExitCode} (135 is SIGBUS); it printed: {output} {await errors}");
        var refusal = $"System.IO.IOException: The journey store's SQLite file \"{path}\" is immutable";
        Assert.Contains("append: " + refusal, output, StringComparison.Ordinal);
        Assert.Contains("read: " + refusal, output, StringComparison.Ordinal);
        Assert.Contains("CLOSED", output, StringComparison.Ordinal);
    }
}
