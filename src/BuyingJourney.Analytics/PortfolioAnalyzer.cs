using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Analytics.Internal;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using BuyingJourney.Stages;

namespace BuyingJourney.Analytics;

/// <summary>
/// Analyses a portfolio of journeys (a pipeline: a tenant's journeys, or any set of them) as of a time, in one pass with
/// memory that does not grow with the number of journeys: each journey is folded by the engine, counted into fixed
/// accumulators and dropped. The result is a <see cref="PortfolioAnalysis"/>; <see cref="PortfolioDashboard"/> renders it.
/// </summary>
/// <remarks>
/// <para>
/// Each journey is given as its signals (any order, repeats allowed, as a store or CRM export holds them); those after
/// the analysis time are left out, exactly as <c>JourneyEngine.Assess(journeyId, signals, asOf)</c> leaves them out. The
/// journey is folded signal by signal with <c>JourneyEngine.Apply</c> (equal to <c>Replay</c> for distinct ids; a repeated
/// id is kept once, the first in journey order) so that its transitions, loop-backs, status changes and stage after every
/// signal are counted, then assessed as of the analysis time. Its stage is <c>StageMapping.Project</c> of the journey
/// assessed after each signal and at the analysis time.
/// </para>
/// <para>
/// Memory: the accumulators are arrays sized by the model (tasks, phases, stages), the mapping, the groups
/// (<see cref="PortfolioOptions.MaxGroups"/>), the periods between the first signal and the analysis time, the quiet
/// journeys listed, and the quantile sketches (<see cref="DurationDistribution"/>); one journey's signals are held while it
/// is counted (with workers, a bounded queue of batches of them). When a candidate engine is given, the journeys' diffs go through a bounded queue to the core's
/// <c>ReinterpretationSummary.Of</c>, running beside the pass.
/// </para>
/// <para>Immutable and thread-safe: each call runs its own pass.</para>
/// </remarks>
public sealed class PortfolioAnalyzer
{
    private readonly PortfolioOptions _options;

    /// <summary>An analyzer of journeys folded by <paramref name="engine"/>, staged by <paramref name="stages"/>.</summary>
    /// <param name="engine">The engine the journeys are folded and assessed with.</param>
    /// <param name="stages">The seller-stage mapping (e.g. <c>StageMappings.SellerStages</c>, <c>StageMappings.Salesforce</c>) of the engine's model.</param>
    /// <param name="options">How to count; null for the defaults. A validated copy is kept.</param>
    /// <exception cref="ArgumentNullException">A null engine or mapping.</exception>
    /// <exception cref="ArgumentException">The mapping is of another buying model than the engine's.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option out of its range (the message names it).</exception>
    public PortfolioAnalyzer(JourneyEngine engine, StageMapping stages, PortfolioOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(stages);
        if (!string.Equals(stages.ModelName, engine.Model.Name, StringComparison.Ordinal))
        {
            throw new ArgumentException($"stage mapping \"{stages.Name}\" projects journeys of model \"{stages.ModelName}\"; the engine uses model \"{engine.Model.Name}\". Use a mapping of the engine's model.", nameof(stages));
        }

        Engine = engine;
        Stages = stages;
        _options = (options ?? new PortfolioOptions()).Validated();
    }

    /// <summary>The engine the journeys are folded and assessed with.</summary>
    public JourneyEngine Engine { get; }

    /// <summary>The seller-stage mapping.</summary>
    public StageMapping Stages { get; }

    /// <summary>A copy of the validated options.</summary>
    public PortfolioOptions Options => _options.Validated();

    /// <summary>
    /// Analyses journeys held in memory (or read lazily: each is counted and dropped soon after it is read). With
    /// <see cref="PortfolioOptions.MaxDegreeOfParallelism"/> above 1 the journeys are read on the calling thread and counted
    /// by that many workers (each journey's signals are enumerated on a worker thread), their tallies merged at the end.
    /// </summary>
    /// <param name="journeys">Each journey's signals (an empty one counts in <see cref="PortfolioAnalysis.NotStarted"/>).</param>
    /// <param name="asOf">The time to analyse as of; later signals are left out.</param>
    /// <param name="candidate">
    /// An engine to compare with (another rulebook version, same model): fills <see cref="PortfolioAnalysis.Comparison"/>;
    /// null for no comparison.
    /// </param>
    /// <returns>The analysis.</returns>
    /// <exception cref="ArgumentNullException">A null <paramref name="journeys"/>.</exception>
    /// <exception cref="ArgumentException">A null journey or signal, a journey holding signals of several journeys, or a candidate engine of another model.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="asOf"/> is before every signal of the portfolio.</exception>
    public PortfolioAnalysis Analyze(IEnumerable<IEnumerable<Signal>> journeys, DateTimeOffset asOf, JourneyEngine? candidate = null)
    {
        ArgumentNullException.ThrowIfNull(journeys);
        using var pass = Start(asOf, candidate);
        return pass.Run(journeys);
    }

    /// <summary>Analyses journeys as they stream in (say, pages read from a store): they are counted on worker threads (<see cref="PortfolioOptions.MaxDegreeOfParallelism"/>, at least one) while the next ones are read.</summary>
    /// <param name="journeys">Each journey's signals.</param>
    /// <param name="asOf">The time to analyse as of; later signals are left out.</param>
    /// <param name="candidate">An engine to compare with (same model); null for no comparison.</param>
    /// <param name="cancellationToken">Stops between journeys.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="ArgumentNullException">A null <paramref name="journeys"/>.</exception>
    /// <exception cref="ArgumentException">A null journey or signal, a journey holding signals of several journeys, or a candidate engine of another model.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="asOf"/> is before every signal of the portfolio.</exception>
    public async Task<PortfolioAnalysis> AnalyzeAsync(IAsyncEnumerable<IEnumerable<Signal>> journeys, DateTimeOffset asOf, JourneyEngine? candidate = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journeys);
        using var pass = Start(asOf, candidate);
        return await pass.RunAsync(journeys, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Analyses every journey of a tenant in a store, page by page: journey ids from <c>IJourneyStore.ListJourneysAsync</c>
    /// (<paramref name="pageSize"/> at a time), each journey's signals up to <paramref name="asOf"/> from <c>ReadAsync</c>.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="tenant">The tenant.</param>
    /// <param name="asOf">The time to analyse as of; later signals are not read.</param>
    /// <param name="candidate">An engine to compare with (same model); null for no comparison.</param>
    /// <param name="pageSize">Journey ids per page: 1 to 10,000.</param>
    /// <param name="progress">
    /// Told how many journeys have been read so far, after each page (on the reading thread, synchronously: journeys
    /// read are counted soon after); null for none. A command-line tool draws its progress bar from it.
    /// </param>
    /// <param name="cancellationToken">Stops between journeys.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="ArgumentNullException">A null store.</exception>
    /// <exception cref="ArgumentException">A bad tenant id, or a candidate engine of another model.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A page size out of range, or <paramref name="asOf"/> before every signal of the tenant.</exception>
    public Task<PortfolioAnalysis> AnalyzeStoreAsync(IJourneyStore store, string tenant, DateTimeOffset asOf, JourneyEngine? candidate = null, int pageSize = 1000, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        StoreArguments.Tenant(tenant);
        if (pageSize is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "pageSize must be between 1 and 10000.");
        }

        return AnalyzeAsync(Read(store, tenant, asOf, pageSize, progress, cancellationToken), asOf, candidate, cancellationToken);
    }

    private static async IAsyncEnumerable<IEnumerable<Signal>> Read(IJourneyStore store, string tenant, DateTimeOffset asOf, int pageSize, IProgress<long>? progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        long read = 0;
        while (true)
        {
            var page = await store.ListJourneysAsync(tenant, after, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var journeyId in page)
            {
                var stored = await store.ReadAsync(tenant, journeyId, 0, asOf, cancellationToken).ConfigureAwait(false);
                yield return stored.Select(s => s.Signal);
            }

            if (page.Count > 0)
            {
                read += page.Count;
                progress?.Report(read);
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            after = page[^1];
        }
    }

    private PortfolioPass Start(DateTimeOffset asOf, JourneyEngine? candidate)
    {
        if (asOf < Signal.EarliestOccurredAt || asOf > Signal.LatestOccurredAt)
        {
            throw new ArgumentOutOfRangeException(nameof(asOf), asOf, $"asOf must be between {Signal.EarliestOccurredAt:O} and {Signal.LatestOccurredAt:O}, the times a signal may have.");
        }

        if (candidate is not null && !string.Equals(candidate.Model.Name, Engine.Model.Name, StringComparison.Ordinal))
        {
            throw new ArgumentException($"the candidate engine uses model \"{candidate.Model.Name}\"; the analyzer's engine uses \"{Engine.Model.Name}\". A comparison re-interprets the same journeys, so both engines need the same model.", nameof(candidate));
        }

        return new PortfolioPass(Engine, Stages, _options, asOf, candidate);
    }
}
