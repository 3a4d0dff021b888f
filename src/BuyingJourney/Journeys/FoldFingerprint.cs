using System;
using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using BuyingJourney.Group;
using BuyingJourney.Model;
using BuyingJourney.Phases;

namespace BuyingJourney.Journeys;

/// <summary>
/// A short hash of everything besides the rulebook that decides what the fold makes of a signal stream: the model's
/// tasks and their settings, the retention limits, and the buying group's consensus task and risk roles. A snapshot
/// records the fingerprint of the engine that made it, and the journey service uses it only under an engine with the
/// same fingerprint, so a changed option can never leave stale snapshots in play.
/// </summary>
/// <remarks>
/// The rulebook is named by its own name and version (code rules cannot be hashed). Options that only shape an
/// assessment (roles' expectations, sign-off roles, quiet period, guardrail tasks, number of actions) are not folded
/// into the state and are left out, so changing them keeps snapshots usable.
/// </remarks>
internal static class FoldFingerprint
{
    /// <summary>The layout of the hashed text; a new layout makes every older snapshot unusable, which is safe.</summary>
    private const string Layout = "fold.v1";

    /// <summary>"fold.v1:" and 32 hex digits (the first 16 bytes of a SHA-256 of the settings, written as JSON).</summary>
    public static string For(BuyingModel model, JourneyFoldLimits limits, BuyingGroupDefinition group)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", model.Name);
            json.WriteBoolean("ordered", model.IsOrdered);
            json.WriteStartArray("tasks");
            for (var i = 0; i < model.Tasks.Length; i++)
            {
                var settings = model.SettingsAt(i);
                json.WriteStartArray();
                json.WriteStringValue(model.Tasks[i].Id);
                json.WriteBooleanValue(model.Tasks[i].AlwaysOn);
                json.WriteNumberValue(settings.HalfLife.Ticks);
                foreach (var value in (ReadOnlySpan<double>)[settings.ActivationThreshold, settings.ReopenThreshold, settings.DormancyThreshold, settings.StrongWeight, settings.NormalWeight, settings.WeakWeight])
                {
                    json.WriteStringValue(value.ToString("R", CultureInfo.InvariantCulture));
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
            if (!ReferenceEquals(model.Lifecycle, TaskLifecycleTable.BuiltIn))
            {
                // A model's own lifecycle decides phases too (the built-in one is implied, so older fingerprints stay).
                json.WriteStartArray("lifecycle");
                foreach (var row in model.Lifecycle.Rows)
                {
                    json.WriteStringValue(FormattableString.Invariant($"{row.From} {row.Trigger} {row.Kind} {row.To} {row.IsLoopBack}"));
                }

                json.WriteEndArray();
            }

            json.WriteNumber("loopBacks", limits.MaxLoopBacks);
            json.WriteNumber("stakeholders", limits.MaxStakeholders);
            json.WriteNumber("feedback", limits.MaxFeedback);
            json.WriteString("consensus", group.ConsensusTaskId);
            json.WriteStartArray("riskRoles");
            var risk = new string[group.RiskRoles.Length];
            group.RiskRoles.CopyTo(risk);
            Array.Sort(risk, StringComparer.Ordinal);
            foreach (var role in risk)
            {
                json.WriteStringValue(role);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer.WrittenSpan, hash);
        return Layout + ":" + Convert.ToHexString(hash[..16]).ToLowerInvariant();
    }
}
