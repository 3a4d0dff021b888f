using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BuyingJourney.Signals;

namespace BuyingJourney.Persistence;

/// <summary>
/// The signal record (<c>"signal.v2"</c>, schema 2) written and read without the serializer: the same bytes as
/// <see cref="JsonSerializer"/> writes for a <see cref="SignalRecord"/>, and a reader for exactly that layout.
/// </summary>
/// <remarks>
/// <para><see cref="Write"/> produces what the serializer produces for the record (properties in declaration order, nulls
/// written, the default encoder's escaping), so stored records do not change. <see cref="TryRead"/> accepts only that
/// layout: the nine properties in that order, each once, the stakeholder as <c>id</c> then <c>role</c>, attributes
/// with distinct keys, nothing after the object; it returns false for anything else (another schema, other
/// properties or order, malformed JSON, values a signal cannot hold), and the caller then reads the record the
/// general way, which reads every accepted layout and names what is wrong with the others. What it accepts, it
/// reads to the same signal as the general way.</para>
/// <para>Thread-safe: the writer's buffers are per thread.</para>
/// </remarks>
internal static class SignalRecordFormat
{
    /// <summary>Records longer than this many characters go the general way (they hold large attributes).</summary>
    private const int MaxFastLength = 8192;

    private const int StackBytes = 1024;

    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText SchemaName = JsonEncodedText.Encode("schema");
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText JourneyIdName = JsonEncodedText.Encode("journeyId");
    private static readonly JsonEncodedText OccurredAtName = JsonEncodedText.Encode("occurredAt");
    private static readonly JsonEncodedText SignalTypeName = JsonEncodedText.Encode("signalType");
    private static readonly JsonEncodedText StakeholderName = JsonEncodedText.Encode("stakeholder");
    private static readonly JsonEncodedText RoleName = JsonEncodedText.Encode("role");
    private static readonly JsonEncodedText SourceName = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText AttributesName = JsonEncodedText.Encode("attributes");
    private static readonly JsonEncodedText SignalTypeValue = JsonEncodedText.Encode(JourneyRecords.SignalType);

    /// <summary>Transcodes the stored text, refusing unpaired surrogates (the general way refuses them too).</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The JSON of a signal record, byte for byte what the serializer writes for it.</summary>
    public static string Write(Signal signal)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        var writer = t_writer;
        if (writer is null)
        {
            writer = t_writer = new Utf8JsonWriter(buffer);
        }
        else
        {
            writer.Reset(buffer);
        }

        writer.WriteStartObject();
        writer.WriteString(TypeName, SignalTypeValue);
        writer.WriteNumber(SchemaName, JourneyRecords.SignalSchema);
        writer.WriteString(IdName, signal.Id);
        writer.WriteString(JourneyIdName, signal.JourneyId);
        Span<char> occurredAt = stackalloc char[64];
        signal.OccurredAt.TryFormat(occurredAt, out var length, "O", CultureInfo.InvariantCulture);
        writer.WriteString(OccurredAtName, occurredAt[..length]);
        writer.WriteString(SignalTypeName, signal.Type);
        if (signal.Stakeholder is { } stakeholder)
        {
            writer.WriteStartObject(StakeholderName);
            writer.WriteString(IdName, stakeholder.Id);
            WriteOptional(writer, RoleName, stakeholder.Role);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull(StakeholderName);
        }

        WriteOptional(writer, SourceName, signal.Source);
        if (signal.Attributes.Count == 0)
        {
            writer.WriteNull(AttributesName);
        }
        else
        {
            writer.WriteStartObject(AttributesName);
            foreach (var pair in signal.Attributes)
            {
                writer.WriteString(pair.Key, pair.Value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads a record in exactly the layout <see cref="Write"/> writes; false for anything else.</summary>
    /// <param name="json">The stored JSON.</param>
    /// <param name="journeyId">The journey the record was stored under; the record must name it (the signal then shares this instance).</param>
    /// <param name="signal">The signal, when the result is true.</param>
    public static bool TryRead(string json, string journeyId, out Signal? signal)
    {
        signal = null;
        if (json.Length > MaxFastLength)
        {
            return false;
        }

        var maxBytes = json.Length * 3;
        byte[]? rented = null;
        var buffer = maxBytes <= StackBytes ? stackalloc byte[StackBytes] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            int count;
            try
            {
                count = StrictUtf8.GetBytes(json, buffer);
            }
            catch (EncoderFallbackException)
            {
                return false;
            }

            return TryReadUtf8(buffer[..count], journeyId, out signal);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static bool TryReadUtf8(ReadOnlySpan<byte> utf8, string journeyId, out Signal? signal)
    {
        signal = null;
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject
                || !Property(ref reader, "type"u8) || reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals(JourneyRecords.SignalType)
                || !Property(ref reader, "schema"u8) || reader.TokenType != JsonTokenType.Number
                || !reader.TryGetInt32(out var schema) || schema != JourneyRecords.SignalSchema
                || !Property(ref reader, "id"u8) || reader.TokenType != JsonTokenType.String)
            {
                return false;
            }

            var id = reader.GetString()!;
            if (!Property(ref reader, "journeyId"u8) || reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals(journeyId)
                || !Property(ref reader, "occurredAt"u8) || reader.TokenType != JsonTokenType.String
                || !TryReadTime(ref reader, out var occurredAt)
                || !Property(ref reader, "signalType"u8) || reader.TokenType != JsonTokenType.String)
            {
                return false;
            }

            var type = reader.GetString()!;
            if (!Property(ref reader, "stakeholder"u8) || !TryReadStakeholder(ref reader, out var stakeholderId, out var role)
                || !Property(ref reader, "source"u8) || !TryReadOptional(ref reader, out var source)
                || !Property(ref reader, "attributes"u8) || !TryReadAttributes(ref reader, out var attributes)
                || !reader.Read() || reader.TokenType != JsonTokenType.EndObject
                || reader.Read())
            {
                return false;
            }

            var stakeholder = stakeholderId is null ? null : new Stakeholder(stakeholderId, role);
            signal = new Signal(id, journeyId, occurredAt, type, stakeholder, source, attributes);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // A string the reader cannot transcode.
            return false;
        }
        catch (ArgumentException)
        {
            // Values a signal cannot hold: the general way names them.
            return false;
        }
    }

    /// <summary>Moves to the next property, which must be <paramref name="name"/>, and on to its value.</summary>
    private static bool Property(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
        => reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(name) && reader.Read();

    private static bool TryReadTime(ref Utf8JsonReader reader, out DateTimeOffset value)
    {
        value = default;
        var raw = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (raw > 64)
        {
            return false;
        }

        Span<char> text = stackalloc char[64];
        var length = reader.CopyString(text);
        return DateTimeOffset.TryParseExact(text[..length], "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    private static bool TryReadOptional(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.String:
                value = reader.GetString();
                return true;
            default:
                return false;
        }
    }

    private static bool TryReadStakeholder(ref Utf8JsonReader reader, out string? id, out string? role)
    {
        id = null;
        role = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject || !Property(ref reader, "id"u8) || reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        id = reader.GetString();
        return Property(ref reader, "role"u8) && TryReadOptional(ref reader, out role)
            && reader.Read() && reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool TryReadAttributes(ref Utf8JsonReader reader, out Dictionary<string, string>? attributes)
    {
        attributes = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            if (!reader.Read() || reader.TokenType != JsonTokenType.String || result.Count == Signal.MaxAttributes
                || !result.TryAdd(key, reader.GetString()!))
            {
                return false;
            }
        }

        attributes = result;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static void WriteOptional(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
