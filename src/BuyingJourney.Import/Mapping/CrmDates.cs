using System;
using System.Collections.Immutable;
using System.Globalization;

namespace BuyingJourney.Import.Mapping;

/// <summary>
/// Reads the dates CRM exports write: a mapping's own formats first, then ISO 8601 with <c>Z</c> or an offset (with
/// or without fractions, <c>T</c> or a space between date and time), Salesforce's offset without a colon
/// (<c>2026-03-01T10:00:00.000+0000</c>), HubSpot's epoch milliseconds (11 to 15 digits), and a plain date
/// (<c>yyyy-MM-dd</c>, midnight). A time without an offset is UTC. Stateless and thread-safe.
/// </summary>
internal static class CrmDates
{
    private const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowLeadingWhite | DateTimeStyles.AllowTrailingWhite;

    private static readonly string[] BuiltIn =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mmK",
        "yyyy-MM-dd",
    ];

    /// <summary>What the built-in formats accept, for messages.</summary>
    public const string Described = "ISO 8601 (2026-03-01T10:00:00Z, 2026-03-01T10:00:00.000+01:00), Salesforce's 2026-03-01T10:00:00.000+0000, epoch milliseconds (1772359200000) or yyyy-MM-dd";

    /// <summary>Parses <paramref name="text"/> with <paramref name="formats"/> first, then the built-in formats.</summary>
    public static bool TryParse(string text, ImmutableArray<string> formats, out DateTimeOffset value)
    {
        var trimmed = text.Trim();
        if (!formats.IsDefaultOrEmpty
            && DateTimeOffset.TryParseExact(trimmed, System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(formats)!, CultureInfo.InvariantCulture, Styles, out value))
        {
            return true;
        }

        if (trimmed.Length is >= 11 and <= 15 && IsDigits(trimmed))
        {
            var ms = long.Parse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture);
            if (ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            {
                value = DateTimeOffset.FromUnixTimeMilliseconds(ms);
                return true;
            }
        }

        return DateTimeOffset.TryParseExact(WithOffsetColon(trimmed), BuiltIn, CultureInfo.InvariantCulture, Styles, out value);
    }

    /// <summary>Whether <paramref name="format"/> is a .NET date format that formats and reads back a time.</summary>
    public static bool IsValidFormat(string format)
    {
        try
        {
            var sample = new DateTimeOffset(2026, 3, 1, 10, 30, 15, TimeSpan.Zero).ToString(format, CultureInfo.InvariantCulture);
            return DateTimeOffset.TryParseExact(sample, format, CultureInfo.InvariantCulture, Styles, out _);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>"…+0000" becomes "…+00:00" when the text has a time part; anything else is returned as it is.</summary>
    private static string WithOffsetColon(string text)
    {
        var n = text.Length;
        if (n >= 16 && (text[n - 5] == '+' || text[n - 5] == '-') && IsDigits(text.AsSpan(n - 4)) && text.IndexOf(':', StringComparison.Ordinal) > 0)
        {
            return string.Concat(text.AsSpan(0, n - 2), ":", text.AsSpan(n - 2));
        }

        return text;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return !text.IsEmpty;
    }
}
