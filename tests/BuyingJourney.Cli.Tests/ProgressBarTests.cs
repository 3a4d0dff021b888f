using System;
using System.IO;
using BuyingJourney.Import;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace BuyingJourney.Cli.Tests;

public sealed class ProgressBarTests
{
    [Fact]
    public void Report_OnATerminal_RedrawsTheBarWhenThePercentageChanges()
    {
        using var error = new StringWriter();
        var bar = new ProgressBar(Console(error, interactive: true), "tasks.csv");

        bar.Report(new CrmImportProgress("tasks.csv", 500, 250, 1000));
        bar.Report(new CrmImportProgress("tasks.csv", 510, 251, 1000));
        bar.Report(new CrmImportProgress("tasks.csv", 1000, 1000, 1000));
        bar.Done();

        Assert.Equal(
            "\rtasks.csv [#######.......................]  25% 500 records"
            + "\rtasks.csv [##############################] 100% 1,000 records" + Environment.NewLine,
            error.ToString());
    }

    [Fact]
    public void Report_Redirected_DrawsNothing()
    {
        using var error = new StringWriter();
        var bar = new ProgressBar(Console(error, interactive: false), "tasks.csv");

        bar.Report(new CrmImportProgress("tasks.csv", 500, 250, 1000));
        bar.Done();

        Assert.Equal(string.Empty, error.ToString());
    }

    private static CliConsole Console(TextWriter error, bool interactive)
        => new(TextWriter.Null, error, interactive, Path.GetTempPath(), new FakeTimeProvider());
}
