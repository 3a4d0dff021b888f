using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace BuyingJourney.Cli.Tests;

/// <summary>Runs the tool in-process in a fresh temp folder (deleted on dispose), its clock at 2026-06-01, output captured.</summary>
internal sealed class CliRun : IDisposable
{
    public CliRun()
    {
        Folder = Path.Combine(Path.GetTempPath(), $"buyingjourney-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Samples", name);

    public async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(output, error, false, Folder, new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero)));
        var code = await CommandLine.RunAsync(args, console, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    public string PathOf(string name) => Path.Combine(Folder, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
