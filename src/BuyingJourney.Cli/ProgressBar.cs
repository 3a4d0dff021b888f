using System;
using System.Globalization;
using BuyingJourney.Import;

namespace BuyingJourney.Cli;

/// <summary>
/// An import's progress as a bar on stderr (<c>\r</c>-redrawn) when stderr is a terminal; nothing otherwise, so
/// redirected output stays clean. Called on the importer's thread (the import reports synchronously).
/// </summary>
internal sealed class ProgressBar(CliConsole console, string label) : IProgress<CrmImportProgress>
{
    private const int Width = 30;
    private int _drawn = -1;

    public void Report(CrmImportProgress value)
    {
        if (!console.Interactive)
        {
            return;
        }

        var percent = value.TotalBytes > 0 ? (int)Math.Min(100, value.BytesRead * 100 / value.TotalBytes) : 0;
        if (percent == _drawn)
        {
            return;
        }

        _drawn = percent;
        var filled = percent * Width / 100;
        console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{label} [{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}% {value.Records:N0} records"));
    }

    /// <summary>Ends the bar's line.</summary>
    public void Done()
    {
        if (console.Interactive && _drawn >= 0)
        {
            console.Error.WriteLine();
        }
    }
}
