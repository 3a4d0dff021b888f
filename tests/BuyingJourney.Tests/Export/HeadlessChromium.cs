using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;
using Xunit.Sdk;

namespace BuyingJourney.Tests.Export;

/// <summary>
/// Debian's <c>chromium</c> in headless mode, to render a page as a browser does: each run with a profile of its own in a
/// temporary folder (deleted afterwards), killed (by its own process id, with its children) when it overruns. When
/// Chromium is missing a test skips with the reason, or under CI (<c>CI=true</c>, where <c>.ci/run</c> installs it) fails,
/// as the PostgreSQL tests do (<c>PostgreSqlTestGate</c>).
/// </summary>
internal sealed class HeadlessChromium
{
    /// <summary>The variable CI sets (<c>.ci/run</c> runs with <c>CI=true</c>).</summary>
    public const string CiVariable = "CI";

    /// <summary>Names the browser to use when it is not <c>chromium</c> or <c>chromium-browser</c> on the path.</summary>
    public const string ExecutableVariable = "BUYINGJOURNEY_TEST_CHROMIUM";

    /// <summary>How long one run may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static readonly string[] Names = ["chromium", "chromium-browser"];

    private HeadlessChromium(string executable) => Executable = executable;

    /// <summary>The browser's executable.</summary>
    public string Executable { get; }

    /// <summary>Whether <paramref name="ci"/>, the value of <see cref="CiVariable"/>, means a CI run: anything but empty or "false".</summary>
    public static bool IsCi(string? ci) => !string.IsNullOrWhiteSpace(ci) && !string.Equals(ci.Trim(), "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>What a test throws when there is no browser: xunit's dynamic skip carrying <paramref name="reason"/>, or under CI a failure carrying it.</summary>
    public static Exception Refusal(string reason, string? ci)
        => IsCi(ci)
            ? new XunitException($"{CiVariable}={ci}, so the browser tests may not be skipped and fail instead: {reason}")
            : SkipException.ForSkip(reason);

    /// <summary>The browser: <paramref name="named"/> when given, else the first of <c>chromium</c> and <c>chromium-browser</c> in <paramref name="path"/>; null when there is none.</summary>
    public static string? Find(string? named, string? path)
    {
        if (!string.IsNullOrWhiteSpace(named))
        {
            return File.Exists(named) ? named : null;
        }

        var folders = (path ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return Names
            .SelectMany(name => folders.Select(folder => Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Why the browser tests cannot run with <paramref name="executable"/> (from <see cref="Find"/>); null when they can.</summary>
    public static string? Obstacle(string? executable, string? named)
        => executable is not null
            ? null
            : !string.IsNullOrWhiteSpace(named)
                ? $"{ExecutableVariable} names {named}, which does not exist"
                : $"Chromium is not installed (no chromium or chromium-browser on the PATH); on Debian: apt-get install chromium, or set {ExecutableVariable} to a Chromium executable";

    /// <summary>The browser of this machine, or the refusal (<see cref="Refusal"/>) naming why there is none.</summary>
    public static HeadlessChromium OfThisMachine()
    {
        var named = Environment.GetEnvironmentVariable(ExecutableVariable);
        var executable = Find(named, Environment.GetEnvironmentVariable("PATH"));
        if (Obstacle(executable, named) is { } obstacle)
        {
            throw Refusal(obstacle, Environment.GetEnvironmentVariable(CiVariable));
        }

        return new HeadlessChromium(executable!);
    }

    /// <summary>Renders the page in <paramref name="file"/> with the extra <paramref name="arguments"/> (say <c>--dump-dom</c>) and its console logged to standard error.</summary>
    public Rendering Render(string file, params string[] arguments)
    {
        var profile = Directory.CreateTempSubdirectory("buyingjourney-chromium-");
        try
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions", $"--user-data-dir={profile.FullName}", "--enable-logging=stderr", "--v=0", .. arguments, new Uri(Path.GetFullPath(file)).AbsoluteUri])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Executable} did not start.");
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new TimeoutException($"{Executable} did not finish rendering {file} within {Timeout.TotalSeconds} s and was killed.");
            }

            process.WaitForExit();
            return new Rendering(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    /// <summary>What a run printed.</summary>
    /// <param name="ExitCode">The browser's exit code.</param>
    /// <param name="Output">Its standard output (the DOM, with <c>--dump-dom</c>).</param>
    /// <param name="Log">Its standard error: its log, the page's console messages among it.</param>
    public sealed record Rendering(int ExitCode, string Output, string Log)
    {
        /// <summary>The page's console messages (errors, warnings, security-policy violations, logs): the log's "CONSOLE" lines.</summary>
        public IReadOnlyList<string> ConsoleMessages => [.. Log.Split('\n').Where(line => line.Contains(":CONSOLE", StringComparison.Ordinal))];
    }
}
