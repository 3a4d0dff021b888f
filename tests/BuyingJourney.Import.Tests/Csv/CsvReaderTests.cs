using System.Collections.Generic;
using System.IO;
using BuyingJourney.Import.Csv;
using Xunit;

namespace BuyingJourney.Import.Tests.Csv;

public sealed class CsvReaderTests
{
    private static List<CsvRow> ReadAll(string text)
    {
        var reader = new CsvReader(new StringReader(text), "test.csv");
        var rows = new List<CsvRow>();
        while (reader.TryRead(out var row))
        {
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public void TryRead_QuotedFields_KeepCommasNewlinesAndDoubledQuotes()
    {
        var rows = ReadAll("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nlast,,\r\n");

        Assert.Equal(3, rows.Count);
        Assert.Equal(["x, y", "say \"hi\"", "two\r\nlines"], rows[1].Fields);
        Assert.Equal(["last", "", ""], rows[2].Fields);
        Assert.All(rows, r => Assert.Null(r.Problem));
    }

    [Fact]
    public void TryRead_LineNumbers_CountLinesInsideQuotedFields()
    {
        var rows = ReadAll("h1,h2\n\"one\ntwo\nthree\",x\nnext,y\n");

        Assert.Equal([1, 2, 5], rows.ConvertAll(r => r.Line));
    }

    [Fact]
    public void TryRead_ByteOrderMarkBlankLinesAndBareCr_AreHandled()
    {
        var rows = ReadAll("\uFEFFId,Name\r\r\n\n1,a\r2,b");

        Assert.Equal(["Id", "Name"], rows[0].Fields);
        Assert.Equal(["1", "a"], rows[1].Fields);
        Assert.Equal(4, rows[1].Line);
        Assert.Equal(["2", "b"], rows[2].Fields);
        Assert.Equal(5, rows[2].Line);
    }

    [Fact]
    public void TryRead_QuoteInsideUnquotedField_IsKeptAsText()
    {
        var rows = ReadAll("a,b\n5\" pipe,x\n");

        Assert.Equal(["5\" pipe", "x"], rows[1].Fields);
        Assert.Null(rows[1].Problem);
    }

    [Fact]
    public void TryRead_TextAfterClosingQuote_KeepsTheRowWithAProblemNamingTheLine()
    {
        var rows = ReadAll("a,b\n\"ab\"cd,x\nok,y\n");

        Assert.Equal(["abcd", "x"], rows[1].Fields);
        Assert.Contains("field 1 has text after its closing quote at line 2", rows[1].Problem, System.StringComparison.Ordinal);
        Assert.Null(rows[2].Problem);
    }

    [Fact]
    public void TryRead_UnterminatedQuote_ThrowsNamingTheLineItOpensOn()
    {
        var e = Assert.Throws<CrmImportException>(() => ReadAll("a,b\nok,1\nx,\"never closed\nmore\nlines\n"));

        Assert.Equal(3, e.Line);
        Assert.Equal("test.csv", e.SourceName);
        Assert.Contains("opens at line 3 and never closes", e.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_EmptyText_ReadsNothing()
    {
        Assert.Empty(ReadAll(string.Empty));
        Assert.Empty(ReadAll("\r\n\n"));
    }
}
