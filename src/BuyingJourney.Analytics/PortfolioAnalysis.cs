using System;
using System.Collections.Immutable;
using BuyingJourney.Assessment;
using BuyingJourney.Phases;

namespace BuyingJourney.Analytics;

/// <summary>
/// A portfolio of journeys as of one time, made by <see cref="PortfolioAnalyzer"/> in one pass: where the pipeline is
/// now, the maze of tasks, outcomes with the counts behind every rate, the flow over time, a forecast and, when asked, a
/// rulebook comparison.
/// </summary>
/// <remarks>
/// <para>Words used throughout: a journey is <em>closed</em> when its status is Won or Lost as of <see cref="AsOf"/>,
/// <em>open</em> otherwise (status Open, Stalled or AtRisk). Signals after <see cref="AsOf"/> are not seen. A journey's
/// stage is the analysis's stage mapping's projection (<c>StageMapping.Project</c>) of the journey assessed then.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class PortfolioAnalysis
{
    private readonly ImmutableArray<int> _statuses;

    internal PortfolioAnalysis(
        DateTimeOffset asOf,
        string modelName,
        string rulebook,
        string stageMappingName,
        PortfolioPeriod period,
        int journeys,
        int notStarted,
        ImmutableArray<int> statuses,
        WinRate overall,
        ImmutableArray<StageFigures> stages,
        ImmutableArray<TaskFigures> tasks,
        ImmutableArray<TaskFlow> flows,
        ImmutableArray<TaskPair> concurrency,
        ImmutableArray<LoopBackCell> loopBacks,
        ImmutableArray<OutcomeGroup> byTaskConfiguration,
        ImmutableArray<OutcomeGroup> byLoopBackPattern,
        DurationDistribution cycleTimeWon,
        DurationDistribution cycleTimeLost,
        ImmutableArray<PeriodFlow> periods,
        int quiet,
        int fading,
        ImmutableArray<QuietJourney> quietJourneys,
        PortfolioForecast forecast,
        string? candidateRulebook,
        ReinterpretationSummary? comparison)
    {
        AsOf = asOf;
        ModelName = modelName;
        Rulebook = rulebook;
        StageMappingName = stageMappingName;
        Period = period;
        Journeys = journeys;
        NotStarted = notStarted;
        _statuses = statuses;
        Overall = overall;
        Stages = stages;
        Tasks = tasks;
        Flows = flows;
        Concurrency = concurrency;
        LoopBacks = loopBacks;
        ByTaskConfiguration = byTaskConfiguration;
        ByLoopBackPattern = byLoopBackPattern;
        CycleTimeWon = cycleTimeWon;
        CycleTimeLost = cycleTimeLost;
        Periods = periods;
        QuietCount = quiet;
        FadingCount = fading;
        QuietJourneys = quietJourneys;
        Forecast = forecast;
        CandidateRulebook = candidateRulebook;
        Comparison = comparison;
    }

    /// <summary>The time the portfolio is analysed as of.</summary>
    public DateTimeOffset AsOf { get; }

    /// <summary>The buying model's name.</summary>
    public string ModelName { get; }

    /// <summary>The rulebook's name and version, "gartner-default 1.0.0".</summary>
    public string Rulebook { get; }

    /// <summary>The stage mapping's name.</summary>
    public string StageMappingName { get; }

    /// <summary>The period of <see cref="Periods"/>.</summary>
    public PortfolioPeriod Period { get; }

    /// <summary>How many journeys were analysed: those with at least one signal at or before <see cref="AsOf"/>.</summary>
    public int Journeys { get; }

    /// <summary>How many journeys given had no signal at or before <see cref="AsOf"/> (they had not started yet, or had no signals); they are in no other figure.</summary>
    public int NotStarted { get; }

    /// <summary>How many journeys are open (status Open, Stalled or AtRisk).</summary>
    public int OpenJourneys => Journeys - WonJourneys - LostJourneys;

    /// <summary>How many journeys are won.</summary>
    public int WonJourneys => StatusCount(JourneyStatus.Won);

    /// <summary>How many journeys are lost.</summary>
    public int LostJourneys => StatusCount(JourneyStatus.Lost);

    /// <summary>The tenant's overall win rate: of all closed journeys, how many were won (its lift is 1).</summary>
    public WinRate Overall { get; }

    /// <summary>Every stage of the mapping, in pipeline order.</summary>
    public ImmutableArray<StageFigures> Stages { get; }

    /// <summary>Every task of the model, in model order.</summary>
    public ImmutableArray<TaskFigures> Tasks { get; }

    /// <summary>The maze's paths: every (from, to) with at least one flow, the journey's start (null) first, then in model order.</summary>
    public ImmutableArray<TaskFlow> Flows { get; }

    /// <summary>Every pair of tasks (and each task with itself) worked on at once in at least one journey, in model order.</summary>
    public ImmutableArray<TaskPair> Concurrency { get; }

    /// <summary>The loop-back matrix: every (from, to) cell with at least one loop-back, "from no active task" (null) first, then in model order.</summary>
    public ImmutableArray<LoopBackCell> LoopBacks { get; }

    /// <summary>
    /// Win rates by task configuration: the set of tasks a journey ever started (left NotStarted: active, or completed straight away), one group per set seen
    /// (at most <see cref="PortfolioOptions.MaxGroups"/>, then "other"), in order of first appearance.
    /// </summary>
    public ImmutableArray<OutcomeGroup> ByTaskConfiguration { get; }

    /// <summary>
    /// Win rates by loop-back pattern: the set of tasks a journey went back to (none, one or several), one group per set
    /// seen (at most <see cref="PortfolioOptions.MaxGroups"/>, then "other"), in order of first appearance.
    /// </summary>
    public ImmutableArray<OutcomeGroup> ByLoopBackPattern { get; }

    /// <summary>Cycle time of the won journeys: from the first signal to the signal that made the journey Won (its <c>StatusSince</c>).</summary>
    public DurationDistribution CycleTimeWon { get; }

    /// <summary>Cycle time of the lost journeys: from the first signal to the signal that made the journey Lost.</summary>
    public DurationDistribution CycleTimeLost { get; }

    /// <summary>The flow over time, one entry per period from the first with any event to the one holding <see cref="AsOf"/>, gaps included.</summary>
    public ImmutableArray<PeriodFlow> Periods { get; }

    /// <summary>How many open journeys are quiet: no signal for at least <see cref="PortfolioOptions.QuietAfter"/>.</summary>
    public int QuietCount { get; }

    /// <summary>How many open journeys are fading: a task they work on goes dormant within <see cref="PortfolioOptions.FadingWithin"/> unless new evidence comes (<c>TaskAssessment.FadesAt</c>).</summary>
    public int FadingCount { get; }

    /// <summary>The quiet journeys silent the longest, longest first (at most <see cref="PortfolioOptions.QuietJourneysListed"/>; ties by id).</summary>
    public ImmutableArray<QuietJourney> QuietJourneys { get; }

    /// <summary>The forecast of the open journeys.</summary>
    public PortfolioForecast Forecast { get; }

    /// <summary>The candidate engine's rulebook, "name version", when the analysis compared one; else null.</summary>
    public string? CandidateRulebook { get; }

    /// <summary>
    /// The re-interpretation of every analysed journey under the candidate engine (<c>JourneyDiff.Compare</c> of the
    /// journey assessed as of <see cref="AsOf"/> by each engine, summed by <c>ReinterpretationSummary.Of</c>), when the
    /// analysis compared one; else null.
    /// </summary>
    public ReinterpretationSummary? Comparison { get; }

    /// <summary>How many journeys have <paramref name="status"/> as of <see cref="AsOf"/>.</summary>
    /// <param name="status">The status.</param>
    /// <exception cref="ArgumentOutOfRangeException">An undefined status.</exception>
    public int StatusCount(JourneyStatus status)
        => (int)status < _statuses.Length ? _statuses[(int)status] : throw new ArgumentOutOfRangeException(nameof(status), status, "not a journey status.");

    /// <summary>"1,200 journeys as of ...: 800 open, 150 won, 250 lost".</summary>
    public override string ToString()
        => FormattableString.Invariant($"{Journeys} journeys as of {AsOf:O}: {OpenJourneys} open, {WonJourneys} won, {LostJourneys} lost");
}
