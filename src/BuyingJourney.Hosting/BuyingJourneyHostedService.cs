using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BuyingJourney.Hosting;

/// <summary>
/// The one hosted service of the package, so that its steps run in order: at start, the journey service, feed and
/// scheduler are created (their options validated: a bad option fails the host's start, naming it) and the store
/// migrated when asked; then, in the background, the scheduler and the rebuild worker run until the host stops.
/// </summary>
internal sealed class BuyingJourneyHostedService(IServiceProvider provider, HostingPlan plan) : BackgroundService
{
    private readonly ILogger _logger = (ILogger?)provider.GetService<ILogger<BuyingJourneyHostedService>>() ?? NullLogger.Instance;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Created now, so options are validated at start and not at the first request.
        plan.Get<JourneyService>(provider);
        plan.Get<JourneyFeed>(provider);
        plan.Get<JourneyScheduler>(provider);
        if (plan.Rebuild)
        {
            _ = Rebuild;
        }

        if (plan.Migrate && plan.Get<IJourneyStore>(provider) is IJourneyStoreMigration migration)
        {
            await migration.MigrateAsync(cancellationToken).ConfigureAwait(false);
            HostingLog.StoreMigrated(_logger, migration.GetType().Name);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    private JourneyRebuildOptions Rebuild => provider.GetRequiredService<IOptionsMonitor<JourneyRebuildOptions>>().Get(plan.OptionsName).Validated();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var work = new List<Task>();
        if (plan.Scheduler)
        {
            work.Add(ScheduleAsync(stoppingToken));
        }

        if (plan.Rebuild)
        {
            work.Add(RebuildAsync(stoppingToken));
        }

        return Task.WhenAll(work);
    }

    /// <summary>The scheduler's runs, until the host stops (<see cref="JourneyScheduler.RunAsync"/> logs a failed run and goes on).</summary>
    private async Task ScheduleAsync(CancellationToken stoppingToken)
    {
        try
        {
            await plan.Get<JourneyScheduler>(provider).RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    /// <summary>The rebuild worker: the configured tenants first, then each requested one, one at a time, until the host stops.</summary>
    private async Task RebuildAsync(CancellationToken stoppingToken)
    {
        var options = Rebuild;
        var queue = plan.Get<JourneyRebuilds>(provider);
        var service = plan.Get<JourneyService>(provider);
        foreach (var tenant in options.Tenants)
        {
            queue.Request(tenant);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            string tenant;
            try
            {
                tenant = await queue.NextAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            queue.Update(new JourneyRebuildStatus(tenant, JourneyRebuildState.Running, null, null));
            var progress = new StatusProgress(queue);
            try
            {
                var done = await service.RebuildAllAsync(tenant, progress, options.PageSize, stoppingToken).ConfigureAwait(false);
                queue.Update(new JourneyRebuildStatus(tenant, JourneyRebuildState.Completed, done, null));
                HostingLog.RebuildCompleted(_logger, done);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                queue.Update(new JourneyRebuildStatus(tenant, JourneyRebuildState.Cancelled, progress.Last, null));
                return;
            }
            catch (Exception e)
            {
                queue.Update(new JourneyRebuildStatus(tenant, JourneyRebuildState.Failed, progress.Last, e.Message));
                HostingLog.RebuildFailed(_logger, tenant, e);
            }
        }
    }

    /// <summary>Keeps the queue's status current after each page (synchronously, unlike <see cref="Progress{T}"/>).</summary>
    private sealed class StatusProgress(JourneyRebuilds queue) : IProgress<JourneyRebuildProgress>
    {
        public JourneyRebuildProgress? Last { get; private set; }

        public void Report(JourneyRebuildProgress value)
        {
            Last = value;
            queue.Update(new JourneyRebuildStatus(value.Tenant, JourneyRebuildState.Running, value, null));
        }
    }
}
