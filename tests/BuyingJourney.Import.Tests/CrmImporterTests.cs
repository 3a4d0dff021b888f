using System;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Import.Mapping;
using BuyingJourney.Phases;
using BuyingJourney.Signals;
using Xunit;

namespace BuyingJourney.Import.Tests;

/// <summary>
/// The built-in mappings import sample exports written in each CRM's documented format, end to end into the in-memory
/// store and SQLite; skips, re-imports and malformed files: <c>CrmImporterTests.Skips.cs</c>.
/// </summary>
public sealed partial class CrmImporterTests
{
    public static TheoryData<string> StoreKinds => new() { "memory", "sqlite" };

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task ImportFileAsync_SalesforceExports_StoreTheirSignalsAndCloseTheDeal(string kind)
    {
        await using var stores = Stores.Create(kind);
        var importer = stores.Importer(CrmMappings.Salesforce);
        var ct = TestContext.Current.CancellationToken;

        var task = await importer.ImportFileAsync(Stores.Tenant, Stores.Sample("salesforce-task.csv"), cancellationToken: ct);
        var events = await importer.ImportFileAsync(Stores.Tenant, Stores.Sample("salesforce-event.csv"), cancellationToken: ct);
        var history = await importer.ImportFileAsync(Stores.Tenant, Stores.Sample("salesforce-opportunityhistory.csv"), cancellationToken: ct);
        var opportunities = await importer.ImportFileAsync(Stores.Tenant, Stores.Sample("salesforce-opportunity.csv"), cancellationToken: ct);

        Assert.Equal(("Task", 7, 5, 0, 2), (task.RecordType, task.Records, task.Imported, task.Duplicates, task.SkippedCount));
        Assert.Equal(("Event", 2, 2), (events.RecordType, events.Records, events.Imported));
        Assert.Equal(("OpportunityHistory", 6, 6), (history.RecordType, history.Records, history.Imported));
        Assert.Equal(("Opportunity", 3, 2, 1), (opportunities.RecordType, opportunities.Records, opportunities.Imported, opportunities.SkippedCount));

        var stored = (await stores.Store.ReadAsync(Stores.Tenant, "006Aa0000011111AAA", cancellationToken: ct)).Select(s => s.Signal).OrderBy(s => s.OccurredAt).ToList();
        Assert.Equal(
            [
                "008Aa000001ccccAAA problem.stated", "00TAa000001aaaaAAA problem.stated", "00TAa000002aaaaAAA case-study.read",
                "008Aa000002ccccAAA problem.defined", "008Aa000003ccccAAA requirements.drafted", "00UAa000001bbbbAAA demo.requested",
                "008Aa000004ccccAAA pricing.requested", "00TAa000003aaaaAAA pricing.requested", "00TAa000004aaaaAAA security.review",
                "00UAa000002bbbbAAA meeting.multi-stakeholder", "006Aa0000011111AAA deal.won", "008Aa000005ccccAAA deal.won",
            ],
            stored.Select(s => $"{s.Id} {s.Type}"));

        var pricing = stored.Single(s => s.Id == "00TAa000003aaaaAAA");
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 10, 5, 0, TimeSpan.Zero), pricing.OccurredAt);
        Assert.Equal(new Stakeholder("003Aa000000pro1AAA", StakeholderRoles.Purchaser), pricing.Stakeholder);
        Assert.Equal("Re: \"pricing\", for 3 lines", pricing.Attributes["subject"]);
        Assert.Equal("salesforce.task", pricing.Source);
        Assert.Equal("Security questionnaire\r\nfollow-up", stored.Single(s => s.Id == "00TAa000004aaaaAAA").Attributes["subject"]);
        Assert.Equal(StakeholderRoles.DecisionMaker, stored.Single(s => s.Id == "00TAa000001aaaaAAA").Stakeholder!.Role);
        Assert.Equal(StakeholderRoles.Influencer, stored.Single(s => s.Id == "00UAa000001bbbbAAA").Stakeholder!.Role);
        Assert.Equal(StakeholderRoles.Approver, stored.Single(s => s.Id == "00UAa000002bbbbAAA").Stakeholder!.Role);
        Assert.Equal("Closed Won", stored.Single(s => s.Id == "006Aa0000011111AAA").Attributes["stage"]);

        var won = await stores.Service.GetAsync(Stores.Tenant, "006Aa0000011111AAA", cancellationToken: ct);
        Assert.Equal(JourneyStatus.Won, won.Status);
        var lost = await stores.Service.GetAsync(Stores.Tenant, "006Aa0000033333AAA", cancellationToken: ct);
        Assert.Equal(JourneyStatus.Lost, lost.Status);
        var account = await stores.Store.ReadAsync(Stores.Tenant, "001Aa000000acmeAAA", cancellationToken: ct);
        Assert.Equal("inquiry.general", Assert.Single(account).Signal.Type); // no WhatId: the account is the journey
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task ImportFileAsync_HubSpotExports_StoreEngagementsAndStageHistory(string kind)
    {
        await using var stores = Stores.Create(kind);
        var importer = stores.Importer(CrmMappings.HubSpot);
        var ct = TestContext.Current.CancellationToken;

        var engagements = await importer.ImportFileAsync(Stores.Tenant, Stores.Sample("hubspot-engagement.csv"), cancellationToken: ct);
        var stages = await importer.ImportFileAsync(Stores.Tenant, Stores.Sample("hubspot-dealstage-history.csv"), cancellationToken: ct);

        Assert.Equal(("engagement", 6, 5), (engagements.RecordType, engagements.Records, engagements.Imported));
        var task = Assert.Single(engagements.Skipped);
        Assert.Equal((7, "1005", CrmSkipReason.NoRuleMatched), (task.Line, task.RecordId, task.Reason));
        Assert.Equal(("dealstage-history", 5, 4), (stages.RecordType, stages.Records, stages.Imported));
        var custom = Assert.Single(stages.Skipped);
        Assert.Equal((5, "9001:customstage-7:2026-03-11T10:00:00.000Z", CrmSkipReason.NoRuleMatched), (custom.Line, custom.RecordId, custom.Reason));
        Assert.Contains("dealstage \"customstage-7\"", custom.Message, StringComparison.Ordinal);

        var deal = (await stores.Store.ReadAsync(Stores.Tenant, "9001", cancellationToken: ct)).Select(s => s.Signal).OrderBy(s => s.OccurredAt).ToList();
        Assert.Equal(
            [
                "9001:appointmentscheduled:2026-03-01T10:00:00.000Z problem.stated", "1001 problem.stated",
                "9001:qualifiedtobuy:2026-03-04T10:00:00.000Z problem.defined", "1002 requirements.question",
                "9001:presentationscheduled:2026-03-09T10:00:00.000Z demo.requested", "1003 demo.requested",
                "1004 reference.requested", "9001:closedwon:2026-03-31T10:00:00.000Z deal.won",
            ],
            deal.Select(s => $"{s.Id} {s.Type}"));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), deal.Single(s => s.Id == "1001").OccurredAt);
        Assert.Equal(new Stakeholder("7001", StakeholderRoles.DecisionMaker), deal.Single(s => s.Id == "1001").Stakeholder);
        Assert.Equal("Demo with engineering, plant 2", deal.Single(s => s.Id == "1003").Attributes["title"]);
        Assert.Null(deal.Single(s => s.Id == "1004").Stakeholder);
        var company = Assert.Single(await stores.Store.ReadAsync(Stores.Tenant, "5001", cancellationToken: ct)).Signal;
        Assert.Equal(("1006", "inquiry.general", StakeholderRoles.Purchaser), (company.Id, company.Type, company.Stakeholder!.Role));
        Assert.Equal(JourneyStatus.Won, (await stores.Service.GetAsync(Stores.Tenant, "9001", cancellationToken: ct)).Status);
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task ImportFileAsync_PlainCsvWithConfiguredColumns_MapsTheExportsHeaders(string kind)
    {
        await using var stores = Stores.Create(kind);
        var mapping = CrmMappings.Csv.WithColumns(new System.Collections.Generic.Dictionary<string, string>
        {
            ["id"] = "Activity ID", ["journey"] = "Account", ["date"] = "When", ["type"] = "Kind", ["subject"] = "Notes", ["contact"] = "Contact", ["title"] = "Job Title",
        });
        var ct = TestContext.Current.CancellationToken;

        var activities = await stores.Importer(mapping).ImportFileAsync(Stores.Tenant, Stores.Sample("activities.csv"), cancellationToken: ct);
        var opportunities = await stores.Importer(CrmMappings.Csv).ImportFileAsync(Stores.Tenant, Stores.Sample("opportunities.csv"), cancellationToken: ct);

        Assert.Equal(("activity", 4, 4), (activities.RecordType, activities.Records, activities.Imported));
        Assert.Equal(("opportunity", 4, 4), (opportunities.RecordType, opportunities.Records, opportunities.Imported));
        var acme = (await stores.Store.ReadAsync(Stores.Tenant, "acme", cancellationToken: ct)).Select(s => s.Signal).OrderBy(s => s.OccurredAt).ToList();
        Assert.Equal(
            ["o-1 problem.stated", "a-1 problem.stated", "o-2 problem.defined", "a-2 requirements.question", "a-3 demo.requested", "a-4 pricing.requested", "o-3 pricing.requested", "o-4 deal.won"],
            acme.Select(s => $"{s.Id} {s.Type}"));
        Assert.Equal(StakeholderRoles.Approver, acme.Single(s => s.Id == "a-3").Stakeholder!.Role);
        Assert.Equal(StakeholderRoles.Purchaser, acme.Single(s => s.Id == "a-4").Stakeholder!.Role);
        Assert.Equal("Quote, revised", acme.Single(s => s.Id == "a-4").Attributes["subject"]);
    }

    [Fact]
    public async Task ImportFileAsync_WebVisitsAndForms_MapByFormNameThenPageUrl()
    {
        await using var stores = Stores.Create("memory");
        var ct = TestContext.Current.CancellationToken;

        var report = await stores.Importer(CrmMappings.Csv).ImportFileAsync(Stores.Tenant, Stores.Sample("web.csv"), cancellationToken: ct);

        Assert.Equal(("web", 6, 5), (report.RecordType, report.Records, report.Imported));
        var careers = Assert.Single(report.Skipped);
        Assert.Equal((6, CrmSkipReason.NoRuleMatched), (careers.Line, careers.Reason));
        Assert.Contains("url \"https://vendor.example/careers\"", careers.Message, StringComparison.Ordinal);
        var acme = (await stores.Store.ReadAsync(Stores.Tenant, "acme", cancellationToken: ct)).Select(s => s.Signal).OrderBy(s => s.OccurredAt).ToList();
        Assert.Equal(
            ["w-1 pricing.requested", "w-2 demo.requested", "w-3 case-study.read", "w-4 security.review", "w-6 inquiry.general"],
            acme.Select(s => $"{s.Id} {s.Type}"));
        Assert.Equal(StakeholderRoles.Gatekeeper, acme.Single(s => s.Id == "w-6").Stakeholder!.Role);
        Assert.Equal("https://vendor.example/en/pricing?plan=pro", acme[0].Attributes["url"]);
    }
}
