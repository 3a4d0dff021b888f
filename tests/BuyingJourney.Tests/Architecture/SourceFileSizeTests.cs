using System;
using System.IO;
using System.Linq;
using BuyingJourney.Testing;
using Xunit;

namespace BuyingJourney.Tests.Architecture;

/// <summary>
/// Rooms of a size one person can hold: no source file under <c>src/</c> is much over 500 lines (at most
/// <see cref="MaxLines"/>); a file that grows past it is split, by concern, into partial-class files.
/// </summary>
public sealed class SourceFileSizeTests
{
    private const int MaxLines = 520;

    [Fact]
    public void EverySourceFile_HasAtMostTheLimitOfLines()
    {
        var root = RepositoryFiles.Root;

        var tooLong = SourceFiles()
            .Select(file => (Path: Path.GetRelativePath(root, file).Replace('\\', '/'), Lines: File.ReadLines(file).Count()))
            .Where(f => f.Lines > MaxLines)
            .OrderByDescending(f => f.Lines)
            .Select(f => $"{f.Path}: {f.Lines} lines")
            .ToList();

        Assert.True(
            tooLong.Count == 0,
            $"{tooLong.Count} source files have more than {MaxLines} lines (split each by concern into partial files):\n" + string.Join("\n", tooLong));
    }

    [Fact]
    public void TheCheck_FindsTheSourceFiles()
    {
        var count = SourceFiles().Length;

        Assert.True(count > 100, $"only {count} .cs files were found under src/: the check does not find the sources");
    }

    private static string[] SourceFiles()
    {
        var source = RepositoryFiles.Path("src");
        return Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(source, file))
            .ToArray();
    }

    private static bool IsBuildOutput(string source, string file)
        => Path.GetRelativePath(source, file)
            .Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)
            .Any(folder => folder is "bin" or "obj");
}
