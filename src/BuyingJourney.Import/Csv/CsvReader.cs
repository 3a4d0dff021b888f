using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace BuyingJourney.Import.Csv;

/// <summary>One CSV record: the line it starts on, its fields, and what is wrong with it when it breaks RFC 4180 in a way the reader can step over.</summary>
/// <param name="Line">The 1-based physical line the record starts on (a quoted field may span lines).</param>
/// <param name="Fields">The fields, unquoted.</param>
/// <param name="Problem">Null, or what is wrong with the record (text after a closing quote).</param>
internal readonly record struct CsvRow(int Line, string[] Fields, string? Problem);

/// <summary>
/// Reads RFC 4180 CSV: fields separated by commas, records by CRLF, LF or CR; a field in double quotes may hold commas,
/// line breaks and doubled quotes (<c>""</c>). A UTF-8 byte order mark is skipped, blank lines are skipped, a quote
/// inside an unquoted field is kept as text. Text after a closing quote is kept and the record carries a problem; a
/// quoted field that never closes, a field over <see cref="MaxFieldLength"/> characters and a record over
/// <see cref="MaxFields"/> fields end the read with a <see cref="CrmImportException"/> naming the line.
/// </summary>
/// <remarks>Not thread-safe: one reader per text.</remarks>
internal sealed class CsvReader
{
    /// <summary>The longest field read: 1,048,576 characters.</summary>
    public const int MaxFieldLength = 1024 * 1024;

    /// <summary>The most fields a record may have: 1,024.</summary>
    public const int MaxFields = 1024;

    private readonly TextReader _reader;
    private readonly string _source;
    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _field = new();
    private readonly List<string> _fields = [];
    private int _position;
    private int _length;
    private int _line = 1;
    private bool _started;

    public CsvReader(TextReader reader, string source)
    {
        _reader = reader;
        _source = source;
    }

    /// <summary>The physical line the reader is on (1-based).</summary>
    public int Line => _line;

    /// <summary>Reads the next record; false at the end of the text.</summary>
    /// <exception cref="CrmImportException">The text cannot be read as CSV from here on; the message names the line.</exception>
    public bool TryRead(out CsvRow row)
    {
        if (!_started)
        {
            _started = true;
            if (Peek() == '\uFEFF')
            {
                _position++;
            }
        }

        while (true)
        {
            var c = Peek();
            if (c < 0)
            {
                row = default;
                return false;
            }

            if (c is '\r' or '\n')
            {
                // a blank line
                EndOfLine();
                continue;
            }

            break;
        }

        var start = _line;
        string? problem = null;
        _fields.Clear();
        while (true)
        {
            _field.Clear();
            var c = Peek();
            if (c == '"')
            {
                _position++;
                problem ??= ReadQuoted(start);
            }
            else
            {
                ReadUnquoted();
            }

            Add(start);
            c = Peek();
            if (c == ',')
            {
                _position++;
                continue;
            }

            if (c >= 0)
            {
                EndOfLine();
            }

            row = new CsvRow(start, [.. _fields], problem);
            return true;
        }
    }

    private void ReadUnquoted()
    {
        while (true)
        {
            var c = Peek();
            if (c < 0 || c is ',' or '\r' or '\n')
            {
                return;
            }

            Append((char)c);
            _position++;
        }
    }

    /// <summary>Reads a quoted field after its opening quote; returns the record's problem, or null.</summary>
    private string? ReadQuoted(int start)
    {
        var opened = _line;
        while (true)
        {
            var c = Peek();
            if (c < 0)
            {
                throw new CrmImportException(_source, opened, $"the quoted field {N0(_fields.Count + 1)} of the record starting at line {N0(start)} opens at line {N0(opened)} and never closes (a missing \" before the end of the file).");
            }

            _position++;
            if (c == '"')
            {
                if (Peek() == '"')
                {
                    _position++;
                    Append('"');
                    continue;
                }

                var next = Peek();
                if (next < 0 || next is ',' or '\r' or '\n')
                {
                    return null;
                }

                // text after the closing quote: kept, and the record reported
                var field = _fields.Count + 1;
                ReadUnquoted();
                return $"field {N0(field)} has text after its closing quote at line {N0(_line)}; a quote inside a quoted field is written as two (\"\").";
            }

            if (c == '\n' || (c == '\r' && Peek() != '\n'))
            {
                _line++;
            }

            Append((char)c);
        }
    }

    private void Add(int start)
    {
        if (_fields.Count == MaxFields)
        {
            throw new CrmImportException(_source, start, $"the record starting at line {N0(start)} has more than {N0(MaxFields)} fields, the limit.");
        }

        _fields.Add(_field.ToString());
    }

    private void Append(char c)
    {
        if (_field.Length == MaxFieldLength)
        {
            throw new CrmImportException(_source, _line, $"field {N0(_fields.Count + 1)} at line {N0(_line)} is longer than {N0(MaxFieldLength)} characters, the limit (an unbalanced quote makes one field of the rest of the file).");
        }

        _field.Append(c);
    }

    /// <summary>Consumes CRLF, LF or CR.</summary>
    private void EndOfLine()
    {
        if (Peek() == '\r')
        {
            _position++;
            if (Peek() == '\n')
            {
                _position++;
            }
        }
        else
        {
            _position++;
        }

        _line++;
    }

    private int Peek()
    {
        if (_position == _length)
        {
            _length = _reader.Read(_buffer, 0, _buffer.Length);
            _position = 0;
            if (_length <= 0)
            {
                _length = 0;
                return -1;
            }
        }

        return _buffer[_position];
    }

    private static string N0(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
