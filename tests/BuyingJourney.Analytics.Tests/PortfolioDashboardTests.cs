using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using BuyingJourney.Analytics.Tests.Support;
using BuyingJourney.Signals;
using BuyingJourney.Stages;
using BuyingJourney.Tests.Export;
using Xunit;

namespace BuyingJourney.Analytics.Tests;

/// <summary>The dashboard as text and in a real browser (Debian's Chromium, headless; skipped without it, failed under CI).</summary>
public sealed class PortfolioDashboardTests : IDisposable
{
    private static readonly JourneyEngine Engine = JourneyEngine.CreateDefault();
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("buyingjourney-dashboard-");

    [Fact]
    public void Render_GeneratedPortfolio_ChartsCarryTheAnalysisFigures()
    {
        var analysis = Analysis();

        var page = PortfolioDashboard.Render(analysis, "reports/{journeyId}.html");

        AssertFigures(analysis, page);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", page.Replace("http-equiv", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(page, PortfolioDashboard.Render(analysis, "reports/{journeyId}.html"));
    }

    [Fact]
    public void Render_HostileJourneyId_StaysTextAndItsLinkIsEscaped()
    {
        const string hostile = "</li><script>alert(1)</script><img src=x onerror=alert(2)>";
        var start = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        Signal[][] journeys = [[new("s1", "j" + hostile, start, SignalTypes.ProblemStated)]];
        var analysis = new PortfolioAnalyzer(Engine, StageMappings.SellerStages).Analyze(journeys, start.AddDays(90));

        var page = PortfolioDashboard.Render(analysis, "https://crm.example/j/{journeyId}");

        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"https://crm.example/j/j%3C%2Fli%3E%3Cscript%3Ealert%281%29", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Dashboard_RenderedInChromium_HasNoConsoleMessageAndTheCountsInTheDom()
    {
        var chromium = HeadlessChromium.OfThisMachine();
        var analysis = Analysis();
        var file = Write("dashboard.html", PortfolioDashboard.Render(analysis, "reports/{journeyId}.html"));

        var rendering = chromium.Render(file, "--dump-dom");

        Assert.True(rendering.ExitCode == 0, $"chromium exited with {rendering.ExitCode}: {rendering.Log}");
        Assert.Empty(rendering.ConsoleMessages);
        AssertFigures(analysis, rendering.Output);
    }

    [Fact]
    public void Dashboard_ScreenshotInChromium_IsAPngWithContent_KeptInTheTestOutput()
    {
        var chromium = HeadlessChromium.OfThisMachine();
        var file = Write("dashboard.html", PortfolioDashboard.Render(Analysis(), "reports/{journeyId}.html"));
        var shot = Path.Combine(AppContext.BaseDirectory, "portfolio-dashboard.png");

        var rendering = chromium.Render(file, $"--screenshot={shot}", "--window-size=1280,2400", "--hide-scrollbars");

        Assert.True(rendering.ExitCode == 0, $"chromium exited with {rendering.ExitCode}: {rendering.Log}");
        Assert.Empty(rendering.ConsoleMessages);
        var png = File.ReadAllBytes(shot);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal(1280, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(2400, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.True(png.Length > 60_000, $"the screenshot is {png.Length} bytes: next to nothing was drawn");
    }

    [Fact]
    public void ConsoleMessages_DashboardBreakingItsSecurityPolicy_AreSeen()
    {
        // The check above is not vacuous: an external image the page's policy forbids shows up as a console message.
        var chromium = HeadlessChromium.OfThisMachine();
        var file = Write("broken.html", PortfolioDashboard.Render(Analysis()).Replace("</body>", "<img src=\"https://example.invalid/x.png\"></body>", StringComparison.Ordinal));

        var rendering = chromium.Render(file, "--dump-dom");

        Assert.Contains(rendering.ConsoleMessages, line => line.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static PortfolioAnalysis Analysis()
        => new PortfolioAnalyzer(Engine, StageMappings.SellerStages).Analyze(Portfolios.Generate(300, 11), Portfolios.AsOf);

    /// <summary>The figures every chart carries, read back from the page (or the browser's DOM).</summary>
    private static void AssertFigures(PortfolioAnalysis analysis, string dom)
    {
        Assert.Contains($"data-chart=\"summary\" data-journeys=\"{analysis.Journeys}\" data-open=\"{analysis.OpenJourneys}\" data-won=\"{analysis.WonJourneys}\" data-lost=\"{analysis.LostJourneys}\"", dom, StringComparison.Ordinal);
        Assert.Contains($"data-chart=\"maze\" data-count=\"{analysis.Flows.Sum(f => f.Count)}\"", dom, StringComparison.Ordinal);
        var flows = Regex.Matches(dom, "<path class=\"flow( back)?\" data-from=\"([^\"]+)\" data-to=\"([^\"]+)\" data-count=\"(\\d+)\"");
        Assert.Equal(analysis.Flows.Select(f => $"{f.From ?? "start"}>{f.To}={f.Count}"), flows.Select(m => $"{m.Groups[2].Value}>{m.Groups[3].Value}={m.Groups[4].Value}"));
        Assert.True(flows.Any(m => m.Groups[1].Success), "some flows go back to an earlier task");
        Assert.Equal(analysis.Tasks.Length + 1, Regex.Count(dom, "<g class=\"node\""));

        Assert.Contains($"data-chart=\"loop-backs\" data-count=\"{analysis.LoopBacks.Sum(c => c.Count)}\"", dom, StringComparison.Ordinal);
        var cells = Regex.Matches(dom, "<g class=\"cell\" data-from=\"([^\"]+)\" data-to=\"([^\"]+)\" data-count=\"(\\d+)\"");
        Assert.Equal((analysis.Tasks.Length + 1) * analysis.Tasks.Length, cells.Count);
        foreach (var cell in analysis.LoopBacks)
        {
            Assert.Contains(cells, m => m.Groups[1].Value == (cell.From ?? "none") && m.Groups[2].Value == cell.To && m.Groups[3].Value == cell.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var bars = Regex.Matches(dom, "<g class=\"bar\" data-stage=\"([^\"]+)\" data-count=\"(\\d+)\"");
        Assert.Equal(analysis.Stages.Select(s => $"{s.StageId}={s.Journeys}"), bars.Select(m => $"{m.Groups[1].Value}={m.Groups[2].Value}"));
        foreach (var stage in analysis.Stages)
        {
            Assert.Contains($"<tr data-stage=\"{stage.StageId}\" data-count=\"{stage.Journeys}\" data-won=\"{stage.Reached.Won}\" data-closed=\"{stage.Reached.Closed}\">", dom, StringComparison.Ordinal);
        }

        foreach (var task in analysis.Tasks)
        {
            Assert.Contains($"<td data-phase=\"Active\" data-count=\"{task.Journeys(Phases.TaskPhase.Active)}\">", dom, StringComparison.Ordinal);
        }

        foreach (var group in analysis.ByLoopBackPattern)
        {
            Assert.Contains($"<tr data-group=\"{group.Label}\" data-closed=\"{group.Outcome.Closed}\" data-won=\"{group.Outcome.Won}\"", dom, StringComparison.Ordinal);
        }

        var periods = Regex.Matches(dom, "<g class=\"period\" data-period=\"[^\"]+\" data-entered=\"(\\d+)\" data-advanced=\"(\\d+)\" data-moved-back=\"(\\d+)\" data-stalled=\"(\\d+)\" data-won=\"(\\d+)\" data-lost=\"(\\d+)\"");
        Assert.Equal(analysis.Periods.Select(p => $"{p.Entered},{p.Advanced},{p.MovedBack},{p.Stalled},{p.Won},{p.Lost}"), periods.Select(m => string.Join(',', Enumerable.Range(1, 6).Select(g => m.Groups[g].Value))));
        Assert.Contains(FormattableString.Invariant($"data-chart=\"forecast-total\" data-count=\"{analysis.Forecast.OpenJourneys}\" data-expected=\"{analysis.Forecast.ExpectedWins:0.00}\""), dom, StringComparison.Ordinal);
        Assert.Equal(analysis.Forecast.Lines.Length, Regex.Count(dom, "<tr data-stage=\"[^\"]+\" data-group="));
        Assert.Contains($"data-chart=\"quiet\" data-count=\"{analysis.QuietJourneys.Length}\"", dom, StringComparison.Ordinal);
        Assert.Equal(analysis.QuietJourneys.Select(q => $"reports/{q.JourneyId}.html"), Regex.Matches(dom, "<li data-journey=\"[^\"]+\"><a href=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
        Assert.True(analysis.QuietJourneys.Length > 0, "the portfolio has quiet journeys to link");
    }

    private string Write(string name, string html)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, html);
        return path;
    }
}
