using System;
using BuyingJourney.Evidence;
using BuyingJourney.Journeys;
using Stateless;
using Stateless.Reflection;

namespace BuyingJourney.Phases;

/// <summary>What one signal did to the journey as a whole, as the fold has classified it: the input of the journey status lifecycle.</summary>
internal enum JourneyStatusTrigger : byte
{
    /// <summary>
    /// The signal carries task evidence that completes no task and whose weight starts, resumes or reopens none: a touch
    /// such as a newsletter read or a general inquiry. It resumes a stalled journey, never a won or lost one.
    /// </summary>
    TaskEvidence = 0,

    /// <summary>The signal names someone in a risk role who is in the buying group, and is not itself an at-risk effect.</summary>
    RiskRoleReturned = 1,

    /// <summary>The signal's journey effect is <see cref="JourneyEffect.AtRisk"/>.</summary>
    AtRiskEffect = 2,

    /// <summary>The signal's journey effect is <see cref="JourneyEffect.Stall"/>.</summary>
    StallEffect = 3,

    /// <summary>The signal's journey effect is <see cref="JourneyEffect.Won"/>.</summary>
    WonEffect = 4,

    /// <summary>The signal's journey effect is <see cref="JourneyEffect.Lost"/>.</summary>
    LostEffect = 5,

    /// <summary>
    /// The signal's task evidence actually moves a task: it completes one, or its weight starts, resumes or reopens one
    /// (a new problem statement, a new RFP). It reopens a stalled, won or lost journey.
    /// </summary>
    ReopeningEvidence = 6,
}

/// <summary>
/// The journey status lifecycle, declared once with Stateless and compiled once into a table. The fold fires, in this
/// order and only when they apply: <see cref="JourneyStatusTrigger.ReopeningEvidence"/> or (weaker task evidence)
/// <see cref="JourneyStatusTrigger.TaskEvidence"/>, <see cref="JourneyStatusTrigger.RiskRoleReturned"/>,
/// then the effect's trigger (<see cref="EffectTrigger"/>); the status's since and signal change when <see cref="Next"/> differs.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal static class JourneyStatusLifecycle
{
    public const string Reopened = "task evidence reopens the journey";
    public const string ReopenedByReopeningEvidence = "evidence that starts, reopens or completes a task reopens the journey";
    public const string RiskRoleBack = "someone in a risk role is back in the group";
    public const string AtRisk = "someone in a risk role left the group";
    public const string Stalled = "the purchase is on hold";
    public const string Won = "the customer bought";
    public const string Lost = "the customer chose someone else or did without";

    private static readonly Func<bool> Always = static () => true;

    private static readonly LifecycleTable Table = LifecycleTable.Compile<JourneyStatus, JourneyStatusTrigger>(Create().GetInfo(), JourneyStatus.Open, "the journey status lifecycle", "machine");

    /// <summary>What the table was compiled from, for Stateless's graph exports.</summary>
    public static StateMachineInfo Info => Table.Info;

    /// <summary>The status after <paramref name="trigger"/>: one array read.</summary>
    public static JourneyStatus Next(JourneyStatus status, JourneyStatusTrigger trigger) => (JourneyStatus)Table.Next((int)status, (int)trigger);

    /// <summary>The status after <paramref name="trigger"/> in <paramref name="next"/>; true when it differs from <paramref name="status"/> (then the status's since and signal change).</summary>
    public static bool TryNext(JourneyStatus status, JourneyStatusTrigger trigger, out JourneyStatus next)
    {
        next = Next(status, trigger);
        return next != status;
    }

    /// <summary>The label of the row of <paramref name="status"/> and <paramref name="trigger"/> (its trigger's name when ignored).</summary>
    public static string Label(JourneyStatus status, JourneyStatusTrigger trigger) => Table.Row((int)status, (int)trigger).Label;

    /// <summary>The trigger of a journey effect; false for <see cref="JourneyEffect.None"/>.</summary>
    public static bool EffectTrigger(JourneyEffect effect, out JourneyStatusTrigger trigger)
    {
        trigger = effect switch
        {
            JourneyEffect.AtRisk => JourneyStatusTrigger.AtRiskEffect,
            JourneyEffect.Stall => JourneyStatusTrigger.StallEffect,
            JourneyEffect.Won => JourneyStatusTrigger.WonEffect,
            _ => JourneyStatusTrigger.LostEffect,
        };
        return effect != JourneyEffect.None;
    }

    /// <summary>A new machine in <see cref="JourneyStatus.Open"/>, configured with the lifecycle.</summary>
    public static StateMachine<JourneyStatus, JourneyStatusTrigger> Create()
    {
        var machine = new StateMachine<JourneyStatus, JourneyStatusTrigger>(JourneyStatus.Open);
        Configure(machine);
        return machine;
    }

    /// <summary>Declares the lifecycle on <paramref name="machine"/> (whatever state it is in).</summary>
    public static void Configure(StateMachine<JourneyStatus, JourneyStatusTrigger> machine)
    {
        machine.Configure(JourneyStatus.Open)
            .Ignore(JourneyStatusTrigger.TaskEvidence)
            .Ignore(JourneyStatusTrigger.ReopeningEvidence)
            .Ignore(JourneyStatusTrigger.RiskRoleReturned)
            .PermitIf(JourneyStatusTrigger.AtRiskEffect, JourneyStatus.AtRisk, Always, AtRisk)
            .PermitIf(JourneyStatusTrigger.StallEffect, JourneyStatus.Stalled, Always, Stalled)
            .PermitIf(JourneyStatusTrigger.WonEffect, JourneyStatus.Won, Always, Won)
            .PermitIf(JourneyStatusTrigger.LostEffect, JourneyStatus.Lost, Always, Lost);

        machine.Configure(JourneyStatus.Stalled)
            .PermitIf(JourneyStatusTrigger.TaskEvidence, JourneyStatus.Open, Always, Reopened)
            .PermitIf(JourneyStatusTrigger.ReopeningEvidence, JourneyStatus.Open, Always, ReopenedByReopeningEvidence)
            .Ignore(JourneyStatusTrigger.RiskRoleReturned)
            .Ignore(JourneyStatusTrigger.AtRiskEffect)
            .Ignore(JourneyStatusTrigger.StallEffect)
            .PermitIf(JourneyStatusTrigger.WonEffect, JourneyStatus.Won, Always, Won)
            .PermitIf(JourneyStatusTrigger.LostEffect, JourneyStatus.Lost, Always, Lost);

        machine.Configure(JourneyStatus.Won)
            .Ignore(JourneyStatusTrigger.TaskEvidence)
            .PermitIf(JourneyStatusTrigger.ReopeningEvidence, JourneyStatus.Open, Always, ReopenedByReopeningEvidence)
            .Ignore(JourneyStatusTrigger.RiskRoleReturned)
            .Ignore(JourneyStatusTrigger.AtRiskEffect)
            .PermitIf(JourneyStatusTrigger.StallEffect, JourneyStatus.Stalled, Always, Stalled)
            .Ignore(JourneyStatusTrigger.WonEffect)
            .PermitIf(JourneyStatusTrigger.LostEffect, JourneyStatus.Lost, Always, Lost);

        machine.Configure(JourneyStatus.Lost)
            .Ignore(JourneyStatusTrigger.TaskEvidence)
            .PermitIf(JourneyStatusTrigger.ReopeningEvidence, JourneyStatus.Open, Always, ReopenedByReopeningEvidence)
            .Ignore(JourneyStatusTrigger.RiskRoleReturned)
            .Ignore(JourneyStatusTrigger.AtRiskEffect)
            .PermitIf(JourneyStatusTrigger.StallEffect, JourneyStatus.Stalled, Always, Stalled)
            .PermitIf(JourneyStatusTrigger.WonEffect, JourneyStatus.Won, Always, Won)
            .Ignore(JourneyStatusTrigger.LostEffect);

        machine.Configure(JourneyStatus.AtRisk)
            .Ignore(JourneyStatusTrigger.TaskEvidence)
            .Ignore(JourneyStatusTrigger.ReopeningEvidence)
            .PermitIf(JourneyStatusTrigger.RiskRoleReturned, JourneyStatus.Open, Always, RiskRoleBack)
            .Ignore(JourneyStatusTrigger.AtRiskEffect)
            .PermitIf(JourneyStatusTrigger.StallEffect, JourneyStatus.Stalled, Always, Stalled)
            .PermitIf(JourneyStatusTrigger.WonEffect, JourneyStatus.Won, Always, Won)
            .PermitIf(JourneyStatusTrigger.LostEffect, JourneyStatus.Lost, Always, Lost);
    }
}
