using System;
using System.Buffers;
using System.Collections.Immutable;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Internal;
using BuyingJourney.Model;
using BuyingJourney.Signals;

namespace BuyingJourney.Rules.Json;

// The rulebook reader, part: the input before it is JSON (size, UTF-8, unpaired surrogates, malformed text).
internal sealed partial class RulebookReader
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>The deepest nesting of a document.</summary>
    public const int MaxDepth = 32;

    public static JsonDocumentOptions DocumentOptions => new() { CommentHandling = JsonCommentHandling.Skip, MaxDepth = MaxDepth };

    /// <summary>The error for text that is not JSON.</summary>
    public static RulebookValidationException Malformed(JsonException exception)
    {
        var line = (exception.LineNumber ?? 0) + 1;
        var position = (exception.BytePositionInLine ?? 0) + 1;
        var message = exception.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        return new RulebookValidationException([new RulebookValidationError("$", $"malformed JSON at line {line}, position {position}: {message}")]);
    }

    /// <summary>The error for text over <see cref="RulebookJson.MaxDocumentLength"/>, or null.</summary>
    public static RulebookValidationException? TooLong(string json)
        => json.Length <= RulebookJson.MaxDocumentLength
            ? null
            : new RulebookValidationException([new RulebookValidationError("$", $"the rulebook is {N0(json.Length)} characters long; the limit is {N0(RulebookJson.MaxDocumentLength)}.")]);

    /// <summary>The error for a .NET string holding an unpaired surrogate, which no UTF-8 document can hold.</summary>
    public static RulebookValidationException UnpairedSurrogate(string json)
    {
        var index = 0;
        while (index < json.Length)
        {
            if (char.IsHighSurrogate(json[index]) && index + 1 < json.Length && char.IsLowSurrogate(json[index + 1]))
            {
                index += 2;
            }
            else if (char.IsSurrogate(json[index]))
            {
                break;
            }
            else
            {
                index++;
            }
        }

        var lineStart = json.LastIndexOf('\n', Math.Max(index - 1, 0), index) + 1;
        var line = 1 + json.AsSpan(0, lineStart).Count('\n');
        return new RulebookValidationException([new RulebookValidationError("$", $"malformed text at line {line}, position {index - lineStart + 1}: an unpaired surrogate (U+{(int)json[Math.Min(index, json.Length - 1)]:X4}), which is not Unicode text.")]);
    }

    /// <summary>
    /// Reads a stream to its end and checks that it is UTF-8 (a byte order mark is allowed and dropped); throws with the
    /// line and byte of the first byte that is not.
    /// </summary>
    public static async Task<ReadOnlyMemory<byte>> ReadUtf8Async(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > RulebookJson.MaxDocumentLength)
                {
                    throw new RulebookValidationException([new RulebookValidationError("$", $"the rulebook is longer than {N0(RulebookJson.MaxDocumentLength)} bytes, the limit; it was read no further.")]);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var span = bytes.Span;
        var index = System.Text.Unicode.Utf8.IsValid(span) ? span.Length : 0;
        while (index < span.Length)
        {
            if (Rune.DecodeFromUtf8(span[index..], out _, out var consumed) != OperationStatus.Done)
            {
                var lineStart = span[..index].LastIndexOf((byte)'\n') + 1;
                var line = 1 + span[..lineStart].Count((byte)'\n');
                throw new RulebookValidationException([new RulebookValidationError("$", $"the rulebook is not UTF-8 text: byte 0x{span[index]:X2} at line {line}, byte {index - lineStart + 1} (offset {index}) starts no UTF-8 character; save the rulebook as UTF-8.")]);
            }

            index += consumed;
        }

        return span.StartsWith(Utf8Bom) ? bytes[Utf8Bom.Length..] : bytes;
    }
}
