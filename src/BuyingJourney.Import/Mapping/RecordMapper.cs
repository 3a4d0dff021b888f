using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using BuyingJourney.Signals;

namespace BuyingJourney.Import.Mapping;

/// <summary>A record's fields by column name (after a mapping's aliases are applied).</summary>
internal interface IRecordFields
{
    /// <summary>The value of <paramref name="column"/>, or null when the record has no such column.</summary>
    string? Get(string column);
}

/// <summary>What one record became: a signal, or the reason it was skipped.</summary>
internal readonly record struct MappedRecord(Signal? Signal, CrmSkippedRecord? Skipped);

/// <summary>Turns one record into a signal by its record mapping: the one path every import takes. Stateless and thread-safe.</summary>
internal static class RecordMapper
{
    public static MappedRecord Map<TFields>(CrmMapping mapping, RecordMapping record, TFields fields, int line)
        where TFields : IRecordFields
    {
        var id = Id(mapping, record.IdFields, fields);
        if (id is null)
        {
            return Skip(line, null, CrmSkipReason.MissingId, $"the record has no id: {Blank(mapping, record.IdFields, all: true)}.");
        }

        var journey = First(mapping, record.JourneyFields, fields);
        if (journey is null)
        {
            return Skip(line, id, CrmSkipReason.MissingJourney, $"record {Quote(id)} names no journey: {Blank(mapping, record.JourneyFields, all: false)}.");
        }

        var dateText = First(mapping, record.OccurredAtFields, fields);
        if (dateText is null)
        {
            return Skip(line, id, CrmSkipReason.MissingDate, $"record {Quote(id)} has no date: {Blank(mapping, record.OccurredAtFields, all: false)}.");
        }

        if (!CrmDates.TryParse(dateText, mapping.DateFormats, out var occurredAt))
        {
            var formats = mapping.DateFormats.IsEmpty ? string.Empty : $"the mapping's formats ({string.Join(", ", mapping.DateFormats)}), then ";
            return Skip(line, id, CrmSkipReason.BadDate, $"record {Quote(id)} has the date {Quote(dateText)}, which is in none of the formats read: {formats}{CrmDates.Described}.");
        }

        SignalRule? rule = null;
        foreach (var candidate in record.Signals)
        {
            if (Holds(mapping, candidate.When, fields))
            {
                rule = candidate;
                break;
            }
        }

        if (rule is null)
        {
            return Skip(line, id, CrmSkipReason.NoRuleMatched, $"no signal rule of record type \"{record.Type}\" matched record {Quote(id)} ({Tested(mapping, record, fields)}).");
        }

        try
        {
            var signal = new Signal(id, journey, occurredAt, rule.SignalType, Stakeholder(mapping, record, rule, fields), record.Source, Attributes(mapping, record, fields));
            return new MappedRecord(signal, null);
        }
        catch (ArgumentException e)
        {
            return Skip(line, id, CrmSkipReason.InvalidSignal, $"record {Quote(id)} makes no valid signal: {e.Message.Split(" (Parameter", 2)[0]}");
        }
    }

    private static MappedRecord Skip(int line, string? id, CrmSkipReason reason, string message)
        => new(null, new CrmSkippedRecord(line, id, reason, message));

    /// <summary>The id: the one field's trimmed value, or several fields' joined with ':' (each must be present).</summary>
    private static string? Id<TFields>(CrmMapping mapping, ImmutableArray<string> idFields, TFields fields)
        where TFields : IRecordFields
    {
        if (idFields.Length == 1)
        {
            return Value(mapping, idFields[0], fields);
        }

        var parts = new string[idFields.Length];
        for (var i = 0; i < idFields.Length; i++)
        {
            if (Value(mapping, idFields[i], fields) is not { } part)
            {
                return null;
            }

            parts[i] = part;
        }

        return string.Join(':', parts);
    }

    /// <summary>The first of the fields with a value that is not blank, trimmed; or null.</summary>
    private static string? First<TFields>(CrmMapping mapping, ImmutableArray<string> names, TFields fields)
        where TFields : IRecordFields
    {
        foreach (var name in names)
        {
            if (Value(mapping, name, fields) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    private static string? Value<TFields>(CrmMapping mapping, string name, TFields fields)
        where TFields : IRecordFields
    {
        var value = fields.Get(mapping.Column(name));
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    private static bool Holds<TFields>(CrmMapping mapping, ImmutableArray<FieldCondition> when, TFields fields)
        where TFields : IRecordFields
    {
        foreach (var condition in when)
        {
            string? value = null;
            foreach (var field in condition.Fields)
            {
                value = fields.Get(mapping.Column(field));
                if (!string.IsNullOrWhiteSpace(value))
                {
                    break;
                }
            }

            if (!condition.Matches(value))
            {
                return false;
            }
        }

        return true;
    }

    private static Stakeholder? Stakeholder<TFields>(CrmMapping mapping, RecordMapping record, SignalRule rule, TFields fields)
        where TFields : IRecordFields
    {
        if (record.Stakeholder is not { } stakeholder || First(mapping, stakeholder.IdFields, fields) is not { } id)
        {
            return null;
        }

        var role = rule.Role ?? stakeholder.Role;
        if (role is null && stakeholder.TitleField is { } titleField && Value(mapping, titleField, fields) is { } title)
        {
            foreach (var titleRole in mapping.TitleRoles)
            {
                foreach (var keyword in titleRole.Keywords)
                {
                    if (FieldCondition.StartsAWord(title, keyword))
                    {
                        role = titleRole.Role;
                        break;
                    }
                }

                if (role is not null)
                {
                    break;
                }
            }
        }

        return new Stakeholder(id, role);
    }

    /// <summary>The record's attributes: each mapped field that is not blank, cut to <see cref="Signal.MaxAttributeValueLength"/> characters.</summary>
    private static Dictionary<string, string>? Attributes<TFields>(CrmMapping mapping, RecordMapping record, TFields fields)
        where TFields : IRecordFields
    {
        Dictionary<string, string>? attributes = null;
        foreach (var (key, field) in record.Attributes)
        {
            if (Value(mapping, field, fields) is { } value)
            {
                (attributes ??= new Dictionary<string, string>(StringComparer.Ordinal))[key] = Cut(value, Signal.MaxAttributeValueLength);
            }
        }

        return attributes;
    }

    /// <summary>Text cut to at most <paramref name="max"/> characters, never inside a surrogate pair.</summary>
    internal static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..cut];
    }

    /// <summary>"Id is blank" / "neither WhatId nor AccountId has a value" — naming the real columns.</summary>
    private static string Blank(CrmMapping mapping, ImmutableArray<string> names, bool all)
    {
        var columns = new List<string>(names.Length);
        foreach (var name in names)
        {
            columns.Add($"\"{mapping.Column(name)}\"");
        }

        return columns.Count == 1
            ? $"column {columns[0]} is blank or missing"
            : all
                ? $"one of the columns {string.Join(", ", columns)} is blank or missing"
                : $"none of the columns {string.Join(", ", columns)} has a value";
    }

    /// <summary>The values of the fields the record type's rules test, e.g. <c>Type "Call", Subject "Weekly sync"</c>.</summary>
    private static string Tested<TFields>(CrmMapping mapping, RecordMapping record, TFields fields)
        where TFields : IRecordFields
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var text = new StringBuilder();
        foreach (var rule in record.Signals)
        {
            foreach (var condition in rule.When)
            {
                foreach (var field in condition.Fields)
                {
                    var column = mapping.Column(field);
                    var value = fields.Get(column);
                    if (!string.IsNullOrWhiteSpace(value) && seen.Add(column) && seen.Count <= 4)
                    {
                        text.Append(text.Length == 0 ? string.Empty : ", ").Append(column).Append(' ').Append(Quote(value.Trim()));
                    }
                }
            }
        }

        return text.Length == 0 ? "every field its rules test is blank" : text.ToString();
    }

    /// <summary>Text in quotes, cut after 64 characters.</summary>
    internal static string Quote(string text) => text.Length <= 64 ? $"\"{text}\"" : $"\"{Cut(text, 64)}…\"";
}
