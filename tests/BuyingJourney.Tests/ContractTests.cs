using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit;

namespace BuyingJourney.Tests;

/// <summary>
/// Reflection over the shipped assembly: public classes are sealed and laid out folder by namespace. The surface itself is
/// pinned member by member by PublicApiAnalyzers (src/BuyingJourney/PublicAPI.Shipped.txt and PublicAPI.Unshipped.txt).
/// </summary>
public sealed class ContractTests
{
    private static readonly Assembly Library = typeof(JourneyEngine).Assembly;

    [Fact]
    public void PublicConcreteClasses_AreSealed_EvidenceRuleIsTheOnlyAbstractOne()
    {
        var classes = Library.GetExportedTypes().Where(t => t.IsClass).ToArray();

        var unsealed = classes.Where(t => !t.IsAbstract && !t.IsSealed).Select(t => t.FullName).ToArray();
        var abstractNonStatic = classes.Where(t => t.IsAbstract && !t.IsSealed).Select(t => t.FullName).ToArray();

        Assert.Empty(unsealed);
        Assert.Equal("BuyingJourney.Rules.EvidenceRule", Assert.Single(abstractNonStatic));
    }

    [Fact]
    public void PublicTypes_HaveNoPublicNestedTypes()
    {
        Assert.DoesNotContain(Library.GetExportedTypes(), t => t.IsNested);
    }

    [Fact]
    public void PublicTypes_LiveInANamespaceMatchingTheFolderOfTheirFile()
    {
        var source = SourceFolder();

        foreach (var type in Library.GetExportedTypes())
        {
            var name = type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] : type.Name;
            var files = Directory.GetFiles(source, name + ".cs", SearchOption.AllDirectories)
                .Where(file => !IsBuildOutput(source, file))
                .ToArray();
            var file = Assert.Single(files);
            var folder = Path.GetRelativePath(source, Path.GetDirectoryName(file)!);
            var expected = folder == "." ? "BuyingJourney" : "BuyingJourney." + folder.Replace(Path.DirectorySeparatorChar, '.');

            Assert.Equal(expected, type.Namespace);
        }
    }

    [Fact]
    public void SourceFiles_DeclareTheNamespaceOfTheirFolder()
    {
        var source = SourceFolder();
        var files = Directory.GetFiles(source, "*.cs", SearchOption.AllDirectories).Where(file => !IsBuildOutput(source, file)).ToArray();

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var folder = Path.GetRelativePath(source, Path.GetDirectoryName(file)!);
            var expected = folder == "." ? "BuyingJourney" : "BuyingJourney." + folder.Replace(Path.DirectorySeparatorChar, '.');
            var declared = Regex.Match(File.ReadAllText(file), @"^namespace ([\w.]+);", RegexOptions.Multiline);

            Assert.True(declared.Success, $"{file} has no file-scoped namespace");
            Assert.Equal(expected, declared.Groups[1].Value);
        }
    }

    [Fact]
    public void InternalFolder_HasNoPublicTypes()
    {
        Assert.DoesNotContain(Library.GetExportedTypes(), t => t.Namespace == "BuyingJourney.Internal");
    }

    private static bool IsBuildOutput(string source, string file)
    {
        var relative = Path.GetRelativePath(source, file);
        return relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>src/BuyingJourney, found by walking up from the test binaries (or, failing that, from this source file).</summary>
    private static string SourceFolder([CallerFilePath] string thisFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(thisFile) ?? string.Empty })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "src", "BuyingJourney");
                if (File.Exists(Path.Combine(candidate, "BuyingJourney.csproj")))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException($"src/BuyingJourney not found above {AppContext.BaseDirectory} or {thisFile}");
    }
}
