using System;
using BuyingJourney.Model;
using BuyingJourney.Rules.Json;
using BuyingJourney.Signals;

namespace BuyingJourney.Rules;

/// <summary>The built-in rulebooks, one per model in <see cref="BuyingModels"/>.</summary>
/// <remarks>
/// <para>Each is a JSON rulebook embedded in this assembly (<c>Rules/Json/&lt;name&gt;.rulebook.json</c>, the format of
/// <see cref="RulebookJson"/>), loaded and validated against its model on first use, once: the built-in rulebooks are
/// data, like a rulebook of your own.</para>
/// <para>The rulebooks of the ordered models map every well-known signal type in <see cref="SignalTypes"/> to the stage
/// of their model where Gartner's rulebook (<see cref="Gartner"/>) puts the matching task: problem signals to the need
/// stage; solution research, demos, samples, trials and proposals to the option stage; references, security and business-case reviews,
/// objections, stakeholders, legal and procurement to the stage where the customer reduces the risk of deciding.
/// The frozen budget and the postponed project stall the journey, the signature wins it and a loss loses it, as in
/// Gartner's rulebook. Rule ids are the model's name, a colon and the signal type; every rulebook has version "1.0.0" but the practitioner's,
/// "1.1.0" (a general inquiry became a weak touch, as in the other models).
/// Stages with no well-known signal (Rackham's implementation, BuyGrid's performance review) need the CRM's own
/// signals and rules.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public static partial class Rulebooks
{
    /// <summary>
    /// The default rulebook for <see cref="BuyingModels.Gartner"/>: one data rule per well-known signal type in
    /// <see cref="SignalTypes"/>, with the evidence listed there (strong, normal or weak weight; completion; or a
    /// journey effect). Rule ids are "gartner:" followed by the signal type. Name "gartner-default", version "1.0.0".
    /// Its JSON text is <see cref="RulebookJson.GartnerDefaultJson"/>, a starting point for a rulebook of your own.
    /// </summary>
    public static Rulebook Gartner { get; } = Embedded(RulebookJson.GartnerDefaultResourceName, BuyingModels.Gartner);

    /// <summary>
    /// The default rulebook for <see cref="BuyingModels.Rackham3"/>, name "rackham-3-default".
    /// Need formation: problem.stated, problem.metric-missed, requirements.drafted (strong); problem.defined,
    /// requirements.question, deadline.set, budget.set (normal); content.insight-read (weak); completed by
    /// requirements.approved or rfp.issued. Option evaluation: rfp.issued (strong); solution.researched,
    /// solution.approach-chosen, rfi.issued, demo.requested, pricing.requested, shortlist.added, sample.requested,
    /// site.visited, trial.started (normal); event.attended, inquiry.general, case-study.read (weak); completed by
    /// supplier.chosen. Purchase decision: supplier.chosen, reference.requested (strong); security.review,
    /// roi.reviewed, validation.passed, stakeholder.joined, meeting.multi-stakeholder, executive.engaged,
    /// legal.review, objection.raised, procurement.engaged, consensus.reached (normal); stakeholder.left (weak);
    /// completed by deal.won.
    /// </summary>
    public static Rulebook Rackham3 { get; } = Embedded("BuyingJourney.Rules.Json.rackham-3-default.rulebook.json", BuyingModels.Rackham3);

    /// <summary>
    /// The default rulebook for <see cref="BuyingModels.Rackham5"/>, name "rackham-5-default". Recognition of needs and
    /// evaluation of options as <see cref="Rackham3"/>'s need formation and option evaluation. Resolution of concerns:
    /// reference.requested, objection.raised (strong); security.review, roi.reviewed, stakeholder.joined,
    /// meeting.multi-stakeholder, legal.review (normal); stakeholder.left (weak); completed by validation.passed or
    /// consensus.reached. Decision: supplier.chosen (strong); executive.engaged, procurement.engaged,
    /// consensus.reached (normal); completed by deal.won. Implementation: no well-known signal.
    /// </summary>
    public static Rulebook Rackham5 { get; } = Embedded("BuyingJourney.Rules.Json.rackham-5-default.rulebook.json", BuyingModels.Rackham5);

    /// <summary>
    /// The default rulebook for <see cref="BuyingModels.Practitioner"/>, name "practitioner-3-default". Awareness of the
    /// need: problem.stated, problem.metric-missed (strong); content.insight-read (weak); completed by problem.defined.
    /// Market monitoring: rfp.issued (strong); solution.researched, solution.approach-chosen,
    /// requirements.question, requirements.drafted, requirements.approved, rfi.issued, demo.requested,
    /// pricing.requested, shortlist.added, sample.requested, site.visited, trial.started (normal); event.attended,
    /// inquiry.general (a vague "anything new?", not yet a real need: seed 002), case-study.read (weak); completed by supplier.chosen. Choosing the moment: supplier.chosen, deadline.set
    /// (strong); budget.set, reference.requested, security.review, roi.reviewed, validation.passed, stakeholder.joined,
    /// executive.engaged, legal.review, objection.raised, procurement.engaged, consensus.reached (normal);
    /// meeting.multi-stakeholder, stakeholder.left (weak); completed by deal.won. budget.frozen and project.postponed
    /// (a stall) and deal.lost ("we'll do without it") drop a stage-3 customer straight back to zero.
    /// </summary>
    public static Rulebook Practitioner { get; } = Embedded("BuyingJourney.Rules.Json.practitioner-3-default.rulebook.json", BuyingModels.Practitioner);

    /// <summary>
    /// The default rulebook for <see cref="BuyingModels.BuyGrid"/>, name "buygrid-8-default". 1 problem recognition:
    /// problem.stated, problem.metric-missed (strong); content.insight-read (weak); completed by problem.defined.
    /// 2 determination: solution.researched, requirements.question (normal); event.attended, inquiry.general (weak);
    /// completed by solution.approach-chosen. 3 description: requirements.drafted (strong); deadline.set, budget.set
    /// (normal); completed by requirements.approved or rfp.issued. 4 search and qualification: rfi.issued (strong);
    /// shortlist.added, reference.requested, security.review (normal); case-study.read (weak). 5 proposals: rfp.issued
    /// (strong); pricing.requested, demo.requested, sample.requested, site.visited, trial.started (normal).
    /// 6 evaluation and selection: roi.reviewed, validation.passed, objection.raised, stakeholder.joined,
    /// meeting.multi-stakeholder, executive.engaged, consensus.reached (normal); stakeholder.left (weak); completed by
    /// supplier.chosen. 7 order routine: supplier.chosen, procurement.engaged (strong); legal.review (normal);
    /// completed by deal.won. 8 performance review: no well-known signal.
    /// </summary>
    public static Rulebook BuyGrid { get; } = Embedded("BuyingJourney.Rules.Json.buygrid-8-default.rulebook.json", BuyingModels.BuyGrid);

    /// <summary>The text of a JSON file embedded in this assembly under its manifest resource name.</summary>
    /// <exception cref="InvalidOperationException">The assembly has no such resource.</exception>
    internal static string EmbeddedText(string resourceName)
    {
        using var stream = typeof(Rulebooks).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"the embedded resource \"{resourceName}\" is missing from the BuyingJourney assembly.");
        using var reader = new System.IO.StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static Rulebook Embedded(string resourceName, BuyingModel model) => RulebookJson.Load(EmbeddedText(resourceName), model);
}
