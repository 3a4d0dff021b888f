using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using BuyingJourney.Export;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Export;

public sealed class HtmlTests
{
    private const string Hostile = "</script><img src=x onerror=alert(1)>\"'&";

    [Fact]
    public void JourneyReport_ConcurrentTasksWithALoopBack_HasALanePerTaskItsIntervalsAndTheLoopBack()
    {
        var html = Report(JourneyScripts.ConcurrentWithALoopBack(), Day(45));

        var lanes = Regex.Matches(html, "<g class=\"lane\" data-task=\"([^\"]*)\">").Select(m => m.Groups[1].Value);
        Assert.Equal(["ProblemIdentification", "SolutionExploration", "RequirementsBuilding", "SupplierSelection", "Validation", "ConsensusCreation"], lanes);
        Assert.Equal(["Active", "Completed", "Revisiting", "Completed"], Phases(Lane(html, "ProblemIdentification")));
        Assert.Equal(["Active", "Dormant"], Phases(Lane(html, "SolutionExploration")));
        Assert.Empty(Phases(Lane(html, "ConsensusCreation")));
        var loopBack = Assert.Single(Regex.Matches(html, "<g class=\"loop-back\"[^>]*>"));
        Assert.Equal("<g class=\"loop-back\" data-task=\"ProblemIdentification\" data-signal=\"s5\" data-from=\"SolutionExploration RequirementsBuilding\">", loopBack.Value);
        Assert.Contains("<title>loop-back on 2026-03-10 09:00: back to Problem identification from Solution exploration and Requirements building (signal s5)</title>", html, StringComparison.Ordinal);
        Assert.Contains("<g class=\"status-change\" data-status=\"Stalled\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void JourneyReport_AsOfAfterTheLastSignal_DrawsTheDecayThatFollowedIt()
    {
        var signals = JourneyScripts.ConcurrentWithALoopBack()[..7]; // up to the reference request on day 11

        var html = Report(signals, Day(60));

        // Nothing was traced after day 11; by day 60 the assessment has every active task dormant.
        Assert.Equal(["Active", "Dormant"], Phases(Lane(html, "Validation")));
        Assert.Contains("is <strong class=\"status\" data-status=\"Open\">Open</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void JourneyReport_Intervals_NameTheirSignalsAndEvidenceOnHover()
    {
        var html = Report(JourneyScripts.ConcurrentWithALoopBack(), Day(45));

        var revisit = Regex.Match(Lane(html, "ProblemIdentification"), "<rect class=\"interval phase-revisiting\"[^>]*><title>([^<]*)</title>").Groups[1].Value;
        Assert.StartsWith("Problem identification: Revisiting 2026-03-10 09:00 to 2026-03-14 09:00\nloop-back: ", revisit, StringComparison.Ordinal);
        Assert.Contains("(signal s5)", revisit, StringComparison.Ordinal);
        Assert.Contains("\n- s5 problem.metric-missed, 2026-03-10 09:00: weight", revisit, StringComparison.Ordinal);
        var dots = Regex.Matches(Lane(html, "Validation"), "<circle class=\"evidence\" data-signal=\"([^\"]*)\"").Select(m => m.Groups[1].Value);
        Assert.Contains("s7", dots);
    }

    [Fact]
    public void JourneyReport_BuyingGroupActionsAndGuardrails_AreTheAssessment()
    {
        var day = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        Signal[] signals =
        [
            new("s1", "acme", day, SignalTypes.RfpIssued, new Stakeholder("ana", StakeholderRoles.Purchaser)),
            new("s2", "acme", day.AddDays(3), SignalTypes.ReferenceRequested, new Stakeholder("ben", StakeholderRoles.Influencer)),
            new("s3", "acme", day.AddDays(6), SignalTypes.SupplierChosen, new Stakeholder("ana", StakeholderRoles.Purchaser)),
        ];
        var engine = JourneyEngine.CreateDefault();
        var assessment = engine.Assess("acme", signals, day.AddDays(7));

        var html = Html.JourneyReport(engine.Trace("acme", signals), assessment);

        Assert.Equal(["ana", "ben"], Regex.Matches(html, "<tr class=\"stakeholder\" data-stakeholder=\"([^\"]*)\" data-engagement=\"Engaged\">").Select(m => m.Groups[1].Value));
        Assert.Contains("<td>ana</td><td>purchaser</td><td>Engaged</td>", html, StringComparison.Ordinal);
        Assert.Equal(assessment.NextBestActions.Select(a => a.Code), Regex.Matches(html, "<li class=\"action\" data-code=\"([^\"]*)\"").Select(m => m.Groups[1].Value));
        Assert.Equal(assessment.Guardrails.Select(g => g.Code), Regex.Matches(html, "<li class=\"guardrail\" data-code=\"([^\"]*)\"").Select(m => m.Groups[1].Value));
        Assert.NotEmpty(assessment.Guardrails);
        Assert.Contains("roles missing: decision maker, user, approver (finance, legal)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("(with the ", html, StringComparison.Ordinal);
    }

    [Fact]
    public void JourneyReport_HostileStrings_AreEncodedEverywhere()
    {
        var journey = "j" + Hostile;
        Signal[] signals =
        [
            new("s1" + Hostile, journey, Day(0), SignalTypes.ProblemStated, new Stakeholder("who" + Hostile, "role" + Hostile)),
            new("s2" + Hostile, journey, Day(2), SignalTypes.ProblemDefined, new Stakeholder("who" + Hostile, "role" + Hostile)),
            new("s3" + Hostile, journey, Day(3), SignalTypes.SolutionResearched, new Stakeholder("other" + Hostile)),
            new("s4" + Hostile, journey, Day(4), SignalTypes.ProblemMetricMissed, new Stakeholder("who" + Hostile, "role" + Hostile)),
        ];
        var engine = JourneyEngine.CreateDefault();

        var html = Html.JourneyReport(engine.Trace(journey, signals), engine.Assess(journey, signals, Day(5)));

        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("</script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("'&", html, StringComparison.Ordinal);
        const string encoded = "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;";
        Assert.Contains($"<h1>Journey j{encoded}</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"data-signal=\"s4{encoded}\"", html, StringComparison.Ordinal);
        Assert.Contains($"<td>who{encoded}</td><td>role{encoded}</td>", html, StringComparison.Ordinal);
        // Every attribute value is quoted and holds no raw quote, angle bracket or ampersand that is not an entity.
        Assert.DoesNotMatch("=\"[^\"]*[<>][^\"]*\"", html);
        Assert.DoesNotMatch("&(?!(?:lt|gt|quot|amp|#39);)", html);
    }

    [Fact]
    public void JourneyReport_IsSelfContainedDeterministicAndInvariant()
    {
        var signals = JourneyScripts.ConcurrentWithALoopBack();
        var html = Report(signals, Day(45));
        var culture = CultureInfo.CurrentCulture;
        string other;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            other = Report(signals, Day(45));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        Assert.Equal(html, other);
        Assert.DoesNotContain('\r', html);
        Assert.StartsWith("<!DOCTYPE html>\n", html, StringComparison.Ordinal);
        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        // The one address is the SVG namespace, which names and loads nothing.
        Assert.Equal(["http://www.w3.org/2000/svg"], Regex.Matches(html, "https?://[^\"\\s]*").Select(m => m.Value).Distinct());
        Assert.DoesNotMatch("\\d,\\d", Regex.Replace(html, "<title>[^<]*</title>", string.Empty));
    }

    [Fact]
    public void JourneyReport_NoSignals_SaysSoAndStillShowsTheSections()
    {
        var engine = JourneyEngine.CreateDefault();

        var html = Html.JourneyReport(engine.Trace(JourneyId, []), engine.Assess(engine.Start(JourneyId), Day(0)));

        Assert.Contains("<p class=\"empty\">No signals applied yet.</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
        Assert.Contains("<section class=\"buying-group\">", html, StringComparison.Ordinal);
        Assert.Contains("<section class=\"guardrails\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void JourneyReport_AssessmentOfOtherSignals_ThrowsNamingAssessment()
    {
        var engine = JourneyEngine.CreateDefault();
        var signals = JourneyScripts.ConcurrentWithALoopBack();
        var trace = engine.Trace(JourneyId, signals);

        var ex = Assert.Throws<ArgumentException>(() => Html.JourneyReport(trace, engine.Assess(JourneyId, signals[..3], Day(5))));

        Assert.Equal("assessment", ex.ParamName);
        Assert.Contains("after 3 signals", ex.Message, StringComparison.Ordinal);
        Assert.Equal("trace", Assert.Throws<ArgumentNullException>(() => Html.JourneyReport(null!, engine.Assess(JourneyId, signals, Day(45)))).ParamName);
        Assert.Equal("assessment", Assert.Throws<ArgumentNullException>(() => Html.JourneyReport(trace, null!)).ParamName);
    }

    /// <summary>The report of journey "j" from <paramref name="signals"/> as of <paramref name="asOf"/>.</summary>
    internal static string Report(Signal[] signals, DateTimeOffset asOf)
    {
        var engine = JourneyEngine.CreateDefault();
        return Html.JourneyReport(engine.Trace(JourneyId, signals), engine.Assess(JourneyId, signals, asOf));
    }

    private static string Lane(string html, string taskId)
    {
        var start = html.IndexOf($"<g class=\"lane\" data-task=\"{taskId}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no lane for {taskId}");
        return html[start..html.IndexOf("</g>\n", start, StringComparison.Ordinal)];
    }

    private static string[] Phases(string lane) => [.. Regex.Matches(lane, "data-phase=\"([^\"]*)\"").Select(m => m.Groups[1].Value)];
}
