using BuyingJourney.Signals;
using BuyingJourney.Testing;
using Xunit;
using static BuyingJourney.Tests.Properties.JourneyArbitraries;

namespace BuyingJourney.Tests.Properties;

/// <summary>
/// Shrunk FsCheck counterexamples, pinned so they run on every build whatever the random seed. Each runs every
/// law of <see cref="JourneyPropertyTests"/>. The engine passes all of them: no counterexample against the engine
/// itself has been found. They were found by running the properties against deliberately broken copies of the
/// engine (one mistake each, named in the test), so each guards against that mistake coming back.
/// </summary>
public sealed class RegressionTests
{
    /// <summary>Guards the tie-break by id at equal timestamps (broken: Apply ordering ids the wrong way round).</summary>
    [Fact]
    public void AllLaws_SignalsAtTheSameInstant_Hold()
    {
        Hold(
            S("s1", "2025-01-06T11:10:00.0000000+00:00", "content.insight-read"),
            S("s2", "2025-01-06T11:10:00.0000000+00:00", "trial.started"));
        Hold(
            S("s1", "2025-01-06T23:12:00.0000000+00:00", "pricing.requested"),
            S("s4", "2025-01-06T23:12:00.0000000+00:00", "objection.raised"));
        Hold(S("s1", "2025-01-06T20:19:00.0000000+00:00", "deal.won"));
    }

    /// <summary>Guards decay at exactly the fade tick (broken: fading one tick late, "&gt;" for "&gt;=").</summary>
    [Fact]
    public void AllLaws_TaskFadingAtItsFadeTick_Hold()
        => Hold(S("s1", "2025-01-10T13:00:00.0000000+00:00", "rfp.issued"));

    /// <summary>Guards journey effects ending revisits (broken: a stall, win or loss leaving revisiting tasks active).</summary>
    [Fact]
    public void AllLaws_JourneyEffectDuringARevisit_Hold()
    {
        Hold(
            S("s21", "2025-01-06T12:01:00.0000000+00:00", "validation.passed"),
            S("s18", "2025-01-08T11:24:03.7500000+00:00", "reference.requested"),
            S("s4", "2025-01-10T08:26:37.2656250+00:00", "deal.lost"));
        Hold(
            S("s12", "2025-01-06T16:28:00.0000000+00:00", "rfp.issued"),
            S("s5", "2025-04-07T15:28:00.0000000+00:00", "requirements.drafted"),
            S("s1", "2025-04-07T23:31:00.0000000+00:00", "project.postponed"));
        Hold(
            S("s12", "2025-01-06T11:34:00.0000000+00:00", "problem.defined"),
            S("s10", "2025-01-06T22:44:00.0000000+00:00", "problem.stated"),
            S("s7", "2025-01-08T03:15:00.0000001+00:00", "deal.won"));
    }

    /// <summary>Guards the exact loop-back count when the state keeps only the latest loop-back (broken: count capped at the retention).</summary>
    [Fact]
    public void AllLaws_SecondLoopBackWithRetentionOfOne_Hold()
        => Hold(
            S("s2", "2025-04-03T05:15:00.0000000+00:00", "supplier.chosen"),
            S("s7", "2025-04-03T05:15:00.0000000+00:00", "sample.requested"),
            S("s11", "2025-04-04T17:25:00.0000000+00:00", "consensus.reached"),
            S("s16", "2025-04-06T17:22:00.0000000+00:00", "pricing.requested"),
            S("s18", "2025-04-08T00:43:22.5000000+00:00", "stakeholder.joined"));

    /// <summary>Guards the content tie-break between conflicting copies of one id (broken: ignoring the type, so the input order picks the copy).</summary>
    [Fact]
    public void AllLaws_ConflictingCopiesAtTheSameInstant_Hold()
    {
        Hold(
            S("s2", "2025-01-06T08:03:00.0000000+00:00", "case-study.read"),
            S("s2", "2025-01-06T08:03:00.0000000+00:00", "problem.stated"));
        Hold(
            S("s5", "2025-01-11T02:00:00.0000000+02:00", "rfp.issued"),
            S("s5", "2025-01-11T00:00:00.0000000+00:00", "site.visited"));
        Hold(
            S("s5", "2025-01-06T12:51:00.0000000+00:00", "demo.requested"),
            S("s5", "2025-01-06T12:51:00.0000000+00:00", "stakeholder.joined"),
            S("s4", "2025-01-06T08:00:00.0000000+00:00", "reference.requested"),
            S("s8", "2025-01-08T07:06:30.0000000+00:00", "problem.metric-missed"));
    }

    /// <summary>Guards an ended or stalled journey reopening on task evidence (broken: the status never reopening).</summary>
    [Fact]
    public void AllLaws_TaskEvidenceAfterAnEnd_Hold()
    {
        Hold(
            S("s1", "2025-01-12T01:00:00.0000000+00:00", "deal.won"),
            S("s2", "2025-01-12T04:21:00.0000000+00:00", "procurement.engaged"));
        Hold(
            S("s1", "2025-03-15T19:40:00.0000000+00:00", "budget.frozen"),
            S("s4", "2025-03-15T19:40:00.0000000+00:00", "supplier.chosen"));
    }

    /// <summary>Guards decay before a signal's evidence (broken: the fold never fading tasks, only assessments).</summary>
    [Fact]
    public void AllLaws_EvidenceAfterALongSilence_Hold()
    {
        Hold(
            S("s8", "2025-01-16T17:00:00.0000000+00:00", "trial.started"),
            S("s4", "2025-01-18T02:00:00.0000000+00:00", "requirements.approved"),
            S("s3", "2025-02-23T16:47:30.0000000+00:00", "requirements.drafted"));
        Hold(
            S("s2", "2025-02-13T12:12:00.0000000+00:00", "legal.review"),
            S("s3", "2025-03-29T08:00:00.0000000+00:00", "rfp.issued"));
    }

    /// <summary>Guards the reopen threshold (broken: a completed task reopening at the activation threshold).</summary>
    [Fact]
    public void AllLaws_NormalEvidenceAfterCompletion_Hold()
        => Hold(
            S("s4", "2025-01-06T08:00:00.0000000+00:00", "solution.approach-chosen"),
            S("s3", "2025-01-07T14:38:15.0000000+00:00", "solution.researched"));

    /// <summary>Guards "the first copy of an id wins" (broken: replay folding later copies of an id too).</summary>
    [Fact]
    public void AllLaws_LaterCopyOfAnIdWithOtherContent_Hold()
    {
        Hold(
            S("s1", "2025-01-09T17:08:00.0000000+00:00", "problem.stated"),
            S("s3", "2025-01-10T01:00:00.0000000+00:00", "stakeholder.joined"),
            S("s1", "2025-01-10T01:08:00.0000000+00:00", "sample.requested"));
        Hold(
            S("s1", "2025-01-06T23:45:00.0000000+00:00", "project.postponed"),
            S("s3", "2025-01-07T01:32:00.0000000+00:00", "validation.passed"),
            S("s1", "2025-01-07T04:09:00.0000000+00:00", "site.visited"));
    }

    private static void Hold(params Signal[] deliveries)
        => JourneyPropertyTests.AllLaws(new GeneratedJourney(deliveries));
}
