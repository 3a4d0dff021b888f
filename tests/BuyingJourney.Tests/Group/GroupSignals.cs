using System;
using System.Collections.Generic;
using System.Linq;
using BuyingJourney.Advice;
using BuyingJourney.Assessment;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Group;

/// <summary>Short-hand for signals of journey "j" that name a stakeholder or give seller feedback, and for finding actions.</summary>
internal static class GroupSignals
{
    /// <summary>
    /// Five tasks at work by day 2: Ann (decision maker) states the problem and drafts requirements, Bob (user)
    /// researches solutions, someone asks for a reference, Cleo (influencer) holds a meeting. Many actions, all citing signals.
    /// </summary>
    public static Signal[] Busy { get; } =
    [
        By(0, "s1", SignalTypes.ProblemStated, "ann", StakeholderRoles.DecisionMaker),
        By(0.5, "s2", SignalTypes.SolutionResearched, "bob", StakeholderRoles.User),
        By(1, "s3", SignalTypes.RequirementsDrafted, "ann", StakeholderRoles.DecisionMaker),
        At(1.5, "s4", SignalTypes.ReferenceRequested),
        By(2, "s5", SignalTypes.MeetingMultiStakeholder, "cleo", StakeholderRoles.Influencer),
    ];

    /// <summary>A signal of journey "j" on day <paramref name="days"/>, naming <paramref name="person"/> (with <paramref name="role"/>, if any).</summary>
    public static Signal By(double days, string id, string type, string person, string? role = null)
        => new(id, JourneyId, Day(days), type, new Stakeholder(person, role));

    /// <summary>A feedback signal of journey "j" on day <paramref name="days"/> about the action <paramref name="actionCode"/>.</summary>
    public static Signal Feedback(double days, string id, string type, string actionCode)
        => new(id, JourneyId, Day(days), type, attributes: new Dictionary<string, string> { [ActionFeedback.ActionAttribute] = actionCode });

    /// <summary>The advice with this code; fails listing the advice when there is none.</summary>
    public static SellerAction Advised(JourneyAssessment assessment, string code)
    {
        var action = assessment.Advice.FirstOrDefault(a => a.Code == code);
        Assert.True(action is not null, $"no advice {code}; advice: {Codes(assessment.Advice)}");
        return action!;
    }

    /// <summary>The guardrail with this code; fails listing the guardrails when there is none.</summary>
    public static Guardrail GuardrailOf(JourneyAssessment assessment, string code)
    {
        var guardrail = assessment.Guardrails.FirstOrDefault(g => g.Code == code);
        Assert.True(guardrail is not null, $"no guardrail {code}; guardrails: {string.Join(", ", assessment.Guardrails.Select(static g => g.Code))}");
        return guardrail!;
    }

    /// <summary>The actions' codes, comma-separated (for failure messages).</summary>
    public static string Codes(IEnumerable<SellerAction> actions) => string.Join(", ", actions.Select(static a => a.Code));
}
