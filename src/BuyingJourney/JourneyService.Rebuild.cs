using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Diagnostics;
using BuyingJourney.Persistence;

namespace BuyingJourney;

// The journey service, part: rebuilding every journey of a tenant under this service's engine (a new rulebook version).
public sealed partial class JourneyService
{
    /// <summary>
    /// Rebuilds every journey of a tenant under this service's engine, typically after a rulebook change (create the
    /// service with the new engine; <see cref="ReinterpretAllAsync"/> on the old service with the new engine is the dry
    /// run that sums the diffs first). Each journey is folded again from its signals, its change feed gets the
    /// corrections (<see cref="RefreshAsync"/>: the events from what the feed told under the old rules to the journey
    /// under the new ones), and a snapshot under the new rulebook is saved at its current version.
    /// </summary>
    /// <remarks>
    /// Journeys go in id order, <paramref name="pageSize"/> at a time, with <paramref name="progress"/> told after each
    /// page. Resumable: a journey whose newest snapshot is this engine's at its current version is already rebuilt and is
    /// skipped, so a rebuild killed or cancelled part-way and started again goes on where it stopped (and one run twice
    /// changes nothing the second time). Each page is logged (event id 6) and counted in <c>buyingjourney.rebuild.journeys</c>.
    /// </remarks>
    /// <param name="tenant">The tenant.</param>
    /// <param name="progress">Told after each page; null for none.</param>
    /// <param name="pageSize">Journeys per page: 1 to 10,000.</param>
    /// <param name="cancellationToken">Stops between journeys; what was rebuilt stays rebuilt.</param>
    /// <returns>The totals.</returns>
    /// <exception cref="ArgumentException">A bad tenant id.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A page size out of range.</exception>
    /// <exception cref="JourneyRecordException">A stored record is damaged; it names the journey and the record. Journeys before it stay rebuilt.</exception>
    public async Task<JourneyRebuildProgress> RebuildAllAsync(string tenant, IProgress<JourneyRebuildProgress>? progress = null, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        StoreArguments.Tenant(tenant);
        StoreArguments.Limit(pageSize);
        var totals = new JourneyRebuildProgress(tenant, 0, 0, 0, null);
        while (true)
        {
            var page = await _store.ListJourneysAsync(tenant, totals.LastJourneyId, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var journeyId in page)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (await IsRebuiltAsync(tenant, journeyId, cancellationToken).ConfigureAwait(false))
                {
                    totals = totals.Add(journeyId, rebuilt: false, 0);
                    JourneyTelemetry.RebuildJourneys.Add(1, new KeyValuePair<string, object?>("buyingjourney.rebuild.outcome", "current"));
                    continue;
                }

                var (result, version) = await RefreshCoreAsync(tenant, journeyId, cancellationToken).ConfigureAwait(false);
                if (version > 0)
                {
                    var snapshot = new JourneySnapshot(result.Journeys[journeyId], version, _engine.Rulebook.Name, _engine.Rulebook.Version) { FoldFingerprint = _engine.FoldFingerprint };
                    await _store.SaveSnapshotAsync(tenant, snapshot, cancellationToken).ConfigureAwait(false);
                }

                totals = totals.Add(journeyId, rebuilt: true, result.Events.Length);
                JourneyTelemetry.RebuildJourneys.Add(1, new KeyValuePair<string, object?>("buyingjourney.rebuild.outcome", "rebuilt"));
            }

            if (page.Count > 0)
            {
                JourneyLog.RebuildProgress(_logger, tenant, totals.Rebuilt, totals.AlreadyCurrent, totals.Events, totals.LastJourneyId!);
                progress?.Report(totals);
            }

            if (page.Count < pageSize)
            {
                return totals;
            }
        }
    }

    /// <summary>Whether the journey's newest snapshot is this engine's, at the stream's current version.</summary>
    private async Task<bool> IsRebuiltAsync(string tenant, string journeyId, CancellationToken cancellationToken)
    {
        var snapshot = await _store.LoadSnapshotAsync(tenant, journeyId, null, cancellationToken).ConfigureAwait(false);
        return snapshot is not null
               && Usable(snapshot)
               && snapshot.Version == await _store.GetVersionAsync(tenant, journeyId, cancellationToken).ConfigureAwait(false);
    }
}
