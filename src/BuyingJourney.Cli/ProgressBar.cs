using System;
using System.Globalization;
using BuyingJourney.Import;

namespace BuyingJourney.Cli;

/// <summary>
/// Progress as a bar on stderr (<c>\r</c>-redrawn) when stderr is a terminal; nothing otherwise, so redirected output
/// stays clean. An import reports to it as an <see cref="IProgress{T}"/> on the importer's thread (synchronously);
/// other work calls <see cref="Show"/>.
/// </summary>
internal sealed class ProgressBar(CliConsole console, string label) : IProgress<CrmImportProgress>
{
    private const int Width = 30;
    private int _drawn = -1;

    public void Report(CrmImportProgress value) => Show(value.BytesRead, value.TotalBytes, string.Create(CultureInfo.InvariantCulture, $"{value.Records:N0} records"));

    /// <summary>Draws the bar at <paramref name="done"/> of <paramref name="total"/>, followed by <paramref name="counted"/>, when the percentage changed.</summary>
    public void Show(long done, long total, string counted)
    {
        if (!console.Interactive)
        {
            return;
        }

        var percent = total > 0 ? (int)Math.Min(100, done * 100 / total) : 0;
        if (percent == _drawn)
        {
            return;
        }

        _drawn = percent;
        var filled = percent * Width / 100;
        console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{label} [{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}% {counted}"));
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
