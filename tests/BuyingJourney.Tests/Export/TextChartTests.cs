using System;
using System.Globalization;
using System.Linq;
using BuyingJourney.Export;
using BuyingJourney.Model;
using BuyingJourney.Rules;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Export;

public sealed class TextChartTests
{
    [Fact]
    public void JourneyDiagram_ConcurrentTasksWithALoopBack_IsExactlyTheExpectedLanes()
    {
        var engine = JourneyEngine.CreateDefault();
        var trace = engine.Trace(JourneyId, JourneyScripts.ConcurrentWithALoopBack());
        string[] lines =
        [
            "journey j (gartner)",
            "                                2026-03-02                    2026-04-11",
            "time                            ├──────────────────────────────────────▶",
            "Problem identification          ██✓     ↺▓▓▓✓",
            "Solution exploration                ███████████████████████░░░░░░░░░░░░░",
            "Requirements building                 █████████████████████████████████░",
            "Supplier selection                        ███████████████████████░░░░░░░",
            "Validation (always on)                     █████████████████████████████",
            "Consensus creation (always on)",
            "                                █ active  ▓ revisiting  ░ dormant  ✓ completed  ↺ loop-back",
            "↺ 2026-03-10 back to Problem identification from Solution exploration and Requirements building (signal s5)",
            "journey Stalled on 2026-04-11 (signal s9 budget.frozen)",
        ];

        var chart = TextChart.JourneyDiagram(trace, engine.Model, columns: 40);

        Assert.Equal(string.Join("\n", lines) + "\n", chart);
    }

    [Fact]
    public void JourneyDiagram_DefaultColumns_DrawsSixtyTimeColumnsPerLaneAndTheSameTextEveryTime()
    {
        var engine = JourneyEngine.CreateDefault();
        var trace = engine.Trace(JourneyId, JourneyScripts.ConcurrentWithALoopBack());

        var chart = TextChart.JourneyDiagram(trace, engine.Model);

        var axis = chart.Split('\n').Single(line => line.StartsWith("time", StringComparison.Ordinal));
        Assert.Equal(60, axis.Length - axis.IndexOf('├', StringComparison.Ordinal));
        Assert.Equal(chart, TextChart.JourneyDiagram(engine.Trace(JourneyId, JourneyScripts.ConcurrentWithALoopBack()), engine.Model));
    }

    [Fact]
    public void JourneyDiagram_OtherCulture_WritesTheSameInvariantText()
    {
        var engine = JourneyEngine.CreateDefault();
        var trace = engine.Trace(JourneyId, JourneyScripts.ConcurrentWithALoopBack());
        var invariant = TextChart.JourneyDiagram(trace, engine.Model);
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("ar-SA");

            Assert.Equal(invariant, TextChart.JourneyDiagram(trace, engine.Model));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void JourneyDiagram_LoopBackInAnOrderedModel_MarksItOnTheEarlierStage()
    {
        var engine = new JourneyEngineBuilder().UseModel(BuyingModels.Practitioner).UseRulebook(Rulebooks.Practitioner).Build();
        var signals = Script(
            (0, SignalTypes.ProblemStated),
            (40, SignalTypes.DemoRequested),
            (41, SignalTypes.ProblemStated));

        var chart = TextChart.JourneyDiagram(engine.Trace(JourneyId, signals), engine.Model, 41);

        var awareness = engine.Model.Tasks[0].DisplayName;
        var lane = chart.Split('\n').Single(line => line.StartsWith(awareness, StringComparison.Ordinal));
        Assert.EndsWith("↺", lane, StringComparison.Ordinal);
        Assert.Contains('░', lane);
        Assert.Contains($"↺ 2026-04-12 back to {awareness} from ", chart, StringComparison.Ordinal);
    }

    [Fact]
    public void JourneyDiagram_NoSignals_SaysSo()
    {
        var engine = JourneyEngine.CreateDefault();

        Assert.Equal("journey j (gartner)\nno signals applied\n", TextChart.JourneyDiagram(engine.Trace(JourneyId, []), engine.Model));
    }

    [Theory]
    [InlineData(TextChart.MinColumns - 1)]
    [InlineData(TextChart.MaxColumns + 1)]
    public void JourneyDiagram_ColumnsOutOfRange_ThrowsNamingColumns(int columns)
    {
        var engine = JourneyEngine.CreateDefault();
        var trace = engine.Trace(JourneyId, []);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => TextChart.JourneyDiagram(trace, engine.Model, columns));

        Assert.Equal("columns", ex.ParamName);
    }

    [Fact]
    public void JourneyDiagram_BadArguments_ThrowNamingThem()
    {
        var engine = JourneyEngine.CreateDefault();
        var trace = engine.Trace(JourneyId, []);
        var other = new BuyingModel("other", [new TaskDefinition("t", "T", "Q?")]);

        Assert.Equal("trace", Assert.Throws<ArgumentNullException>(() => TextChart.JourneyDiagram(null!, engine.Model)).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => TextChart.JourneyDiagram(trace, null!)).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentException>(() => TextChart.JourneyDiagram(trace, other)).ParamName);
    }
}
