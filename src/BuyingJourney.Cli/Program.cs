using System;
using System.Threading;
using System.Threading.Tasks;

namespace BuyingJourney.Cli;

/// <summary>The tool's entry point: the command line on the console, Ctrl+C cancelling the work.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var interactive = !Console.IsErrorRedirected;
        return await CommandLine.RunAsync(args, new CliConsole(Console.Out, Console.Error, interactive, Environment.CurrentDirectory, TimeProvider.System), cancel.Token);
    }
}
