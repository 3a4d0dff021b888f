using System;
using System.IO;

namespace BuyingJourney.Cli;

/// <summary>Where a command writes, whether stderr is a terminal (progress bars), the folder relative paths start from, and the clock.</summary>
/// <param name="Out">Results.</param>
/// <param name="Error">Errors and progress.</param>
/// <param name="Interactive">Whether <paramref name="Error"/> is a terminal: progress is drawn as a bar; otherwise it is not shown.</param>
/// <param name="Directory">The working folder: relative paths and the default database file are taken from it.</param>
/// <param name="Clock">"Now", for assessments.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool Interactive, string Directory, TimeProvider Clock)
{
    /// <summary>A path as given, relative to <see cref="Directory"/>.</summary>
    public string PathOf(string path) => Path.GetFullPath(path, Directory);
}
