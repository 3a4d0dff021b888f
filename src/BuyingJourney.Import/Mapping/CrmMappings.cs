using System;
using System.Collections.Immutable;

namespace BuyingJourney.Import.Mapping;

/// <summary>
/// The built-in mappings, one JSON file each (embedded; <see cref="Json"/> gives the text, a starting point for your own):
/// <see cref="Salesforce"/>, <see cref="HubSpot"/> and <see cref="Csv"/>. They go through <see cref="CrmMapping.Load"/>
/// like any mapping. Thread-safe.
/// </summary>
public static class CrmMappings
{
    /// <summary>The built-in mappings' names: <c>salesforce</c>, <c>hubspot</c>, <c>csv</c>.</summary>
    public static ImmutableArray<string> Names { get; } = ["salesforce", "hubspot", "csv"];

    /// <summary>
    /// Salesforce exports (Data Loader or a report, API field names as headers): <c>Task</c> and <c>Event</c>
    /// activities (subject keywords and <c>Type</c> to signals; the journey is <c>WhatId</c>, else <c>AccountId</c>; the
    /// time <c>ActivityDateTime</c>/<c>StartDateTime</c>, else <c>ActivityDate</c>, else <c>CreatedDate</c>; the stakeholder <c>WhoId</c>,
    /// their role from a <c>Title</c> column when the export has one), <c>OpportunityHistory</c> (each <c>StageName</c> of the
    /// standard sales process to a signal, journey <c>OpportunityId</c>, time <c>CreatedDate</c>) and <c>Opportunity</c> (a closed
    /// one, <c>IsClosed</c>, to <c>deal.won</c> or <c>deal.lost</c> by <c>IsWon</c> at <c>CloseDate</c>; an open one is skipped).
    /// </summary>
    public static CrmMapping Salesforce => Loaded.Salesforce;

    /// <summary>
    /// HubSpot exports (internal property names as headers): <c>engagement</c> rows (<c>hs_object_id</c>,
    /// <c>hs_engagement_type</c> EMAIL, INCOMING_EMAIL, MEETING, CALL or NOTE, <c>hs_timestamp</c> in epoch milliseconds
    /// or ISO 8601, the subject from <c>hs_email_subject</c>, <c>hs_meeting_title</c>, <c>hs_call_title</c> or <c>hs_note_body</c>;
    /// the journey is the associated deal, <c>associated_deal_id</c>, else <c>associated_company_id</c>) and
    /// <c>dealstage-history</c> rows (<c>hs_object_id</c> of the deal, <c>dealstage</c> with the default pipeline's stage ids, <c>timestamp</c>),
    /// whose signal id is the deal, stage and time joined, as the history has no ids of its own.
    /// </summary>
    public static CrmMapping HubSpot => Loaded.HubSpot;

    /// <summary>
    /// Plain CSV with configurable columns (<see cref="CrmMapping.WithColumns"/>): <c>activity</c> rows (fields <c>id</c>,
    /// <c>journey</c>, <c>date</c>, <c>type</c>, <c>subject</c>, <c>contact</c>, <c>title</c>), <c>opportunity</c> rows of stage changes
    /// (fields <c>id</c>, <c>journey</c>, <c>date</c>, <c>stage</c>) and <c>web</c> rows of page visits and form submissions (fields
    /// <c>id</c>, <c>journey</c>, <c>date</c>, <c>url</c>, <c>form</c>, <c>contact</c>, <c>title</c>: form names such as "Request a demo",
    /// then page URLs such as <c>/pricing</c> or <c>/case-studies</c>, to signals), each field a column of that name unless given another.
    /// </summary>
    public static CrmMapping Csv => Loaded.Csv;

    /// <summary>A built-in mapping by name (case-insensitive).</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <exception cref="ArgumentNullException">A null name.</exception>
    /// <exception cref="ArgumentException">No built-in mapping has that name; the message lists the names.</exception>
    public static CrmMapping Get(string name) => Normal(name) switch
    {
        "salesforce" => Salesforce,
        "hubspot" => HubSpot,
        _ => Csv,
    };

    /// <summary>A built-in mapping's JSON text by name (case-insensitive).</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <exception cref="ArgumentNullException">A null name.</exception>
    /// <exception cref="ArgumentException">No built-in mapping has that name; the message lists the names.</exception>
    public static string Json(string name) => CrmMapping.EmbeddedText(ResourceName(Normal(name)));

    private static string Normal(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var known in Names)
        {
            if (string.Equals(known, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        throw new ArgumentException($"there is no built-in mapping \"{name}\"; the built-in mappings are {string.Join(", ", Names)}.", nameof(name));
    }

    private static string ResourceName(string name) => $"BuyingJourney.Import.Mapping.{name}.mapping.json";

    /// <summary>Loaded on first use, once.</summary>
    private static class Loaded
    {
        public static readonly CrmMapping Salesforce = CrmMapping.Load(Json("salesforce"));

        public static readonly CrmMapping HubSpot = CrmMapping.Load(Json("hubspot"));

        public static readonly CrmMapping Csv = CrmMapping.Load(Json("csv"));
    }
}
