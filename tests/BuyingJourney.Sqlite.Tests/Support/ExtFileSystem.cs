using System;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace BuyingJourney.Sqlite.Tests.Support;

/// <summary>
/// A fresh directory on an ext4 file system, where root can <c>chattr +i</c> files and a write to a memory-mapped page
/// of an immutable file raises SIGBUS: under the temp folder when that is ext4, otherwise on an ext4 image the set-up
/// formats and loop-mounts (and unmounts and deletes on dispose). Skips the test, saying why, where neither is possible.
/// </summary>
internal sealed class ExtFileSystem : IDisposable
{
    private readonly string _root;
    private readonly string? _mountPoint;

    private ExtFileSystem(string root, string directory, string? mountPoint)
    {
        _root = root;
        Directory = directory;
        _mountPoint = mountPoint;
    }

    /// <summary>The directory to put files in.</summary>
    public string Directory { get; }

    /// <summary>Makes the directory, or skips the test when this machine cannot give one.</summary>
    public static ExtFileSystem Create()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("chattr +i and the SIGBUS of a write to an immutable file's mapping are Linux (ext4) behaviour.");
        }

        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Skip("chattr +i needs root (CAP_LINUX_IMMUTABLE), and so does the loop mount of an ext4 image; run the tests as root.");
        }

        var root = Path.Combine(Path.GetTempPath(), $"buyingjourney-ext4-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(root);
        if (Shell.Run("stat", "-f", "-c", "%T", root).Output.Trim() == "ext2/ext3")
        {
            return new ExtFileSystem(root, root, null);
        }

        var image = Path.Combine(root, "ext4.img");
        var mountPoint = Path.Combine(root, "mnt");
        System.IO.Directory.CreateDirectory(mountPoint);
        using (var file = File.Create(image))
        {
            file.SetLength(32L * 1024 * 1024);
        }

        var format = Shell.Run("mkfs.ext4", "-q", "-F", image);
        var mount = format.ExitCode == 0 ? Shell.Run("mount", "-o", "loop", image, mountPoint) : format;
        if (mount.ExitCode != 0)
        {
            System.IO.Directory.Delete(root, recursive: true);
            Assert.Skip($"the temp folder is not ext4 and an ext4 image could not be loop-mounted (mkfs.ext4 from e2fsprogs, and a loop device, are needed): {mount.Output}");
        }

        return new ExtFileSystem(root, mountPoint, mountPoint);
    }

    /// <summary>Sets or clears the immutable attribute of each existing file.</summary>
    public static void SetImmutable(bool immutable, params string[] paths)
    {
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                var result = Shell.Run("chattr", immutable ? "+i" : "-i", path);
                Assert.True(result.ExitCode == 0, $"chattr on {path}: {result.Output}");
            }
        }
    }

    public void Dispose()
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory))
        {
            Shell.Run("chattr", "-i", file);
        }

        if (_mountPoint is not null)
        {
            Shell.Run("umount", _mountPoint);
        }

        System.IO.Directory.Delete(_root, recursive: true);
    }
}

/// <summary>Runs a command and waits for it.</summary>
internal static class Shell
{
    /// <summary>Runs <paramref name="file"/> with <paramref name="arguments"/>; returns its exit code and its standard output and error together.</summary>
    public static (int ExitCode, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output + errors.GetAwaiter().GetResult());
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, $"{file}: {ex.Message}");
        }
    }
}
