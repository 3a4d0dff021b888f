using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace BuyingJourney.Sqlite;

/// <summary>
/// Checks of the files under a connection that SQLite does not make itself: whether the path still names the file the
/// connection has open, and whether the database, its -wal or its -shm has been made immutable.
/// </summary>
/// <remarks>Each check is one <c>stat</c>-like system call. Thread-safe.</remarks>
internal static partial class SqliteFileChecks
{
    /// <summary><c>SQLITE_FCNTL_HAS_MOVED</c>: sets its argument non-zero when the path no longer names the open file.</summary>
    private const int FileControlHasMoved = 20;

    /// <summary><c>AT_FDCWD</c>: a relative path is taken from the working directory.</summary>
    private const int AtCurrentDirectory = -100;

    /// <summary><c>STATX_ATTR_IMMUTABLE</c> in <c>stx_attributes</c> (<c>chattr +i</c>).</summary>
    private const ulong StatxAttributeImmutable = 0x10;

    private static readonly string[] CompanionSuffixes = ["", "-wal", "-shm"];

    private static bool _fileControlMissing;
    private static bool _statxMissing;

    /// <summary>
    /// True when <paramref name="connection"/>'s main database file is no longer the file its path names (deleted,
    /// renamed, or replaced by another file); false when it still is, or when SQLite cannot tell (a file system whose
    /// SQLite layer does not answer, such as Windows', or a native SQLite other than the bundled e_sqlite3).
    /// </summary>
    public static bool HasMoved(SqliteConnection connection)
    {
        // FileControl calls the bundled e_sqlite3: only safe on handles that library made.
        if (_fileControlMissing || !string.Equals(SQLitePCL.raw.GetNativeLibraryName(), "e_sqlite3", StringComparison.Ordinal))
        {
            return false;
        }

        var handle = connection.Handle ?? throw new InvalidOperationException("the connection is not open.");
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var moved = 0;
            var rc = FileControl(handle.DangerousGetHandle(), "main", FileControlHasMoved, ref moved);
            return rc == 0 && moved != 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _fileControlMissing = true;
            return false;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// The first of the database file, its <c>-wal</c> and its <c>-shm</c> that is immutable (Linux <c>chattr +i</c>),
    /// or null when none is (or the system cannot tell: not Linux, or no <c>statx</c>).
    /// </summary>
    /// <param name="databasePath">The database file's full path, as SQLite opened it.</param>
    public static string? ImmutableFile(string databasePath)
    {
        if (_statxMissing || !OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            foreach (var suffix in CompanionSuffixes)
            {
                var path = databasePath + suffix;
                if (Statx(AtCurrentDirectory, path, 0, 0, out var status) == 0
                    && (status.AttributesMask & status.Attributes & StatxAttributeImmutable) != 0)
                {
                    return path;
                }
            }

            return null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _statxMissing = true;
            return null;
        }
    }

    // The bundled SQLite (SQLitePCLRaw.bundle_e_sqlite3) that Microsoft.Data.Sqlite's handle belongs to; SQLitePCLRaw
    // (2.1 and 3.0) does not wrap sqlite3_file_control itself.
    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_file_control", StringMarshalling = StringMarshalling.Utf8)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int FileControl(IntPtr db, string databaseName, int operation, ref int argument);

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, out StatxBuffer buffer);

    /// <summary>Linux's <c>struct statx</c> (256 bytes); only the attribute words are read.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(8)]
        public ulong Attributes;

        [FieldOffset(56)]
        public ulong AttributesMask;
    }
}
