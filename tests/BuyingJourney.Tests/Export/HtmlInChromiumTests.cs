using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using BuyingJourney.Export;
using BuyingJourney.QuickStart;
using BuyingJourney.Signals;
using Xunit;
using Xunit.Sdk;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Export;

/// <summary>The journey report in a real browser: Debian's Chromium, headless (skipped without it, failed under CI).</summary>
public sealed class HtmlInChromiumTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("buyingjourney-report-");

    [Fact]
    public void JourneyReport_RenderedInChromium_HasEveryLaneAndLoopBackAndNoConsoleMessage()
    {
        var chromium = HeadlessChromium.OfThisMachine();
        var page = Write("journey.html", SoftwarePurchaseReport());

        var rendering = chromium.Render(page, "--dump-dom");

        Assert.True(rendering.ExitCode == 0, $"chromium exited with {rendering.ExitCode}: {rendering.Log}");
        Assert.Empty(rendering.ConsoleMessages);
        var dom = rendering.Output;
        Assert.Equal(6, Regex.Count(dom, "<g class=\"lane\" data-task=\"[A-Za-z]+\">"));
        Assert.Equal(["s05", "s12"], Regex.Matches(dom, "<g class=\"loop-back\" data-task=\"[A-Za-z]+\" data-signal=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
        Assert.True(Regex.Count(dom, "<rect class=\"interval phase-") >= 12, "every lane has its intervals");
        Assert.Contains("<li class=\"action\"", dom, StringComparison.Ordinal);
    }

    [Fact]
    public void JourneyReport_HostileStringsRenderedInChromium_StayText()
    {
        var chromium = HeadlessChromium.OfThisMachine();
        const string hostile = "</script><img src=x onerror=alert(1)><script>alert(2)</script>";
        Signal[] signals =
        [
            new("s1" + hostile, "j" + hostile, Day(0), SignalTypes.ProblemStated, new Stakeholder("who" + hostile, "role" + hostile)),
            new("s2" + hostile, "j" + hostile, Day(2), SignalTypes.ProblemDefined, new Stakeholder("who" + hostile)),
            new("s3" + hostile, "j" + hostile, Day(3), SignalTypes.SolutionResearched),
            new("s4" + hostile, "j" + hostile, Day(4), SignalTypes.ProblemMetricMissed),
        ];
        var engine = JourneyEngine.CreateDefault();
        var page = Write("hostile.html", Html.JourneyReport(engine.Trace("j" + hostile, signals), engine.Assess("j" + hostile, signals, Day(5))));

        var rendering = chromium.Render(page, "--dump-dom");

        Assert.Empty(rendering.ConsoleMessages);
        Assert.DoesNotContain("<img", rendering.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", rendering.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Single(Regex.Matches(rendering.Output, "<g class=\"loop-back\""));
        Assert.Contains("<h1>Journey j&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;", rendering.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void JourneyReport_ScreenshotInChromium_IsAPngOfTheWindowWithContent()
    {
        var chromium = HeadlessChromium.OfThisMachine();
        var page = Write("journey.html", SoftwarePurchaseReport());
        var shot = Path.Combine(_folder.FullName, "journey.png");

        var rendering = chromium.Render(page, $"--screenshot={shot}", "--window-size=1200,1000", "--hide-scrollbars");

        Assert.True(rendering.ExitCode == 0, $"chromium exited with {rendering.ExitCode}: {rendering.Log}");
        Assert.Empty(rendering.ConsoleMessages);
        var png = File.ReadAllBytes(shot);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(1200, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(1000, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        // A blank window compresses to a few kilobytes; lanes, tables and text do not.
        Assert.True(png.Length > 30_000, $"the screenshot is {png.Length} bytes: next to nothing was drawn");
    }

    [Fact]
    public void ConsoleMessages_PageBreakingItsSecurityPolicy_AreSeen()
    {
        // The check above is not vacuous: an image the report's policy forbids shows up as a console message.
        var chromium = HeadlessChromium.OfThisMachine();
        var page = Write("broken.html", SoftwarePurchaseReport().Replace("</body>", "<img src=\"https://example.invalid/x.png\"></body>", StringComparison.Ordinal));

        var rendering = chromium.Render(page, "--dump-dom");

        Assert.Contains(rendering.ConsoleMessages, line => line.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("false", false)]
    [InlineData(" False ", false)]
    [InlineData("true", true)]
    [InlineData("1", true)]
    public void Refusal_WithoutChromium_SkipsLocallyAndFailsUnderCi(string? ci, bool fails)
    {
        var reason = HeadlessChromium.Obstacle(null, null)!;

        var refusal = HeadlessChromium.Refusal(reason, ci);

        Assert.Equal(fails, HeadlessChromium.IsCi(ci));
        Assert.Equal(fails, refusal is XunitException && !refusal.Message.StartsWith(Xunit.v3.DynamicSkipToken.Value, StringComparison.Ordinal));
        Assert.Contains("apt-get install chromium", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_SearchesThePathAndHonoursAnExplicitExecutable()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_folder.FullName, "bin"));
        var browser = Path.Combine(bin.FullName, "chromium-browser");
        File.WriteAllText(browser, string.Empty);
        var path = string.Join(Path.PathSeparator, Path.Combine(_folder.FullName, "none"), bin.FullName);

        Assert.Equal(browser, HeadlessChromium.Find(null, path));
        Assert.Null(HeadlessChromium.Find(null, Path.Combine(_folder.FullName, "none")));
        Assert.Null(HeadlessChromium.Find(Path.Combine(_folder.FullName, "missing"), path));
        Assert.Contains(HeadlessChromium.ExecutableVariable, HeadlessChromium.Obstacle(null, "/nowhere/chromium"), StringComparison.Ordinal);
        Assert.Null(HeadlessChromium.Obstacle(browser, null));
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static string SoftwarePurchaseReport()
    {
        var engine = JourneyEngine.CreateDefault();
        var signals = SoftwarePurchase.Script.Select(s => s.Signal).ToArray();
        return Html.JourneyReport(engine.Trace(SoftwarePurchase.JourneyId, signals), engine.Assess(SoftwarePurchase.JourneyId, signals, SoftwarePurchase.Script[^1].Signal.OccurredAt));
    }

    private string Write(string name, string html)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, html);
        return path;
    }
}
