using System;
using System.IO;

namespace BuyingJourney.Testing;

/// <summary>Files of the repository itself (sources, samples, the README), found from the test binaries, for the tests that read them.</summary>
internal static class RepositoryFiles
{
    private const string SolutionFile = "BuyingJourney.sln";

    private static readonly Lazy<string> FoundRoot = new(FindRoot);

    /// <summary>The repository root: the nearest folder at or above <see cref="AppContext.BaseDirectory"/> holding BuyingJourney.sln.</summary>
    /// <exception cref="InvalidOperationException">No folder above the test binaries holds BuyingJourney.sln.</exception>
    public static string Root => FoundRoot.Value;

    /// <summary>The path of <paramref name="parts"/> (folders, then a file or folder name) under <see cref="Root"/>.</summary>
    /// <param name="parts">The path's segments below the root, e.g. <c>"src", "BuyingJourney"</c>.</param>
    /// <exception cref="InvalidOperationException">No folder above the test binaries holds BuyingJourney.sln.</exception>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"{SolutionFile} not found in {AppContext.BaseDirectory} or any folder above it.");
    }
}
